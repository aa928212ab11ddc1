"""Shared set-up of the procurement benchmarks: a database with many rows.

Uses its own SQLite file (``var/bench-procurement.sqlite3``) unless
``TEST_DATABASE_URL`` is set (e.g. a PostgreSQL database of your own).
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
    # The test settings read TEST_DATABASE_URL (not DATABASE_URL).
    os.environ.setdefault(
        "TEST_DATABASE_URL",
        f"sqlite:///{ROOT / 'var' / 'bench-procurement.sqlite3'}",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def ensure_rows(total: int, organizations: int) -> list:
    """Create ``organizations`` organisations holding ``total`` procurements."""
    from prongsai.core.thai_words import index_text
    from prongsai.organizations.models import Organization
    from prongsai.procurement.models import Procurement, Supplier

    have = Procurement.objects.all_organizations().count()
    orgs = list(Organization.objects.filter(slug__startswith="bench-").order_by("id"))
    if have >= total and len(orgs) >= organizations:
        return orgs
    started = time.perf_counter()
    rng = random.Random(1)
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
    search = {t: index_text(t) for t in titles}
    _bulk_insert(have, total, orgs, suppliers, titles, search, rng)
    print(
        f"created {total - have:,} rows in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return orgs


#: The columns the benchmarks fill (the others take their defaults).
COLUMNS = (
    "organization_id",
    "fiscal_year",
    "procured_on",
    "budget_plan",
    "budget_work",
    "budget_category",
    "expense_type",
    "budget_line",
    "fund_source",
    "title",
    "procurement_type",
    "method",
    "legal_ground",
    "budget_amount",
    "egp_project_number",
    "supplier_id",
    "agreed_price",
    "selection_reason",
    "contract_number",
    "contract_date",
    "contract_end",
    "cancelled",
    "import_key",
    "sources",
    "created_at",
    "updated_at",
)


def procurement_row(
    *,
    organization_id: int,
    day: datetime.date,
    title: str,
    amount: Decimal,
    supplier_id: int,
    now,
    contract_number: str = "",
    contract_end: datetime.date | None = None,
) -> tuple:
    """One specific-method purchase, in the order of ``COLUMNS``."""
    fiscal = day.year + 544 if day.month >= 10 else day.year + 543
    return (
        organization_id,
        fiscal,
        day,
        "",
        "",
        "operating",
        "",
        "",
        "ordinance",
        title,
        "purchase",
        "specific",
        "",
        amount,
        "",
        supplier_id,
        amount,
        "",
        contract_number,
        day,
        contract_end,
        False,
        "",
        "{}",
        now,
        now,
    )


def insert_rows(rows, batch_size: int = 50000, progress: bool = False) -> int:
    """Plain ``executemany`` of ``procurement_row`` tuples in large
    transactions: the ORM's bulk_create is too slow for a million rows on a
    shared machine. Returns how many rows were inserted."""
    from django.db import connection, transaction

    from prongsai.procurement.models import Procurement

    sql = (
        f"INSERT INTO {Procurement._meta.db_table} ({', '.join(COLUMNS)}) "  # noqa: S608 - fixed names
        f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    count = 0
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == batch_size:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, batch)
            count += len(batch)
            batch = []
            if progress:
                print(f"  {count:,} rows", file=sys.stderr, flush=True)
    if batch:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        count += len(batch)
    return count


def _bulk_insert(have, total, orgs, suppliers, titles, search, rng) -> None:
    from django.utils import timezone

    now = timezone.now()
    start = datetime.date(2022, 10, 1)

    def rows():
        for i in range(have, total):
            org = orgs[i % len(orgs)]
            day = start + datetime.timedelta(days=rng.randint(0, 1460))
            yield procurement_row(
                organization_id=org.pk,
                day=day,
                title=titles[i % len(titles)],
                amount=Decimal(rng.randint(1000, 900000)),
                supplier_id=suppliers[org.pk][i % 5].pk,
                now=now,
                contract_end=day + datetime.timedelta(days=15),
            )

    insert_rows(rows(), progress=True)
    index_procurements(search)


def index_procurements(title_words: dict[str, str]) -> None:
    """Site search entries for the inserted rows, in SQL (one per title)."""
    from django.db import connection, transaction

    entry = "search_searchentry"
    with transaction.atomic(), connection.cursor() as cursor:
        for title, words in title_words.items():
            cursor.execute(
                f"INSERT INTO {entry} (organization_id, kind, object_id, title, "  # noqa: S608
                "summary, url, date, public_from, title_words, body_words, "
                "created_at, updated_at) "
                "SELECT p.organization_id, 'procurement', CAST(p.id AS text), "
                "p.title, '', '/' || o.slug || '/procurement/' || "
                "CAST(p.id AS text) || '/', p.procured_on, NULL, %s, '', "
                "p.created_at, p.updated_at "
                "FROM procurement_procurement p "
                "JOIN organizations_organization o ON o.id = p.organization_id "
                f"WHERE p.title = %s AND NOT EXISTS (SELECT 1 FROM {entry} e "
                "WHERE e.kind = 'procurement' AND e.organization_id = "
                "p.organization_id AND e.object_id = CAST(p.id AS text))",
                [words, title],
            )
