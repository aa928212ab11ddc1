"""Taking in complaints, suggestions and praise from every channel: reference,
tracking code, deadlines, photos."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import codes, deadlines, numbering, thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.deadlines import DayUnit
from prongsai.core.errors import DomainError
from prongsai.core.outbox import enqueue_on_commit
from prongsai.organizations.models import Organization

from .images import clean_photo
from .models import (
    PUBLIC_KINDS,
    STAFF_CHANNELS,
    Case,
    CaseAttachment,
    CaseEntry,
    Category,
    Kind,
)

DEFAULT_ACKNOWLEDGE_DAYS = 1
DEFAULT_RESOLVE_DAYS = 15
CONFIDENTIAL_ACKNOWLEDGE_DAYS = 3
CONFIDENTIAL_RESOLVE_DAYS = 30
DEFAULT_DEADLINE_UNIT = DayUnit.WORKING
MAX_PHOTOS = 5


# --- Intake ---------------------------------------------------------------------------
REFERENCE_NUMBERING = "complaints.case.%(prefix)s"


def _next_reference(
    organization: Organization, kind: str, when: datetime.datetime
) -> str:
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


def case_set_due_dates(
    case: Case, *, confidential_unit: str = DEFAULT_DEADLINE_UNIT
) -> None:
    ack, resolve, unit = deadline_terms(case, confidential_unit=confidential_unit)
    case.acknowledge_due = deadlines.due_at(case.received_at, ack, unit)
    case.resolve_due = deadlines.due_at(case.received_at, resolve, unit)


def case_save_new(case: Case) -> None:
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
        case_attach_photos(case, [clean])
        added += 1
    return added


def photos_validate(photos: Iterable[bytes]) -> list[bytes]:
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


def case_attach_photos(case: Case, photos: Iterable[bytes]) -> None:
    """Save photos already cleaned by ``photos_validate`` on a new case."""
    for data in photos:
        attachment = CaseAttachment(case=case)
        attachment.file.save("photo.jpg", ContentFile(data), save=False)
        attachment.save()


@transaction.atomic
def case_submit(
    *,
    organization: Organization,
    kind: str,
    channel: str,
    subject: str,
    description: str,
    category: Category | None = None,
    location_text: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    complainant_name: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    line_user_id: str = "",
    facebook_psid: str = "",
    source_event_id: str = "",
    photos: Iterable[bytes] = (),
    received_at: datetime.datetime | None = None,
    actor: User | None = None,
) -> Case:
    """Take in a complaint, suggestion or praise from any channel."""
    if kind not in PUBLIC_KINDS:
        raise DomainError(_("Use the confidential channel for this report."))
    if category is not None and category.organization_id != organization.pk:
        raise DomainError(_("Choose one of the categories listed."), field="category")
    cleaned_photos = photos_validate(photos)
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
    case_set_due_dates(case)
    case.full_clean(exclude=["reference", "tracking_code"])
    case_save_new(case)
    case_attach_photos(case, cleaned_photos)
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
        public=False,
    )
    _notify_new_case(case.pk)
    return case


@transaction.atomic
def case_record(
    *,
    actor: User,
    organization: Organization,
    channel: str,
    kind: str,
    subject: str,
    description: str,
    received_at: datetime.datetime | None = None,
    category: Category | None = None,
    location_text: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    complainant_name: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    photos: Iterable[bytes] = (),
) -> Case:
    """Staff record a complaint that came on foot, by phone or by letter."""
    if channel not in STAFF_CHANNELS:
        raise DomainError(
            _("Staff record walk-in, phone, letter or e-mail complaints only."),
            field="channel",
        )
    return case_submit(
        actor=actor,
        organization=organization,
        channel=channel,
        kind=kind,
        subject=subject,
        description=description,
        received_at=received_at,
        category=category,
        location_text=location_text,
        latitude=latitude,
        longitude=longitude,
        complainant_name=complainant_name,
        complainant_phone=complainant_phone,
        complainant_email=complainant_email,
        photos=photos,
    )


def _notify_new_case(case_id: int) -> None:
    from .tasks import case_notify_new as case_notify_new_task

    enqueue_on_commit(case_notify_new_task, case_id)
