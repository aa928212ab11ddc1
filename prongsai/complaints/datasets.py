"""The complaint dataset for the open-data catalogue (no personal data).

One row per general case (complaints, suggestions, praise) of a fiscal year,
from ``selectors_statistics.complaint_dataset_row_list``. Every case is
counted, because the yearly figures (ITA/OIT) need them all, but its text is
only the public text an officer approved (``case_review_public_text``); until
then the subject is empty. The complainant's own words (subject, details) are
never published, since automatic redaction does not reliably catch the names
of third parties. Names, contacts, chat ids, coordinates and confidential
reports are left out.

As in the procurement and budget datasets, column titles and coded values
(kind, channel, status, outcome) are written in Thai.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates
from prongsai.opendata.registry import DatasetProvider

from . import selectors_statistics
from .models import Case, Channel, Kind, Status

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


# Thai words of the coded columns, written out as the budget and procurement
# datasets do (a translation catalogue can hold one English word, such as
# "Received", with another sense elsewhere on the site).
KIND_TH = {
    Kind.COMPLAINT: "เรื่องร้องเรียน",
    Kind.SUGGESTION: "ข้อเสนอแนะ",
    Kind.PRAISE: "คำชมเชย",
}
CHANNEL_TH = {
    Channel.WEB: "เว็บไซต์",
    Channel.LINE: "LINE",
    Channel.FACEBOOK: "Facebook Messenger",
    Channel.WALK_IN: "ติดต่อด้วยตนเอง",
    Channel.PHONE: "โทรศัพท์",
    Channel.LETTER: "หนังสือ",
    Channel.EMAIL: "อีเมล",
}
STATUS_TH = {
    Status.RECEIVED: "รับเรื่อง",
    Status.ACKNOWLEDGED: "รับทราบแล้ว",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.FORWARDED: "ส่งต่อหน่วยงานอื่น",
    Status.RESOLVED: "ดำเนินการแล้วเสร็จ",
    Status.REJECTED: "ไม่รับดำเนินการ",
}
OUTCOME_TH = {
    selectors_statistics.OUTCOME_IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    selectors_statistics.OUTCOME_COMPLETED: "ดำเนินการแล้วเสร็จ",
    selectors_statistics.OUTCOME_FORWARDED: "ส่งต่อหน่วยงานอื่น",
}
THAI_VALUES: dict[str, dict[str, str]] = {
    "kind": {str(k): v for k, v in KIND_TH.items()},
    "channel": {str(k): v for k, v in CHANNEL_TH.items()},
    "status": {str(k): v for k, v in STATUS_TH.items()},
    "outcome": OUTCOME_TH,
}


def _rows(*, organization, fiscal_year: int):
    for row in selectors_statistics.complaint_dataset_row_list(
        organization=organization, fiscal_year=fiscal_year
    ):
        if row["kind"] == Kind.CORRUPTION:  # never, whatever the selector does
            continue
        yield {
            **row,
            **{
                key: words.get(row[key], row[key]) for key, words in THAI_VALUES.items()
            },
            # Only an officer's approved text; never the complainant's words.
            "subject": row["subject"],
            "received_date": datetime.date.fromisoformat(row["received_date"]),
            "closed_date": datetime.date.fromisoformat(row["closed_date"])
            if row["closed_date"]
            else None,
            "satisfaction": row["satisfaction"] or None,
        }


def _last_modified(*, organization, fiscal_year: int):
    """When a case of the year last changed (an approved text included)."""
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    tz = timezone.get_current_timezone()
    return (
        Case.objects.filter(
            organization=organization,
            received_at__gte=datetime.datetime.combine(start, datetime.time.min, tz),
            received_at__lt=datetime.datetime.combine(
                end + datetime.timedelta(days=1), datetime.time.min, tz
            ),
        )
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
