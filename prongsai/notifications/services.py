"""The one way to tell a member or a citizen something.

``notify`` renders the Thai templates of a kind
(``templates/notifications/<kind>/subject.txt``, ``body.txt`` and optionally
``line.txt``), keeps the message in the member's inbox, and sends it by
e-mail and LINE after the transaction commits, as the member's preferences
say. Sends that fail are retried with exponential backoff
(:func:`deliveries_retry_due`, from Celery beat); members who chose a daily
digest get one message a day (:func:`digests_send`).

Message texts, addresses and LINE user ids are never logged; a failed
delivery keeps the kind of error only.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import select_template
from django.utils import timezone, translation

from prongsai.accounts.models import User
from prongsai.core.mail import CONFIDENTIAL_HEADER
from prongsai.core.outbox import enqueue_on_commit
from prongsai.core.urls import absolute_url
from prongsai.organizations.messaging import (
    LinePushError,
    MessengerSendError,
    line_push,
    messenger_send,
    retry_key_for,
)
from prongsai.organizations.models import Membership, Organization

from .models import (
    Channel,
    Delivery,
    Frequency,
    Notification,
    NotificationPreference,
    SentKey,
)
from .selectors import preference_get
from .signals import delivery_finished

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
RETRY_BASE = timedelta(minutes=1)
# A fresh delivery is sent at once after commit; the retry job picks it up
# only if that did not happen (a lost task), after this grace.
FIRST_SEND_GRACE = timedelta(minutes=5)
SEND_ERRORS: tuple[type[BaseException], ...] = (
    LinePushError,
    MessengerSendError,
    smtplib.SMTPException,
    OSError,
)


@dataclass(frozen=True)
class Citizen:
    """A person outside the organisation, reached at their own address."""

    email: str = ""
    line_user_id: str = ""
    # A Messenger user (page-scoped id); reach them only inside the 24-hour
    # window after their last message (the caller checks it).
    messenger_psid: str = ""


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8, ... minutes after the ``attempts``-th failure."""
    return RETRY_BASE * (2 ** max(attempts - 1, 0))


def preference_update(
    *,
    membership: Membership,
    email_enabled: bool,
    line_enabled: bool,
    inbox_enabled: bool,
    frequency: str,
) -> NotificationPreference:
    rows = NotificationPreference.objects.for_organization(membership.organization_id)
    row, _created = rows.update_or_create(
        membership=membership,
        defaults={
            "email_enabled": email_enabled,
            "line_enabled": line_enabled,
            "inbox_enabled": inbox_enabled,
            "frequency": Frequency(frequency),
        },
    )
    return row


def _membership(organization, recipient) -> Membership | None:
    if recipient is None:
        return None
    membership: Membership | None
    if isinstance(recipient, Membership):
        membership = recipient
    else:
        membership = (
            Membership.objects.filter(organization=organization, user=recipient)
            .select_related("user")
            .first()
        )
    if (
        membership is None
        or membership.organization_id != organization.pk
        or not membership.is_active
        or not membership.user.is_active
    ):
        return None
    return membership


def _citizen_scope(citizen: Citizen) -> str:
    raw = "|".join(
        (citizen.email.strip().lower(), citizen.line_user_id, citizen.messenger_psid)
    ).encode()
    return "c:" + hashlib.sha256(raw).hexdigest()[:40]


def _render_text(names: list[str], context: dict) -> str:
    """Render the first template found as plain text (no HTML escaping)."""
    template = select_template(names).template
    return template.render(Context(context, autoescape=False))


def _render(kind: str, context: dict) -> tuple[str, str, str]:
    """Subject, e-mail body and LINE text of ``kind``, in Thai."""
    with translation.override("th"):
        subject = _render_text([f"notifications/{kind}/subject.txt"], context)
        subject = " ".join(subject.split())[:300]
        body = _render_text([f"notifications/{kind}/body.txt"], context).strip()
        line = _render_text(
            [f"notifications/{kind}/line.txt", "notifications/line.txt"],
            {**context, "subject": subject},
        )
    return subject, body, line.strip()


