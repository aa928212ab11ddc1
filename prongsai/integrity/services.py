"""Writes to the integrity registers: the No Gift Policy of each fiscal year
(the executive's announcement and the culture-building activities) and the
gifts members received by custom (or the explicit statement that there were none).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Membership

from .models import GiftNilStatement, GiftReport, NoGiftActivity, NoGiftAnnouncement
from .permissions import can_manage_no_gift
from .services_common import create_audited, delete_audited, update_audited

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

# The fields the audit trail shows (the long text of an announcement is not kept there).
ANNOUNCEMENT_AUDITED = ("announced_on", "executive_name", "executive_position")
ACTIVITY_AUDITED = ("held_on", "title", "kind", "covers_gift_rules")


def _membership(actor: User, organization: Organization) -> Membership | None:
    return (
        Membership.objects.active()
        .filter(organization=organization, user=actor)
        .first()
    )


def _check_announced_on(announced_on: datetime.date, fiscal_year: int) -> None:
    _start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    if announced_on > end:
        raise DomainError(
            _("The announcement must be made by the end of fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="announced_on",
        )


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field=field)


# --- the announcement ---------------------------------------------------------------


@transaction.atomic
def no_gift_announcement_create(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    announced_on: datetime.date,
    executive_name: str,
    executive_position: str,
    body: str,
    signed_file: File | None = None,
) -> NoGiftAnnouncement:
    """Record the executive's No Gift announcement of a fiscal year (one a year)."""
    if NoGiftAnnouncement.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).exists():
        raise DomainError(
            _("There is already a No Gift announcement for fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="fiscal_year",
        )
    _check_announced_on(announced_on, fiscal_year)
    announcement = NoGiftAnnouncement(
        organization=organization,
        fiscal_year=fiscal_year,
        created_by=actor,
        announced_on=announced_on,
        executive_name=executive_name.strip(),
        executive_position=executive_position.strip(),
        body=body.strip(),
    )
    if signed_file:
        announcement.signed_file = signed_file
    return create_audited(
        announcement,
        actor=actor,
        action="no_gift.create",
        fields=("fiscal_year", *ANNOUNCEMENT_AUDITED),
    )


@transaction.atomic
def no_gift_announcement_update(
    *,
    actor: User,
    announcement: NoGiftAnnouncement,
    announced_on: datetime.date,
    executive_name: str,
    executive_position: str,
    body: str,
    signed_file: File | None = None,
) -> NoGiftAnnouncement:
    _check_announced_on(announced_on, announcement.fiscal_year)
    data: dict[str, Any] = {
        "announced_on": announced_on,
        "executive_name": executive_name.strip(),
        "executive_position": executive_position.strip(),
        "body": body.strip(),
    }
    if signed_file:
        data["signed_file"] = signed_file
    update_audited(
        announcement,
        data,
        actor=actor,
        action="no_gift.update",
        fields=ANNOUNCEMENT_AUDITED,
        uploaded=("signed_file",) if signed_file else (),
    )
    return announcement


@transaction.atomic
def no_gift_announcement_publish(
    *, actor: User, announcement: NoGiftAnnouncement, publish: bool = True
) -> NoGiftAnnouncement:
    """Show the announcement on the public No Gift page (or withdraw it)."""
    if publish and announcement.announced_on > timezone.localdate():
        raise DomainError(
            _("The announcement can be published from the day it is announced.")
        )
    announcement.published_at = timezone.now() if publish else None
    announcement.save(update_fields=["published_at", "updated_at"])
    audit_log(
        actor=actor,
        organization=announcement.organization,
        action="no_gift.publish" if publish else "no_gift.unpublish",
        target=announcement,
    )
    return announcement


# --- activities ---------------------------------------------------------------------


def _activity_data(
    *,
    held_on: datetime.date,
    title: str,
    kind: str,
    covers_gift_rules: bool,
    participants: int | None,
    description: str,
    evidence_url: str,
    evidence_file: File | None,
) -> dict[str, Any]:
    """The fields of an activity as stored; its date sets the fiscal year."""
    _not_future(held_on, "held_on")
    data: dict[str, Any] = {
        "held_on": held_on,
        "fiscal_year": thai_dates.fiscal_year(held_on),
        "title": title.strip(),
        "kind": kind,
        "covers_gift_rules": covers_gift_rules,
        "participants": participants,
        "description": description.strip(),
        "evidence_url": evidence_url.strip(),
    }
    if evidence_file:
        data["evidence_file"] = evidence_file
    return data


@transaction.atomic
def no_gift_activity_create(
    *,
    actor: User,
    organization: Organization,
    held_on: datetime.date,
    title: str,
    kind: str,
    covers_gift_rules: bool = False,
    participants: int | None = None,
    description: str = "",
    evidence_url: str = "",
    evidence_file: File | None = None,
) -> NoGiftActivity:
    """Record a culture-building or awareness activity; its date sets the year."""
    activity = NoGiftActivity(
        organization=organization,
        **_activity_data(
            held_on=held_on,
            title=title,
            kind=kind,
            covers_gift_rules=covers_gift_rules,
            participants=participants,
            description=description,
            evidence_url=evidence_url,
            evidence_file=evidence_file,
        ),
    )
    return create_audited(
        activity,
        actor=actor,
        action="no_gift_activity.create",
        fields=("fiscal_year", *ACTIVITY_AUDITED),
    )


@transaction.atomic
def no_gift_activity_update(
    *,
    actor: User,
    activity: NoGiftActivity,
    held_on: datetime.date,
    title: str,
    kind: str,
    covers_gift_rules: bool = False,
    participants: int | None = None,
    description: str = "",
    evidence_url: str = "",
    evidence_file: File | None = None,
) -> NoGiftActivity:
    data = _activity_data(
        held_on=held_on,
        title=title,
        kind=kind,
        covers_gift_rules=covers_gift_rules,
        participants=participants,
        description=description,
        evidence_url=evidence_url,
        evidence_file=evidence_file,
    )
    update_audited(
        activity,
        data,
        actor=actor,
        action="no_gift_activity.update",
        fields=ACTIVITY_AUDITED,
    )
    return activity


@transaction.atomic
def no_gift_activity_delete(*, actor: User, activity: NoGiftActivity) -> None:
    delete_audited(
        activity,
        actor=actor,
        action="no_gift_activity.delete",
        fields=("fiscal_year", "held_on", "title"),
    )


# --- gifts received by custom -------------------------------------------------------


def _check_reporter(
    actor: User, organization: Organization, reporter: Membership
) -> None:
    if (
        reporter.organization_id != organization.pk
        or not reporter.is_active
        or not reporter.user.is_active
    ):
        raise DomainError(
            _("The reporter must be an active member of this organisation."),
            field="reporter",
        )
    if reporter.user_id != actor.pk and not can_manage_no_gift(
        actor, _membership(actor, organization)
    ):
        raise DomainError(_("Members report the gifts they received themselves."))


@transaction.atomic
def gift_report_create(
    *,
    actor: User,
    organization: Organization,
    reporter: Membership,
    received_on: datetime.date,
    giver: str,
    description: str,
    value: Decimal,
    action: str,
    relationship: str = "",
    note: str = "",
) -> GiftReport:
    """A member reports property or a benefit received by custom.

    Members report for themselves; the No Gift managers may record a report
    for any active member. A report withdraws the year's "none received"
    statement, which no longer holds.
    """
    _check_reporter(actor, organization, reporter)
    _not_future(received_on, "received_on")
    if value < 0:
        raise DomainError(_("The value cannot be negative."), field="value")
    report = GiftReport(
        organization=organization,
        reporter=reporter,
        fiscal_year=thai_dates.fiscal_year(received_on),
        received_on=received_on,
        giver=giver.strip(),
        relationship=relationship.strip(),
        description=description.strip(),
        value=value,
        action=action,
        note=note.strip(),
    )
    create_audited(
        report,
        actor=actor,
        action="gift_report.create",
        changes=lambda saved: {
            "fiscal_year": saved.fiscal_year,
            "value": saved.value,
            "action": saved.action,
            "flagged": saved.flagged,
        },
    )
    nil = GiftNilStatement.objects.filter(
        organization=organization, fiscal_year=report.fiscal_year
    ).first()
    if nil is not None:
        audit_log(
            actor=actor,
            organization=organization,
            action="gift_nil.withdraw",
            target=nil,
            changes={"fiscal_year": nil.fiscal_year, "reason": "gift_report"},
        )
        nil.delete()
    return report


@transaction.atomic
def gift_nil_statement_record(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    stated_on: datetime.date | None = None,
    note: str = "",
) -> GiftNilStatement:
    """State explicitly that nobody reported a gift in the fiscal year."""
    if GiftReport.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).exists():
        raise DomainError(
            _(
                "Gifts were reported in fiscal year %(year)s: the statement that "
                "none were received cannot be made."
            )
            % {"year": fiscal_year}
        )
    if GiftNilStatement.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).exists():
        raise DomainError(
            _("The statement for fiscal year %(year)s is already recorded.")
            % {"year": fiscal_year}
        )
    stated_on = stated_on or timezone.localdate()
    start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
    if stated_on < start:
        raise DomainError(
            _("The statement is made during or after fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="stated_on",
        )
    membership = _membership(actor, organization)
    statement = GiftNilStatement(
        organization=organization,
        fiscal_year=fiscal_year,
        stated_on=stated_on,
        stated_by_name=actor.display_name[:200],
        stated_by_position=membership.position if membership else "",
        note=note.strip(),
    )
    return create_audited(
        statement,
        actor=actor,
        action="gift_nil.record",
        changes={"fiscal_year": fiscal_year, "stated_on": stated_on},
    )
