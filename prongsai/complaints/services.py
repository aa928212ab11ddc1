"""Writes of the complaint centre. Every state change is audited.

Confidential reports (kind ``corruption``) are handled with extra care: their
audit entries never hold content, nothing about them is logged, and staff are
told about them only through periodic digests.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac
from django.utils.translation import gettext as _

from prongsai.core import codes, deadlines, numbering, thai_dates
from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.deadlines import DayUnit
from prongsai.core.errors import DomainError
from prongsai.core.outbox import enqueue_on_commit
from prongsai.core.workflow import transition
from prongsai.notifications.services import notify
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

from . import receipts, workflow
from .images import clean_photo
from .models import (
    CLOSED_STATUSES,
    PUBLIC_KINDS,
    STAFF_CHANNELS,
    Case,
    CaseAttachment,
    CaseEntry,
    Category,
    Channel,
    ChatSession,
    ComplaintSettings,
    ExternalAddressChange,
    ExternalRecipient,
    InboundEvent,
    Kind,
    Status,
)

DEFAULT_ACKNOWLEDGE_DAYS = 1
DEFAULT_RESOLVE_DAYS = 15
CONFIDENTIAL_ACKNOWLEDGE_DAYS = 3
CONFIDENTIAL_RESOLVE_DAYS = 30
DEFAULT_DEADLINE_UNIT = DayUnit.WORKING
MESSENGER_WINDOW = datetime.timedelta(hours=24)
MAX_PHOTOS = 5
CATEGORY_FIELDS = (
    "name",
    "responsible_unit",
    "acknowledge_days",
    "resolve_days",
    "deadline_unit",
    "retention_days",
    "is_active",
    "order",
)
PLAIN_SETTING_FIELDS = (
    "confidential_retention_days",
    "confidential_deadline_unit",
    "external_body",
    "external_recipient",
    "privacy_contact",
)
# A code sent to a proposed external address is good for this long, and for
# this many wrong tries.
ADDRESS_CODE_VALID = datetime.timedelta(days=3)
ADDRESS_CODE_ATTEMPTS = 5
ADDRESS_CODE_LENGTH = 8


# --- Settings and categories --------------------------------------------------------
def complaint_settings_ensure(*, organization) -> ComplaintSettings:
    """The organisation's settings row, created with a fresh salt if missing."""
    found = ComplaintSettings.objects.filter(organization=organization).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ComplaintSettings.objects.create(
                organization=organization, receipt_salt=receipts.new_salt()
            )
    except IntegrityError:
        return ComplaintSettings.objects.get(organization=organization)


@transaction.atomic
def complaint_settings_update(*, actor, organization, **fields) -> ComplaintSettings:
    """Change settings. The LINE and Facebook channels are the organisation's
    (``organizations.services_channels.channel_settings_update``)."""
    obj = complaint_settings_ensure(organization=organization)
    before = snapshot(obj, PLAIN_SETTING_FIELDS)
    for name in PLAIN_SETTING_FIELDS:
        if name in fields:
            setattr(obj, name, fields[name])
    recipient = obj.external_recipient
    if recipient is not None and (
        not recipient.is_active or recipient.province not in ("", organization.province)
    ):
        raise ValidationError(
            {
                "external_recipient": _(
                    "Choose a recipient from the platform's list for your province."
                )
            }
        )
    if recipient is not None:
        obj.external_body = recipient.kind
    obj.full_clean()
    obj.save()
    changes = diff(before, snapshot(obj, PLAIN_SETTING_FIELDS))
    if "external_recipient" in changes:
        chosen = str(recipient) if recipient is not None else ""
        with translation.override("th"):
            actor_name = _actor_name(actor)
        _reviewers_notify(
            organization,
            kind="complaints/recipient_changed",
            context={"actor": actor_name, "recipient": chosen},
        )
    audit_log(
        actor=actor,
        organization=organization,
        action="complaint_settings.update",
        target=obj,
        changes=changes,
    )
    return obj


# --- The external address for reports about executives ----------------------------
REVIEWER_ROLES = (Role.EXECUTIVE, Role.INTEGRITY_OFFICER)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _actor_name(actor) -> str:
    if actor is None:
        return _("The system")
    return getattr(actor, "display_name", "") or str(actor)


