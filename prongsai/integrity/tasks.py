"""Background work of the integrity registers (tasks take ids and call services)."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from prongsai.core.fanout import PER_ORGANIZATION, fan_out
from prongsai.notifications.services import Citizen, notify
from prongsai.organizations.models import Membership, Organization

from .selectors_assets import loan_list_overdue
from .services_coi import coi_yearly_reminders_send


@shared_task
def coi_send_yearly_reminders() -> int:
    """Remind members who have not made the year's declaration of interests
    (Celery beat, daily; each member at most once a month): one task per
    active organisation (``core.fanout``). Returns how many were queued."""
    ids = list(Organization.objects.active().values_list("pk", flat=True))
    return fan_out(coi_yearly_reminders_for, ids, timezone.localdate().isoformat())


@shared_task(**PER_ORGANIZATION)
def coi_yearly_reminders_for(organization_id: int, today: str) -> int:
    """One organisation's reminders of the day ``today`` (ISO date, the day
    the job was queued); returns how many were sent."""
    organization = Organization.objects.active().filter(pk=organization_id).first()
    if organization is None:
        return 0
    return coi_yearly_reminders_send(
        organization=organization, today=datetime.date.fromisoformat(today)
    )


def _officers(loan) -> list:
    """Who looks after a late loan: the custodians of its assets, else the
    organisation's integrity officers."""
    custodians = {
        line.asset.custodian
        for line in loan.lines.all()
        if line.asset.custodian is not None
    }
    if custodians:
        return list(custodians)
    return [
        m.user
        for m in Membership.objects.active()
        .filter(organization=loan.organization)
        .select_related("user")
        if m.has_role("integrity_officer")
    ]


@shared_task(acks_late=True)
def asset_loans_remind_overdue() -> int:
    """Remind borrowers and custodians of loans not returned by their end date.

    Runs daily from Celery beat (``CELERY_BEAT_SCHEDULE``); each loan is
    told to each person at most once a day (the notifications'
    de-duplication keys). Returns the messages sent.
    """
    today = timezone.localdate()
    sent = 0
    for loan in loan_list_overdue(today=today):
        organization = loan.organization
        context = {
            "loan": loan,
            "lines": list(loan.lines.all()),
            "days_late": (today - loan.end_on).days,
        }
        key = f"integrity.loan_overdue:{loan.pk}:{today.isoformat()}"
        if loan.borrower is not None:
            sent += (
                notify(
                    organization=organization,
                    recipient=loan.borrower,
                    kind="integrity/loan_overdue",
                    context=context | {"to_borrower": True},
                    url=loan.get_staff_url(),
                    dedup_key=key,
                    source=f"integrity.asset_loan:{loan.pk}",
                )
                is not None
            )
        else:
            request = loan.service_request
            citizen = Citizen(
                email=(request.citizen_email if request else "") or loan.borrower_email,
                line_user_id=request.line_user_id if request else "",
            )
            if citizen.email or citizen.line_user_id:
                sent += (
                    notify(
                        organization=organization,
                        citizen=citizen,
                        kind="integrity/loan_overdue_citizen",
                        context=context,
                        url=request.get_tracking_url() if request else None,
                        dedup_key=key,
                        source=f"integrity.asset_loan:{loan.pk}",
                    )
                    is not None
                )
        for officer in _officers(loan):
            if officer == loan.borrower:
                continue
            sent += (
                notify(
                    organization=organization,
                    recipient=officer,
                    kind="integrity/loan_overdue",
                    context=context | {"to_borrower": False},
                    url=loan.get_staff_url(),
                    dedup_key=key,
                    source=f"integrity.asset_loan:{loan.pk}",
                )
                is not None
            )
    return sent
