"""The preview page of a procurement import with 150,000 rows.

    .venv/bin/python bench/import_pages.py [--rows 150000] [--runs 20]

PostgreSQL (BENCH_DATABASE_URL, default prongsai_bench_imports). Builds once
an import of ROWS parsed rows with as many errors and warnings (bulk inserts,
no file to parse), then renders its preview page in-process as a signed-in
procurement officer and prints the page size, the median time and the peak
Python memory of one render. The issue asks for a page under 500 KB (it was
41 MB when every row and problem was on one page) and memory that does not
grow with the file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _eservices_setup import django_setup, ensure_database

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/prongsai_bench_imports"
SLUG = "bench-imports"


def bench_site():
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Membership, Organization

    organization = Organization.objects.filter(slug=SLUG).first()
    if organization is None:
        organization = Organization.objects.create(
            slug=SLUG,
            kind=Organization.Kind.SAO,
            name="องค์การบริหารส่วนตำบลทดสอบการนำเข้า",
            dla_code="6900077",
            province="ขอนแก่น",
            district="เมือง",
        )
    officer = User.objects.filter(email="procurement@bench-imports.example").first()
    if officer is None:
        officer = User.objects.create_user(
            email="procurement@bench-imports.example", full_name="เจ้าหน้าที่พัสดุ"
        )
        Membership.objects.create(
            organization=organization, user=officer, roles=["procurement_officer"]
        )
    return organization, officer


def ensure_import(organization, rows: int):
    from prongsai.procurement.models import ImportBatch
    from prongsai.procurement.tests.factories import build_import

    batch = ImportBatch.objects.filter(
        organization=organization, row_count=rows
    ).first()
    if batch is not None:
        return batch, 0.0
    started = time.perf_counter()
    batch = build_import(organization, rows=rows, errors=rows, warnings=rows)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE procurement_importrow")
        cursor.execute("VACUUM ANALYZE procurement_importproblem")
    return batch, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    django_setup(url)
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    organization, officer = bench_site()
    batch, loaded = ensure_import(organization, args.rows)
    print(
        f"import with {args.rows:,} rows, {args.rows:,} errors and {args.rows:,} "
        f"warnings (built in {loaded:.1f} s)"
    )
    client = Client()
    client.force_login(officer)
    base = f"/{organization.slug}/staff/procurement/import/{batch.pk}/"
    last = args.rows // 100
    for label, path in (
        ("first page", base),
        (f"rows page {last:,}", f"{base}?page={last}"),
        (f"errors page {last:,}", f"{base}?errors_page={last}"),
    ):
        timings = []
        size = 0
        for run in range(args.runs + 3):
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            size = len(response.content)
            if run >= 3:  # warm-up
                timings.append(elapsed * 1000)
        tracemalloc.start()
        client.get(path)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"preview, {label}: {size / 1024:.0f} KB (target < 500), median "
            f"{statistics.median(timings):.1f} ms, max {max(timings):.1f} ms over "
            f"{len(timings)} renders, peak Python memory {peak / 1024 / 1024:.1f} MB"
        )
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"machine load average (1, 5, 15 min): {load} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
