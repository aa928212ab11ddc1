"""Writes of the asset register and its loans.

A loan moves through ``LOANS`` (``core.workflow``): requested → approved or
rejected → handed over → returned; requested or approved loans may be
cancelled. Approved and handed-over loans hold their quantities: a request or
an approval that would lend more than an asset has on some day is refused.
A citizen's loan is filed as an E-Service request (tracking code, queue) and
its status follows the loan through the E-Service's own services.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import numbering, thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.images import check_photo
from prongsai.eservices import services as eservice_catalogue
from prongsai.eservices import services_filing
from prongsai.eservices.models import Service
from prongsai.organizations.models import Membership

from . import availability
from .models_assets import (
    BOOKED_STATUSES,
    Asset,
    AssetLoan,
    AssetLoanLine,
    LoanStatus,
)
from .services_common import create_audited, update_audited

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

ASSET_FIELDS = (
    "code",
    "name",
    "category",
    "location",
    "custodian",
    "condition",
    "unit_value",
    "acquired_on",
    "acquisition",
    "quantity",
    "unit",
    "lendable_to_staff",
    "lendable_to_public",
    "note",
)
ASSET_AUDITED = ("code", "name", "condition", "quantity", "custodian")

LOAN_SERVICE_CODE = "asset-loan"
LOAN_SERVICE_NAME = "ขอยืมพัสดุ/ครุภัณฑ์"
# Longest loan that may be asked for, in days.
MAX_LOAN_DAYS = 90


# --- the register -------------------------------------------------------------------


def _check_photo(photo: File | None) -> None:
    if photo:
        check_photo(photo)


def _check_custodian(organization: Organization, custodian: User | None) -> None:
    if (
        custodian is not None
        and not Membership.objects.active()
        .filter(organization=organization, user=custodian)
        .exists()
    ):
        raise DomainError(
            _("The custodian must be an active member of this organisation."),
            field="custodian",
        )


def _check_code_free(organization: Organization, code: str, pk: int | None) -> None:
    taken = Asset.objects.filter(organization=organization, code=code)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    if taken.exists():
        raise DomainError(
            _("Another asset already has the number “%(code)s”.") % {"code": code},
            field="code",
        )


@transaction.atomic
def asset_create(
    *,
    actor: User,
    organization: Organization,
    photo: File | None = None,
    **values: Any,
) -> Asset:
    """Add an asset (or a lot of identical ones) to the register."""
    data = {name: values[name] for name in ASSET_FIELDS if name in values}
    data["code"] = str(data.get("code", "")).strip()
    _check_code_free(organization, data["code"], None)
    _check_custodian(organization, data.get("custodian"))
    _check_photo(photo)
    asset = Asset(organization=organization, **data)
    if photo:
        asset.photo = photo
    return create_audited(
        asset, actor=actor, action="asset.create", fields=ASSET_AUDITED
    )


@transaction.atomic
def asset_update(
    *, actor: User, asset: Asset, photo: File | None = None, **values: Any
) -> Asset:
    data = {name: values[name] for name in ASSET_FIELDS if name in values}
    if "code" in data:
        data["code"] = str(data["code"]).strip()
        _check_code_free(asset.organization, data["code"], asset.pk)
    _check_custodian(asset.organization, data.get("custodian"))
    _check_photo(photo)
    if photo:
        data["photo"] = photo
    update_audited(
        asset,
        data,
        actor=actor,
        action="asset.update",
        fields=ASSET_AUDITED,
        uploaded=("photo",) if photo else (),
    )
    return asset


# --- availability -------------------------------------------------------------------


def bookings_for(
    *,
    organization: Organization | int,
    asset_ids: list[int],
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
) -> list[availability.Booking]:
    """What approved and handed-over loans hold of these assets around the range.

    Items handed over and not back by their end date are still out: they
    count as held until today.
    """
    today = today or timezone.localdate()
    lines = AssetLoanLine.objects.filter(
        loan__organization=organization,
        asset_id__in=asset_ids,
        loan__status__in=BOOKED_STATUSES,
        loan__start_on__lte=max(end, today),
    ).select_related("loan")
    out = []
    for line in lines:
        loan = line.loan
        last = loan.end_on
        if loan.status == LoanStatus.HANDED_OVER:
            last = max(last, today)
        if availability.overlaps(start, end, loan.start_on, last):
            out.append(
                availability.Booking(
                    asset_id=line.asset_id,
                    start=loan.start_on,
                    end=last,
                    quantity=line.quantity,
                    loan_id=loan.pk,
                )
            )
    return out


def _short_message(asset: Asset, shortage, start, end) -> str:
    return _(
        "“%(asset)s” is not available in that quantity from %(start)s to "
        "%(end)s: %(free)s %(unit)s free (of %(total)s) on %(day)s, "
        "%(wanted)s asked for."
    ) % {
        "asset": asset.name,
        "start": thai_dates.format_date(start, "medium"),
        "end": thai_dates.format_date(end, "medium"),
        "free": shortage.free,
        "unit": asset.unit,
        "total": asset.lendable_stock,
        "day": thai_dates.format_date(shortage.busiest_day, "medium"),
        "wanted": shortage.wanted,
    }


def check_available(
    *,
    organization: Organization,
    wanted: dict[int, int],
    start: datetime.date,
    end: datetime.date,
    exclude_loan: int | None = None,
) -> None:
    """Refuse lending more than the assets have on some day of the range.

    The assets' rows are locked, so two approvals cannot both take the last items.
    """
    assets = {
        a.pk: a
        for a in Asset.objects.filter(organization=organization, pk__in=list(wanted))
        .select_for_update()
        .order_by("pk")
    }
    found = availability.shortages(
        {pk: a.lendable_stock for pk, a in assets.items()},
        bookings_for(
            organization=organization, asset_ids=list(wanted), start=start, end=end
        ),
        wanted,
        start=start,
        end=end,
        exclude_loan=exclude_loan,
    )
    if found:
        raise DomainError(
            " ".join(
                _short_message(assets[s.asset_id], s, start, end)
                for s in found
                if s.asset_id in assets
            ),
            field="lines",
        )


# --- requesting ---------------------------------------------------------------------


@dataclass(frozen=True)
class LineRequest:
    asset: Asset
    quantity: int


def _check_request(
    *,
    organization: Organization,
    lines: list[LineRequest],
    start_on: datetime.date,
    end_on: datetime.date,
    public: bool,
    today: datetime.date,
) -> dict[int, int]:
    if end_on < start_on:
        raise DomainError(
            _("The last day of the loan cannot be before its first day."),
            field="end_on",
        )
    if start_on < today:
        raise DomainError(
            _("The first day of the loan cannot be in the past."), field="start_on"
        )
    if (end_on - start_on).days + 1 > MAX_LOAN_DAYS:
        raise DomainError(
            _("A loan may last at most %(days)s days.") % {"days": MAX_LOAN_DAYS},
            field="end_on",
        )
    wanted: dict[int, int] = {}
    for line in lines:
        if line.quantity <= 0:
            continue
        asset = line.asset
        allowed = asset.lendable_to_public if public else asset.lendable_to_staff
        if asset.organization_id != organization.pk or not allowed:
            raise DomainError(
                _("“%(asset)s” is not lent to %(whom)s.")
                % {
                    "asset": asset.name,
                    "whom": _("citizens") if public else _("staff"),
                },
                field="lines",
            )
        wanted[asset.pk] = wanted.get(asset.pk, 0) + line.quantity
    if not wanted:
        raise DomainError(_("Choose at least one item and how many."), field="lines")
    return wanted


def _create_loan(
    *,
    actor: User | None,
    organization: Organization,
    kind: str,
    wanted: dict[int, int],
    values: dict[str, Any],
) -> AssetLoan:
    fiscal_year = thai_dates.fiscal_year(values["start_on"])
    loan = AssetLoan(
        organization=organization,
        fiscal_year=fiscal_year,
        number=numbering.next_number(
            organization=organization,
            name="integrity.asset_loan",
            fiscal_year=fiscal_year,
        ),
        kind=kind,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        **values,
    )
    loan.full_clean()
    loan.save()
    for asset_id, quantity in wanted.items():
        AssetLoanLine.objects.create(loan=loan, asset_id=asset_id, quantity=quantity)
    audit_log(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organization=organization,
        action="asset_loan.request",
        target=loan,
        changes={
            "kind": kind,
            "start_on": loan.start_on,
            "end_on": loan.end_on,
            "lines": {str(k): v for k, v in wanted.items()},
        },
    )
    return loan


@transaction.atomic
def loan_request_staff(
    *,
    actor: User,
    organization: Organization,
    borrower: Membership,
    lines: list[LineRequest],
    start_on: datetime.date,
    end_on: datetime.date,
    purpose: str,
    place: str = "",
    today: datetime.date | None = None,
) -> AssetLoan:
    """A member asks to borrow assets for official use."""
    today = today or timezone.localdate()
    if borrower.organization_id != organization.pk or not borrower.is_active:
        raise DomainError(
            _("The borrower must be an active member of this organisation."),
            field="borrower",
        )
    wanted = _check_request(
        organization=organization,
        lines=lines,
        start_on=start_on,
        end_on=end_on,
        public=False,
        today=today,
    )
    check_available(
        organization=organization, wanted=wanted, start=start_on, end=end_on
    )
    return _create_loan(
        actor=actor,
        organization=organization,
        kind=AssetLoan.Kind.STAFF,
        wanted=wanted,
        values={
            "borrower": borrower.user,
            "borrower_name": borrower.user.display_name[:200],
            "borrower_phone": (borrower.user.phone or "")[:20],
            "borrower_email": borrower.user.email,
            "purpose": purpose.strip(),
            "place": place.strip(),
            "start_on": start_on,
            "end_on": end_on,
        },
    )


def loan_service_ensure(
    *, organization: Organization, actor: User | None = None
) -> Service:
    """The organisation's E-Service "ขอยืมพัสดุ/ครุภัณฑ์" (added on first use)."""
    service = Service.objects.filter(
        organization=organization, code=LOAN_SERVICE_CODE
    ).first()
    if service is not None:
        return service
    officer = (
        Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
        .order_by("id")
    )
    custodian = next(
        (m.user for m in officer if m.has_role("integrity_officer", "org_admin")),
        None,
    )
    details = eservice_catalogue.ServiceDetails(
        code=LOAN_SERVICE_CODE,
        name=LOAN_SERVICE_NAME,
        category="พัสดุและครุภัณฑ์",
        description=(
            "ยื่นคำขอยืมพัสดุหรือครุภัณฑ์ขององค์กร เช่น เต็นท์ เก้าอี้ โต๊ะ "
            "เครื่องเสียง สำหรับงานศพ งานบุญ และกิจกรรมของหมู่บ้าน "
            "เลือกรายการและวันที่ได้ที่หน้า “ขอยืมพัสดุ/ครุภัณฑ์” ของเว็บไซต์"
        ),
        steps=[
            "เลือกวันที่ รายการ และจำนวนที่ต้องการยืม",
            "เจ้าหน้าที่พิจารณาอนุมัติ",
            "รับพัสดุตามวันที่นัด",
            "ส่งคืนภายในวันที่กำหนด",
        ],
        fees="ไม่มีค่าธรรมเนียม",
        time_limit_days=3,
        responsible_unit="กองคลัง งานพัสดุ",
        channels="เว็บไซต์ และ ณ ที่ทำการ",
        officer=custodian,
    )
    return eservice_catalogue.service_create(
        actor=actor,  # type: ignore[arg-type]  # a citizen's first request has no actor
        organization=organization,
        details=details,
        apply_path=reverse(
            "integrity-public:assets", kwargs={"org": organization.slug}
        ),
        fields=[
            {"code": "start_on", "label": "ยืมตั้งแต่วันที่", "type": "text"},
            {"code": "end_on", "label": "ถึงวันที่", "type": "text"},
            {"code": "items", "label": "รายการและจำนวน", "type": "text"},
            {"code": "purpose", "label": "ใช้ในงาน", "type": "text"},
            {"code": "place", "label": "สถานที่ใช้งาน", "type": "text"},
        ],
    )


