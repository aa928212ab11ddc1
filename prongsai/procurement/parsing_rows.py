"""Reading one data row of a procurement table into a register record (pure).

Each problem is reported with its spreadsheet row and column header; warnings
(reference price above budget, dates outside the fiscal year) do not block
an import, errors (a date outside the report month) do.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from prongsai.core import thai_dates

from . import identifiers, parsing_cells, validation
from .parsing_cells import (
    CellError,
    clean_name,
    clean_text,
    guess_budget_category,
    guess_fund_source,
    guess_type,
    is_empty,
    parse_amount,
    parse_contract,
    parse_date,
    parse_method,
    parse_name_prices,
)

ERROR = "error"
WARNING = "warning"

#: Money columns, read alike; their values are stored as text.
AMOUNT_FIELDS = ("budget_amount", "reference_price", "agreed_price")
#: Date values of a row, stored as ISO text.
DATE_FIELDS = ("procured_on", "contract_date", "contract_start", "contract_end")
#: The column a missing or odd date is reported on: the first the table has.
DATE_COLUMNS = ("procured_on", "contract_date", "contract", "announce_date")


@dataclass
class Problem:
    row: int
    column: str
    message: str
    severity: str = ERROR
    sheet: str = ""

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
            "sheet": self.sheet,
        }


@dataclass
class RowCells:
    """One data row: its cells by field name, and the problems found in it."""

    row: list
    number: int  # 1-based, as the spreadsheet shows
    mapping: dict[int, str]  # column → field
    labels: dict[int, str]  # column → header text
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)

    def has(self, name: str) -> bool:
        return name in self.mapping.values()

    def cell(self, name: str):
        for col, field_name in self.mapping.items():
            if field_name == name and col < len(self.row):
                return self.row[col]
        return None

    def text(self, name: str) -> str:
        return clean_text(self.cell(name))

    def label(self, name: str) -> str:
        """The column's header as the file writes it, else its Thai name."""
        for col, mapped in self.mapping.items():
            if mapped == name and self.labels.get(col):
                return self.labels[col]
        return validation.field_name(name) if name else ""

    def problem(self, name: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(self.number, self.label(name), message, severity))

    def amount(self, name: str) -> Decimal | None:
        try:
            return parse_amount(self.cell(name))
        except CellError as error:
            self.problem(name, str(error))
            self.unreadable.add(name)
            return None

    def date(self, name: str) -> datetime.date | None:
        try:
            return parse_date(self.cell(name))
        except CellError as error:
            self.problem(name, str(error))
            return None

    def name_prices(self, name: str) -> list:
        try:
            return parse_name_prices(self.cell(name))
        except CellError as error:
            self.problem(name, str(error))
            return []

    def date_column(self) -> str:
        return next((name for name in DATE_COLUMNS if self.has(name)), "contract")

    @property
    def failed(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)


def natural_key(row: dict) -> str:
    if row.get("egp_project_number"):
        return "egp:" + row["egp_project_number"]
    basis = "|".join(
        [
            re.sub(r"\s+", "", row.get("title", "")),
            row.get("contract_number", ""),
            row.get("procured_on", ""),
        ]
    )
    return "row:" + hashlib.sha256(basis.encode()).hexdigest()[:40]


def parse_row(
    cells: RowCells,
    title: str,
    *,
    period: datetime.date | None,
    fiscal_year: int | None,
) -> dict | None:
    """The record of a row with a title, or ``None`` when it has errors.

    The problems found (errors and warnings) are left on ``cells.problems``.
    """
    data: dict = {"row": cells.number, "title": title, "guessed": []}
    for name in AMOUNT_FIELDS:
        data[name] = cells.amount(name)
    _read_method(cells, data)
    _read_classification(cells, data)
    _read_parties(cells, data)
    _read_contract(cells, data)
    _read_procured_on(cells, data, period)
    _read_status_and_numbers(cells, data, fiscal_year)
    _fill_budget(cells, data)
    _warn_above_budget(cells, data)
    _warn_outside_period(cells, data, period, fiscal_year)
    if cells.failed:
        return None
    for key in AMOUNT_FIELDS:
        data[key] = None if data[key] is None else str(data[key])
    for key in DATE_FIELDS:
        data[key] = data[key].isoformat() if data[key] else None
    data["key"] = natural_key(data)
    data["carried"] = carried(cells, data.pop("guessed"))
    return data