def _reviewers(organization) -> list:
    """Active executives and integrity officers, each once."""
    found: dict[int, Any] = {}
    for role in REVIEWER_ROLES:
        for membership in membership_list_with_role(
            organization=organization, role=role
        ):
            found.setdefault(membership.pk, membership)
    return list(found.values())


def _reviewers_notify(organization, *, kind: str, context: dict) -> int:
    """Tell the organisation's executives and integrity officers (their own
    channels: e-mail, LINE, inbox) about the address for reports."""
    from django.urls import reverse

    told = 0
    for membership in _reviewers(organization):
        told += (
            notify(
                organization=organization,
                recipient=membership,
                kind=kind,
                context=context,
                url=reverse(
                    "complaints-staff:external-address",
                    kwargs={"org": organization.slug},
                ),
            )
            is not None
        )
    return told


def _code_hash(change: ExternalAddressChange, code: str) -> str:
    return salted_hmac(
        "prongsai.complaints.external-address",
        f"{change.pk}:{change.email.lower()}:{code.strip().upper()}",
        algorithm="sha256",
    ).hexdigest()


def _address_notice(change: ExternalAddressChange, event: str, actor) -> None:
    """Audit a step of an address change and tell the reviewers about it."""
    organization = change.organization
    audit_log(
        actor=actor,
        organization=organization,
        action="complaint_external_address." + event,
        target=change,
        changes={"email": change.email, "status": change.status},
    )
    with translation.override("th"):
        context = {
            "event": event,
            "actor": _actor_name(actor),
            "email": change.email,
            "body": f"({change.body_name})" if change.body_name else "",
            "proposer": _actor_name(change.proposed_by),
        }
    _reviewers_notify(organization, kind="complaints/external_address", context=context)


def _send_address_code(change: ExternalAddressChange) -> None:
    """A fresh one-time code, e-mailed (after commit) to the proposed address."""
    code = get_random_string(ADDRESS_CODE_LENGTH, _CODE_ALPHABET)
    change.code_hash = _code_hash(change, code)
    change.code_sent_at = timezone.now()
    change.code_attempts = 0
    change.save(update_fields=["code_hash", "code_sent_at", "code_attempts"])
    organization = change.organization
    with translation.override("th"):
        subject = _("Confirm this address for reports from %(organization)s") % {
            "organization": organization.name
        }
        body = _(
            "%(organization)s asked the Prongsai platform to send corruption "
            "reports about its executives to this address (%(email)s).\n\n"
            "If this is right, give this code to the organisation: %(code)s\n"
            "It is valid for %(days)s days.\n\n"
            "If you did not expect this message, ignore it: nothing is sent to "
            "this address without the code."
        ) % {
            "organization": organization.name,
            "email": change.email,
            "code": code,
            "days": ADDRESS_CODE_VALID.days,
        }
    email = change.email
    transaction.on_commit(
        lambda: send_mail(
            subject=subject, message=body, from_email=None, recipient_list=[email]
        )
    )


@transaction.atomic
def external_address_propose(
    *, actor, organization, email: str, body_name: str = ""
) -> ExternalAddressChange:
    """Propose an own address for reports about executives.

    Nothing is sent there until the code e-mailed to it is entered and a second
    person confirms; the recipient in force stays until then. An earlier open
    proposal is withdrawn.
    """
    email = (email or "").strip()
    listed = ExternalRecipient.objects.filter(
        is_active=True, email__iexact=email
    ).first()
    if listed is not None:
        raise DomainError(
            _(
                "%(email)s is on the platform's list as %(name)s: choose it from "
                "the list in the settings instead."
            )
            % {"email": email, "name": listed},
            field="email",
        )
    for older in ExternalAddressChange.objects.select_for_update().filter(
        organization=organization, status__in=ExternalAddressChange.OPEN_STATUSES
    ):
        older.status = ExternalAddressChange.Status.REJECTED
        older.decided_by = actor
        older.decided_at = timezone.now()
        older.note = _("Replaced by a newer proposal.")
        older.save(update_fields=["status", "decided_by", "decided_at", "note"])
        _address_notice(older, "reject", actor)
    change = ExternalAddressChange(
        organization=organization,
        email=email,
        body_name=(body_name or "").strip(),
        proposed_by=actor,
    )
    change.full_clean()
    change.save()
    _send_address_code(change)
    _address_notice(change, "propose", actor)
    return change


