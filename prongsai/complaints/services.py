"""Handling of complaint cases: status, assignment, public text, notes,
replies and their delivery, ratings, merges; webhook events and chat state.

Every state change is audited."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.outbox import enqueue_on_commit
from prongsai.core.services import model_update
from prongsai.core.workflow import transition

from . import workflow
from .images import clean_photo
from .models import (
    CLOSED_STATUSES,
    Case,
    CaseAttachment,
    CaseEntry,
    Channel,
    ExternalAddressChange,
    Kind,
    Status,
)

Owned = TypeVar("Owned", Case, ExternalAddressChange)

MESSENGER_WINDOW = datetime.timedelta(hours=24)


# --- Handling -------------------------------------------------------------------------
def locked(record: Owned) -> Owned:
    """*record* (a case, an address change) read again and locked for this
    transaction, within its organisation."""
    return (
        type(record)
        .objects.for_organization(record.organization_id)
        .select_for_update()
        .get(pk=record.pk)
    )


@transaction.atomic
def case_change_status(
    *,
    actor: User | None,
    case: Case,
    status: str,
    text: str = "",
    forwarded_to: str = "",
    rejection_reason: str = "",
    after_photo: bytes | None = None,
    after_photo_public: bool = True,
    no_after_photo_reason: str = "",
) -> Case:
    """Move the case along the workflow; ``text`` is told to the complainant.

    Resolving a case that came with a photo needs a photo after the fix
    (``after_photo``, kept privately without metadata; shown publicly only
    with ``after_photo_public``) or the reason why there is none, which the
    complainant reads with the closure.
    """
    case = locked(case)
    now = timezone.now()
    no_after_photo_reason = (no_after_photo_reason or "").strip()
    photo = _after_fix_photo(case, status, after_photo, no_after_photo_reason)

    def prepare(old: str) -> None:
        if status == Status.FORWARDED:
            case.forwarded_to = forwarded_to.strip()
        if status == Status.REJECTED:
            case.rejection_reason = rejection_reason.strip()
        if case.acknowledged_at is None and status != Status.RECEIVED:
            case.acknowledged_at = now
        if status in CLOSED_STATUSES:
            case.closed_at = now
        else:
            case.closed_at = None
            if old in CLOSED_STATUSES:  # reopened: ask again after the next answer
                case.satisfaction = None

    changes: dict[str, Any] = {}
    if photo is not None:
        changes["after_fix_photo"] = "public" if after_photo_public else "private"
    elif status == Status.RESOLVED and no_after_photo_reason:
        changes["no_after_fix_photo"] = no_after_photo_reason
    old = transition(
        case,
        status,
        actor=actor,
        workflow=workflow.CASES,
        reason={
            str(Status.FORWARDED): forwarded_to,
            str(Status.REJECTED): rejection_reason,
        }.get(status, ""),
        prepare=prepare,
        clean=True,
        changes=changes or None,
    )
    entry = _status_entry(
        case=case,
        actor=actor,
        old=old,
        text=text,
        no_photo_reason=changes.get("no_after_fix_photo", ""),
        photo=photo,
        photo_public=after_photo_public,
    )
    _deliver(entry)
    return case


def _status_entry(
    *,
    case: Case,
    actor: User | None,
    old: str,
    text: str,
    no_photo_reason: str,
    photo: bytes | None,
    photo_public: bool,
) -> CaseEntry:
    """The history entry of a status change, told to the complainant, with
    the photo after the fix (or why there is none)."""
    public_text = _status_message(case, text)
    if no_photo_reason:
        public_text = "\n".join(
            t
            for t in (
                public_text,
                _("No photo after the fix: %(reason)s") % {"reason": no_photo_reason},
            )
            if t
        )
    entry = CaseEntry.objects.create(
        case=case,
        type=CaseEntry.Type.STATUS,
        author=actor,
        from_status=old,
        to_status=case.status,
        text=public_text,
        is_public=True,
    )
    if photo is not None:
        attachment = CaseAttachment(
            case=case,
            kind=CaseAttachment.Kind.AFTER_FIX,
            entry=entry,
            is_public=photo_public,
        )
        attachment.file.save("photo.jpg", ContentFile(photo), save=False)
        attachment.save()
    return entry


def _after_fix_photo(
    case: Case, status: str, photo: bytes | None, reason: str
) -> bytes | None:
    """The cleaned photo after the fix, or None; refuses a resolve of a case
    with photos that has neither a photo after the fix nor a reason."""
    if status != Status.RESOLVED:
        return None
    if photo:
        try:
            return clean_photo(photo)
        except ValidationError as error:
            raise DomainError(error.messages[0], field="after_photo") from None
    needs_one = (
        not case.is_confidential
        and case.attachments.filter(kind=CaseAttachment.Kind.REPORT).exists()
    )
    if needs_one and not reason:
        raise DomainError(
            _(
                "This case came with a photo: add a photo after the fix, or "
                "write why there is none."
            ),
            field="after_photo",
        )
    return None


def _status_message(case: Case, text: str) -> str:
    parts = [text.strip()] if text and text.strip() else []
    if case.status == Status.FORWARDED:
        parts.append(_("Forwarded to: %(agency)s") % {"agency": case.forwarded_to})
    if case.status == Status.REJECTED:
        parts.append(_("Reason: %(reason)s") % {"reason": case.rejection_reason})
    return "\n".join(parts)


@transaction.atomic
def case_assign(*, actor: User, case: Case, assignee: User | None) -> Case:
    from prongsai.organizations.models import Membership

    if (
        assignee is not None
        and not Membership.objects.active()
        .filter(organization=case.organization, user=assignee)
        .exists()
    ):
        raise DomainError(
            _("Assign the case to a member of the organisation."), field="assignee"
        )
    changes = model_update(
        case, {"assigned_to": assignee}, ["assigned_to"], clean=False
    )
    CaseEntry.objects.create(
        case=case,
        type=CaseEntry.Type.ASSIGNMENT,
        author=actor,
        text=assignee.display_name if assignee else "",
    )
    audit_log(
        actor=actor,
        organization=case.organization,
        action="case.assign",
        target=case,
        changes=changes,
        public=False,
    )
    return case


@transaction.atomic
def case_review_public_text(*, actor: User, case: Case, text: str) -> Case:
    """Approve the text that the public board and the open data show for a case.

    Until an officer approves it, a case appears there without text: the
    automatic redaction (``redaction.redact``) only prefills the form.
    Confidential reports are never published.
    """
    if case.kind == Kind.CORRUPTION:
        raise DomainError(_("Confidential reports are never published."))
    text = " ".join((text or "").split())
    if not text:
        raise DomainError(
            _("Write the text to publish, without names or contact details."),
            field="text",
        )
    max_length = Case._meta.get_field("public_subject").max_length
    assert max_length is not None  # a CharField
    if len(text) > max_length:
        raise DomainError(
            _("The public text may be at most 200 characters long."), field="text"
        )
    case = locked(case)
    reviewed = {
        "public_subject": text,
        "public_text_reviewed_at": timezone.now(),
        "public_text_reviewed_by": actor,
    }
    changed = model_update(case, reviewed, reviewed, clean=False)
    changes: dict[str, Any] = (
        {"public_subject": changed["public_subject"]}
        if "public_subject" in changed
        else {"public_subject": text}
    )
    audit_log(
        actor=actor,
        organization=case.organization,
        action="case.public_text",
        target=case,
        changes=changes,
    )
    return case


@transaction.atomic
def case_add_note(*, actor: User, case: Case, text: str) -> CaseEntry:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the note."), field="text")
    entry = CaseEntry.objects.create(
        case=case, type=CaseEntry.Type.NOTE, author=actor, text=text
    )
    audit_log(
        actor=actor,
        organization=case.organization,
        action="case.note",
        target=case,
        public=False,
    )
    return entry


@transaction.atomic
def case_reply(*, actor: User | None, case: Case, text: str) -> CaseEntry:
    """Answer the complainant through the channel the case came from."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the reply."), field="text")
    case = locked(case)
    entry = CaseEntry.objects.create(
        case=case, type=CaseEntry.Type.REPLY, author=actor, text=text, is_public=True
    )
    # Answering the complainant acknowledges the case (its deadline is met).
    changes = {}
    if case.acknowledged_at is None:
        changes = model_update(
            case,
            {"acknowledged_at": entry.created_at},
            ["acknowledged_at"],
            clean=False,
        )
    audit_log(
        actor=actor,
        organization=case.organization,
        action="case.reply",
        target=case,
        changes=changes,
        public=False,
    )
    _deliver(entry)
    return entry


