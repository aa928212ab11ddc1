"""A dataset provider defined for tests: rows live in a dict, not a register."""

from __future__ import annotations

import datetime
from decimal import Decimal

from prongsai.opendata.registry import DatasetProvider

TEST_KEY = "test-procurement"
UTC = datetime.UTC

# (organization pk, fiscal year) -> rows; tests fill and clear it.
ROWS: dict[tuple[int, int], list[dict]] = {}
MODIFIED: dict[tuple[int, int], datetime.datetime] = {}


def _years(*, organization) -> list[int]:
    return sorted(year for (pk, year), rows in ROWS.items() if pk == organization.pk)


def _rows(*, organization, fiscal_year):
    yield from ROWS.get((organization.pk, fiscal_year), [])


def _last_modified(*, organization, fiscal_year):
    return MODIFIED.get((organization.pk, fiscal_year))


TEST_PROVIDER = DatasetProvider(
    key=TEST_KEY,
    title="การจัดซื้อจัดจ้าง",
    description="รายการจัดซื้อจัดจ้างทุกรายการของปีงบประมาณ",
    fields=[
        ("project_id", "เลขที่โครงการ", "text"),
        ("title", "ชื่อโครงการ", "text"),
        ("bidders", "จำนวนผู้เสนอราคา", "integer"),
        ("amount", "ราคาที่ตกลงซื้อหรือจ้าง (บาท)", "number"),
        ("contract_date", "วันที่ลงนามสัญญา", "date"),
    ],
    years=_years,
    rows=_rows,
    last_modified=_last_modified,
    tags=("จัดซื้อจัดจ้าง", "สขร.1"),
)


def sample_rows(count: int = 3, *, start: int = 1) -> list[dict]:
    return [
        {
            "project_id": f"6801{n:07d}",
            "title": f"จัดซื้อวัสดุสำนักงาน รายการที่ {n}",
            "bidders": 1 + n % 3,
            "amount": Decimal("12500.50") + n,
            "contract_date": datetime.date(2024, 10, 1) + datetime.timedelta(days=n),
        }
        for n in range(start, start + count)
    ]


def put(organization, fiscal_year: int, rows: list[dict], modified=None) -> None:
    ROWS[(organization.pk, fiscal_year)] = rows
    MODIFIED[(organization.pk, fiscal_year)] = modified or datetime.datetime(
        2025, 1, 15, 3, 0, tzinfo=UTC
    )


def drop(organization, fiscal_year: int) -> None:
    ROWS.pop((organization.pk, fiscal_year), None)
    MODIFIED.pop((organization.pk, fiscal_year), None)