@transaction.atomic
def external_address_send_code(*, actor, change: ExternalAddressChange) -> None:
    """Send a new code to an address still waiting for one (old codes stop working)."""
    change = ExternalAddressChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ExternalAddressChange.Status.UNVERIFIED:
        raise DomainError(_("This address is not waiting for a code."))
    _send_address_code(change)
    audit_log(
        actor=actor,
        organization=change.organization,
        action="complaint_external_address.send_code",
        target=change,
        changes={"email": change.email},
    )


def external_address_verify(*, actor, change: ExternalAddressChange, code: str):
    """Enter the code from the e-mail: the address exists and is read."""
    with transaction.atomic():
        change = ExternalAddressChange.objects.select_for_update().get(pk=change.pk)
        if change.status != ExternalAddressChange.Status.UNVERIFIED:
            raise DomainError(_("This address is not waiting for a code."))
        if not change.code_hash or change.code_sent_at is None:
            raise DomainError(
                _("No code was sent to this address yet: send one first."),
                field="code",
            )
        if (
            change.code_sent_at + ADDRESS_CODE_VALID < timezone.now()
            or change.code_attempts >= ADDRESS_CODE_ATTEMPTS
        ):
            raise DomainError(
                _("The code has expired or was mistyped too often: send a new one."),
                field="code",
            )
        if not constant_time_compare(change.code_hash, _code_hash(change, code)):
            change.code_attempts += 1
            change.save(update_fields=["code_attempts"])
            wrong = True
        else:
            wrong = False
            change.status = ExternalAddressChange.Status.VERIFIED
            change.verified_at = timezone.now()
            change.code_hash = ""
            change.save(update_fields=["status", "verified_at", "code_hash"])
            _address_notice(change, "verify", actor)
    if wrong:
        raise DomainError(
            _("The code is not right. Check the e-mail sent to %(email)s.")
            % {"email": change.email},
            field="code",
        )
    return change


def _reviewer_membership(actor, organization):
    from prongsai.organizations.models import Membership

    if actor is None:
        return None
    membership = (
        Membership.objects.active()
        .filter(organization=organization, user=actor)
        .first()
    )
    if membership is None or not membership.has_role(*REVIEWER_ROLES):
        return None
    return membership


@transaction.atomic
def external_address_confirm(
    *, actor, change: ExternalAddressChange
) -> ExternalAddressChange:
    """A second person puts a verified address in use.

    Only an executive or integrity officer of the organisation who did not
    propose the address may confirm it.
    """
    change = ExternalAddressChange.objects.select_for_update().get(pk=change.pk)
    organization = change.organization
    if _reviewer_membership(actor, organization) is None:
        raise DomainError(
            _("Only an executive or an integrity officer can confirm the address.")
        )
    if change.proposed_by_id is not None and change.proposed_by_id == actor.pk:
        raise DomainError(
            _(
                "You proposed this address; another executive or integrity "
                "officer must confirm it."
            )
        )
    if change.status != ExternalAddressChange.Status.VERIFIED:
        raise DomainError(
            _("The address must be verified with the code from the e-mail first.")
        )
    change.status = ExternalAddressChange.Status.CONFIRMED
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    row = complaint_settings_ensure(organization=organization)
    row.external_body_email = change.email
    row.external_recipient = None
    row.save(update_fields=["external_body_email", "external_recipient"])
    _address_notice(change, "confirm", actor)
    return change


@transaction.atomic
def external_address_reject(
    *, actor, change: ExternalAddressChange, reason: str = ""
) -> ExternalAddressChange:
    """Reject (or, for the proposer, withdraw) an address not yet in use."""
    change = ExternalAddressChange.objects.select_for_update().get(pk=change.pk)
    is_proposer = (
        actor is not None
        and change.proposed_by_id is not None
        and change.proposed_by_id == actor.pk
    )
    if not is_proposer and _reviewer_membership(actor, change.organization) is None:
        raise DomainError(
            _("Only an executive or an integrity officer can reject the address.")
        )
    if not change.is_open:
        raise DomainError(_("This address is no longer waiting for a decision."))
    change.status = ExternalAddressChange.Status.REJECTED
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.note = (reason or "").strip()[:300]
    change.code_hash = ""
    change.save(
        update_fields=["status", "decided_by", "decided_at", "note", "code_hash"]
    )
    _address_notice(change, "reject", actor)
    return change


@transaction.atomic
def category_create(*, actor, organization, **fields) -> Category:
    category = Category(organization=organization, **fields)
    _full_clean_unique(category)
    category.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="category.create",
        target=category,
        changes=snapshot(category, CATEGORY_FIELDS),
    )
    return category


