"""Matching incoming purchases against a large register (issue #16).

    TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_register \\
        .venv/bin/python bench/procurement_merge.py [--register N] [--incoming N]

Builds (once) one organisation with ``--register`` procurements over four
fiscal years (realistic titles, 300 suppliers, amounts from 500 baht to
5 million), then plans ``--incoming`` rows with ``register_merge``, the
service every source calls: a third are purchases already recorded, typed
again the way another source writes them (other legal form, spacing, date a
few days off, amount within 1%), the rest new. Prints the time, the plan
counts, the queries made and peak memory (RSS and tracemalloc).

Target: under 30 s and flat in memory for 10,000 rows against 100,000.
The anchor reads the same register rows the matching reads (the candidate
query of every chunk, nothing else), so the figure can be read against the
speed of the machine and database at the time.
"""

from __future__ import annotations

import argparse
import datetime
import random
import resource
import sys
import time
import tracemalloc
from decimal import Decimal

from _procurement_data import insert_rows, procurement_row, setup_django

SLUG = "bench-merge"
TITLES = [
    "จัดซื้อวัสดุสำนักงาน กองคลัง",
    "จ้างเหมาซ่อมแซมรถบรรทุกน้ำ ทะเบียน บท {n}",
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {m} บ้าน{v}",
    "จัดซื้ออาหารเสริม (นม) โรงเรียนบ้าน{v}",
    "จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน เดือน{mo}",
    "จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น กองช่าง",
    "โครงการปรับปรุงรางระบายน้ำ หมู่ที่ {m}",
    "จัดซื้อครุภัณฑ์คอมพิวเตอร์ {n} เครื่อง",
]
VILLAGES = ["ดง", "หนองบัว", "โนนสูง", "ป่าแดง", "ห้วยทราย", "นาคำ", "โคกกลาง"]
MONTHS = ["ตุลาคม", "พฤศจิกายน", "มกราคม", "มีนาคม", "มิถุนายน", "สิงหาคม"]
FORMS = ["ร้าน", "ห้างหุ้นส่วนจำกัด ", "บริษัท "]
START = datetime.date(2022, 10, 1)
DAYS = 4 * 365


def _title(rng: random.Random) -> str:
    return rng.choice(TITLES).format(
        n=rng.randint(1, 99),
        m=rng.randint(1, 15),
        v=rng.choice(VILLAGES),
        mo=rng.choice(MONTHS),
    )


def _thai_id(first12: str) -> str:
    total = sum(int(d) * w for d, w in zip(first12, range(13, 1, -1), strict=True))
    return first12 + str((11 - total % 11) % 10)


