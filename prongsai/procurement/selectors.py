"""Reads of the procurement register, always scoped to one organisation.

Also the open-data interface used by the catalogue app:
``PROCUREMENT_DATASET_FIELDS``, ``procurement_dataset_rows``,
``procurement_dataset_years`` and ``procurement_last_modified``; rows are
published-safe (natural persons' IDs masked).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.search.selectors import filter_by_search

from . import parsing_rows
from .models import (
    AnnualReportNote,
    Bid,
    ImportBatch,
    ImportProblem,
    ImportRow,
    NoProcurementMonth,
    PlanItem,
    Procurement,
    ProcurementDocument,
    ProcurementSettings,
    RiskIndicator,
)
from .vocab import (
    BUDGET_CATEGORY_THAI,
    FUND_SOURCE_THAI,
    METHOD_THAI,
    STATUS_THAI,
    TYPE_THAI,
    Status,
)


def _get(queryset: QuerySet, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_procurement(*, organization, pk) -> Procurement:
    return _get(
        Procurement.objects.select_related("supplier", "organization"),
        organization=organization,
        pk=pk,
    )


def access_document(*, organization, pk) -> ProcurementDocument:
    return _get(
        ProcurementDocument.objects.select_related("procurement"),
        procurement__organization=organization,
        pk=pk,
    )


def access_plan_item(*, organization, pk) -> PlanItem:
    return _get(PlanItem.objects.all(), organization=organization, pk=pk)


def access_no_procurement_month(*, organization, pk) -> NoProcurementMonth:
    return _get(NoProcurementMonth.objects.all(), organization=organization, pk=pk)


def access_import(*, organization, pk) -> ImportBatch:
    return _get(ImportBatch.objects.all(), organization=organization, pk=pk)


def procurement_list(
    *,
    organization,
    fiscal_year: int | None = None,
    month: int | None = None,
    method: str = "",
    budget_category: str = "",
    status: str = "",
    query: str = "",
    indicator: str = "",
) -> QuerySet[Procurement]:
    """The organisation's procurements, filtered; newest first. ``indicator``
    keeps the records with that stored risk indicator (callers check that
    the reader may see indicators)."""
    queryset = Procurement.objects.filter(organization=organization).select_related(
        "supplier"
    )
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    if month and fiscal_year:  # a date range: the (organisation, year, date) index
        start = _fiscal_month_start(fiscal_year, month)
        end = (start + datetime.timedelta(days=32)).replace(day=1)
        queryset = queryset.filter(procured_on__gte=start, procured_on__lt=end)
    elif month:
        queryset = queryset.filter(procured_on__month=month)
    if method:
        queryset = queryset.filter(method=method)
    if budget_category:
        queryset = queryset.filter(budget_category=budget_category)
    if status:
        queryset = queryset.with_status(status)
    if indicator:
        queryset = queryset.filter(
            Exists(
                RiskIndicator.objects.filter(
                    organization=organization,
                    procurement=OuterRef("pk"),
                    code=indicator,
                )
            )
        )
    if query:
        queryset = filter_by_search(
            queryset, kind="procurement", query=query, organization=organization
        )
    return queryset.order_by("-procured_on", "-id")


def _fiscal_month_start(fiscal_year: int, month: int) -> datetime.date:
    """The first day of calendar ``month`` inside Buddhist-era ``fiscal_year``
    (October to September)."""
    start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
    year = start.year if month >= start.month else start.year + 1
    return datetime.date(year, month, 1)


def record_years(*, organization) -> list[int]:
    """The fiscal years of the organisation's records, newest first.

    A loose index scan (one index probe per year, ``WITH RECURSIVE``) of the
    (organisation, fiscal year, date) index: its cost follows the number of
    years, where ``SELECT DISTINCT`` reads every record of the organisation.
    """
    from django.db import connections

    table = Procurement._meta.db_table
    sql = (
        f"WITH RECURSIVE years(y) AS ("  # noqa: S608 - table name from the model
        f"SELECT (SELECT fiscal_year FROM {table} WHERE organization_id = %s "
        f"ORDER BY fiscal_year DESC LIMIT 1) "
        f"UNION ALL SELECT (SELECT p.fiscal_year FROM {table} p "
        f"WHERE p.organization_id = %s AND p.fiscal_year < years.y "
        f"ORDER BY p.fiscal_year DESC LIMIT 1) FROM years WHERE years.y IS NOT NULL"
        f") SELECT y FROM years WHERE y IS NOT NULL"
    )
    using = Procurement.objects.all().db
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [organization.pk, organization.pk])
        return [row[0] for row in cursor.fetchall()]


def procurement_years(*, organization) -> list[int]:
    """Fiscal years with records or "no procurement" months, newest first."""
    years = set(record_years(organization=organization))
    years.update(
        thai_dates.fiscal_year(month)
        for month in NoProcurementMonth.objects.filter(
            organization=organization
        ).values_list("month", flat=True)
    )
    return sorted(years, reverse=True)


def procurements_in_month(*, organization, month: datetime.date) -> QuerySet:
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return (
        Procurement.objects.filter(
            organization=organization, procured_on__gte=start, procured_on__lt=end
        )
        .select_related("supplier")
        .prefetch_related("bids__supplier")
        .order_by("procured_on", "id")
    )


def no_procurement_month_list(*, organization, fiscal_year=None) -> QuerySet:
    queryset = NoProcurementMonth.objects.filter(organization=organization)
    if fiscal_year:
        start, end = thai_dates.fiscal_year_bounds(fiscal_year)
        queryset = queryset.filter(month__gte=start, month__lte=end)
    return queryset.order_by("month")


def is_no_procurement_month(*, organization, month: datetime.date) -> bool:
    return NoProcurementMonth.objects.filter(
        organization=organization, month=month.replace(day=1)
    ).exists()


def plan_item_list(*, organization, fiscal_year=None) -> QuerySet[PlanItem]:
    queryset = PlanItem.objects.filter(organization=organization)
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    return queryset.order_by("expected_month", "title")


def year_procurements(*, organization, fiscal_year: int) -> QuerySet[Procurement]:
    return (
        Procurement.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("supplier")
        .prefetch_related("bids__supplier", "documents")
        .order_by("procured_on", "id")
    )


def procurement_settings(*, organization) -> ProcurementSettings:
    return ProcurementSettings.for_organization(organization)


def report_note(*, organization, fiscal_year: int) -> AnnualReportNote | None:
    return AnnualReportNote.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def import_rows(*, batch: ImportBatch) -> QuerySet[ImportRow]:
    """The parsed rows of ``batch`` in file order (page through them)."""
    return batch.import_rows.order_by("number", "id")


def import_errors(*, batch: ImportBatch) -> QuerySet[ImportProblem]:
    """The problems that stop ``batch``, in file order."""
    return batch.import_problems.filter(severity=parsing_rows.ERROR).order_by(
        "row", "column", "id"
    )


def import_warnings(*, batch: ImportBatch) -> QuerySet[ImportProblem]:
    """The problems to check that do not stop ``batch``, in file order."""
    return batch.import_problems.exclude(severity=parsing_rows.ERROR).order_by(
        "row", "column", "id"
    )


def import_list(*, organization) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(organization=organization).order_by(
        "-created_at"
    )[:10]


# --- open data -------------------------------------------------------------------

PROCUREMENT_DATASET_FIELDS: list[tuple[str, str, str]] = [
    ("id", "รหัสรายการ", "integer"),
    ("fiscal_year", "ปีงบประมาณ", "integer"),
    ("procured_on", "วันที่จัดซื้อจัดจ้าง", "date"),
    ("title", "ชื่อรายการของงานที่ซื้อหรือจ้าง", "text"),
    ("procurement_type", "ประเภทการจัดซื้อจัดจ้าง", "text"),
    ("budget_category", "งบรายจ่าย", "text"),
    ("budget_plan", "แผนงาน", "text"),
    ("budget_work", "งาน", "text"),
    ("expense_type", "หมวด/ประเภทรายจ่าย", "text"),
    ("budget_line", "รายการงบประมาณ", "text"),
    ("fund_source", "แหล่งที่มาของงบประมาณ", "text"),
    ("budget_amount", "วงเงินงบประมาณที่ได้รับจัดสรร (บาท)", "number"),
    ("reference_price", "ราคากลาง (บาท)", "number"),
    ("method", "วิธีการจัดซื้อจัดจ้าง", "text"),
    ("legal_ground", "เหตุผลตามกฎหมาย", "text"),
    ("number_of_bidders", "จำนวนผู้เสนอราคา", "integer"),
    ("supplier_name", "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก", "text"),
    ("supplier_tax_id", "เลขประจำตัวผู้เสียภาษี", "text"),
    ("agreed_price", "ราคาที่ตกลงซื้อหรือจ้าง (บาท)", "number"),
    ("contract_number", "เลขที่สัญญาหรือข้อตกลง", "text"),
    ("contract_date", "วันที่ลงนามสัญญา", "date"),
    ("contract_start", "วันที่เริ่มต้นสัญญา", "date"),
    ("contract_end", "วันที่สิ้นสุดสัญญา", "date"),
    ("egp_project_number", "เลขที่โครงการในระบบ e-GP", "text"),
    ("status", "สถานะการจัดซื้อจัดจ้าง", "text"),
]


def procurement_public_row(procurement: Procurement, *, today=None) -> dict:
    """One procurement as published (natural persons' IDs masked)."""
    today = today or thai_dates.local_date(datetime.datetime.now(tz=thai_dates.BANGKOK))
    supplier = procurement.supplier
    return {
        "id": procurement.pk,
        "fiscal_year": procurement.fiscal_year,
        "procured_on": procurement.procured_on,
        "title": procurement.title,
        "procurement_type": TYPE_THAI.get(procurement.procurement_type, ""),
        "budget_category": BUDGET_CATEGORY_THAI.get(procurement.budget_category, ""),
        "budget_plan": procurement.budget_plan,
        "budget_work": procurement.budget_work,
        "expense_type": procurement.expense_type,
        "budget_line": procurement.budget_line,
        "fund_source": FUND_SOURCE_THAI.get(procurement.fund_source, ""),
        "budget_amount": procurement.budget_amount,
        "reference_price": procurement.reference_price,
        "method": METHOD_THAI.get(procurement.method, ""),
        "legal_ground": procurement.legal_ground,
        "number_of_bidders": getattr(procurement, "bid_count", None),
        "supplier_name": supplier.name if supplier else "",
        "supplier_tax_id": supplier.published_tax_id if supplier else "",
        "agreed_price": procurement.agreed_price,
        "contract_number": procurement.contract_number,
        "contract_date": procurement.contract_date,
        "contract_start": procurement.contract_start,
        "contract_end": procurement.contract_end,
        "egp_project_number": procurement.egp_project_number,
        "status": STATUS_THAI[Status(procurement.status_on(today))],
    }


_VALUE_FIELDS = (
    "id",
    "fiscal_year",
    "procured_on",
    "title",
    "procurement_type",
    "budget_category",
    "budget_plan",
    "budget_work",
    "expense_type",
    "budget_line",
    "fund_source",
    "budget_amount",
    "reference_price",
    "method",
    "legal_ground",
    "supplier__name",
    "supplier__tax_id",
    "agreed_price",
    "contract_number",
    "contract_date",
    "contract_start",
    "contract_end",
    "egp_project_number",
    "cancelled",
)


def _value_rows(chunk, counts: dict, today_key, statuses: dict) -> Iterator[list]:
    """The published rows of one chunk of cursor rows (the hot loop)."""
    for (
        pk,
        year,
        procured_on,
        title,
        ptype,
        category,
        plan,
        work,
        expense,
        line,
        fund,
        budget,
        reference,
        method,
        ground,
        supplier_name,
        supplier_tax_id,
        agreed,
        contract_number,
        contract_date,
        contract_start,
        contract_end,
        egp,
        cancelled,
    ) in chunk:
        if cancelled:
            status = Status.CANCELLED
        elif contract_date is None:
            status = Status.PLANNED
        elif contract_end is not None and contract_end < today_key:
            status = Status.COMPLETED
        else:
            status = Status.ACTIVE
        yield [
            pk,
            year,
            procured_on,
            title,
            TYPE_THAI.get(ptype, ""),
            BUDGET_CATEGORY_THAI.get(category, ""),
            plan,
            work,
            expense,
            line,
            FUND_SOURCE_THAI.get(fund, ""),
            budget,
            reference,
            METHOD_THAI.get(method, ""),
            ground,
            counts.get(pk, 0),
            supplier_name or "",
            supplier_tax_id
            if not supplier_tax_id or supplier_tax_id[0] == "0"
            else supplier_tax_id[:9] + "xxxx",
            agreed,
            contract_number,
            contract_date,
            contract_start,
            contract_end,
            egp,
            statuses[status],
        ]


#: Cursor rows held at once by the streamed exports: 2,000 rows keep the
#: process within ~10 MB of its start (10,000 took ~40 MB) for about the same speed.
_CHUNK_ROWS = 2_000


def procurement_value_rows(queryset, *, today=None) -> Iterator[list]:
    """Published rows (dataset field order) read with a plain cursor, without
    building model objects: for large streamed exports. Values are as the
    database driver returns them (SQLite: text dates, numbers; PostgreSQL:
    dates, Decimals), which the CSV writer turns into ISO dates and numbers."""
    from django.db import connections

    today = today or thai_dates.local_date(datetime.datetime.now(tz=thai_dates.BANGKOK))
    sql, params = queryset.values_list(*_VALUE_FIELDS).query.sql_with_params()
    statuses = {key: STATUS_THAI[key] for key in Status}
    bid_table = Bid._meta.db_table
    connection = connections[queryset.db]
    today_key = today
    # A server-side cursor on PostgreSQL (a plain one would pull the whole
    # register into memory before the first row); a plain one elsewhere.
    with connection.chunked_cursor() as cursor, connection.cursor() as counter:
        cursor.execute(sql, params)
        while True:
            chunk = cursor.fetchmany(_CHUNK_ROWS)
            if not chunk:
                break
            # Bidders are counted per chunk: one small query instead of a
            # GROUP BY over the whole register.
            ids = [row[0] for row in chunk]
            marks = ", ".join(["%s"] * len(ids))
            counter.execute(
                f"SELECT procurement_id, COUNT(*) FROM {bid_table} "  # noqa: S608 - table name from the model, values bound
                f"WHERE procurement_id IN ({marks}) GROUP BY procurement_id",
                ids,
            )
            counts = dict(counter.fetchall())
            yield from _value_rows(chunk, counts, today_key, statuses)


def procurement_dataset_rows(*, organization, fiscal_year: int) -> Iterator[dict]:
    """Every procurement of the year, oldest first, keys of the dataset fields."""
    queryset = (
        Procurement.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("supplier")
        .annotate(bid_count=Count("bids"))
        .order_by("procured_on", "id")
    )
    today = thai_dates.local_date(datetime.datetime.now(tz=thai_dates.BANGKOK))
    for procurement in queryset.iterator(chunk_size=2000):
        yield procurement_public_row(procurement, today=today)


def procurement_dataset_years(*, organization) -> list[int]:
    return record_years(organization=organization)


def procurement_last_modified(*, organization, fiscal_year: int):
    """When the year's data last changed (a datetime), or None."""
    return Procurement.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).aggregate(latest=Max("updated_at"))["latest"]


