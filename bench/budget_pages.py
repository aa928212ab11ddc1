"""Time of the public budget pages ("งบประมาณของเรา") on PostgreSQL.

    .venv/bin/python bench/budget_pages.py [--repeat 30] [--keep]

One organisation holds a five-year development plan (2566-2570) with 300
projects, five annual budgets with 2,000 budget lines in all, 5,000
procurement records each committed against a line of its year (nine in ten
confirmed), monthly disbursements and some transfers. Prints the median and
95th percentile of the public page of a fiscal year, of a project's page (the
project with the most contracts), of the years' index, and next to them the
anchor: the static ``/robots.txt`` page, through the same Django test client
in the same run. Target: median under 150 ms for the year and project pages.

Uses its own database (``BENCH_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/prongsai_bench_budget``), dropped at the
end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/prongsai_bench_budget"
YEARS = range(2566, 2571)
PROJECTS = 300
LINES = 2_000
PROCUREMENTS = 5_000
TARGET_MS = 150


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        c.execute(sql)


def setup(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(url, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["EMAIL_URL"] = "dummymail://"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def fill(rng: random.Random):
    """The organisation and its plan, budgets, procurement and spending."""
    from prongsai.budget.figures import month_start
    from prongsai.budget.models import (
        Budget,
        BudgetChange,
        BudgetLine,
        Commitment,
        DevelopmentPlan,
        Disbursement,
        Programme,
        Project,
        ProjectYear,
        Strategy,
    )
    from prongsai.organizations.models import Organization
    from prongsai.procurement.models import Procurement, Supplier

    org = Organization.objects.create(
        kind="sao",
        name="องค์การบริหารส่วนตำบลงบประมาณ",
        dla_code="6900001",
        slug="budget-bench",
        province="ขอนแก่น",
        district="เมือง",
    )
    plan = DevelopmentPlan.objects.create(
        organization=org,
        title="แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)",
        first_year=2566,
        last_year=2570,
    )
    strategies = [
        Strategy.objects.create(
            organization=org, plan=plan, number=n, name=f"ยุทธศาสตร์การพัฒนาด้านที่ {n}"
        )
        for n in range(1, 7)
    ]
    programmes = [
        Programme.objects.create(
            organization=org, strategy=s, name=f"แผนงานที่ {s.number}.{k}"
        )
        for s in strategies
        for k in (1, 2)
    ]
    projects = Project.objects.bulk_create(
        Project(
            organization=org,
            plan=plan,
            programme=programmes[n % len(programmes)],
            number=n + 1,
            name=f"โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายที่ {n + 1} หมู่ที่ {n % 12 + 1}",
            target="ถนน คสล. กว้าง 4 เมตร ยาว 200 เมตร",
            responsible_unit="กองช่าง",
            latitude=Decimal("16.4") + Decimal(rng.randint(0, 9999)) / 100000
            if n % 3 == 0
            else None,
            longitude=Decimal("102.8") + Decimal(rng.randint(0, 9999)) / 100000
            if n % 3 == 0
            else None,
        )
        for n in range(PROJECTS)
    )
    statuses = ["not_started", "in_progress", "completed", "cancelled"]
    ProjectYear.objects.bulk_create(
        ProjectYear(
            organization=org,
            project=project,
            fiscal_year=year,
            planned_amount=Decimal(rng.randint(50, 900) * 1000),
            status=rng.choice(statuses),
        )
        for project in projects
        for year in YEARS
    )
    per_year = LINES // len(YEARS)
    lines_by_year = {}
    for year in YEARS:
        budget = Budget.objects.create(
            organization=org,
            fiscal_year=year,
            title=f"ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {year}",
        )
        lines_by_year[year] = BudgetLine.objects.bulk_create(
            BudgetLine(
                organization=org,
                budget=budget,
                programme=f"แผนงานที่ {n % 8 + 1}",
                work="งานก่อสร้างโครงสร้างพื้นฐาน",
                category="investment" if n < PROJECTS // 2 else "operating",
                expense_class="ค่าที่ดินและสิ่งก่อสร้าง",
                item=f"รายการที่ {n + 1}",
                amount=Decimal(rng.randint(10, 2000) * 1000),
                project=projects[(n * 2 + year) % PROJECTS]
                if n < PROJECTS // 2
                else None,
                position=n,
            )
            for n in range(per_year)
        )
        BudgetChange.objects.bulk_create(
            BudgetChange(
                organization=org,
                budget=budget,
                kind="transfer",
                approved_on=datetime.date(year - 543, 3, 1),
                from_line=lines_by_year[year][n + 200],
                to_line=lines_by_year[year][n],
                amount=Decimal("5000"),
            )
            for n in range(20)
        )
        Disbursement.objects.bulk_create(
            Disbursement(
                organization=org,
                line=line,
                month=month_start(year, month),
                amount=Decimal(rng.randint(1, 50) * 1000),
            )
            for line in lines_by_year[year]
            for month in (2, 5, 8)
        )
    suppliers = Supplier.objects.bulk_create(
        Supplier(organization=org, name=f"ห้างหุ้นส่วนจำกัด ทดสอบ {n}") for n in range(40)
    )
    years = list(YEARS)
    procurements = Procurement.objects.bulk_create(
        Procurement(
            organization=org,
            fiscal_year=years[n % len(years)],
            procured_on=datetime.date(years[n % len(years)] - 544, 11, 1)
            + datetime.timedelta(days=n % 300),
            budget_category="investment",
            title=f"จ้างเหมาก่อสร้าง รายการที่ {n + 1}",
            procurement_type="hire",
            method="specific" if n % 4 else "e_bidding",
            budget_amount=Decimal(rng.randint(10, 900) * 1000),
            supplier=suppliers[n % len(suppliers)],
            agreed_price=Decimal(rng.randint(10, 900) * 1000),
            contract_number=f"{n + 1}/{years[n % len(years)]}",
            contract_date=datetime.date(years[n % len(years)] - 544, 12, 1),
        )
        for n in range(PROCUREMENTS)
    )
    Commitment.objects.bulk_create(
        Commitment(
            organization=org,
            line=lines_by_year[p.fiscal_year][(n // len(years)) % (PROJECTS // 2)],
            procurement=p,
            amount=p.agreed_price,
            state="confirmed" if n % 10 else "suggested",
        )
        for n, p in enumerate(procurements)
    )
    from django.db import connection
    from django.db.models import Count

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    busiest = (
        BudgetLine.objects.filter(organization=org, project__isnull=False)
        .values("project_id")
        .order_by()
        .annotate(n=Count("commitments"))
        .order_by("-n")
        .first()
    )
    return org, busiest["project_id"], busiest["n"]


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
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    setup(url)
    try:
        from django.db import connection
        from django.test import Client

        assert connection.vendor == "postgresql", "this benchmark measures PostgreSQL"
        started = time.perf_counter()
        org, project_id, contracts = fill(random.Random(1))
        print(
            f"data ready in {time.perf_counter() - started:.0f} s: 5 years, "
            f"{PROJECTS} projects, {LINES:,} budget lines, {PROCUREMENTS:,} "
            f"procurement records; the project page has {contracts} commitments",
            file=sys.stderr,
        )
        client = Client()

        def page(path):
            def run():
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)

            return run

        cases = {
            "anchor: /robots.txt": (page("/robots.txt"), False),
            "budget index": (page(f"/{org.slug}/budget/"), False),
            "budget year 2569": (page(f"/{org.slug}/budget/2569/"), True),
            "project page": (page(f"/{org.slug}/budget/projects/{project_id}/"), True),
        }
        for label, (function, targeted) in cases.items():
            median, p95 = _time(function, args.repeat)
            verdict = ""
            if targeted:
                verdict = f"  (target median < {TARGET_MS} ms) " + (
                    "PASS" if median < TARGET_MS else "FAIL"
                )
            print(f"{label:22s} median {median:7.1f} ms  p95 {p95:7.1f} ms{verdict}")
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            name = url.rsplit("/", 1)[1]
            _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
