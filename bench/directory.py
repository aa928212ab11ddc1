"""How fast is the platform directory (``/``) with every LAO of Thailand?

    TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_bench_directory \
    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/directory.py

Builds a throw-away PostgreSQL test database with 8,000 organisations in the
real proportions (``region_pages.py``), then renders the directory through
the full Django stack as an anonymous visitor: the first page, a later page
and Thai searches (by name with an abbreviation, by province, by district),
each with the cache emptied before every request (the first visitor after a
change) and from the cache. Issue #21 measured the unpaginated page at
919 ms and 4.3 MB and asks for under 50 ms. The anchor is ``/healthz`` in the
same run: what the machine charges for any request.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment, teardown_test_environment
from region_pages import TOTAL, create_organizations, timed_get

RUNS = 25


def build() -> None:
    create_organizations()


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL: set TEST_DATABASE_URL=postgres://...")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        began = time.perf_counter()
        build()
        print(f"built {TOTAL:,} organisations in {time.perf_counter() - began:.1f} s")
        cases = [
            ("anchor /healthz", "/healthz", (True,)),
            ("directory, first page", "/", (True, False)),
            ("directory, page 100", "/?page=100", (True, False)),
            (
                "search อบต.ทดสอบ1234 (name)",
                "/?q=" + quote("อบต.ทดสอบ1234"),
                (True, False),
            ),
            (
                "search จ.นครราชสีมา (province)",
                "/?q=" + quote("จ.นครราชสีมา"),
                (True, False),
            ),
            ("search อำเภอที่ 7 (district)", "/?q=" + quote("อำเภอที่ 7"), (True, False)),
        ]
        client = Client()
        for label, url, modes in cases:
            for cold in modes:
                wall, cpu, size = timed_get(client, url, cold=cold, runs=RUNS)
                name = label + (", cached" if not cold else "")
                print(
                    f"{name:<42} median {wall:6.1f} ms wall, {cpu:6.1f} ms CPU, "
                    f"{size / 1024:6.1f} KB (over {RUNS} runs; target < 50 ms)"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
