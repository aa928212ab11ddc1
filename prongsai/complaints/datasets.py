"""The complaint dataset for the open-data catalogue (no personal data).

One row per general case (complaints, suggestions, praise) of a fiscal year,
from ``selectors_statistics.complaint_dataset_row_list``: the subject only once
an officer approved its public text (empty until then); names, contacts, chat
ids, coordinates and confidential reports left out.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from prongsai.opendata.registry import DatasetProvider

from . import selectors_statistics
from .models import Case, Kind

FIELDS = (
    ("reference", "เลขที่เรื่อง", "text"),
    ("fiscal_year", "ปีงบประมาณ", "integer"),
    ("received_date", "วันที่รับเรื่อง", "date"),
    ("kind", "ลักษณะเรื่อง", "text"),
    ("category", "ประเภทเรื่อง", "text"),
    ("channel", "ช่องทาง", "text"),
    ("subject", "เรื่อง", "text"),
    ("status", "สถานะ", "text"),
    ("outcome", "ผลการดำเนินการ", "text"),
    ("closed_date", "วันที่ปิดเรื่อง", "date"),
    ("satisfaction", "ความพึงพอใจ (1-5)", "integer"),
)


def _years(*, organization) -> list[int]:
    years = selectors_statistics.statistics_year_list(organization=organization)
    general = Case.objects.filter(organization=organization).exclude(
        kind=Kind.CORRUPTION
    )
    if not general.exists():
        return []
    return [
        y
        for y in years
        if selectors_statistics.complaint_statistics_get(
            organization=organization, fiscal_year=y
        )["total"]
    ]


def _rows(*, organization, fiscal_year: int):
    for row in selectors_statistics.complaint_dataset_row_list(
        organization=organization, fiscal_year=fiscal_year
    ):
        yield {
            **row,
            "received_date": datetime.date.fromisoformat(row["received_date"]),
            "closed_date": datetime.date.fromisoformat(row["closed_date"])
            if row["closed_date"]
            else None,
            "satisfaction": row["satisfaction"] or None,
        }


def _last_modified(*, organization, fiscal_year: int):
    return (
        Case.objects.filter(organization=organization)
        .exclude(kind=Kind.CORRUPTION)
        .aggregate(last=Max("updated_at"))["last"]
    )


COMPLAINT_DATASET = DatasetProvider(
    key="complaints",
    title=_("Complaints and suggestions"),
    description=_(
        "Complaints, suggestions and praise received by the organisation, one row "
        "per case, with category, channel and outcome. A case's subject appears "
        "once an officer has checked it for personal data; corruption reports are "
        "not included."
    ),
    fields=FIELDS,
    years=_years,
    rows=_rows,
    last_modified=_last_modified,
    category="สังคมและสวัสดิการ",
    tags=("เรื่องร้องเรียน", "ข้อเสนอแนะ"),
    data_type="record",
    update_frequency="month",
)


# Found by prongsai.opendata.registry (every app's datasets.py declares its own).
DATASETS = (COMPLAINT_DATASET,)
