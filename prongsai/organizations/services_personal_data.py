"""The register of data-subject requests (PDPA): log, answer, export, erase."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import personal_data
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.personal_data import Identifiers, SearchResult
from prongsai.core.services import model_update

from .models import DataSubjectRequest, Organization


@transaction.atomic
def subject_request_log(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    requester: str,
    received_on: date | None = None,
    details: str = "",
    related_reference: str = "",
) -> DataSubjectRequest:
    """Log a request as it arrives; it is to be answered within 30 days."""
    received = received_on or timezone.localdate()
    entry = DataSubjectRequest(
        organization=organization,
        kind=kind,
        requester=requester,
        received_on=received,
        due_on=received + timedelta(days=DataSubjectRequest.ANSWER_DAYS),
        details=details,
        related_reference=related_reference.strip().upper(),
        handled_by=actor,
    )
    entry.full_clean()
    entry.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="subject_request.create",
        target=entry,
        changes={"kind": entry.kind, "due_on": entry.due_on},
    )
    return entry


@transaction.atomic
def subject_request_answer(
    *,
    actor: User,
    entry: DataSubjectRequest,
    outcome: str,
    answered_on: date | None = None,
    details: str = "",
) -> DataSubjectRequest:
    """Record how a logged request was answered."""
    entry = (
        DataSubjectRequest.objects.for_organization(entry.organization_id)
        .select_for_update()
        .get(pk=entry.pk)
    )
    if not outcome or outcome not in DataSubjectRequest.Outcome.values:
        raise DomainError(_("Choose the outcome."), field="outcome")
    if not entry.is_pending:
        raise DomainError(_("This request has already been answered."))
    data = {"outcome": outcome, "answered_on": answered_on or timezone.localdate()}
    if details:
        data["details"] = (entry.details + "\n" + details).strip()
    model_update(entry, data, ("outcome", "answered_on", "details"))
    audit_log(
        actor=actor,
        organization=entry.organization,
        action="subject_request.answer",
        target=entry,
        changes={"outcome": outcome},
    )
    return entry


def _subject_request_record(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    identifiers: Identifiers,
    result: SearchResult,
    counts: dict[str, int],
    reason: str = "",
) -> DataSubjectRequest:
    if not result.total:
        outcome = (
            DataSubjectRequest.Outcome.PARTLY
            if result.hidden_confidential
            else DataSubjectRequest.Outcome.NOTHING_FOUND
        )
    elif result.hidden_confidential:
        outcome = DataSubjectRequest.Outcome.PARTLY
    else:
        outcome = DataSubjectRequest.Outcome.DONE
    today = timezone.localdate()
    entry = DataSubjectRequest(
        organization=organization,
        kind=kind,
        received_on=today,
        answered_on=today,
        identifier_hashes=identifiers.hashed(),
        handled_by=actor,
        reason=reason,
        outcome=outcome,
        counts=counts,
        confidential_left_out=result.hidden_confidential,
    )
    entry.full_clean()
    entry.save()
    audit_log(
        actor=actor,
        organization=organization,
        action=f"subject_request.{kind}",
        target=entry,
        changes={"counts": counts, "outcome": outcome},
    )
    return entry


def _person_find(
    *,
    organization: Organization,
    identifiers: Identifiers,
    general_access: bool,
    confidential_access: str | None,
) -> SearchResult:
    if identifiers.is_empty():
        raise DomainError(_("Enter at least one way to find the person."))
    return personal_data.personal_data_find(
        organization=organization,
        identifiers=identifiers,
        confidential_access=confidential_access,
        general_access=general_access,
    )


@transaction.atomic
def subject_request_export(
    *,
    actor: User,
    organization: Organization,
    identifiers: Identifiers,
    general_access: bool,
    confidential_access: str | None,
) -> tuple[dict[str, Any], DataSubjectRequest]:
    """Export one person's data (PDPA access) and enter it in the register.

    ``general_access`` (organisation administrators) covers every record but
    confidential reports; ``confidential_access`` (integrity officers) covers
    those. Returns ``(export, register entry)``; ``export`` is a JSON-able dict.
    """
    result = _person_find(
        organization=organization,
        identifiers=identifiers,
        general_access=general_access,
        confidential_access=confidential_access,
    )
    export = personal_data.personal_data_export(
        organization=organization, result=result
    )
    entry = _subject_request_record(
        actor=actor,
        organization=organization,
        kind="access",
        identifiers=identifiers,
        result=result,
        counts=result.counts(),
    )
    return export, entry


@transaction.atomic
def subject_request_erase(
    *,
    actor: User,
    organization: Organization,
    identifiers: Identifiers,
    general_access: bool,
    confidential_access: str | None,
    reason: str,
) -> DataSubjectRequest:
    """Erase or anonymise one person's data (PDPA erasure), with a register entry."""
    reason = (reason or "").strip()
    if not reason and not identifiers.is_empty():
        raise DomainError(
            _("Write why the data is erased (e.g. the person's request)."),
            field="reason",
        )
    result = _person_find(
        organization=organization,
        identifiers=identifiers,
        general_access=general_access,
        confidential_access=confidential_access,
    )
    counts = personal_data.personal_data_erase(
        organization=organization, result=result, actor=actor, reason=reason
    )
    return _subject_request_record(
        actor=actor,
        organization=organization,
        kind="erasure",
        identifiers=identifiers,
        result=result,
        counts=counts,
        reason=reason,
    )
