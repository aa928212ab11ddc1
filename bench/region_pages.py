"""How fast are the province and national pages with every LAO of Thailand?

    TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_bench_regions \
    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/region_pages.py

Builds a throw-away PostgreSQL test database with 8,000 organisations in the
real proportions (76 PAOs, 30 city, 195 town and 2,350 subdistrict
municipalities, 5,349 SAOs) over the 77 provinces, one province holding 300
of them, each with a directory entry and a summary row; rolls the provinces
up, then renders through the full Django stack, as a national and as a
provincial viewer: the national page, the 300-LAO province page (with its
table fragment cache emptied before each request, as after the nightly
refresh, and then from the cache) and its CSV.
Issue #20 asks for under 300 ms. The anchor is ``/healthz`` (a view that
answers "ok") in the same run: it shows what the machine charges for any
request.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment, teardown_test_environment

TOTAL = 8000
BIG = ("นครราชสีมา", 300)
KINDS = (
    ("pao", 76),
    ("city_municipality", 30),
    ("town_municipality", 195),
    ("tambon_municipality", 2350),
    ("sao", 5349),
)
RUNS = 15


def _provinces_for(count: int) -> list[str]:
    """The province of each organisation: 300 in the big one, the rest spread."""
    from prongsai.organizations.provinces import PROVINCES

    others = [name for _code, name in PROVINCES if name != BIG[0]]
    return [BIG[0]] * BIG[1] + [others[n % len(others)] for n in range(count - BIG[1])]


def create_organizations() -> list:
    """The ``TOTAL`` organisations, of the ``KINDS`` in their national
    proportions, spread over the provinces (also used by ``directory.py``)."""
    from prongsai.organizations.models import Organization

    kinds = [kind for kind, count in KINDS for _ in range(count)]
    assert len(kinds) == TOTAL
    provinces = _provinces_for(TOTAL)
    labels = dict(Organization.Kind.choices)
    return Organization.objects.bulk_create(
        [
            Organization(
                kind=kinds[n],
                name=f"{labels[kinds[n]]}ทดสอบ{n:04d}",
                dla_code=f"{1000000 + n}",
                slug=f"lao{n:04d}",
                province=provinces[n],
                district=f"อำเภอที่ {n % 20}",
            )
            for n in range(TOTAL)
        ],
        batch_size=1000,
    )


def build():
    from django.utils import timezone

    from prongsai.accounts.tests.factories import UserFactory
    from prongsai.organizations.models import (
        DirectoryEntry,
        RegionSummary,
    )
    from prongsai.organizations.services_regions import viewer_grant_create
    from prongsai.portal.summaries import (
        current_fiscal_year,
        province_summaries_refresh,
    )

    organizations = create_organizations()
    DirectoryEntry.objects.bulk_create(
        [
            DirectoryEntry(
                dla_code=o.dla_code,
                name=o.name,
                kind=o.kind,
                province=o.province,
                district=o.district,
                website=f"https://www.{o.slug}.example",
                organization=o,
            )
            for o in organizations
        ],
        batch_size=1000,
    )
    year, now = current_fiscal_year(), timezone.now()
    RegionSummary.objects.bulk_create(
        [
            RegionSummary(
                organization=o,
                fiscal_year=year,
                refreshed_at=now,
                ita_fiscal_year=2568,
                ita_total=Decimal(55 + n % 45) + Decimal("0.25"),
                ita_level="ผ่าน",
                ita_change=Decimal(n % 7 - 3),
                oit_items_done=n % 27,
                oit_items_total=26,
                oit_readiness=Decimal(min(n % 27, 26) * 100) / 26,
                eservice_received=n % 90,
                eservice_completed=n % 60,
                eservice_in_time=n % 50,
                eservice_in_time_percent=Decimal(n % 100),
                complaints_received=n % 40,
                complaints_in_progress=n % 10,
                complaints_completed=n % 30,
            )
            for n, o in enumerate(organizations)
        ],
        batch_size=1000,
    )
    began = time.perf_counter()
    provinces_count = province_summaries_refresh()
    rollup = (time.perf_counter() - began) * 1000
    national = UserFactory(totp=True)
    viewer_grant_create(actor=None, user=national, scope="national")
    provincial = UserFactory(totp=True)
    viewer_grant_create(actor=None, user=provincial, scope="province", province=BIG[0])
    return national, provincial, provinces_count, rollup


def timed_get(
    client: Client, url: str, *, cold: bool, runs: int = RUNS
) -> tuple[float, float, int]:
    """Median wall and CPU ms of ``runs`` GETs of ``url``, and the page size;
    ``cold`` empties the cache before each (the first request after a change)."""
    from django.core.cache import cache

    assert client.get(url).status_code == 200  # warm up
    times, cpu = [], []
    size = 0
    for _ in range(runs):
        if cold:
            cache.clear()
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        size = len(response.content)
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code == 200, url
    return statistics.median(times), statistics.median(cpu), size


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL: set TEST_DATABASE_URL=postgres://...")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        began = time.perf_counter()
        national, provincial, provinces, rollup = build()
        print(
            f"built {TOTAL:,} organisations over {provinces} provinces in "
            f"{time.perf_counter() - began:.1f} s; province roll-up {rollup:.0f} ms"
        )
        province = f"/region/{quote(BIG[0])}/"
        cases = [
            ("anchor /healthz", national, "/healthz"),
            ("national page", national, "/region/"),
            ("national page, search", national, "/region/?q=" + quote("นคร")),
            (f"province page ({BIG[1]} LAOs), national viewer", national, province),
            (f"province page ({BIG[1]} LAOs), provincial viewer", provincial, province),
            ("province page sorted by ITA", provincial, province + "?sort=-ita"),
            ("province CSV", provincial, province + "export.csv"),
        ]
        for label, user, url in cases:
            client = Client()
            client.force_login(user)
            for cold in (True, False) if "province page" in label else (True,):
                wall, cpu, size = timed_get(client, url, cold=cold)
                name = label + (", cached table" if not cold else "")
                print(
                    f"{name:<62} median {wall:6.1f} ms wall, {cpu:6.1f} ms CPU, "
                    f"{size / 1024:6.1f} KB (over {RUNS} runs; target < 300 ms)"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
