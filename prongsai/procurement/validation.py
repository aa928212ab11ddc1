"""The checks a purchase passes before the register records it (pure).

One function, :func:`check_record`, used by the import preview on every row
(on the record as merging would leave it) and by the commit before it
writes: a row the preview accepts is a row the commit accepts. It covers
what the model and the services refuse: lengths, the e-GP number against
the fiscal year, contract dates in order, a supplier for an agreed price,
bidders listed once, a month declared without procurement.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from prongsai.core import thai_dates

from . import identifiers
from .matching import supplier_key
from .parsing_cells import MAX_AMOUNT
from .vocab import BudgetCategory, FundSource, Method, ProcurementType

#: Thai names of the fields problems are reported on (the สขร.1 column where
#: there is one), never the internal keys.
FIELD_NAMES = {
    "title": "งานที่จัดซื้อหรือจัดจ้าง",
    "budget_amount": "วงเงินที่จะซื้อหรือจ้าง",
    "reference_price": "ราคากลาง",
    "method": "วิธีซื้อหรือจ้าง",
    "legal_ground": "วิธีซื้อหรือจ้าง",
    "bids": "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "winner": "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "supplier": "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "supplier_name": "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "agreed_price": "ราคาที่ตกลงซื้อหรือจ้าง",
    "supplier_tax_id": "เลขประจำตัวผู้เสียภาษี",
    "reason": "เหตุผลที่คัดเลือกโดยสรุป",
    "selection_reason": "เหตุผลที่คัดเลือกโดยสรุป",
    "contract": "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
    "contract_number": "เลขที่สัญญา",
    "contract_date": "วันที่ลงนามสัญญา",
    "contract_start": "วันที่เริ่มต้นสัญญา",
    "contract_end": "วันที่สิ้นสุดสัญญา",
    "procured_on": "วันที่จัดซื้อจัดจ้าง",
    "announce_date": "วันที่ประกาศ",
    "egp_project_number": "เลขที่โครงการในระบบ e-GP",
    "fiscal_year": "ปีงบประมาณ",
    "procurement_type": "ประเภทการจัดซื้อ",
    "type": "ประเภทการจัดซื้อ",
    "budget_category": "ประเภทงบประมาณ",
    "fund_source": "แหล่งที่มาของงบประมาณ",
    "status": "สถานะโครงการ",
    "cancelled": "สถานะโครงการ",
    "seq": "ลำดับที่",
}

MAX_LENGTHS = {
    "title": 500,
    "legal_ground": 200,
    "selection_reason": 500,
    "contract_number": 100,
    "supplier_name": 300,
}


_METHODS = frozenset(Method.values)
_CHOICES = (
    ("procurement_type", frozenset(ProcurementType.values)),
    ("budget_category", frozenset(BudgetCategory.values)),
    ("fund_source", frozenset(FundSource.values)),
)


def field_name(name: str) -> str:
    return FIELD_NAMES.get(name, name)


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value) if value else None


def _amount(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _check_required(values: Mapping, problems: list) -> None:
    if not values.get("title"):
        problems.append(("title", _("The title is empty.")))
    if values.get("method") not in _METHODS:
        problems.append(("method", _("The method is empty.")))
    if values.get("procured_on") in (None, ""):
        problems.append(
            (
                "procured_on",
                _("No date found: give the contract date or the procurement date."),
            )
        )
    year = values.get("fiscal_year")
    if not isinstance(year, int) or not 2540 <= year <= 2700:
        problems.append(
            (
                "fiscal_year",
                _("The fiscal year must be a Buddhist-era year, e.g. 2568."),
            )
        )
    for name, allowed in _CHOICES:
        if values.get(name) and values[name] not in allowed:
            problems.append(
                (
                    name,
                    _("“%(value)s” is not a value we know.") % {"value": values[name]},
                )
            )


def _check_amounts(values: Mapping, problems: list) -> None:
    if _amount(values.get("budget_amount")) is None:
        problems.append(("budget_amount", _("The budget amount is empty.")))
    for name in ("budget_amount", "reference_price", "agreed_price"):
        amount = _amount(values.get(name))
        if amount is not None and not Decimal(0) <= amount <= MAX_AMOUNT:
            problems.append(
                (
                    name,
                    _("The amount “%(value)s” is too large (at most %(max)s baht).")
                    % {"value": amount, "max": f"{MAX_AMOUNT:,}"},
                )
            )
    if _amount(values.get("agreed_price")) is not None and not values.get(
        "supplier_name"
    ):
        problems.append(
            ("winner", _("There is an agreed price but no selected supplier."))
        )


def _check_lengths(values: Mapping, problems: list) -> None:
    for name, limit in MAX_LENGTHS.items():
        text = values.get(name) or ""
        if len(text) > limit:
            problems.append(
                (
                    name,
                    _("The text is %(length)s characters long; at most %(limit)s fit.")
                    % {"length": len(text), "limit": limit},
                )
            )
    for bid in values.get("bids") or []:
        if len(bid.get("name", "")) > MAX_LENGTHS["supplier_name"]:
            problems.append(
                (
                    "bids",
                    _("The text is %(length)s characters long; at most %(limit)s fit.")
                    % {
                        "length": len(bid["name"]),
                        "limit": MAX_LENGTHS["supplier_name"],
                    },
                )
            )


def _check_identifiers(values: Mapping, problems: list) -> None:
    number = values.get("egp_project_number") or ""
    year = values.get("fiscal_year")
    if number and not identifiers.is_valid_egp_number(number):
        problems.append(
            (
                "egp_project_number",
                _(
                    "The e-GP project number is 11 digits, the first two the "
                    "Buddhist-era year, e.g. 68049205582."
                ),
            )
        )
    elif (
        number
        and isinstance(year, int)
        and not identifiers.is_valid_egp_number(number, fiscal_year=year)
    ):
        problems.append(
            (
                "egp_project_number",
                _(
                    "The e-GP project number starts with %(prefix)s, which does "
                    "not match fiscal year %(year)s."
                )
                % {"prefix": number[:2], "year": year},
            )
        )
    tax_ids = [("supplier_tax_id", values.get("supplier_tax_id") or "")]
    tax_ids += [("bids", bid.get("tax_id") or "") for bid in values.get("bids") or []]
    for name, tax_id in tax_ids:
        if tax_id and not (
            identifiers.is_masked_id(tax_id) or identifiers.is_valid_thai_id(tax_id)
        ):
            problems.append(
                (
                    name,
                    _("“%(value)s” is not a valid 13-digit Thai tax ID.")
                    % {"value": tax_id},
                )
            )


def _check_bidders(values: Mapping, problems: list) -> None:
    seen: set = set()
    for bid in values.get("bids") or []:
        key = bid.get("tax_id") or supplier_key(bid.get("name", ""))
        if key in seen:
            problems.append(
                (
                    "bids",
                    _("“%(name)s” is listed twice among the bidders.")
                    % {"name": bid.get("name", "")},
                )
            )
        seen.add(key)


def _check_dates(
    values: Mapping, closed_months: Collection[str], problems: list
) -> None:
    start, end = _date(values.get("contract_start")), _date(values.get("contract_end"))
    if start and end and end < start:
        problems.append(
            ("contract_end", _("The contract cannot end before it starts."))
        )
    day = _date(values.get("procured_on"))
    if day is not None and day.replace(day=1).isoformat() in closed_months:
        problems.append(
            (
                "procured_on",
                _(
                    "%(month)s is declared a month without procurement; withdraw "
                    "that declaration first."
                )
                % {"month": thai_dates.format_date(day, style="month")},
            )
        )


def check_record(
    values: Mapping, *, closed_months: Collection[str] = ()
) -> list[tuple[str, str]]:
    """Every problem of a purchase as it would be recorded: (field, message).

    *values* are in the form of a parsed row; *closed_months* are the first
    days (ISO) of the months declared without procurement.
    """
    problems: list[tuple[str, str]] = []
    _check_required(values, problems)
    _check_amounts(values, problems)
    _check_lengths(values, problems)
    _check_identifiers(values, problems)
    _check_bidders(values, problems)
    _check_dates(values, closed_months, problems)
    return problems
