"""Complaints and suggestions (without personal data) as an open dataset.

Corruption and misconduct reports are never part of it.
"""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates
from prongsai.opendata.registry import DatasetProvider

from .models import Case, Kind
from .selectors import COMPLAINT_DATASET_FIELDS, _fiscal_cases, complaint_dataset_rows

TITLES = {
    "reference": ("เลขที่เรื่อง", "text"),
    "fiscal_year": ("ปีงบประมาณ", "integer"),
    "received_date": ("วันที่รับเรื่อง", "date"),
    "kind": ("ประเภทเรื่อง", "text"),
    "category": ("หมวดหมู่", "text"),
    "channel": ("ช่องทาง", "text"),
    "subject": ("เรื่อง", "text"),
    "status": ("สถานะ", "text"),
    "outcome": ("ผลการดำเนินการ", "text"),
    "closed_date": ("วันที่ปิดเรื่อง", "date"),
    "satisfaction": ("ความพึงพอใจ (เต็ม 5)", "integer"),
}


def _years(*, organization) -> list[int]:
    dates = (
        Case.objects.filter(organization=organization)
        .exclude(kind=Kind.CORRUPTION)
        .datetimes("received_at", "month")
    )
    return sorted(
        {thai_dates.fiscal_year(timezone.localtime(d).date()) for d in dates},
        reverse=True,
    )


def _last_modified(*, organization, fiscal_year: int):
    return (
        _fiscal_cases(organization, fiscal_year)
        .exclude(kind=Kind.CORRUPTION)
        .aggregate(latest=Max("updated_at"))["latest"]
    )


PROVIDER = DatasetProvider(
    key="complaints",
    title=_("Complaints and suggestions"),
    description=_(
        "Complaints, suggestions and praise received through every channel, "
        "with category, channel, status and outcome. Names, contacts and "
        "corruption reports are left out; personal data in the subject is "
        "redacted."
    ),
    fields=[(key, *TITLES[key]) for key in COMPLAINT_DATASET_FIELDS],
    years=_years,
    rows=complaint_dataset_rows,
    last_modified=_last_modified,
    category="สังคมและสวัสดิการ",
    tags=("เรื่องร้องเรียน", "ข้อเสนอแนะ", "ITA"),
    data_type="record",
    update_frequency="month",
)