#: The fields of a record each column gives.
COLUMN_FIELDS = {
    "egp_project_number": ("egp_project_number",),
    "method": ("method", "legal_ground"),
    "type": ("procurement_type",),
    "budget_category": ("budget_category",),
    "fund_source": ("fund_source",),
    "budget_amount": ("budget_amount",),
    "reference_price": ("reference_price",),
    "agreed_price": ("agreed_price",),
    "winner": ("agreed_price", "supplier"),
    "supplier_name": ("supplier",),
    "supplier_tax_id": ("supplier",),
    "bids": ("bids", "supplier"),
    "reason": ("selection_reason",),
    "contract": ("contract_number", "contract_date", "contract_start"),
    "contract_number": ("contract_number", "contract_date", "contract_start"),
    "contract_date": ("contract_date", "contract_start"),
    "contract_start": ("contract_start",),
    "contract_end": ("contract_end",),
    "status": ("cancelled",),
}


def carried(cells: RowCells, guessed: list[str]) -> list[str]:
    """The fields the file's columns give (not guessed from other columns):
    merging never compares a guess with a recorded value."""
    names = {
        name
        for column in set(cells.mapping.values())
        for name in COLUMN_FIELDS.get(column, ())
    }
    return sorted(names - set(guessed))


def _read_method(cells: RowCells, data: dict) -> None:
    method_cell = cells.cell("method")
    method, ground = parse_method(method_cell)
    if method is None and cells.has("method"):
        if is_empty(method_cell):
            cells.problem("method", _("The method is empty."))
        else:
            cells.problem(
                "method",
                _("“%(value)s” is not a procurement method we know.")
                % {"value": clean_text(method_cell)},
            )
    data["method"] = method or ""
    data["legal_ground"] = ground


def _read_classification(cells: RowCells, data: dict) -> None:
    title = data["title"]
    data["procurement_type"] = guess_type(title, cells.text("type"))
    data["budget_category"] = guess_budget_category(
        cells.text("budget_category"), title
    )
    data["fund_source"] = guess_fund_source(cells.text("fund_source"))
    data["selection_reason"] = cells.text("reason")


def _read_bids(cells: RowCells) -> list[dict]:
    bids: list[dict] = []
    for pair in cells.name_prices("bids"):
        if pair.price is None:
            cells.problem(
                "bids",
                _("No price found for the bidder “%(name)s”.") % {"name": pair.name},
            )
        elif not pair.name:
            cells.problem("bids", _("A price in the bidders' cell has no name."))
        else:
            bids.append(
                {"name": pair.name, "tax_id": pair.tax_id, "price": str(pair.price)}
            )
    return bids


def _read_parties(cells: RowCells, data: dict) -> None:
    """The bidders and the selected supplier (from its columns or the winner's)."""
    bids = data["bids"] = _read_bids(cells)
    supplier_name = clean_name(cells.cell("supplier_name"))
    supplier_tax_id = identifiers.clean_digits(cells.text("supplier_tax_id"))
    winners = cells.name_prices("winner")
    if winners:
        if len(winners) > 1:
            cells.problem(
                "winner",
                _("The selected-supplier cell names more than one supplier."),
            )
        winner = winners[0]
        supplier_name = supplier_name or winner.name
        supplier_tax_id = supplier_tax_id or winner.tax_id
        if data["agreed_price"] is None:
            data["agreed_price"] = winner.price
    if not supplier_tax_id and supplier_name:
        for bid in bids:
            if bid["name"] == supplier_name:
                supplier_tax_id = bid["tax_id"]
    if is_empty(supplier_tax_id):
        supplier_tax_id = ""
    tax_ids = [("supplier_tax_id", supplier_tax_id)]
    tax_ids += [("bids", bid["tax_id"]) for bid in bids]
    for column, tax_id in tax_ids:
        if tax_id and not (
            identifiers.is_masked_id(tax_id) or identifiers.is_valid_thai_id(tax_id)
        ):
            cells.problem(
                column,
                _("“%(value)s” is not a valid 13-digit Thai tax ID.")
                % {"value": tax_id},
            )
    data["supplier_name"] = supplier_name
    data["supplier_tax_id"] = supplier_tax_id
    if data["agreed_price"] is not None and not supplier_name:
        cells.problem("winner", _("There is an agreed price but no selected supplier."))