# --- monthly coverage (the สขร.1 months and OIT evidence) -------------------------


@dataclass(frozen=True)
class MonthCoverage:
    """One month of a fiscal year: its procurements or an explicit "none"."""

    month: datetime.date
    count: int
    no_procurement: bool

    @property
    def covered(self) -> bool:
        return self.count > 0 or self.no_procurement


def month_coverage(*, organization, fiscal_year: int) -> list[MonthCoverage]:
    """The twelve months of a fiscal year, October first, with what was recorded."""
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    counts: dict[datetime.date, int] = {}
    for day in Procurement.objects.filter(
        organization=organization, procured_on__gte=start, procured_on__lte=end
    ).values_list("procured_on", flat=True):
        key = day.replace(day=1)
        counts[key] = counts.get(key, 0) + 1
    none = set(
        no_procurement_month_list(
            organization=organization, fiscal_year=fiscal_year
        ).values_list("month", flat=True)
    )
    months = []
    day = start
    for _i in range(12):
        months.append(
            MonthCoverage(
                month=day, count=counts.get(day, 0), no_procurement=day in none
            )
        )
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def fiscal_year_ended(fiscal_year: int, *, today: datetime.date | None = None) -> bool:
    _start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    return end < (today or timezone.localdate())


def year_has_records(*, organization, fiscal_year: int) -> bool:
    """Whether anything is recorded for the year (procurements, "none" months
    or the officer's notes for the annual report)."""
    return (
        Procurement.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).exists()
        or no_procurement_month_list(
            organization=organization, fiscal_year=fiscal_year
        ).exists()
        or report_note(organization=organization, fiscal_year=fiscal_year) is not None
    )
