"""Retention of complaint data: confidential reports deleted and complainants'
details blanked once their terms have passed, or on a data-subject request."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.services import model_update

from .models import (
    CLOSED_STATUSES,
    Case,
    Category,
    ComplaintSettings,
    Kind,
)

# --- Retention ------------------------------------------------------------------------
# What ties a case to the person who sent it.
PERSONAL_FIELDS = (
    "complainant_name",
    "complainant_phone",
    "complainant_email",
    "line_user_id",
    "facebook_psid",
)


def _delete_case_files(case: Case) -> None:
    for attachment in case.attachments.all():
        attachment.file.delete(save=False)


@transaction.atomic
def confidential_purge_expired(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> dict[int, int]:
    """Delete closed confidential reports (and files) past their retention.

    Each organisation's term is its own setting. Returns how many reports
    were (with ``dry_run``: would be) deleted, per organisation id.
    """
    now = now or timezone.now()
    deleted: dict[int, int] = {}
    for row in ComplaintSettings.objects.all_organizations().select_related(
        "organization"
    ):
        limit = now - datetime.timedelta(days=row.confidential_retention_days)
        expired = Case.objects.filter(
            organization_id=row.organization_id,
            kind=Kind.CORRUPTION,
            status__in=CLOSED_STATUSES,
            closed_at__lt=limit,
        )
        if dry_run:
            deleted[row.organization_id] = expired.count()
            continue
        for case in expired:
            reference = case.reference
            _delete_case_files(case)
            case.delete()
            audit_log(
                actor=None,
                organization=row.organization,
                action="case.delete",
                changes={"reference": reference},
            )
            deleted[row.organization_id] = deleted.get(row.organization_id, 0) + 1
    return deleted


@transaction.atomic
def case_remove_personal_data_expired(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> dict[int, int]:
    """Blank the complainant's details of closed cases past their category's term.

    Returns how many cases were (with ``dry_run``: would be) blanked, per
    organisation id.
    """
    now = now or timezone.now()
    done: dict[int, int] = {}
    for category in Category.objects.all_organizations().filter(
        retention_days__isnull=False
    ):
        limit = now - datetime.timedelta(days=category.retention_days or 0)
        cases = Case.objects.filter(
            category=category,
            status__in=CLOSED_STATUSES,
            closed_at__lt=limit,
            personal_data_removed_at__isnull=True,
        )
        if dry_run:
            found = cases.count()
            done[category.organization_id] = (
                done.get(category.organization_id, 0) + found
            )
            continue
        for case in cases:
            case_remove_personal_data(case=case, now=now)
            done[case.organization_id] = done.get(case.organization_id, 0) + 1
    return done


def case_remove_personal_data(
    *,
    case: Case,
    now: datetime.datetime,
    actor: User | None = None,
    reason: str = "",
    delete_files: bool = False,
) -> Case:
    """Blank the complainant's contact details; the matter stays for the record.

    ``delete_files`` also deletes the photos and files the complainant sent
    (an erasure request under the PDPA).
    """
    if delete_files:
        _delete_case_files(case)
        case.attachments.all().delete()
    blank = dict.fromkeys(PERSONAL_FIELDS, "")
    model_update(
        case,
        {**blank, "personal_data_removed_at": now},
        [*PERSONAL_FIELDS, "personal_data_removed_at"],
        clean=False,
    )
    changes = {"personal_data": "removed"}
    if reason:
        changes["reason"] = reason
    audit_log(
        actor=actor,
        organization=case.organization,
        action="case.delete",
        target=case,
        changes=changes,
    )
    return case
