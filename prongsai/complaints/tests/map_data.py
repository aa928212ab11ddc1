"""Public reports for the map tests: cases with approved texts and places."""

import datetime
from decimal import Decimal

from django.utils import timezone

from prongsai.complaints.models import Status

from .factories import CaseFactory, CategoryFactory

# Ban Dong (the budget demo's centre), to six decimals like the form stores.
LAT = Decimal("16.756149")
LNG = Decimal("102.618051")


def public_case(organization, **values):
    """A case the public may see: open, text approved, with a location."""
    now = timezone.now()
    defaults = {
        "organization": organization,
        "status": Status.IN_PROGRESS,
        "subject": "ไฟถนนดับหน้าบ้านเลขที่ 45/2 โทร 081-234-5678",
        "description": "บ้านนายสมศักดิ์ ดีมาก ไฟดับสามวัน",
        "complainant_name": "นายสมศักดิ์ ดีมาก",
        "complainant_phone": "0812345678",
        "complainant_email": "somsak@example.com",
        "line_user_id": "U0123456789abcdef",
        "public_subject": "ไฟถนนดับ",
        "public_text_reviewed_at": now,
        "latitude": LAT,
        "longitude": LNG,
    }
    if values.get("status") == Status.RESOLVED:
        defaults["closed_at"] = now - datetime.timedelta(days=3)
    return CaseFactory(**{**defaults, **values})


def category(organization, name="ไฟฟ้าส่องสว่างสาธารณะ"):
    return CategoryFactory(organization=organization, name=name)