@transaction.atomic
def category_update(*, actor, category: Category, **fields) -> Category:
    before = snapshot(category, CATEGORY_FIELDS)
    for name, value in fields.items():
        if name in CATEGORY_FIELDS:
            setattr(category, name, value)
    _full_clean_unique(category)
    category.save()
    audit_log(
        actor=actor,
        organization=category.organization,
        action="category.update",
        target=category,
        changes=diff(before, snapshot(category, CATEGORY_FIELDS)),
    )
    return category


def _full_clean_unique(category: Category) -> None:
    try:
        category.full_clean()
    except ValidationError as error:
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError(
                {"name": _("A category with this name already exists.")}
            ) from None
        raise


# --- Intake ---------------------------------------------------------------------------
REFERENCE_NUMBERING = "complaints.case.%(prefix)s"


def _next_reference(organization, kind: str, when: datetime.datetime) -> str:
    """``C2570-0001``: prefix, fiscal year, running number (``C2570-10000`` on)."""
    prefix = "R" if kind == Kind.CORRUPTION else "C"
    fy = thai_dates.fiscal_year(when)
    stem = f"{prefix}{fy}-"

    def in_use() -> int:
        references = Case.objects.filter(
            organization=organization, reference__startswith=stem
        ).values_list("reference", flat=True)
        return numbering.highest_number(references.iterator(), prefix=stem)

    number = numbering.next_number(
        organization=organization,
        name=REFERENCE_NUMBERING % {"prefix": prefix},
        fiscal_year=fy,
        start=in_use,
    )
    return f"{stem}{number:04d}"


def deadline_terms(
    case: Case, *, confidential_unit: str = DEFAULT_DEADLINE_UNIT
) -> tuple[int, int, str]:
    """Days to acknowledge, days to resolve and their unit, for ``case``."""
    if case.is_confidential:
        return (
            CONFIDENTIAL_ACKNOWLEDGE_DAYS,
            CONFIDENTIAL_RESOLVE_DAYS,
            confidential_unit,
        )
    if case.category is not None:
        category = case.category
        return category.acknowledge_days, category.resolve_days, category.deadline_unit
    return DEFAULT_ACKNOWLEDGE_DAYS, DEFAULT_RESOLVE_DAYS, DEFAULT_DEADLINE_UNIT


def _due_dates(case: Case, *, confidential_unit: str = DEFAULT_DEADLINE_UNIT) -> None:
    ack, resolve, unit = deadline_terms(case, confidential_unit=confidential_unit)
    case.acknowledge_due = deadlines.due_at(case.received_at, ack, unit)
    case.resolve_due = deadlines.due_at(case.received_at, resolve, unit)


def _save_new_case(case: Case) -> None:
    """Give the case a reference and tracking code and save it.

    The running number comes from a locked counter (``core.numbering``), so
    two cases filed at the same moment get different numbers; should a
    reference be taken anyway (a case added without the counter), the unique
    constraint refuses it and the case takes the next number.
    """
    for _attempt in range(8):
        case.reference = _next_reference(case.organization, case.kind, case.received_at)
        if not case.is_confidential:
            case.tracking_code = codes.new_tracking_code()
        try:
            with transaction.atomic():
                case.save()
            return
        except IntegrityError:
            if (
                case.source_event_id
                and Case.objects.filter(
                    organization=case.organization, source_event_id=case.source_event_id
                ).exists()
            ):
                raise
            case.pk = None
            continue
    raise DomainError(_("The case could not be saved; please try again."))


@transaction.atomic
def case_add_photos(*, case: Case, photos: Iterable[bytes]) -> int:
    """Attach photos that arrived after the case (chat); unreadable ones skipped."""
    added = 0
    have = case.attachments.count()
    for data in list(photos)[: max(0, MAX_PHOTOS - have)]:
        try:
            clean = clean_photo(data)
        except ValidationError:
            continue
        attachment = CaseAttachment(case=case)
        attachment.file.save("photo.jpg", ContentFile(clean), save=False)
        attachment.save()
        added += 1
    return added


def _validate_photos(photos: Iterable[bytes]) -> list[bytes]:
    """Clean every photo first, so that a bad one leaves nothing behind."""
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": _("Send at most %(n)s photos.") % {"n": MAX_PHOTOS}}
        )
    cleaned = []
    for data in photos:
        try:
            cleaned.append(clean_photo(data))
        except ValidationError as error:
            raise ValidationError({"photos": error.messages}) from None
    return cleaned