def _deliver(entry: CaseEntry) -> None:
    """Decide how the complainant hears about ``entry`` and queue the sending.

    Every channel goes through ``notifications.notify`` (``tasks.case_entry_deliver``):
    the entry waits until the channel confirmed it (sent) or every retry
    failed (failed); ``receivers.entry_follows_delivery`` follows it.
    """
    model_update(entry, {"delivery": _delivery(entry.case)}, ["delivery"], clean=False)
    if entry.delivery == CaseEntry.Delivery.PENDING:
        _send_entry(entry.pk)
    entry_fan_out(entry=entry)


def _delivery(case: Case) -> str:
    """Whether a message on ``case`` can reach the complainant, or waits on the page."""
    if case.is_confidential:
        return CaseEntry.Delivery.PAGE_ONLY
    if case.channel == Channel.LINE and case.line_user_id:
        return CaseEntry.Delivery.PENDING
    if case.channel == Channel.FACEBOOK and case.facebook_psid:
        return (
            CaseEntry.Delivery.PENDING
            if messenger_window_open(case)
            else CaseEntry.Delivery.PAGE_ONLY
        )
    if case.complainant_email:
        return CaseEntry.Delivery.PENDING
    return CaseEntry.Delivery.PAGE_ONLY


def messenger_window_open(case: Case, now: datetime.datetime | None = None) -> bool:
    """Whether Messenger still takes a standard message to the complainant:
    within 24 hours of their last message."""
    return (
        case.facebook_last_message_at is not None
        and (now or timezone.now()) - case.facebook_last_message_at < MESSENGER_WINDOW
    )