def sent_key_record(
    *, organization: Organization, recipient: str, key: str, on: date | None = None
) -> bool:
    """Note ``key`` as sent to ``recipient``; False when it already was."""
    try:
        with transaction.atomic():
            SentKey.objects.create(
                organization=organization,
                recipient=recipient,
                key=key[:200],
                sent_on=on or timezone.localdate(),
            )
    except IntegrityError:
        return False
    return True


def member_scope(membership: Membership) -> str:
    return f"m:{membership.pk}"


def _targets(
    membership: Membership | None, citizen: Citizen | None, wanted: set[str]
) -> tuple[list[tuple[str, str]], bool, str, str]:
    """Where to send (channel, address), whether to the inbox, how often, and
    the recipient's de-duplication scope; a member's preferences decide."""
    targets: list[tuple[str, str]] = []
    in_inbox = False
    frequency: str = Frequency.IMMEDIATE
    if membership is not None:
        preference = preference_get(membership=membership)
        frequency = preference.frequency
        if preference.email_enabled and membership.user.email:
            targets.append((Channel.EMAIL, membership.user.email))
        if preference.line_enabled and membership.line_user_id:
            targets.append((Channel.LINE, membership.line_user_id))
        in_inbox = preference.inbox_enabled and Channel.INBOX in wanted
        scope = member_scope(membership)
    else:
        assert citizen is not None
        if citizen.email:
            targets.append((Channel.EMAIL, citizen.email))
        if citizen.line_user_id:
            targets.append((Channel.LINE, citizen.line_user_id))
        if citizen.messenger_psid:
            targets.append((Channel.MESSENGER, citizen.messenger_psid))
        scope = _citizen_scope(citizen)
    targets = [(channel, address) for channel, address in targets if channel in wanted]
    return targets, in_inbox, frequency, scope


@transaction.atomic
def notify(
    *,
    organization: Organization,
    kind: str,
    context: dict | None = None,
    recipient: Membership | User | None = None,
    citizen: Citizen | None = None,
    url: str | None = None,
    dedup_key: str | None = None,
    channels: set[str] | None = None,
    source: str = "",
) -> Notification | None:
    """Tell a member (``recipient``: Membership or User) or a ``citizen``.

    Returns the notification, or None when there is nobody to tell (an
    inactive member, no address) or ``dedup_key`` was already sent to this
    recipient. ``channels`` narrows the channels the preferences allow.
    ``source`` names what the message is about (``app.thing:id``); the
    ``delivery_finished`` signal carries it back when a send ends.
    """
    membership = _membership(organization, recipient)
    if membership is None and citizen is None:
        return None
    wanted = set(channels) if channels is not None else set(Channel.values)
    targets, in_inbox, frequency, scope = _targets(membership, citizen, wanted)
    if not targets and not in_inbox:
        return None
    if dedup_key and not sent_key_record(
        organization=organization, recipient=scope, key=dedup_key
    ):
        return None
    link = absolute_url(url, organization=organization) if url else ""
    subject, body, line_text = _render(
        kind,
        {**(context or {}), "organization": organization, "link": link},
    )
    notification = Notification.objects.create(
        organization=organization,
        user=membership.user if membership is not None else None,
        kind=kind,
        subject=subject,
        body=body,
        line_text=line_text,
        url=link,
        in_inbox=in_inbox,
        source=source,
    )
    now = timezone.now()
    for channel, address in targets:
        digest = frequency == Frequency.DAILY
        delivery = Delivery.objects.create(
            notification=notification,
            channel=channel,
            address=address,
            status=Delivery.Status.DIGEST if digest else Delivery.Status.QUEUED,
            next_attempt_at=None if digest else now + FIRST_SEND_GRACE,
        )
        if not digest:
            from .tasks import delivery_send_task

            enqueue_on_commit(delivery_send_task, delivery.pk)
    return notification


@dataclass(frozen=True)
class DigestItem:
    """One thing in a digest and the reasons to tell it (``keys``), each told
    once per recipient: the item is listed while one of them is new."""

    keys: tuple[str, ...]
    item: object