@transaction.atomic
def case_submit(
    *,
    organization,
    kind: str,
    channel: str,
    subject: str,
    description: str,
    category: Category | None = None,
    location_text: str = "",
    latitude=None,
    longitude=None,
    complainant_name: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    line_user_id: str = "",
    facebook_psid: str = "",
    source_event_id: str = "",
    photos: Iterable[bytes] = (),
    received_at: datetime.datetime | None = None,
    actor=None,
) -> Case:
    """Take in a complaint, suggestion or praise from any channel."""
    if kind not in PUBLIC_KINDS:
        raise DomainError(_("Use the confidential channel for this report."))
    if category is not None and category.organization_id != organization.pk:
        raise DomainError(_("Choose one of the categories listed."), field="category")
    cleaned_photos = _validate_photos(photos)
    case = Case(
        organization=organization,
        kind=kind,
        channel=channel,
        category=category,
        subject=(subject or "").strip()[:200],
        description=(description or "").strip(),
        location_text=location_text or "",
        latitude=latitude,
        longitude=longitude,
        complainant_name=complainant_name or "",
        complainant_phone=complainant_phone or "",
        complainant_email=complainant_email or "",
        line_user_id=line_user_id,
        facebook_psid=facebook_psid,
        facebook_last_message_at=timezone.now() if facebook_psid else None,
        source_event_id=source_event_id,
        received_at=received_at or timezone.now(),
    )
    _due_dates(case)
    case.full_clean(exclude=["reference", "tracking_code"])
    _save_new_case(case)
    for data in cleaned_photos:
        attachment = CaseAttachment(case=case)
        attachment.file.save("photo.jpg", ContentFile(data), save=False)
        attachment.save()
    CaseEntry.objects.create(case=case, type=CaseEntry.Type.RECEIVED, author=actor)
    audit_log(
        actor=actor,
        organization=organization,
        action="case.record" if channel in STAFF_CHANNELS else "case.submit",
        target=case,
        changes={
            "kind": case.kind,
            "channel": case.channel,
            "category": case.category,
        },
    )
    _notify_new_case(case.pk)
    return case


@transaction.atomic
def case_record(*, actor, organization, channel: str, **fields) -> Case:
    """Staff record a complaint that came on foot, by phone or by letter."""
    if channel not in STAFF_CHANNELS:
        raise DomainError(
            _("Staff record walk-in, phone, letter or e-mail complaints only."),
            field="channel",
        )
    return case_submit(
        actor=actor, organization=organization, channel=channel, **fields
    )


def _notify_new_case(case_id: int) -> None:
    from .tasks import case_notify_new as case_notify_new_task

    enqueue_on_commit(case_notify_new_task, case_id)


@transaction.atomic
def confidential_submit(
    *,
    organization,
    description: str,
    subject: str = "",
    is_anonymous: bool = True,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    concerns_executive: bool = False,
    photos: Iterable[bytes] = (),
) -> tuple[Case, str]:
    """Take in a corruption or misconduct report; return it and its receipt code.

    The receipt code is returned once and stored only as a slow hash. An
    anonymous report keeps no name or contact, whatever was sent. A report
    about an executive is routed to the external body in the settings.
    """
    settings_row = complaint_settings_ensure(organization=organization)
    cleaned_photos = _validate_photos(photos)
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
        external_body=settings_row.external_body if concerns_executive else "",
        received_at=timezone.now(),
    )
    _due_dates(case, confidential_unit=settings_row.confidential_deadline_unit)
    case.full_clean(exclude=["reference", "tracking_code"])
    code = ""
    for _attempt in range(5):
        code = codes.new_receipt_code()
        case.receipt_hash = receipts.receipt_hash(code, settings_row.receipt_salt)
        if not Case.objects.filter(
            organization=organization, receipt_hash=case.receipt_hash
        ).exists():
            break
    _save_new_case(case)
    for data in cleaned_photos:
        attachment = CaseAttachment(case=case)
        attachment.file.save("photo.jpg", ContentFile(data), save=False)
        attachment.save()
    CaseEntry.objects.create(case=case, type=CaseEntry.Type.RECEIVED)
    # The trail says that a report came in, never what it says or who sent it.
    audit_log(
        actor=None,
        organization=organization,
        action="confidential.submit",
        target=case,
        changes={"routed_externally": concerns_executive},
    )
    if concerns_executive:
        _route_external(case.pk)
    return case, code


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
    case.last_reporter_activity_at = timezone.now()
    case.save(update_fields=["last_reporter_activity_at", "updated_at"])
    audit_log(
        actor=None,
        organization=case.organization,
        action="confidential.follow_up",
        target=case,
    )
    return entry