def _send_entry(entry_id: int) -> None:
    from .tasks import case_entry_deliver as deliver_task

    enqueue_on_commit(deliver_task, entry_id)


def entry_mark_delivery(*, entry: CaseEntry, delivered: bool) -> None:
    delivery = CaseEntry.Delivery.SENT if delivered else CaseEntry.Delivery.FAILED
    model_update(entry, {"delivery": delivery}, ["delivery"], clean=False)


@transaction.atomic
def entry_retry_delivery(*, actor: User, entry: CaseEntry) -> CaseEntry:
    """Send a reply or status message that failed for good once more."""
    from prongsai.notifications.selectors import delivery_map_by_source
    from prongsai.notifications.services import delivery_retry_now

    entry = (
        CaseEntry.objects.for_organization(entry.case.organization_id)
        .select_for_update()
        .get(pk=entry.pk)
    )
    if entry.delivery != CaseEntry.Delivery.FAILED:
        raise DomainError(_("Only a message that could not be sent can be sent again."))
    if _delivery(entry.case) != CaseEntry.Delivery.PENDING:
        raise DomainError(
            _(
                "The complainant cannot be reached by their channel any more "
                "(for Messenger: 24 hours after their last message). The "
                "message stays on the tracking page."
            )
        )
    source = entry_source(entry)
    delivery = delivery_map_by_source(
        organization=entry.case.organization, sources=[source]
    ).get(source)
    model_update(
        entry, {"delivery": CaseEntry.Delivery.PENDING}, ["delivery"], clean=False
    )
    if delivery is not None:
        delivery_retry_now(delivery=delivery)
    else:  # failed before it reached the notifications
        _send_entry(entry.pk)
    audit_log(
        actor=actor,
        organization=entry.case.organization,
        action="case.entry_retry",
        target=entry.case,
        public=False,
    )
    return entry


def entry_source(entry: CaseEntry) -> str:
    """How the notifications name the message of ``entry``."""
    return f"complaints.entry:{entry.pk}"


UNHAPPY = 2  # ratings at or below this reopen the case


@transaction.atomic
def case_rate(*, case: Case, satisfaction: int, comment: str = "") -> Case:
    """The complainant rates the handling, once per closure.

    An unhappy rating (``UNHAPPY`` or less) reopens the case at once (back to
    in progress, through the workflow) and tells the heads of the responsible
    unit, else the executives, with the complainant's comment.
    """
    case = locked(case)
    if not case.can_rate:
        raise DomainError(_("This case has already been rated or is not resolved."))
    if satisfaction not in range(1, 6):
        raise DomainError(_("Choose 1 to 5."), field="satisfaction")
    comment = (comment or "").strip()
    rating = {"satisfaction": satisfaction, "satisfaction_comment": comment}
    model_update(case, rating, rating, clean=False)
    CaseEntry.objects.create(
        case=case,
        type=CaseEntry.Type.RATING,
        text=comment,
        score=satisfaction,
        is_public=False,
    )
    reopened = satisfaction <= UNHAPPY
    audit_log(
        actor=None,
        organization=case.organization,
        action="case.rate",
        target=case,
        changes={"satisfaction": satisfaction, "reopened": reopened},
        public=False,
    )
    if reopened:
        _reopen_after_rating(case, satisfaction=satisfaction, comment=comment)
    return case