@transaction.atomic
def notify_digest(
    *,
    organization: Organization,
    recipient: Membership,
    kind: str,
    items: list[DigestItem],
    context: dict | None = None,
    url: str | None = None,
    on: date | None = None,
) -> tuple[Notification | None, list[DigestItem]]:
    """Tell a member about several things in one message.

    Each item's ``keys`` are remembered like ``notify``'s ``dedup_key`` (once
    per recipient); the message lists, in ``context["items"]``, the items with
    at least one key not told before. Returns the notification and those items, or
    ``(None, [])`` when there is nothing new or nobody to tell (then no key is
    remembered, so the items come again in the next run).
    """
    membership = _membership(organization, recipient)
    if membership is None:
        return None, []
    scope = member_scope(membership)
    new = []
    for entry in items:
        fresh = [
            sent_key_record(organization=organization, recipient=scope, key=key, on=on)
            for key in entry.keys
        ]
        if any(fresh):
            new.append(entry)
    if not new:
        return None, []
    notification = notify(
        organization=organization,
        recipient=membership,
        kind=kind,
        context={**(context or {}), "items": [entry.item for entry in new]},
        url=url,
    )
    if notification is None:
        transaction.set_rollback(True)
        return None, []
    return notification, new


# --- Sending ------------------------------------------------------------------------


def send_mail(*, subject, message, from_email, recipient_list, headers=None) -> int:
    """Django's ``send_mail`` with extra headers (the confidential mark)."""
    return EmailMessage(
        subject=subject,
        body=message,
        from_email=from_email,
        to=recipient_list,
        headers=headers,
    ).send()


def _send(
    *,
    channel: str,
    organization,
    address: str,
    subject,
    text,
    retry_key,
    confidential: bool = False,
):
    """Send one message; True when sent, False when the channel is not set up.

    A ``confidential`` e-mail (to a citizen: their address and the answer to
    their case) is marked so that the demo's console backend never prints it.
    """
    if channel == Channel.EMAIL:
        sent = send_mail(
            subject=subject,
            message=text,
            from_email=None,
            recipient_list=[address],
            headers={CONFIDENTIAL_HEADER: "1"} if confidential else None,
        )
        return bool(sent)
    if channel == Channel.MESSENGER:
        return messenger_send(organization, address, text)
    return line_push(organization, address, text, retry_key=retry_key)


def _error_name(error: BaseException) -> str:
    name = type(error).__name__
    status = getattr(error, "status", None)
    return f"{name} {status}" if status is not None else name


def _finished(delivery: Delivery) -> None:
    notification = delivery.notification
    transaction.on_commit(
        lambda: delivery_finished.send(
            sender=Delivery,
            notification=notification,
            channel=delivery.channel,
            status=delivery.status,
        )
    )


def _note_failure(delivery: Delivery, error: str, *, now) -> None:
    delivery.attempts += 1
    delivery.last_error = error[:100]
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = Delivery.Status.FAILED
        delivery.next_attempt_at = None
        _finished(delivery)
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    delivery.save(
        update_fields=[
            "attempts",
            "last_error",
            "status",
            "next_attempt_at",
            "updated_at",
        ]
    )