@transaction.atomic
def loan_request_citizen(
    *,
    organization: Organization,
    lines: list[LineRequest],
    start_on: datetime.date,
    end_on: datetime.date,
    name: str,
    phone: str,
    purpose: str,
    place: str = "",
    email: str = "",
    address: str = "",
    privacy_accepted: bool,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> AssetLoan:
    """A citizen asks to borrow assets: filed in the E-Service queue too."""
    today = today or timezone.localdate()
    if not (phone or "").strip():
        raise DomainError(
            _("Please give a phone number so that we can reach you."),
            field="phone",
        )
    wanted = _check_request(
        organization=organization,
        lines=lines,
        start_on=start_on,
        end_on=end_on,
        public=True,
        today=today,
    )
    check_available(
        organization=organization, wanted=wanted, start=start_on, end=end_on
    )
    service = loan_service_ensure(organization=organization)
    names = {line.asset.pk: line.asset for line in lines}
    items = ", ".join(
        f"{names[pk].name} {quantity} {names[pk].unit}"
        for pk, quantity in wanted.items()
    )
    filed = services_filing.request_file(
        organization=organization,
        service=service,
        answers={
            "start_on": thai_dates.format_date(start_on, "medium"),
            "end_on": thai_dates.format_date(end_on, "medium"),
            "items": items,
            "purpose": purpose.strip(),
            "place": place.strip(),
        },
        citizen_name=name,
        citizen_phone=phone,
        citizen_email=email,
        privacy_accepted=privacy_accepted,
        now=now,
        on_own_page=True,
    )
    return _create_loan(
        actor=None,
        organization=organization,
        kind=AssetLoan.Kind.CITIZEN,
        wanted=wanted,
        values={
            "borrower_name": name.strip()[:200],
            "borrower_phone": phone.strip()[:20],
            "borrower_email": email.strip(),
            "borrower_address": address.strip()[:300],
            "purpose": purpose.strip(),
            "place": place.strip(),
            "start_on": start_on,
            "end_on": end_on,
            "service_request": filed,
        },
    )
