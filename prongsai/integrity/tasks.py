"""Background work of the integrity registers (tasks take ids and call services)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from prongsai.notifications.services import Citizen, notify
from prongsai.organizations.models import Membership, Organization

from .selectors_assets import loan_list_overdue
from .services_coi import coi_yearly_reminders_send


@shared_task
def coi_send_yearly_reminders() -> int:
    """Remind members who have not made the year's declaration of interests
    (Celery beat, daily; each member at most once a month)."""
    today = timezone.localdate()
    sent = 0
    for organization in Organization.objects.active():
        sent += coi_yearly_reminders_send(organization=organization, today=today)
    return sent


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