def delivery_attempt(*, delivery_id: int, now=None) -> bool:
    """Send one queued delivery once; on failure schedule the next attempt."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            # A task on one delivery of any organisation (its id is ours).
            Delivery.objects.all_organizations()
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("notification", "notification__organization")
            .filter(pk=delivery_id, status=Delivery.Status.QUEUED)
            .first()
        )
        if delivery is None:
            return False
        notification = delivery.notification
        if delivery.channel == Channel.EMAIL:
            text = notification.body
            if notification.url and notification.url not in text:
                text += "\n\n" + notification.url
        else:
            text = notification.line_text
        try:
            sent = _send(
                channel=delivery.channel,
                organization=notification.organization,
                address=delivery.address,
                subject=notification.subject,
                text=text,
                retry_key=retry_key_for("notification", delivery.pk),
                confidential=notification.user_id is None,
            )
        except SEND_ERRORS as error:
            logger.warning(
                "Notification delivery %s by %s failed (%s)",
                delivery.pk,
                delivery.channel,
                _error_name(error),
            )
            _note_failure(delivery, _error_name(error), now=now)
            return False
        if not sent:
            # LINE or Messenger not set up: retrying will not help.
            delivery.status = Delivery.Status.FAILED
            delivery.last_error = "not configured"
            delivery.next_attempt_at = None
            delivery.save(
                update_fields=["status", "last_error", "next_attempt_at", "updated_at"]
            )
            _finished(delivery)
            return False
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = now
        delivery.next_attempt_at = None
        delivery.save(
            update_fields=["status", "sent_at", "next_attempt_at", "updated_at"]
        )
        _finished(delivery)
        return True


@transaction.atomic
def delivery_retry_now(*, delivery: Delivery) -> Delivery:
    """Send a delivery that failed for good again, with a fresh set of retries."""
    delivery = (
        Delivery.objects.for_organization(delivery.notification.organization_id)
        .select_for_update()
        .get(pk=delivery.pk)
    )
    if delivery.status != Delivery.Status.FAILED:
        return delivery
    delivery.status = Delivery.Status.QUEUED
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now() + FIRST_SEND_GRACE
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    from .tasks import delivery_send_task

    enqueue_on_commit(delivery_send_task, delivery.pk)
    return delivery


def deliveries_retry_due(*, now=None, limit: int = 500) -> int:
    """Attempt every queued delivery whose next attempt is due; count sent."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.all_organizations()  # the beat job serves every organisation
        .filter(status=Delivery.Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(delivery_attempt(delivery_id=pk, now=now) for pk in due)


def digests_send(*, now=None) -> int:
    """Send each member's waiting notifications as one message per channel."""
    now = now or timezone.now()
    waiting = (
        Delivery.objects.all_organizations()  # the beat job serves every organisation
        .filter(status=Delivery.Status.DIGEST)
        .select_related("notification", "notification__organization")
        .order_by("notification__organization_id", "pk")
    )
    groups: dict[tuple[int, int | None, str, str], list[Delivery]] = {}
    for delivery in waiting:
        notification = delivery.notification
        key = (
            notification.organization_id,
            notification.user_id,
            delivery.channel,
            delivery.address,
        )
        groups.setdefault(key, []).append(delivery)
    sent = 0
    for (_org, user_id, channel, address), deliveries in groups.items():
        organization = deliveries[0].notification.organization
        notifications = [d.notification for d in deliveries]
        subject, body, line_text = _render(
            "digest",
            {"organization": organization, "notifications": notifications},
        )
        try:
            ok = _send(
                channel=channel,
                organization=organization,
                address=address,
                subject=subject,
                text=body if channel == Channel.EMAIL else line_text,
                retry_key=retry_key_for(
                    "notification-digest", user_id, deliveries[0].pk
                ),
            )
        except SEND_ERRORS as error:
            for delivery in deliveries:
                delivery.attempts += 1
                delivery.last_error = _error_name(error)[:100]
            Delivery.objects.all_organizations().bulk_update(
                deliveries, ["attempts", "last_error"]
            )
            continue
        status = Delivery.Status.SENT if ok else Delivery.Status.FAILED
        Delivery.objects.for_organization(organization).filter(
            pk__in=[d.pk for d in deliveries]
        ).update(
            status=status,
            sent_at=now if ok else None,
            last_error="" if ok else "not configured",
            updated_at=now,
        )
        sent += int(ok)
    return sent


# --- Inbox --------------------------------------------------------------------------


def notification_mark_read(
    *, user: User, organization: Organization, pks: list[int] | None = None
) -> int:
    """Mark some (``pks``) or all of a member's unread notifications read."""
    rows = Notification.objects.filter(
        user=user, organization=organization, in_inbox=True, read_at__isnull=True
    )
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    return rows.update(read_at=timezone.now())
