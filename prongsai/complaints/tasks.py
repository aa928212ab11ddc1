"""Background work of the complaint centre. Tasks take ids and call services.

Nothing here logs case content, reporter details or message text.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.core.fanout import PER_ORGANIZATION, fan_out
from prongsai.core.mail import CONFIDENTIAL_HEADER
from prongsai.core.thai_dates import format_datetime
from prongsai.core.urls import absolute_url
from prongsai.notifications.services import Citizen, notify
from prongsai.organizations.models import Organization
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

from . import intake, selectors, services
from .models import (
    OPEN_STATUSES,
    Case,
    CaseEntry,
    Channel,
    Kind,
    Status,
)
from .services_settings import members_notify

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return absolute_url(path)


@shared_task(acks_late=True)
def line_process_event(event_id: int) -> bool:
    return intake.line_event_process(event_id)


@shared_task(acks_late=True)
def messenger_process_event(event_id: int) -> bool:
    return intake.messenger_event_process(event_id)


@shared_task
def chat_drafts_file_idle() -> int:
    """File the chat drafts citizens left for 30 minutes (those with a
    description) and push them their case number; the number filed."""
    from .intake_send import idle_draft_file
    from .services_chat import chat_sessions_idle

    return sum(idle_draft_file(pk) is not None for pk in chat_sessions_idle())


@shared_task
def inbound_events_requeue(older_than_seconds: int = 60) -> int:
    """Queue again events stored but not processed (e.g. a worker died).

    Processing is idempotent, so an event queued twice is still handled once.
    """
    from .models import InboundEvent

    limit = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    stale = (
        InboundEvent.objects.all_organizations()
        .filter(processed_at__isnull=True, created_at__lt=limit, attempts__lt=5)
        .values_list("pk", "source")[:1000]
    )
    for pk, source in stale:
        task = line_process_event if source == "line" else messenger_process_event
        task.delay(pk)
    return len(stale)


@shared_task(acks_late=True)
def case_notify_new(case_id: int) -> int:
    """Tell complaint officers a case came in: reference and link, no content."""
    case = (
        Case.objects.all_organizations()
        .select_related("organization", "category")
        .filter(pk=case_id)
        .first()
    )
    if case is None or case.is_confidential:
        return 0
    organization = case.organization
    with translation.override("th"):
        context = {
            "reference": case.reference,
            "kind": case.get_kind_display(),
            "channel": case.get_channel_display(),
        }
    return members_notify(
        organization,
        membership_list_with_role(
            organization=organization, role=Role.COMPLAINT_OFFICER
        ),
        kind="complaints/new_case",
        context=context,
        url=reverse(
            "complaints-staff:case", kwargs={"org": organization.slug, "pk": case.pk}
        ),
        dedup_key=f"complaints.new_case:{case.pk}",
    )


@shared_task(acks_late=True)
def case_entry_deliver(entry_id: int) -> bool:
    """Send a reply or status change to the complainant where they wrote from.

    LINE, Messenger and e-mail all go through ``notifications.notify``: the
    ``Delivery`` row retries with backoff, and the entry shows as sent only
    once the channel confirmed it (``receivers.entry_follows_delivery``).
    """
    entry = (
        CaseEntry.objects.all_organizations()
        .select_related("case", "case__organization")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or entry.delivery != CaseEntry.Delivery.PENDING:
        return False
    case = entry.case
    citizen = _citizen(case)
    if citizen is None:  # the address is gone (personal data removed)
        services.entry_mark_delivery(entry=entry, delivered=False)
        return False
    track = reverse(
        "complaints-public:track",
        kwargs={"org": case.organization.slug, "code": case.tracking_code},
    )
    with translation.override("th"):
        text = intake.status_text(case)
        if entry.text:
            text += "\n" + entry.text
        if entry.to_status == Status.RESOLVED and case.channel in (
            Channel.LINE,
            Channel.FACEBOOK,
        ):
            text += "\n" + _("Please tell us how satisfied you are (once): %(url)s") % {
                "url": _absolute(track)
            }
    source = services.entry_source(entry)
    notified = notify(
        organization=case.organization,
        citizen=citizen,
        kind="complaints/reply",
        context={"reference": case.reference, "text": text},
        url=track,
        # A retry of the entry (``entry_retry_delivery``) without a delivery
        # row sends again under a new key.
        dedup_key=f"{source}:{entry.retry_key}:{entry.updated_at.timestamp()}",
        source=source,
    )
    return notified is not None


def _citizen(case: Case) -> Citizen | None:
    """Where the complainant of ``case`` is reached: the channel they used."""
    if case.channel == Channel.LINE and case.line_user_id:
        return Citizen(line_user_id=case.line_user_id)
    if case.channel == Channel.FACEBOOK and case.facebook_psid:
        return Citizen(messenger_psid=case.facebook_psid)
    if case.complainant_email:
        return Citizen(email=case.complainant_email)
    return None


@shared_task(acks_late=True)
def confidential_route_external(case_id: int) -> bool:
    """Send a report about an executive to the external body, not to staff."""
    case = (
        Case.objects.all_organizations()
        .select_related("organization")
        .filter(pk=case_id)
        .first()
    )
    if case is None or not case.external_body:
        return False
    # Only an operator-listed recipient or an own address that was verified and
    # confirmed by a second person ever receives the report.
    recipient = selectors.external_recipient_get_in_force(
        organization=case.organization
    )
    if recipient is None:
        logger.warning("no external recipient for reports about executives")
        return False
    with translation.override("th"):
        body = "\n\n".join(
            [
                _("Report %(reference)s received by %(organization)s on %(date)s.")
                % {
                    "reference": case.reference,
                    "organization": case.organization.name,
                    "date": format_datetime(case.received_at),
                },
                case.subject,
                case.description,
                _("Reporter: %(who)s")
                % {
                    "who": _("anonymous")
                    if case.is_anonymous
                    else ", ".join(
                        x
                        for x in (
                            case.complainant_name,
                            case.complainant_phone,
                            case.complainant_email,
                        )
                        if x
                    )
                },
            ]
        )
        if case.concerns_integrity_officer and not case.concerns_executive:
            subject = _(
                "Corruption report about an integrity officer: %(reference)s"
            ) % {"reference": case.reference}
        else:
            subject = _("Corruption report about an executive: %(reference)s") % {
                "reference": case.reference
            }
        # Marked so that the console backend of the demo never prints it.
        EmailMessage(
            subject=subject,
            body=body,
            to=[recipient.email],
            headers={CONFIDENTIAL_HEADER: "1"},
        ).send()
    return True


@shared_task
def confidential_send_digests(hours: int = 24) -> int:
    """Queue one confidential digest per active organisation (``core.fanout``)
    over the last ``hours``; returns how many were queued."""
    now = timezone.now()
    since = now - datetime.timedelta(hours=hours)
    ids = list(Organization.objects.active().values_list("pk", flat=True))
    return fan_out(confidential_digest_for, ids, since.isoformat(), now.isoformat())


@shared_task(**PER_ORGANIZATION)
def confidential_digest_for(organization_id: int, since: str, now: str) -> bool:
    """Tell one organisation's integrity officers how many reports need them
    (between ``since`` and ``now``, ISO times fixed by the dispatcher); never
    what they say.

    Reports about an integrity officer are counted for the executives (who
    are not integrity officers) instead, never for the officers. Returns
    whether someone was told.
    """
    organization = Organization.objects.active().filter(pk=organization_id).first()
    if organization is None:
        return False
    reports = Case.objects.filter(
        organization=organization, kind=Kind.CORRUPTION, external_body=""
    )
    officers = membership_list_with_role(
        organization=organization, role=Role.INTEGRITY_OFFICER
    )
    executives = [
        m
        for m in membership_list_with_role(
            organization=organization, role=Role.EXECUTIVE
        )
        if m not in officers
    ]
    told = 0
    for about_officer, readers in ((False, officers), (True, executives)):
        told += _confidential_digest(
            organization,
            reports.filter(concerns_integrity_officer=about_officer),
            readers,
            since=datetime.datetime.fromisoformat(since),
            now=datetime.datetime.fromisoformat(now),
            key="complaints.confidential" + (".officer" if about_officer else ""),
        )
    return told > 0


def _confidential_digest(organization, reports, readers, *, since, now, key) -> int:
    new = reports.filter(received_at__gte=since).count()
    follow_ups = reports.filter(last_reporter_activity_at__gte=since).count()
    waiting = reports.filter(status__in=OPEN_STATUSES).count()
    if not (new or follow_ups):
        return 0
    return members_notify(
        organization,
        readers,
        kind="complaints/confidential_digest",
        context={"new": new, "follow_ups": follow_ups, "waiting": waiting},
        url=reverse(
            "complaints-staff:confidential-list", kwargs={"org": organization.slug}
        ),
        dedup_key=key + ":" + timezone.localdate(now).isoformat(),
    )


@shared_task
def complaints_send_reminders() -> int:
    """Queue the overdue-case reminders of every active organisation
    (``core.fanout``); returns how many were queued."""
    ids = list(Organization.objects.active().values_list("pk", flat=True))
    return fan_out(complaints_reminders_for, ids, timezone.localdate().isoformat())


@shared_task(**PER_ORGANIZATION)
def complaints_reminders_for(organization_id: int, today: str) -> bool:
    """Remind one organisation's complaint officers of overdue cases
    (references only), by the channels each chose (e-mail, LINE, inbox),
    once a day per officer (``today``: the ISO date the job was queued).

    Returns whether there were overdue cases to remind of and someone was told.
    """
    organization = Organization.objects.active().filter(pk=organization_id).first()
    if organization is None:
        return False
    overdue = [
        c
        for c in Case.objects.filter(
            organization=organization, status__in=OPEN_STATUSES
        )
        .exclude(kind=Kind.CORRUPTION)
        .order_by("resolve_due")
        if c.is_overdue
    ]
    if not overdue:
        return False
    told = members_notify(
        organization,
        membership_list_with_role(
            organization=organization, role=Role.COMPLAINT_OFFICER
        ),
        kind="complaints/overdue",
        context={
            "count": len(overdue),
            "references": ", ".join(c.reference for c in overdue[:50]),
        },
        url=reverse("complaints-staff:case-list", kwargs={"org": organization.slug}),
        dedup_key="complaints.overdue:" + today,
    )
    return told > 0


@shared_task
def kept_uploads_clean() -> int:
    """Delete photos kept from forms sent back with errors, past their hour."""
    from .services_uploads import kept_uploads_delete_expired

    return kept_uploads_delete_expired()
