"""Time of the public site search on PostgreSQL with a large organisation.

    .venv/bin/python bench/site_search.py [--procurements 50000] [--news 5000]
        [--others 200000] [--repeat 30]

One organisation holds ``--procurements`` procurement and ``--news`` news
entries in the search index, twenty others share ``--others`` entries. Prints
the median and 95th percentile of the ranked first page for a common word
(ถนน: one record in five), a rare word (หินคลุก), a two-word query, a kind
filter, the whole search page through Django's test client, and next to them
two anchors: ``SELECT 1`` and the static ``/robots.txt`` page.
Uses its own database (``BENCH_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/prongsai_bench_search``).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/prongsai_bench_search"

PROCUREMENT_TITLES = [
    "จัดซื้อวัสดุสำนักงาน",
    "จ้างเหมาซ่อมแซมรถบรรทุกน้ำ",
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {n}",
    "จัดซื้ออาหารเสริม (นม) โรงเรียน",
    "จ้างเหมาบริการทำความสะอาดอาคาร",
    "จัดซื้อวัสดุไฟฟ้าและวิทยุ",
    "โครงการขยายเขตไฟฟ้าแรงต่ำ หมู่ที่ {n}",
    "จัดซื้อวัสดุเชื้อเพลิงและหล่อลื่น",
    "จ้างเหมาจัดทำป้ายประชาสัมพันธ์",
    "จัดซื้อครุภัณฑ์คอมพิวเตอร์",
]
RARE_TITLE = "จ้างเหมาซ่อมแซมถนนลูกรังลงหินคลุก หมู่ที่ {n}"
NEWS_TITLES = [
    "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี {n}",
    "กิจกรรมวันเด็กแห่งชาติ ตำบลบ้านดง ครั้งที่ {n}",
    "ซ่อมไฟฟ้าส่องสว่างถนนสายหมู่ {n} แล้วเสร็จ",
    "ประกาศรับสมัครพนักงานจ้าง รอบที่ {n}",
    "เปิดรับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น ครั้งที่ {n}",
]


def setup(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        if not c.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["EMAIL_URL"] = "dummymail://"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _organization(slug: str, n: int):
    from prongsai.organizations.models import Organization

    organization, _created = Organization.objects.get_or_create(
        slug=slug,
        defaults={
            "kind": "sao",
            "name": f"องค์การบริหารส่วนตำบลค้นหา {n}",
            "dla_code": str(6800000 + n),
            "province": "ขอนแก่น",
            "district": "เมือง",
        },
    )
    return organization


def _fill(organization, *, procurements: int, news: int, rng) -> None:
    """Index entries as the registered kinds write them (words cut once per title)."""
    from django.db import connection, transaction

    from prongsai.core.thai_words import index_text
    from prongsai.search.models import SearchEntry

    if SearchEntry.objects.filter(organization=organization).exists():
        return
    table = SearchEntry._meta.db_table
    columns = (
        "organization_id, kind, object_id, title, summary, url, date, "
        "title_words, body_words, created_at, updated_at"
    )
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 11)})"  # noqa: S608
    words: dict[str, str] = {}
    now = datetime.datetime.now(datetime.UTC)
    rows = []

    def add(kind, pk, title, body):
        title_words = words.setdefault(title, index_text(title))
        body_words = words.setdefault(body, index_text(body))
        day = now - datetime.timedelta(days=rng.randint(0, 1500))
        url = f"/{organization.slug}/{kind}/{pk}/"
        rows.append(
            (
                *(organization.pk, kind, str(pk), title, body, url, day),
                *(title_words, body_words, now, now),
            )
        )

    for pk in range(1, procurements + 1):
        template = RARE_TITLE if pk % 500 == 0 else rng.choice(PROCUREMENT_TITLES)
        title = template.format(n=rng.randint(1, 12))
        body = f"แผนงานเคหะและชุมชน\nร้านทดสอบ {rng.randint(1, 40)}"
        add("procurement", pk, title, body)
    for pk in range(1, news + 1):
        title = rng.choice(NEWS_TITLES).format(n=rng.randint(1, 30))
        add("news", pk, title, title + "\n\nรายละเอียดติดต่อสำนักปลัด")
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 20000):
            cursor.executemany(sql, rows[start : start + 20000])
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")


def _time(function, repeat: int) -> tuple[float, float]:
    function()  # warm up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procurements", type=int, default=50_000)
    parser.add_argument("--news", type=int, default=5_000)
    parser.add_argument("--others", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    from django.db import connection
    from django.test import Client

    from prongsai.search.models import SearchEntry
    from prongsai.search.selectors import bounded_page, kind_counts, site_search

    assert connection.vendor == "postgresql", "this benchmark measures PostgreSQL"
    rng = random.Random(1)
    started = time.perf_counter()
    organization = _organization("search-bench", 0)
    _fill(organization, procurements=args.procurements, news=args.news, rng=rng)
    for n in range(1, 21):
        _fill(
            _organization(f"search-bench-{n}", n),
            procurements=args.others // 20,
            news=0,
            rng=rng,
        )
    print(
        f"index ready in {time.perf_counter() - started:.0f} s: "
        f"{SearchEntry.objects.filter(organization=organization).count():,} entries "
        f"in the organisation, {SearchEntry.objects.count():,} in all",
        file=sys.stderr,
    )

    def first_page(query, kind=""):
        def run():
            entries = site_search(organization=organization, query=query, kind=kind)
            page = bounded_page(entries, "1")
            list(page)
            return page.paginator.count

        return run

    def select_one():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    client = Client()

    def page(path):
        def run():
            response = client.get(path)
            assert response.status_code == 200, response.status_code

        return run

    cases = {
        "anchor: SELECT 1": select_one,
        "anchor: /robots.txt": page("/robots.txt"),
        "ถนน, page 1 ranked": first_page("ถนน"),
        "หินคลุก, page 1": first_page("หินคลุก"),
        "ก่อสร้างถนน คอนกรีต": first_page("ก่อสร้างถนน คอนกรีต"),
        "ไฟฟ้า, kind=news": first_page("ไฟฟ้า", "news"),
        "chip counts ถนน": lambda: kind_counts(organization=organization, query="ถนน"),
        "search page ถนน": page(f"/{organization.slug}/search/?q=ถนน"),
        "search page p.50": page(f"/{organization.slug}/search/?q=ถนน&page=50"),
    }
    for label, function in cases.items():
        median, p95 = _time(function, args.repeat)
        print(f"{label:24s} median {median:7.1f} ms  p95 {p95:7.1f} ms")
    print(
        "matches: ถนน "
        f"{site_search(organization=organization, query='ถนน').count():,}, หินคลุก "
        f"{site_search(organization=organization, query='หินคลุก').count():,}"
    )


if __name__ == "__main__":
    main()
