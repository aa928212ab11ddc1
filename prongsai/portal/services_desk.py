"""The weekly digest of the executive's desk (``notifications.notify_digest``)."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from prongsai.core.audit import action_label
from prongsai.core.selectors import audit_event_list
from prongsai.notifications.services import DigestItem, notify_digest
from prongsai.organizations.models import Organization
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

from .selectors_desk import Desk, desk_get

#: What the digest counts as "changed this week": the audited steps of the
#: work the desk follows. None of them is written for a confidential report
#: (``case.status`` is, so the complaints count only what came in).
WEEK_ACTIONS = (
    "plan.submit",
    "plan.approve",
    "plan.return",
    "progress.create",
    "oit_evidence.add",
    "oit_checklist.submit",
    "case.submit",
    "case.record",
    "eservice_request.transition",
    "procurement.create",
    "procurement.import",
    "risk.follow_up",
)


def desk_week_changes(
    *, organization: Organization, today: datetime.date
) -> list[tuple[str, int]]:
    """(label, how many) of the audited steps of the last seven days."""
    rows = (
        audit_event_list(
            organization=organization,
            date_from=today - datetime.timedelta(days=6),
            date_to=today,
            only_actions=WEEK_ACTIONS,
        )
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
    )
    counts = {row["action"]: row["n"] for row in rows}
    return [
        (action_label(action), counts[action])
        for action in WEEK_ACTIONS
        if counts.get(action)
    ]


def _totals(desk: Desk) -> list[tuple[str, str]]:
    """The desk's headline figures as (label, value) lines of text."""
    from django.utils.translation import gettext as _

    lines = [(str(w.label), str(w.count)) for w in desk.waiting if w.count]
    if desk.oit is not None:
        lines.append((_("OIT items ready"), f"{desk.oit.done}/{desk.oit.total}"))
        if desk.oit.ita_total is not None:
            lines.append((_("ITA estimate"), f"{desk.oit.ita_total:.2f}"))
    if desk.plans is not None:
        lines.append((_("Measures at risk"), str(desk.plans.at_risk)))
    if desk.eservices is not None:
        lines.append(
            (
                _("E-Service deadlines met / missed"),
                f"{desk.eservices.met}/{desk.eservices.missed}",
            )
        )
    if desk.complaints is not None:
        lines.append((_("Open complaints"), str(desk.complaints.open)))
        lines.append((_("Overdue complaints"), str(desk.complaints.overdue)))
    if desk.procurement is not None:
        lines.append((_("Procurement risk indicators"), str(desk.procurement.flagged)))
    if desk.budget is not None and desk.budget.disbursed_share is not None:
        lines.append((_("Budget disbursed"), f"{desk.budget.disbursed_share}%"))
    return lines


def desk_digest_send(
    *, organization: Organization, today: datetime.date | None = None
) -> int:
    """Send each executive of ``organization`` the week's digest of the desk:
    the totals as they see them and what changed in the last seven days;
    once per ISO week and person. Returns how many were sent."""
    today = today or timezone.localdate()
    year, week, _weekday = today.isocalendar()
    url = reverse("portal-desk:desk", kwargs={"org": organization.slug})
    changes = desk_week_changes(organization=organization, today=today)
    sent = 0
    for membership in membership_list_with_role(
        organization=organization, role=Role.EXECUTIVE
    ):
        desk = desk_get(
            organization=organization,
            user=membership.user,
            membership=membership,
            today=today,
        )
        notification, _items = notify_digest(
            organization=organization,
            recipient=membership,
            kind="portal/desk_weekly",
            items=[
                DigestItem(
                    keys=(f"portal.desk_weekly:{year}-W{week:02d}",),
                    item={"totals": _totals(desk), "changes": changes},
                )
            ],
            context={
                "fiscal_year_label": desk.fiscal_year_label,
                "today": today,
                "waiting_total": desk.waiting_total,
            },
            url=url,
            on=today,
        )
        sent += notification is not None
    return sent
