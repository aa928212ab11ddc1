"""Demo procurement records: three fiscal years for each demo organisation,
with several methods and budget categories, a month without procurement and
cases that raise risk indicators (purchases split within one supplier and
across suppliers, a dominant supplier, a reference price above budget)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction

from prongsai.core import thai_dates

from . import identifiers
from .models import Procurement
from .services import document_add, procurement_create
from .services_indicators import indicators_refresh_all
from .services_year import (
    no_procurement_month_declare,
    plan_item_create,
    report_note_save,
)
from .vocab import BudgetCategory, DocumentKind, FundSource, Method, ProcurementType


def _tax_id(first12: str) -> str:
    return first12 + str(identifiers.thai_id_check_digit(first12))


# (name, first 12 digits of the tax ID: 0… juristic, 3… a natural person)
SUPPLIERS = {
    "bandong": [
        ("ห้างหุ้นส่วนจำกัด อุบลรัตน์ก่อสร้าง", "040355600012"),
        ("บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด", "040556100345"),
        ("ร้านสมหวังการค้า", "340010001234"),
        ("ร้านบ้านดงเครื่องเขียน", "340990012345"),
        ("ห้างหุ้นส่วนจำกัด ศรีสุขคอมพิวเตอร์", "040355900876"),
        ("ร้านช่างเอกการไฟฟ้า", "341010023456"),
        ("บริษัท อีสานน้ำดื่ม จำกัด", "040556300111"),
    ],
    "nongbua": [
        ("ห้างหุ้นส่วนจำกัด หนองบัวโยธา", "041355700221"),
        ("บริษัท อุดรซัพพลาย จำกัด", "041556000998"),
        ("ร้านประเสริฐพาณิชย์", "341990056789"),
        ("ร้านเจริญการพิมพ์", "341020034567"),
        ("ห้างหุ้นส่วนจำกัด ยูดีไอที", "041356200444"),
        ("ร้านแม่บุญมีอาหาร", "341990078901"),
    ],
}

# title, type, category, expense type, plan/work, low, high, method
ITEMS = [
    ("จัดซื้อวัสดุสำนักงาน", "purchase", "operating", "ค่าวัสดุ", 0, 8000, 45000, "specific"),
    ("จัดซื้อวัสดุคอมพิวเตอร์", "purchase", "operating", "ค่าวัสดุ", 0, 10000, 60000, "specific"),
    (
        "จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น",
        "purchase",
        "operating",
        "ค่าวัสดุ",
        0,
        15000,
        40000,
        "specific",
    ),
    (
        "จ้างเหมาซ่อมแซมรถบรรทุกน้ำ",
        "hire",
        "operating",
        "ค่าใช้สอย",
        0,
        12000,
        80000,
        "specific",
    ),
    (
        "จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน",
        "hire",
        "operating",
        "ค่าใช้สอย",
        0,
        7500,
        9000,
        "specific",
    ),
    (
        "จ้างทำป้ายประชาสัมพันธ์โครงการ",
        "hire",
        "operating",
        "ค่าใช้สอย",
        0,
        1500,
        6000,
        "specific",
    ),
    (
        "จัดซื้ออาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก",
        "purchase",
        "operating",
        "ค่าวัสดุ",
        1,
        90000,
        240000,
        "specific",
    ),
    (
        "จ้างเหมาประกอบอาหารกลางวันศูนย์พัฒนาเด็กเล็ก",
        "hire",
        "operating",
        "ค่าใช้สอย",
        1,
        60000,
        150000,
        "specific",
    ),
    (
        "จัดซื้อวัสดุไฟฟ้าและวิทยุ",
        "purchase",
        "operating",
        "ค่าวัสดุ",
        2,
        15000,
        70000,
        "specific",
    ),
    (
        "จัดซื้อเครื่องคอมพิวเตอร์โน้ตบุ๊ก สำหรับงานประมวลผล",
        "purchase",
        "investment",
        "ค่าครุภัณฑ์",
        0,
        22000,
        66000,
        "specific",
    ),
    (
        "จัดซื้อเครื่องพ่นหมอกควัน",
        "purchase",
        "investment",
        "ค่าครุภัณฑ์",
        3,
        59000,
        118000,
        "specific",
    ),
    (
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่",
        "construction",
        "investment",
        "ค่าที่ดินและสิ่งก่อสร้าง",
        2,
        600000,
        2400000,
        "e_bidding",
    ),
    (
        "โครงการก่อสร้างรางระบายน้ำ คสล. หมู่ที่",
        "construction",
        "investment",
        "ค่าที่ดินและสิ่งก่อสร้าง",
        2,
        350000,
        480000,
        "specific",
    ),
    (
        "โครงการขยายเขตไฟฟ้าแรงต่ำ หมู่ที่",
        "construction",
        "investment",
        "ค่าที่ดินและสิ่งก่อสร้าง",
        2,
        150000,
        450000,
        "specific",
    ),
    (
        "จัดซื้อรถบรรทุกขยะ ขนาด 6 ตัน 6 ล้อ",
        "purchase",
        "investment",
        "ค่าครุภัณฑ์",
        3,
        2300000,
        2500000,
        "e_market",
    ),
    (
        "โครงการปรับปรุงอาคารศูนย์พัฒนาเด็กเล็ก",
        "construction",
        "investment",
        "ค่าที่ดินและสิ่งก่อสร้าง",
        1,
        700000,
        1200000,
        "selection",
    ),
]
PLANS = [
    ("แผนงานบริหารงานทั่วไป", "งานบริหารทั่วไป"),
    ("แผนงานการศึกษา", "งานระดับก่อนวัยเรียนและประถมศึกษา"),
    ("แผนงานเคหะและชุมชน", "งานไฟฟ้าและประปา"),
    ("แผนงานสาธารณสุข", "งานบริการสาธารณสุขและงานสาธารณสุขอื่น"),
]
REASON = "ราคาต่ำสุด เป็นผู้มีอาชีพขายหรือรับจ้างโดยตรง และเสนอราคาไม่เกินวงเงินงบประมาณ"
GROUNDS = {
    "specific": "มาตรา 56(2)(ข)",
    "selection": "มาตรา 56(1)(ข)",
}
NO_PROCUREMENT = {"bandong": [(2568, 4)], "nongbua": [(2569, 4)]}


def _round(value: float) -> Decimal:
    return Decimal(int(value / 100) * 100)


def _egp(fiscal_year: int, day: datetime.date, rng: random.Random) -> str:
    prefix = thai_dates.to_be_year(day.year) % 100
    return f"{prefix:02d}{rng.randint(0, 999999999):09d}"


def load_procurement_demo(organizations) -> None:
    today = datetime.date.today()
    for organization in organizations:
        suppliers = SUPPLIERS.get(organization.slug)
        if suppliers is None:
            continue
        if Procurement.objects.filter(organization=organization).exists():
            continue
        rng = random.Random(organization.slug)  # noqa: S311 - demo data
        current = thai_dates.fiscal_year(today)
        with transaction.atomic():
            for fiscal_year in (current - 2, current - 1, current):
                _load_year(organization, fiscal_year, suppliers, rng, today)
            # At once, not only after the commit (a test's transaction never commits).
            indicators_refresh_all(organization=organization)


def _load_year(organization, fiscal_year, suppliers, rng, today) -> None:
    start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
    empty_months = {
        m for (y, m) in NO_PROCUREMENT.get(organization.slug, []) if y == fiscal_year
    }
    _load_plan(organization, fiscal_year, start, rng)
    for offset in range(12):
        month = (start + datetime.timedelta(days=31 * offset)).replace(day=1)
        if month > today:
            break
        if month.month in empty_months:
            if month.replace(day=28) < today:
                no_procurement_month_declare(
                    actor=None,
                    organization=organization,
                    month=month,
                    note="ช่วงเทศกาลสงกรานต์ ไม่มีความต้องการจัดหาพัสดุ",
                )
            continue
        for _n in range(rng.randint(3, 7)):
            item = rng.choice(ITEMS[:11] if rng.random() < 0.85 else ITEMS)
            _create(organization, fiscal_year, month, item, suppliers, rng, today)
    # One open tender (e-bidding) per year whose month has passed.
    month = (start + datetime.timedelta(days=100)).replace(day=1)
    if month < today:
        _create(organization, fiscal_year, month, ITEMS[11], suppliers, rng, today)
    # Cases with risk indicators in the previous year's data.
    if fiscal_year == thai_dates.fiscal_year(today) - 1:
        _load_indicator_cases(organization, fiscal_year, start, suppliers, rng, today)
    if fiscal_year < thai_dates.fiscal_year(today):
        _load_report_note(organization, fiscal_year)


def _load_plan(organization, fiscal_year, start, rng) -> None:
    villages = list(range(1, 12))
    for item in ITEMS:
        if item[7] in ("e_bidding", "e_market", "selection"):
            plan_item_create(
                actor=None,
                organization=organization,
                fiscal_year=fiscal_year,
                title=item[0]
                + (f" {rng.choice(villages)}" if item[0].endswith("หมู่ที่") else ""),
                budget_category=item[2],
                budget_amount=_round(rng.uniform(item[5], item[6])),
                method=item[7],
                expected_month=start + datetime.timedelta(days=rng.randint(60, 240)),
                published_on=start + datetime.timedelta(days=20),
            )


def _load_indicator_cases(
    organization, fiscal_year, start, suppliers, rng, today
) -> None:
    """Split purchases from one supplier and of one item across suppliers,
    and a reference price above budget."""
    month = (start + datetime.timedelta(days=160)).replace(day=1)
    supplier = suppliers[0]
    for day, amount in ((3, "248000"), (10, "251500"), (17, "239000")):
        _create(
            organization,
            fiscal_year,
            month,
            (
                "จ้างเหมาซ่อมแซมถนนลูกรังลงหินคลุก หมู่ที่ " + str(day % 11 + 1),
                "construction",
                "investment",
                "ค่าที่ดินและสิ่งก่อสร้าง",
                2,
                0,
                0,
                "specific",
            ),
            [supplier],
            rng,
            today,
            fixed_amount=Decimal(amount),
            day=day,
        )
    _create(
        organization,
        fiscal_year,
        month,
        (
            "จัดซื้อครุภัณฑ์สำนักงาน (เครื่องปรับอากาศ)",
            "purchase",
            "investment",
            "ค่าครุภัณฑ์",
            0,
            0,
            0,
            "specific",
        ),
        suppliers[1:2],
        rng,
        today,
        fixed_amount=Decimal("495000"),
        day=20,
        reference=Decimal("510000"),
    )
    # The same item from three suppliers on three days: 540,000 baht together.
    for day, supplier in zip((22, 23, 24), suppliers[2:5], strict=True):
        _create(
            organization,
            fiscal_year,
            month,
            (
                "จัดซื้อวัสดุก่อสร้าง (หินคลุก ทราย ปูนซีเมนต์)",
                "purchase",
                "operating",
                "ค่าวัสดุ",
                0,
                0,
                0,
                "specific",
            ),
            [supplier],
            rng,
            today,
            fixed_amount=Decimal("180000"),
            day=day,
        )


def _load_report_note(organization, fiscal_year) -> None:
    report_note_save(
        actor=None,
        organization=organization,
        fiscal_year=fiscal_year,
        problems=(
            "1. ผู้ประกอบการในพื้นที่มีจำนวนน้อย ทำให้การแข่งขันด้านราคาไม่มากนัก\n"
            "2. เจ้าหน้าที่พัสดุมีจำนวนจำกัดเมื่อเทียบกับปริมาณงาน\n"
            "3. การจัดทำราคากลางงานก่อสร้างใช้เวลานาน"
        ),
        proposals=(
            "1. ประชาสัมพันธ์เชิญชวนผู้ประกอบการให้ลงทะเบียนในระบบ e-GP เพิ่มขึ้น\n"
            "2. จัดทำแผนการจัดซื้อจัดจ้างให้เสร็จภายในไตรมาสแรก เพื่อลดการจัดซื้อช่วงปลายปี\n"
            "3. ส่งเจ้าหน้าที่เข้ารับการอบรมระเบียบพัสดุอย่างน้อยปีละหนึ่งครั้ง"
        ),
    )


def _bids(
    supplier_name, supplier_first12, agreed, suppliers, rng, *, competitive: bool
) -> list[dict]:
    """The selected supplier's bid, and two dearer ones in a competitive method."""
    bids = [
        {
            "name": supplier_name,
            "tax_id": _tax_id(supplier_first12),
            "price": str(agreed),
        }
    ]
    if competitive:
        for other_name, other_first12 in rng.sample(
            [s for s in suppliers if s[0] != supplier_name], 2
        ):
            price = agreed * Decimal(str(rng.uniform(1.02, 1.1)))
            bids.append(
                {
                    "name": other_name,
                    "tax_id": _tax_id(other_first12),
                    "price": str(price.quantize(Decimal("1"))),
                }
            )
    return bids