def _reopen_after_rating(case: Case, *, satisfaction: int, comment: str) -> None:
    def prepare(old: str) -> None:
        case.closed_at = None
        case.satisfaction = None  # rated again after the next answer

    old = transition(
        case,
        Status.IN_PROGRESS,
        actor=None,
        workflow=workflow.CASES,
        reason=_("Unhappy rating: %(score)s of 5") % {"score": satisfaction},
        prepare=prepare,
    )
    entry = CaseEntry.objects.create(
        case=case,
        type=CaseEntry.Type.REOPEN,
        from_status=old,
        to_status=Status.IN_PROGRESS,
        text=comment,
        score=satisfaction,
        is_public=True,
        delivery=CaseEntry.Delivery.PAGE_ONLY,
    )
    if not case.is_confidential:
        from .services_reopen import case_reopened_notify

        case_reopened_notify(case=case, entry=entry)


@transaction.atomic
def case_merge(*, actor: User, case: Case, into: Case) -> Case:
    """Merge a duplicate into another case of the same organisation and kind."""
    if case.pk == into.pk:
        raise DomainError(_("A case cannot be merged into itself."))
    if case.organization_id != into.organization_id or case.kind != into.kind:
        raise DomainError(_("Only cases of the same kind can be merged."))
    if into.merged_into_id:
        raise DomainError(_("That case has itself been merged into another."))
    old = case.status
    if case.status in CLOSED_STATUSES:
        model_update(case, {"merged_into": into}, ["merged_into"], clean=False)
        audit_log(
            actor=actor,
            organization=case.organization,
            action="case.merge",
            target=case,
            changes={"merged_into": into.reference},
        )
    else:

        def close_as_merged(old: str) -> None:
            now = timezone.now()
            case.merged_into = into
            case.closed_at = now
            case.acknowledged_at = case.acknowledged_at or now

        transition(
            case,
            Status.RESOLVED,
            actor=actor,
            workflow=workflow.MERGING,
            prepare=close_as_merged,
            changes={"merged_into": into.reference},
        )
    text = _("Merged into %(reference)s, which is handled in its place.") % {
        "reference": into.reference
    }
    merged = CaseEntry.objects.create(
        case=case,
        type=CaseEntry.Type.MERGE,
        author=actor,
        from_status=old,
        to_status=case.status,
        text=text,
        is_public=True,
    )
    _deliver(merged)
    CaseEntry.objects.create(
        case=into,
        type=CaseEntry.Type.MERGE,
        author=actor,
        text=_("%(reference)s was merged into this case.")
        % {"reference": case.reference},
    )
    return case


def entry_fan_out(*, entry: CaseEntry) -> list[CaseEntry]:
    """Tell the reporters of the cases merged into ``entry``'s case about it.

    A public entry (a status change, a reply, a merge) on a surviving case is
    copied as a public entry onto each general case merged into it, and each
    copy is delivered through that case's own channel (and passed on again to
    the cases merged into that one). Confidential reports are never told
    about another case.
    """
    if not entry.is_public or entry.case.is_confidential:
        return []
    source = entry.case
    if entry.type == CaseEntry.Type.STATUS:
        news = _("Case %(reference)s, into which yours was merged: %(status)s") % {
            "reference": source.reference,
            "status": Status(source.status).label,
        }
    else:
        news = _("News on case %(reference)s, into which yours was merged:") % {
            "reference": source.reference
        }
    text = "\n".join(part for part in (news, entry.text) if part)
    copies = []
    for merged in source.merged_cases.exclude(kind=Kind.CORRUPTION).order_by("pk"):
        copy = CaseEntry.objects.create(
            case=merged,
            type=entry.type,
            author=entry.author,
            text=text,
            is_public=True,
            copied_from=entry,
        )
        _deliver(copy)
        copies.append(copy)
    return copies