def _read_contract(cells: RowCells, data: dict) -> None:
    """Number and dates of the contract, from one merged cell or their own."""
    contract_number, contract_date = "", None
    if cells.has("contract"):
        try:
            contract_number, contract_date = parse_contract(cells.cell("contract"))
        except CellError as error:
            cells.problem("contract", str(error))
    contract_number = cells.text("contract_number") or contract_number
    if is_empty(contract_number):
        contract_number = ""
    if cells.has("contract_number") and contract_number:
        contract_number, inline_date = parse_contract(contract_number)
        contract_date = contract_date or inline_date
    contract_date = cells.date("contract_date") or contract_date
    data["contract_number"] = contract_number
    data["contract_date"] = contract_date
    data["contract_start"] = cells.date("contract_start") or contract_date
    data["contract_end"] = cells.date("contract_end")


def _read_procured_on(
    cells: RowCells, data: dict, period: datetime.date | None
) -> None:
    announce_date = cells.date("announce_date")
    procured_on = cells.date("procured_on") or data["contract_date"] or announce_date
    if procured_on is None and period is not None:
        procured_on = period
    if procured_on is None and any(cells.has(name) for name in DATE_COLUMNS):
        cells.problem(
            cells.date_column(),
            _("No date found: give the contract date or the procurement date."),
        )
    data["procured_on"] = procured_on


def _read_status_and_numbers(
    cells: RowCells, data: dict, fiscal_year: int | None
) -> None:
    data["cancelled"] = "ยกเลิก" in cells.text("status")
    egp = identifiers.clean_digits(cells.text("egp_project_number"))
    if is_empty(egp):
        egp = ""
    if egp and not identifiers.is_valid_egp_number(egp):
        cells.problem(
            "egp_project_number",
            _(
                "“%(value)s” is not an e-GP project number (11 digits, the "
                "first two the Buddhist-era year)."
            )
            % {"value": egp},
        )
        egp = ""
    data["egp_project_number"] = egp
    year_cell = identifiers.clean_digits(cells.text("fiscal_year"))
    procured_on = data["procured_on"]
    if year_cell.isdigit() and len(year_cell) == 4:
        data["fiscal_year"] = int(year_cell)
    elif procured_on is not None:
        data["fiscal_year"] = thai_dates.fiscal_year(procured_on)
    else:
        data["fiscal_year"] = fiscal_year


def _fill_budget(cells: RowCells, data: dict) -> None:
    if data["budget_amount"] is not None:
        return
    if data["agreed_price"] is not None:
        data["budget_amount"] = data["agreed_price"]
        data["guessed"].append("budget_amount")
        cells.problem(
            "budget_amount",
            _("The budget amount is empty; the agreed price is used."),
            WARNING,
        )
    elif "budget_amount" not in cells.unreadable and cells.has("budget_amount"):
        cells.problem("budget_amount", _("The budget amount is empty."))


def _warn_above_budget(cells: RowCells, data: dict) -> None:
    budget = data["budget_amount"]
    if budget is None:
        return
    reference, agreed = data["reference_price"], data["agreed_price"]
    if reference is not None and reference > budget:
        cells.problem(
            "reference_price",
            _(
                "The reference price (%(reference)s) is above the budget "
                "amount (%(budget)s)."
            )
            % {"reference": reference, "budget": budget},
            WARNING,
        )
    if agreed is not None and agreed > budget:
        cells.problem(
            "agreed_price", _("The agreed price is above the budget amount."), WARNING
        )


def _warn_outside_period(
    cells: RowCells,
    data: dict,
    period: datetime.date | None,
    fiscal_year: int | None,
) -> None:
    procured_on = data["procured_on"]
    if procured_on is None:
        return
    # The table reports one month: a row dated in another month would be
    # filed under the wrong month of the register.
    outside = parsing_cells.date_outside_month(procured_on, period) if period else None
    if outside:
        cells.problem(cells.date_column(), outside, ERROR)
    if fiscal_year is not None and thai_dates.fiscal_year(procured_on) != fiscal_year:
        cells.problem(
            cells.date_column(),
            _("The date %(date)s is outside fiscal year %(year)s.")
            % {"date": thai_dates.format_date(procured_on), "year": fiscal_year},
            WARNING,
        )