def _add_documents(procurement, title, procured_on, signed, *, competitive) -> None:
    if competitive:
        document_add(
            actor=None,
            procurement=procurement,
            kind=DocumentKind.INVITATION,
            title="ประกาศเชิญชวน " + title,
            published_on=procured_on - datetime.timedelta(days=14),
            url="https://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch",
        )
    if signed:
        document_add(
            actor=None,
            procurement=procurement,
            kind=DocumentKind.AWARD,
            title="ประกาศผู้ชนะการเสนอราคา " + title,
            published_on=signed,
            url="https://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch",
        )


def _contract_dates(signed, contract_days: int, today) -> dict:
    """Signed, started, due and (once the work is due) inspected."""
    if signed is None:
        return {
            "contract_date": None,
            "contract_start": None,
            "contract_end": None,
            "inspection_date": None,
        }
    end = signed + datetime.timedelta(days=contract_days)
    return {
        "contract_date": signed,
        "contract_start": signed,
        "contract_end": end,
        "inspection_date": end if end < today else None,
    }


def _create(
    organization,
    fiscal_year,
    month,
    item,
    suppliers,
    rng,
    today,
    *,
    fixed_amount=None,
    day=None,
    reference=None,
):
    title, ptype, category, expense, plan, low, high, method = item
    if title.endswith("หมู่ที่"):
        title = f"{title} {rng.randint(1, 11)}"
    budget = fixed_amount or _round(rng.uniform(low, high))
    procured_on = month.replace(day=day or rng.randint(1, 27))
    if procured_on > today:
        procured_on = today
    supplier_name, supplier_first12 = rng.choice(suppliers)
    competitive = method in ("e_bidding", "e_market", "selection")
    reference_price = reference or (budget if competitive or budget > 100000 else None)
    discount = Decimal(
        str(rng.uniform(0.08, 0.18) if competitive else rng.uniform(0, 0.02))
    )
    agreed = (budget * (1 - discount)).quantize(Decimal("1"))
    bids = _bids(
        supplier_name, supplier_first12, agreed, suppliers, rng, competitive=competitive
    )
    contract_days = 90 if ptype == "construction" else 15
    signed = procured_on + datetime.timedelta(days=7 if competitive else 0)
    if signed > today:
        signed = None
    plan_name, work = PLANS[plan]
    egp = _egp(fiscal_year, procured_on, rng) if budget > 5000 else ""
    if Procurement.objects.filter(
        organization=organization, egp_project_number=egp
    ).exists():
        egp = ""  # a random number already taken
    procurement = procurement_create(
        actor=None,
        organization=organization,
        fiscal_year=fiscal_year,
        procured_on=procured_on,
        budget_plan=plan_name,
        budget_work=work,
        budget_category=category,
        expense_type=expense,
        budget_line=title,
        fund_source=FundSource.SPECIFIC_GRANT
        if budget > 2000000
        else FundSource.BUDGET_ORDINANCE,
        title=title,
        procurement_type=ptype,
        method=method,
        legal_ground=GROUNDS.get(method, ""),
        budget_amount=budget,
        reference_price=reference_price,
        egp_project_number=egp,
        agreed_price=agreed if signed else None,
        selection_reason=REASON if signed else "",
        contract_number=(
            f"{rng.randint(1, 300)}/{thai_dates.to_be_year(procured_on.year)}"
            if signed
            else ""
        ),
        **_contract_dates(signed, contract_days, today),
        supplier_name=supplier_name if signed else "",
        supplier_tax_id=_tax_id(supplier_first12) if signed else "",
        bids=bids,
    )
    _add_documents(procurement, title, procured_on, signed, competitive=competitive)
    return procurement


__all__ = ["BudgetCategory", "Method", "ProcurementType", "load_procurement_demo"]


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_procurement_demo