def confidential_record_view(*, actor, case: Case) -> None:
    """Every look at a confidential report is written to the audit trail."""
    audit_log(
        actor=actor,
        organization=case.organization,
        action="confidential.view",
        target=case,
    )


def confidential_record_list_view(*, actor, organization, status: str = "") -> None:
    """Every opening of the confidential reports list is written to the trail,
    with the status it was filtered by (which list was seen)."""
    known = status in Status.values or status == "open"
    audit_log(
        actor=actor,
        organization=organization,
        action="confidential.list",
        changes={"status": status} if known else {},
    )


# --- Handling -------------------------------------------------------------------------
@transaction.atomic
def case_change_status(
    *,
    actor,
    case: Case,
    status: str,
    text: str = "",
    forwarded_to: str = "",
    rejection_reason: str = "",
) -> Case:
    """Move the case along the workflow; ``text`` is told to the complainant."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    now = timezone.now()

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
                case.reopen_requested = False

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
    )
    public_text = _status_message(case, text)
    entry = CaseEntry.objects.create(
        case=case,
        type=CaseEntry.Type.STATUS,
        author=actor,
        from_status=old,
        to_status=status,
        text=public_text,
        is_public=True,
    )
    _deliver(entry)
    return case


def _status_message(case: Case, text: str) -> str:
    parts = [text.strip()] if text and text.strip() else []
    if case.status == Status.FORWARDED:
        parts.append(_("Forwarded to: %(agency)s") % {"agency": case.forwarded_to})
    if case.status == Status.REJECTED:
        parts.append(_("Reason: %(reason)s") % {"reason": case.rejection_reason})
    return "\n".join(parts)


@transaction.atomic
def case_assign(*, actor, case: Case, assignee) -> Case:
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
    old = case.assigned_to
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to", "updated_at"])
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
        changes={"assigned_to": {"old": old, "new": assignee}},
    )
    return case


@transaction.atomic
def case_review_public_text(*, actor, case: Case, text: str) -> Case:
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
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = snapshot(case, ["public_subject"])
    case.public_subject = text
    case.public_text_reviewed_at = timezone.now()
    case.public_text_reviewed_by = actor
    case.save(
        update_fields=[
            "public_subject",
            "public_text_reviewed_at",
            "public_text_reviewed_by",
            "updated_at",
        ]
    )
    changes: dict[str, Any] = diff(before, snapshot(case, ["public_subject"]))
    if not changes:
        changes = {"public_subject": text}
    audit_log(
        actor=actor,
        organization=case.organization,
        action="case.public_text",
        target=case,
        changes=changes,
    )
    return case


@transaction.atomic
def case_add_note(*, actor, case: Case, text: str) -> CaseEntry:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the note."), field="text")
    entry = CaseEntry.objects.create(
        case=case, type=CaseEntry.Type.NOTE, author=actor, text=text
    )
    audit_log(
        actor=actor, organization=case.organization, action="case.note", target=case
    )
    return entry


@transaction.atomic
def case_reply(*, actor, case: Case, text: str) -> CaseEntry:
    """Answer the complainant through the channel the case came from."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the reply."), field="text")
    entry = CaseEntry.objects.create(
        case=case, type=CaseEntry.Type.REPLY, author=actor, text=text, is_public=True
    )
    audit_log(
        actor=actor, organization=case.organization, action="case.reply", target=case
    )
    _deliver(entry)
    return entry


def _deliver(entry: CaseEntry) -> None:
    """Decide how the complainant hears about ``entry`` and queue the sending."""
    case = entry.case
    if case.is_confidential or case.merged_into_id:
        entry.delivery = CaseEntry.Delivery.PAGE_ONLY
    elif case.channel == Channel.LINE and case.line_user_id:
        entry.delivery = CaseEntry.Delivery.PENDING
    elif case.channel == Channel.FACEBOOK and case.facebook_psid:
        in_window = (
            case.facebook_last_message_at is not None
            and timezone.now() - case.facebook_last_message_at < MESSENGER_WINDOW
        )
        entry.delivery = (
            CaseEntry.Delivery.PENDING if in_window else CaseEntry.Delivery.PAGE_ONLY
        )
    elif case.complainant_email:
        entry.delivery = CaseEntry.Delivery.PENDING
    else:
        entry.delivery = CaseEntry.Delivery.PAGE_ONLY
    entry.save(update_fields=["delivery", "updated_at"])
    if entry.delivery == CaseEntry.Delivery.PENDING:
        _send_entry(entry.pk)


