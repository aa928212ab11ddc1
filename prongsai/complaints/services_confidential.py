"""The confidential channel (kind ``corruption``): reports, follow-ups and the
audit of every look.

Their audit entries never hold content, nothing about them is logged, and
staff are told about them only through periodic digests."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import codes
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.outbox import enqueue_on_commit
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from . import receipts
from .models import (
    Case,
    CaseEntry,
    Channel,
    Kind,
    Status,
)
from .services_intake import (
    case_attach_photos,
    case_save_new,
    case_set_due_dates,
    photos_validate,
)
from .services_settings import complaint_settings_ensure


@transaction.atomic
def confidential_submit(
    *,
    organization: Organization,
    description: str,
    subject: str = "",
    is_anonymous: bool = True,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    concerns_executive: bool = False,
    concerns_integrity_officer: bool = False,
    photos: Iterable[bytes] = (),
) -> tuple[Case, str]:
    """Take in a corruption or misconduct report; return it and its receipt code.

    The receipt code is returned once and stored only as a slow hash. An
    anonymous report keeps no name or contact, whatever was sent. A report
    about an executive is routed to the external body in the settings; one
    about an integrity officer is read by the executives, not the officers.
    """
    settings_row = complaint_settings_ensure(organization=organization)
    cleaned_photos = photos_validate(photos)
    if not (description or "").strip():
        raise ValidationError({"description": _("Describe what happened.")})
    if not is_anonymous and not (reporter_name or "").strip():
        raise ValidationError(
            {"reporter_name": _("Give your name, or choose to report anonymously.")}
        )
    case = Case(
        organization=organization,
        kind=Kind.CORRUPTION,
        channel=Channel.WEB,
        subject=(subject or "").strip()[:200] or _("Report without a subject"),
        description=description.strip(),
        is_anonymous=is_anonymous,
        complainant_name="" if is_anonymous else reporter_name.strip(),
        complainant_phone="" if is_anonymous else (reporter_phone or ""),
        complainant_email="" if is_anonymous else (reporter_email or ""),
        concerns_executive=concerns_executive,
        concerns_integrity_officer=concerns_integrity_officer,
        external_body=settings_row.external_body if concerns_executive else "",
        received_at=timezone.now(),
    )
    case_set_due_dates(case, confidential_unit=settings_row.confidential_deadline_unit)
    case.full_clean(exclude=["reference", "tracking_code"])
    code = ""
    for _attempt in range(5):
        code = codes.new_receipt_code()
        case.receipt_hash = receipts.receipt_hash(code, settings_row.receipt_salt)
        if not Case.objects.filter(
            organization=organization, receipt_hash=case.receipt_hash
        ).exists():
            break
    case_save_new(case)
    case_attach_photos(case, cleaned_photos)
    CaseEntry.objects.create(case=case, type=CaseEntry.Type.RECEIVED)
    # The trail says that a report came in, never what it says or who sent it.
    audit_log(
        actor=None,
        organization=organization,
        action="confidential.submit",
        target=case,
        changes={
            "routed_externally": concerns_executive,
            "routed_to_executives": concerns_integrity_officer,
        },
        public=False,
    )
    if concerns_executive:
        _route_external(case.pk)
    return case, code


@transaction.atomic
def confidential_forward_external(*, actor: User, case: Case) -> Case:
    """An executive sends a report about an integrity officer on to the
    external body in the settings (the recipient that reports about
    executives go to). Its content is then no longer handled here."""
    from prongsai.organizations.models import Membership
    from prongsai.organizations.permissions import can_read_confidential
    from prongsai.organizations.roles import Role

    from .selectors import external_recipient_get_in_force

    case = Case.objects.select_for_update().get(
        organization=case.organization_id, pk=case.pk
    )
    membership = (
        Membership.objects.active()
        .filter(organization=case.organization_id, user=actor)
        .first()
    )
    if (
        membership is None
        or not membership.has_role(Role.EXECUTIVE)
        or can_read_confidential(membership)
    ):
        raise DomainError(_("Only an executive can send this report on."))
    if case.kind != Kind.CORRUPTION or not case.concerns_integrity_officer:
        raise DomainError(
            _("Only a report about an integrity officer is sent on here.")
        )
    if case.external_body:
        raise DomainError(_("This report is handled by an external body."))
    if external_recipient_get_in_force(organization=case.organization) is None:
        raise DomainError(
            _("No external body is set up to receive reports: see the settings.")
        )
    settings_row = complaint_settings_ensure(organization=case.organization)
    model_update(
        case,
        {"external_body": settings_row.external_body},
        ["external_body"],
        clean=False,
    )
    audit_log(
        actor=actor,
        organization=case.organization,
        action="confidential.forward_external",
        target=case,
        changes={"external_body": case.external_body},
        public=False,
    )
    _route_external(case.pk)
    return case


def _route_external(case_id: int) -> None:
    from .tasks import confidential_route_external as route_task

    enqueue_on_commit(route_task, case_id)


@transaction.atomic
def confidential_follow_up(*, case: Case, text: str) -> CaseEntry:
    """The reporter adds information with the receipt code."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the information to add.")})
    entry = CaseEntry.objects.create(
        case=case, type=CaseEntry.Type.MESSAGE, text=text, is_public=True
    )
    model_update(
        case,
        {"last_reporter_activity_at": timezone.now()},
        ["last_reporter_activity_at"],
        clean=False,
    )
    audit_log(
        actor=None,
        organization=case.organization,
        action="confidential.follow_up",
        target=case,
        public=False,
    )
    return entry


def confidential_record_view(*, actor: User, case: Case) -> None:
    """Every look at a confidential report is written to the audit trail."""
    audit_log(
        actor=actor,
        organization=case.organization,
        action=(
            "confidential.view_about_officer"
            if case.concerns_integrity_officer
            else "confidential.view"
        ),
        target=case,
        public=False,
    )


def confidential_record_list_view(
    *,
    actor: User,
    organization: Organization,
    status: str = "",
    about_officers: bool = False,
) -> None:
    """Every opening of the confidential reports list is written to the trail,
    with the status it was filtered by (which list was seen)."""
    known = status in Status.values or status == "open"
    audit_log(
        actor=actor,
        organization=organization,
        action=(
            "confidential.list_about_officers"
            if about_officers
            else "confidential.list"
        ),
        changes={"status": status} if known else {},
        public=False,
    )
