"""How fast the open-data downloads stream, and how much memory they need.

    .venv/bin/python bench/opendata_export.py [rows]

Streams CSV and JSON of a synthetic provider's rows (default 1,000,000, shaped
like procurement rows) through the same code the download views use, and
prints rows per second and the peak resident memory of the process.
"""

import datetime
import os
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from prongsai.opendata import exports

FIELDS = [
    {"key": "project_id", "title": "เลขที่โครงการ", "type": "text"},
    {"key": "title", "title": "ชื่อโครงการ", "type": "text"},
    {"key": "method", "title": "วิธีจัดซื้อจัดจ้าง", "type": "text"},
    {"key": "bidders", "title": "จำนวนผู้เสนอราคา", "type": "integer"},
    {"key": "amount", "title": "ราคาที่ตกลงซื้อหรือจ้าง (บาท)", "type": "number"},
    {"key": "supplier", "title": "ผู้ได้รับการคัดเลือก", "type": "text"},
    {"key": "contract_date", "title": "วันที่ลงนามสัญญา", "type": "date"},
]


def rows(count: int):
    start = datetime.date(2024, 10, 1)
    for n in range(count):
        yield {
            "project_id": f"68{n:09d}",
            "title": f"จัดซื้อวัสดุสำนักงาน (กระดาษ หมึกพิมพ์) รายการที่ {n}",
            "method": "เฉพาะเจาะจง",
            "bidders": 1 + n % 3,
            "amount": Decimal(12500 + n % 1000) + Decimal("0.50"),
            "supplier": "ร้านบ้านดงพาณิชย์",
            "contract_date": start + datetime.timedelta(days=n % 365),
        }


def measure(name: str, chunks, count: int) -> None:
    started = time.perf_counter()
    size = 0
    for chunk in chunks:
        size += len(chunk)
    elapsed = time.perf_counter() - started
    print(
        f"{name}: {count:,} rows in {elapsed:.1f} s = {count / elapsed:,.0f} rows/s, "
        f"{size / 1e6:,.0f} MB"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    measure("CSV ", exports.csv_stream(FIELDS, rows(count)), count)
    measure(
        "JSON",
        (
            c.encode()
            for c in exports.json_chunks({"name": "bench"}, FIELDS, rows(count))
        ),
        count,
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
