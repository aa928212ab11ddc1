"""Shared set-up of the procurement benchmarks: a database with many rows.

Uses its own SQLite file (``var/bench-procurement.sqlite3``) unless
``DATABASE_URL`` is set, so that the development database is untouched.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault(
        "DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-procurement.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def ensure_rows(total: int, organizations: int) -> list:
    """Create ``organizations`` organisations holding ``total`` procurements."""
    from prongsai.organizations.models import Organization
    from prongsai.procurement.models import Procurement, Supplier
    from prongsai.procurement.search import tokenize_for_index

    have = Procurement.objects.count()
    orgs = list(Organization.objects.filter(slug__startswith="bench-").order_by("id"))
    if have >= total and len(orgs) >= organizations:
        return orgs
    started = time.perf_counter()
    rng = random.Random(1)  # noqa: S311 - benchmark data
    for n in range(len(orgs), organizations):
        orgs.append(
            Organization.objects.create(
                kind="sao",
                name=f"องค์การบริหารส่วนตำบลทดสอบ {n}",
                dla_code=f"{9000000 + n}",
                slug=f"bench-{n}",
                province="ขอนแก่น",
                district="เมือง",
            )
        )
    suppliers = {}
    for org in orgs:
        suppliers[org.pk] = [
            Supplier.objects.get_or_create(organization=org, name=f"ร้านทดสอบ {i}")[0]
            for i in range(5)
        ]
    titles = [
        "จัดซื้อวัสดุสำนักงาน",
        "จ้างเหมาซ่อมแซมรถบรรทุกน้ำ",
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
        "จัดซื้ออาหารเสริม (นม) โรงเรียน",
        "จ้างเหมาบริการทำความสะอาดอาคาร",
    ]
    search = {t: tokenize_for_index(t) for t in titles}
    batch = []
    start = datetime.date(2022, 10, 1)
    for i in range(have, total):
        org = orgs[i % len(orgs)]
        title = titles[i % len(titles)]
        day = start + datetime.timedelta(days=rng.randint(0, 1460))
        amount = Decimal(rng.randint(1000, 900000))
        fiscal = day.year + 544 if day.month >= 10 else day.year + 543
        batch.append(
            Procurement(
                organization=org,
                fiscal_year=fiscal,
                procured_on=day,
                budget_category="operating",
                title=title,
                procurement_type="purchase",
                method="specific",
                budget_amount=amount,
                agreed_price=amount,
                supplier=suppliers[org.pk][i % 5],
                contract_date=day,
                contract_end=day + datetime.timedelta(days=15),
                search_text=search[title],
            )
        )
        if len(batch) == 20000:
            Procurement.objects.bulk_create(batch)
            batch = []
            print(f"  {i + 1:,} rows", file=sys.stderr, flush=True)
    if batch:
        Procurement.objects.bulk_create(batch)
    print(
        f"created {total - have:,} rows in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return orgs
