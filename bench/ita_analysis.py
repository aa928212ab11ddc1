"""Benchmark: the ITA analysis page and the PDF analysis report.

Issue #3 asks that the analysis page of an organisation with eight years of
results and 8,000 peer rows renders in under 300 ms (median) and the PDF
report in under 3 s. Run from the repository root:

    .venv/bin/python bench/ita_analysis.py            # embedded SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_bench \\
        .venv/bin/python bench/ita_analysis.py        # PostgreSQL

It builds its own throw-away database (SQLite in a temporary folder, or a
``test_`` database on the PostgreSQL server), requests the page through
Django's test client as a signed-in coordinator, and prints the figures.
The first request of each kind is a warm-up and is not counted (it fills
the chart cache, as the first visitor of a result does).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
TMP = tempfile.mkdtemp(prefix="prongsai-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ["DJANGO_DEBUG"] = "false"

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

PAGE_RUNS = 30
PDF_RUNS = 5
PEERS = 8000
YEARS = range(2562, 2570)


def build() -> tuple:
    from prongsai.accounts.tests.factories import UserFactory
    from prongsai.ita.services import (
        framework_load_files,
        ita_result_record,
        peer_dataset_import,
        recommendation_rules_load,
    )
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import (
        MembershipFactory,
        OrganizationFactory,
    )

    framework_load_files()
    recommendation_rules_load()
    organization = OrganizationFactory(slug="bench", name="องค์การบริหารส่วนตำบลทดสอบ")
    user = UserFactory(email="ita@bench.example")
    MembershipFactory(
        organization=organization, user=user, roles=[Role.ITA_COORDINATOR.value]
    )
    rng = random.Random(2568)
    for year in YEARS:
        ita_result_record(
            actor=None,
            organization=organization,
            fiscal_year=year,
            indicators={n: f"{rng.uniform(60, 98):.2f}" for n in range(1, 11)},
            item_results={f"O{n}": rng.choice((0, 100)) for n in range(1, 28)}
            if year == 2568
            else None,
        )
    header = "name,province," + ",".join(f"i{n}" for n in range(1, 11))
    rows = [
        f"อบต.ทดสอบ{n},จังหวัด{n % 76},"
        + ",".join(f"{rng.uniform(50, 100):.2f}" for _ in range(10))
        for n in range(PEERS)
    ]
    peer_dataset_import(
        actor=None,
        organization=organization,
        name="ทั้งประเทศ",
        scope="country",
        fiscal_year=2568,
        content="\n".join([header, *rows]).encode("utf-8"),
        filename="peers.csv",
    )
    return organization, user


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        call_command("migrate", verbosity=0)
        organization, user = build()
        client = Client()
        client.force_login(user)
        url = f"/{organization.slug}/staff/ita/2568/"

        def page():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def pdf():
            response = client.get(url + "report.pdf")
            assert response.content.startswith(b"%PDF"), response.status_code

        from prongsai.ita.services import analysis_report_save

        analysis_report_save(
            actor=None,
            organization=organization,
            fiscal_year=2568,
            prepared_by_name="ผู้จัดทำ",
            approver_name="ผู้อนุมัติ",
        )
        page_times = timed(page, PAGE_RUNS)
        pdf_times = timed(pdf, PDF_RUNS)
        print(f"database: {connection.vendor}; {len(YEARS)} years, {PEERS:,} peer rows")
        print(
            f"analysis page: median {statistics.median(page_times) * 1000:.0f} ms "
            f"(p90 {sorted(page_times)[int(0.9 * len(page_times))] * 1000:.0f} ms, "
            f"{PAGE_RUNS} runs; target < 300 ms)"
        )
        print(
            f"PDF report: median {statistics.median(pdf_times):.2f} s "
            f"({PDF_RUNS} runs; target < 3 s)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