def ensure_register(total: int):
    """One organisation holding ``total`` procurements (built once)."""
    from django.db import connection
    from django.utils import timezone

    from prongsai.organizations.models import Organization
    from prongsai.procurement.models import Procurement, Supplier

    org, _created = Organization.objects.get_or_create(
        slug=SLUG,
        defaults={
            "kind": "sao",
            "name": "องค์การบริหารส่วนตำบลทดสอบการรวมรายการ",
            "dla_code": "8999999",
            "province": "ขอนแก่น",
            "district": "เมือง",
        },
    )
    have = Procurement.objects.filter(organization=org).count()
    suppliers = list(Supplier.objects.filter(organization=org).order_by("pk"))
    if not suppliers:
        rng = random.Random(7)
        for i in range(300):
            tax_id = _thai_id(f"0405{i:08d}") if i % 3 else ""
            suppliers.append(
                Supplier.objects.create(
                    organization=org,
                    name=f"{rng.choice(FORMS)}ทดสอบการค้า {i}",
                    tax_id=tax_id,
                )
            )
    if have >= total:
        return org, suppliers
    started = time.perf_counter()
    rng = random.Random(1)
    now = timezone.now()

    def rows():
        for i in range(have, total):
            # Drawn in this order, so that the register is the same as before.
            day = START + datetime.timedelta(days=rng.randint(0, DAYS))
            amount = Decimal(rng.randint(500, 5_000_000))
            fiscal = day.year + 544 if day.month >= 10 else day.year + 543
            supplier = rng.choice(suppliers)
            yield procurement_row(
                organization_id=org.pk,
                day=day,
                title=_title(rng),
                amount=amount,
                supplier_id=supplier.pk,
                now=now,
                contract_number=f"{i}/{fiscal}",
            )

    insert_rows(rows(), batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Procurement._meta.db_table}")
    print(
        f"built {total - have:,} records in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return org, suppliers


def incoming_rows(org, count: int) -> list[dict]:
    """A third recorded purchases typed again elsewhere, the rest new."""
    from prongsai.procurement.models import Procurement

    rng = random.Random(2)
    pks = list(
        Procurement.objects.filter(organization=org).values_list("pk", flat=True)
    )
    known = set(rng.sample(pks, count // 3))
    records = Procurement.objects.filter(organization=org, pk__in=known).values_list(
        "title", "procured_on", "agreed_price", "supplier__name", "supplier__tax_id"
    )
    rows = []
    for title, day, amount, name, tax_id in records:
        rows.append(
            {
                "title": title.replace(" ", "", 1),
                "procured_on": (
                    day + datetime.timedelta(days=rng.randint(-5, 5))
                ).isoformat(),
                "contract_date": None,
                "budget_amount": str(
                    (amount * Decimal("1.004")).quantize(Decimal("0.01"))
                ),
                "agreed_price": str(amount),
                "supplier_name": "หจก. " + name.split(" ", 1)[-1],
                "supplier_tax_id": tax_id,
                "method": "specific",
                "fiscal_year": 2568,
            }
        )
    while len(rows) < count:
        day = START + datetime.timedelta(days=rng.randint(0, DAYS))
        amount = Decimal(rng.randint(500, 5_000_000))
        rows.append(
            {
                "title": _title(rng),
                "procured_on": day.isoformat(),
                "contract_date": None,
                "budget_amount": str(amount),
                "agreed_price": str(amount),
                "supplier_name": f"ร้านใหม่ {rng.randint(1, 5000)}",
                "supplier_tax_id": "",
                "method": "specific",
                "fiscal_year": 2568,
            }
        )
    rng.shuffle(rows)
    for number, row in enumerate(rows, 1):
        row["row"] = number
    return rows


def anchor(org, rows) -> float:
    """Read the candidate rows of every chunk, as the matching does, no more."""
    from prongsai.procurement import services_register

    started = time.perf_counter()
    ordered = sorted(rows, key=lambda r: r["procured_on"])
    read = 0
    for start in range(0, len(ordered), services_register.CHUNK):
        chunk = ordered[start : start + services_register.CHUNK]
        purchases = [
            services_register.incoming_purchase(r, i) for i, r in enumerate(chunk)
        ]
        index = services_register._candidates(org, purchases)
        read += len(index.by_key)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--register", type=int, default=100_000)
    parser.add_argument("--incoming", type=int, default=10_000)
    args = parser.parse_args()
    setup_django()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from prongsai.procurement import services_register
    from prongsai.procurement.provenance import FEED, Source

    org, _suppliers = ensure_register(args.register)
    rows = incoming_rows(org, args.incoming)
    print(f"database:       {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"register:       {args.register:,} records; incoming {len(rows):,} rows")
    anchor_time = anchor(org, rows)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    reset_queries()
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        plans = services_register.register_merge(
            organization=org, incoming_rows=rows, source=Source(FEED, "bench")
        )
    elapsed = time.perf_counter() - started
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts: dict[str, int] = {}
    for plan in plans:
        counts[plan.action] = counts.get(plan.action, 0) + 1
    print(f"plan:           {counts} (expected about {args.incoming // 3:,} matched)")
    rate = len(rows) / elapsed
    print(f"time:           {elapsed:.1f} s ({rate:,.0f} rows/s); target < 30 s")
    print(f"queries:        {len(queries)} for {len(rows):,} rows")
    print(f"anchor (read the candidate rows only): {anchor_time:.1f} s")
    traced = traced_peak / 1024 / 1024
    print(f"peak traced:    {traced:.0f} MB (tracemalloc, during merge)")
    print(f"peak RSS:       {peak:.0f} MB (before merging {before:.0f} MB)")


if __name__ == "__main__":
    main()