def _send_entry(entry_id: int) -> None:
    from .tasks import case_entry_deliver as deliver_task

    enqueue_on_commit(deliver_task, entry_id)


def entry_mark_delivery(*, entry: CaseEntry, delivered: bool) -> None:
    entry.delivery = CaseEntry.Delivery.SENT if delivered else CaseEntry.Delivery.FAILED
    entry.save(update_fields=["delivery", "updated_at"])


@transaction.atomic
def case_rate(*, case: Case, satisfaction: int, comment: str = "") -> Case:
    """The complainant rates the handling, once; unhappy asks to reopen."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.can_rate:
        raise DomainError(_("This case has already been rated or is not resolved."))
    if satisfaction not in range(1, 6):
        raise DomainError(_("Choose 1 to 5."), field="satisfaction")
    case.satisfaction = satisfaction
    case.satisfaction_comment = (comment or "").strip()
    case.reopen_requested = satisfaction <= 2
    case.save(
        update_fields=[
            "satisfaction",
            "satisfaction_comment",
            "reopen_requested",
            "updated_at",
        ]
    )
    CaseEntry.objects.create(
        case=case,
        type=CaseEntry.Type.RATING,
        text=case.satisfaction_comment,
        is_public=False,
    )
    audit_log(
        actor=None,
        organization=case.organization,
        action="case.rate",
        target=case,
        changes={
            "satisfaction": satisfaction,
            "reopen_requested": case.reopen_requested,
        },
    )
    return case


@transaction.atomic
def case_merge(*, actor, case: Case, into: Case) -> Case:
    """Merge a duplicate into another case of the same organisation and kind."""
    if case.pk == into.pk:
        raise DomainError(_("A case cannot be merged into itself."))
    if case.organization_id != into.organization_id or case.kind != into.kind:
        raise DomainError(_("Only cases of the same kind can be merged."))
    if into.merged_into_id:
        raise DomainError(_("That case has itself been merged into another."))
    old = case.status
    case.merged_into = into
    if case.status not in CLOSED_STATUSES:
        case.status = Status.RESOLVED
        case.closed_at = timezone.now()
        if case.acknowledged_at is None:
            case.acknowledged_at = case.closed_at
    case.save()
    text = _("Merged into %(reference)s, which is handled in its place.") % {
        "reference": into.reference
    }
    CaseEntry.objects.create(
        case=case,
        type=CaseEntry.Type.MERGE,
        author=actor,
        from_status=old,
        to_status=case.status,
        text=text,
        is_public=True,
        delivery=CaseEntry.Delivery.PAGE_ONLY,
    )
    CaseEntry.objects.create(
        case=into,
        type=CaseEntry.Type.MERGE,
        author=actor,
        text=_("%(reference)s was merged into this case.")
        % {"reference": case.reference},
    )
    audit_log(
        actor=actor,
        organization=case.organization,
        action="case.merge",
        target=case,
        changes={"merged_into": into.reference},
    )
    return case


# --- Retention ------------------------------------------------------------------------
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
    for category in Category.objects.filter(retention_days__isnull=False):
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
    actor=None,
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
    case.complainant_name = ""
    case.complainant_phone = ""
    case.complainant_email = ""
    case.line_user_id = ""
    case.facebook_psid = ""
    case.personal_data_removed_at = now
    case.save()
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


# --- Messaging ------------------------------------------------------------------------
def inbound_event_store(
    *, organization, source: str, event_id: str, payload: dict
) -> InboundEvent | None:
    """Store a webhook event once; None when it was stored before."""
    try:
        with transaction.atomic():
            return InboundEvent.objects.create(
                organization=organization,
                source=source,
                event_id=event_id[:100],
                payload=payload,
            )
    except IntegrityError:
        return None


def chat_session_save(*, session: ChatSession, state: str, data: dict) -> None:
    session.state = state
    session.data = data
    session.save()
