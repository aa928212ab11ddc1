"""Every LAO of Thailand with a year of records, on a PostgreSQL database of
its own, for the national-scale measurements (``bench/national_jobs.py``).

    .venv/bin/python bench/national_data.py [--organizations N] [--database URL]

Defaults: all 7,849 organisations (``bench/_national_geography.py``: the DLA
totals, Bangkok left out) on postgres://postgres@127.0.0.1:5432/national_bench,
which is dropped and made again. Each organisation gets, in the volumes of
its type (``VOLUMES``, per year): members, E-Services with their requests
and events, complaint categories and cases, procurement records and
suppliers, news, an integrity plan with measures, the OIT checklist of the
current fiscal year (every item of the framework, some with links), ITA
results of two years and a directory entry. Rows are written with
PostgreSQL COPY from model instances (so every default of the models
applies), in slices of 500 organisations; the ids are handed out here.

What is not generated: audit rows, the search index, notification
deliveries, files. The database size per organisation it measures is a
floor for these reasons (docs/scaling.md).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _eservices_setup import django_setup
from _national_geography import NATIONAL_TOTAL, national_organizations

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/national_bench"
SLICE = 500

#: Records per organisation and year, by type: members, procurement records,
#: E-Service requests, complaints, news, plan measures, suppliers.
#: SAOs (6,000-10,000 people) buy about 10-15 times a month and see a few
#: online requests a week; city municipalities (100,000+) far more.
_COLUMNS = (
    "members",
    "procurements",
    "requests",
    "complaints",
    "news",
    "measures",
    "suppliers",
)
_TABLE = {
    "sao": (8, 150, 40, 15, 60, 12, 40),
    "tambon_municipality": (10, 200, 80, 30, 80, 14, 50),
    "town_municipality": (20, 600, 400, 150, 150, 18, 120),
    "city_municipality": (40, 1500, 2500, 900, 300, 25, 300),
    "pao": (25, 700, 150, 60, 200, 20, 200),
}
VOLUMES = {kind: dict(zip(_COLUMNS, row, strict=True)) for kind, row in _TABLE.items()}

NAME_PREFIX = {
    "sao": "องค์การบริหารส่วนตำบล",
    "tambon_municipality": "เทศบาลตำบล",
    "town_municipality": "เทศบาลเมือง",
    "city_municipality": "เทศบาลนคร",
    "pao": "องค์การบริหารส่วนจังหวัด",
}
PLACES = (
    "บ้านดง",
    "หนองแวง",
    "โนนสูง",
    "ท่าช้าง",
    "ดอนตาล",
    "นาคำ",
    "บ่อทอง",
    "หัวฝาย",
    "โคกกลาง",
    "ป่าแดง",
)
SERVICES = (
    ("street-light", "ขอซ่อมไฟฟ้าสาธารณะ"),
    ("water", "ขอรับบริการน้ำอุปโภคบริโภค"),
    ("garbage", "ขอรับบริการจัดเก็บขยะมูลฝอย"),
    ("elderly", "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ"),
    ("building", "ขออนุญาตก่อสร้างอาคาร"),
    ("tree", "ขอตัดต้นไม้ริมทาง"),
)
CATEGORIES = ("ถนนและทางเท้า", "ไฟฟ้าสาธารณะ", "ขยะและสิ่งแวดล้อม", "น้ำประปา", "อื่น ๆ")
PURCHASES = (
    "จัดซื้อวัสดุสำนักงาน",
    "จ้างเหมาซ่อมแซมรถบรรทุกน้ำ",
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
    "จัดซื้ออาหารเสริม (นม) โรงเรียน",
    "จ้างเหมาบริการทำความสะอาดอาคาร",
    "จัดซื้อน้ำมันเชื้อเพลิง",
    "จ้างเหมาเป่าล้างบ่อบาดาล หมู่ที่ 7",
)
NEWS = (
    "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง",
    "กิจกรรมวันเด็กแห่งชาติ",
    "ประกาศผู้ชนะการเสนอราคา",
    "รับสมัครพนักงานจ้างทั่วไป",
    "โครงการหน่วยบริการเคลื่อนที่",
)
MEASURES = (
    "เผยแพร่ข้อมูลการจัดซื้อจัดจ้างรายเดือน",
    "ประกาศเจตนารมณ์ No Gift Policy",
    "อบรมจริยธรรมบุคลากร",
    "ปรับปรุงช่องทางรับเรื่องร้องเรียนออนไลน์",
    "สำรวจความพึงพอใจผู้รับบริการ",
)


class Copier:
    """Writes model instances with COPY; ids are handed out here."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.next_id: dict[type, int] = {}
        self.counts: dict[str, int] = {}
        from django.utils import timezone

        self.now = timezone.now()

    def ids(self, model, count: int) -> range:
        if model not in self.next_id:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}"  # noqa: S608 - a model's table name
                )
                self.next_id[model] = cursor.fetchone()[0] + 1
        start = self.next_id[model]
        self.next_id[model] = start + count
        return range(start, start + count)

    def write(self, model, objects: list) -> None:
        if not objects:
            return
        for obj, pk in zip(objects, self.ids(model, len(objects)), strict=True):
            obj.pk = pk
        fields = model._meta.concrete_fields
        columns = ", ".join(f'"{f.column}"' for f in fields)
        table = model._meta.db_table
        plan = [(f.attname, self._convert(f)) for f in fields]
        with (
            self.connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for obj in objects:
                copy.write_row([convert(getattr(obj, name)) for name, convert in plan])
        self.counts[table] = self.counts.get(table, 0) + len(objects)

    def _convert(self, field):
        """How a field's value goes to COPY: JSON wrapped, timestamps the
        models set themselves filled in, everything else as it is (psycopg
        adapts dates, decimals and aware datetimes)."""
        from django.db import models
        from psycopg.types.json import Jsonb

        if isinstance(field, models.JSONField):
            return Jsonb
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return lambda value: value or self.now
        if isinstance(field, models.FileField):
            return lambda value: value.name or ""
        return lambda value: value

    def finish(self) -> None:
        with self.connection.cursor() as cursor:
            for model in self.next_id:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )


def _days_ago(rng, today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=rng.randint(0, 364))


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_organizations(copier, rows, first: int) -> list:
    from prongsai.organizations.models import DirectoryEntry, Organization

    organizations, entries = [], []
    for n, (kind, province, place) in enumerate(rows, start=first):
        place = place or f"{PLACES[n % len(PLACES)]}{n:04d}"
        name = place if place == "เมืองพัทยา" else NAME_PREFIX[kind] + place
        organizations.append(
            Organization(
                kind=kind,
                name=name,
                dla_code=f"{5000000 + n}",
                slug=f"lao-{n:04d}",
                province=province,
                district=f"อำเภอที่ {n % 25}",
                subdistrict=place,
                website=f"https://www.lao-{n:04d}.go.th",
            )
        )
    copier.write(Organization, organizations)
    for org in organizations:
        entries.append(
            DirectoryEntry(
                dla_code=org.dla_code,
                name=org.name,
                kind=org.kind,
                province=org.province,
                district=org.district,
                website=org.website,
                organization_id=org.pk,
            )
        )
    copier.write(DirectoryEntry, entries)
    return organizations


def make_members(copier, organizations, password: str) -> dict[int, list]:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Membership

    roles = (
        ["org_admin"],
        ["executive"],
        ["ita_coordinator"],
        ["data_officer"],
        ["procurement_officer"],
        ["service_officer"],
        ["complaint_officer"],
        ["integrity_officer"],
    )
    users, memberships, by_org = [], [], {}
    for org in organizations:
        for n in range(VOLUMES[org.kind]["members"]):
            users.append(
                User(
                    email=f"m{n}@{org.slug}.example",
                    full_name=f"เจ้าหน้าที่ {n} {org.name}",
                    password=password,
                )
            )
    copier.write(User, users)
    position = 0
    for org in organizations:
        count = VOLUMES[org.kind]["members"]
        mine = []
        for n, user in enumerate(users[position : position + count]):
            mine.append(
                Membership(
                    organization_id=org.pk,
                    user_id=user.pk,
                    roles=roles[n] if n < len(roles) else ["staff"],
                    position="นักวิชาการ",
                )
            )
        position += count
        memberships += mine
        by_org[org.pk] = mine
    copier.write(Membership, memberships)
    return by_org


def make_services(copier, organizations, members, rng, today) -> None:
    from prongsai.core import codes, deadlines
    from prongsai.eservices.models import (
        FormVersion,
        RequestEvent,
        Service,
        ServiceRequest,
    )
    from prongsai.eservices.models import Status as RequestStatus

    services, versions = [], []
    for org in organizations:
        officer = members[org.pk][5 % len(members[org.pk])].user_id
        for code, name in SERVICES:
            services.append(
                Service(
                    organization_id=org.pk,
                    code=code,
                    name=name,
                    time_limit_days=rng.choice((3, 7, 15)),
                    responsible_unit="สำนักปลัด",
                    officer_id=officer,
                    is_published=True,
                )
            )
    copier.write(Service, services)
    versions = [FormVersion(service_id=s.pk, number=1) for s in services]
    copier.write(FormVersion, versions)
    by_org: dict[int, list] = {}
    for service, version in zip(services, versions, strict=True):
        by_org.setdefault(service.organization_id, []).append((service, version))
    requests, events = [], []
    statuses = [RequestStatus.COMPLETED] * 7 + [
        RequestStatus.IN_PROGRESS,
        RequestStatus.RECEIVED,
        RequestStatus.REJECTED,
    ]
    for org in organizations:
        for n in range(VOLUMES[org.kind]["requests"]):
            service, version = rng.choice(by_org[org.pk])
            received = _at(_days_ago(rng, today), rng.randint(8, 16))
            status = rng.choice(statuses)
            closed = received + datetime.timedelta(days=rng.randint(1, 20))
            requests.append(
                ServiceRequest(
                    organization_id=org.pk,
                    service_id=service.pk,
                    form_version_id=version.pk,
                    tracking_code=codes.new_tracking_code(),
                    sequence=n + 1,
                    status=status,
                    citizen_name="นางสาวทดสอบ ใจดี",
                    citizen_phone="0812345678",
                    received_at=received,
                    due_at=deadlines.due_at(
                        received, service.time_limit_days, "working_days"
                    ),
                    closed_at=closed
                    if status in (RequestStatus.COMPLETED, RequestStatus.REJECTED)
                    else None,
                    answers={"detail": "ไฟฟ้าดับบริเวณหน้าบ้านเลขที่ 12 หมู่ 3"},
                )
            )
    copier.write(ServiceRequest, requests)
    for request in requests:
        events.append(
            RequestEvent(
                request_id=request.pk,
                kind="filed",
                to_status="received",
                created_at=request.received_at,
            )
        )
        if request.closed_at:
            events.append(
                RequestEvent(
                    request_id=request.pk,
                    kind="status",
                    from_status="received",
                    to_status=request.status,
                    is_public=True,
                    created_at=request.closed_at,
                )
            )
    copier.write(RequestEvent, events)


def make_complaints(copier, organizations, rng, today) -> None:
    from prongsai.complaints.models import Case, Category
    from prongsai.core import codes

    categories = [
        Category(organization_id=org.pk, name=name, responsible_unit="สำนักปลัด")
        for org in organizations
        for name in CATEGORIES
    ]
    copier.write(Category, categories)
    per_org: dict[int, list] = {}
    for category in categories:
        per_org.setdefault(category.organization_id, []).append(category.pk)
    cases = []
    statuses = ["resolved"] * 6 + [
        "in_progress",
        "received",
        "acknowledged",
        "rejected",
    ]
    for org in organizations:
        for n in range(VOLUMES[org.kind]["complaints"]):
            received = _at(_days_ago(rng, today), rng.randint(0, 23))
            status = rng.choice(statuses)
            cases.append(
                Case(
                    organization_id=org.pk,
                    reference=f"C{2569 + n % 2}-{n + 1:04d}",
                    tracking_code=codes.new_tracking_code(),
                    kind="complaint",
                    channel=rng.choice(("web", "line", "line", "phone", "walk_in")),
                    category_id=rng.choice(per_org[org.pk]),
                    subject="ไฟถนนดับหลายจุด",
                    description="ไฟฟ้าส่องสว่างริมถนนสายหลักดับมาหนึ่งสัปดาห์",
                    status=status,
                    received_at=received,
                    acknowledge_due=received + datetime.timedelta(days=3),
                    resolve_due=received + datetime.timedelta(days=15),
                    closed_at=received + datetime.timedelta(days=rng.randint(2, 30))
                    if status in ("resolved", "rejected")
                    else None,
                )
            )
    copier.write(Case, cases)


def make_procurement(copier, organizations, rng, today) -> None:
    from prongsai.core.thai_dates import fiscal_year
    from prongsai.procurement.models import Procurement, Supplier

    suppliers = [
        Supplier(
            organization_id=org.pk,
            name=f"หจก.ทดสอบการค้า {n}",
            tax_id=f"{10**12 + org.pk * 1000 + n}",
        )
        for org in organizations
        for n in range(VOLUMES[org.kind]["suppliers"])
    ]
    copier.write(Supplier, suppliers)
    per_org: dict[int, list] = {}
    for supplier in suppliers:
        per_org.setdefault(supplier.organization_id, []).append(supplier.pk)
    rows = []
    for org in organizations:
        for _n in range(VOLUMES[org.kind]["procurements"]):
            day = _days_ago(rng, today)
            amount = Decimal(
                rng.choice((rng.randint(500, 99_999), rng.randint(100_000, 4_999_999)))
            )
            rows.append(
                Procurement(
                    organization_id=org.pk,
                    fiscal_year=fiscal_year(day),
                    procured_on=day,
                    budget_category="operating",
                    title=rng.choice(PURCHASES),
                    procurement_type="purchase",
                    method="specific" if amount < 500_000 else "e_bidding",
                    budget_amount=amount,
                    agreed_price=amount,
                    supplier_id=rng.choice(per_org[org.pk]),
                    contract_number=f"{rng.randint(1, 300)}/{fiscal_year(day)}",
                    contract_date=day,
                    contract_end=day + datetime.timedelta(days=30),
                )
            )
    copier.write(Procurement, rows)


def make_content(copier, organizations, members, rng, today) -> None:
    from prongsai.plans.models import Measure, Plan
    from prongsai.sitecontent.models import NewsItem

    news = [
        NewsItem(
            organization_id=org.pk,
            status="published",
            publish_at=_at(_days_ago(rng, today), 9),
            title=rng.choice(NEWS),
            body="รายละเอียดข่าวประชาสัมพันธ์ " * 20,
        )
        for org in organizations
        for _n in range(VOLUMES[org.kind]["news"])
    ]
    copier.write(NewsItem, news)
    year = _fiscal(today)
    plans = [
        Plan(
            organization_id=org.pk,
            fiscal_year=year,
            kind="integrity",
            status="approved",
            title=f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {year}",
        )
        for org in organizations
    ]
    copier.write(Plan, plans)
    measures = []
    start = datetime.date(year - 544, 10, 1)
    for org, plan in zip(organizations, plans, strict=True):
        owners = members[org.pk]
        for n in range(VOLUMES[org.kind]["measures"]):
            due = start + datetime.timedelta(days=rng.randint(30, 360))
            measures.append(
                Measure(
                    organization_id=org.pk,
                    plan_id=plan.pk,
                    number=n + 1,
                    title=rng.choice(MEASURES),
                    start_date=start,
                    due_date=due,
                    owner_id=owners[n % len(owners)].pk,
                    percent_done=rng.choice((0, 25, 50, 100)),
                    last_update_on=_days_ago(rng, today) if n % 3 else None,
                )
            )
    copier.write(Measure, measures)


def _fiscal(today: datetime.date) -> int:
    from prongsai.core.thai_dates import fiscal_year

    return fiscal_year(today)


def make_oit_and_ita(copier, organizations, members, rng, today) -> None:
    from prongsai.ita.models import ItaResult
    from prongsai.ita.selectors import framework_get
    from prongsai.oit import registry
    from prongsai.oit.models import Checklist, ChecklistItem

    year = _fiscal(today)
    framework = framework_get(fiscal_year=year)
    checklists = [
        Checklist(organization_id=org.pk, fiscal_year=year) for org in organizations
    ]
    copier.write(Checklist, checklists)
    items = []
    for org, checklist in zip(organizations, checklists, strict=True):
        officer = members[org.pk][3 % len(members[org.pk])].user_id
        for position, item in enumerate(framework.oit_items):
            providers = registry.providers_for(item_key=item.key)
            items.append(
                ChecklistItem(
                    organization_id=org.pk,
                    checklist_id=checklist.pk,
                    code=item.code,
                    position=position,
                    title_th=item.title_th,
                    requirements_th=list(item.requirements_th or item.requirements),
                    sub_indicator=item.sub_indicator,
                    period=item.period or "",
                    data_year=item.data_year,
                    machine_readable=bool(item.machine_readable),
                    provider_key=providers[0].key if providers else "",
                    responsible_id=officer,
                    due_date=datetime.date(year - 543, 3, 31),
                    explanation=f"https://www.{org.slug}.go.th/oit/{item.code}"
                    if position % 2
                    else "",
                )
            )
    copier.write(ChecklistItem, items)
    results = []
    for org in organizations:
        for past in (year - 2, year - 1):
            scores = [Decimal(rng.randint(60, 100)) for _ in range(10)]
            results.append(
                ItaResult(
                    organization_id=org.pk,
                    fiscal_year=past,
                    **{f"i{n + 1}": s for n, s in enumerate(scores)},
                    published_total=(sum(scores) / 10).quantize(Decimal("0.01")),
                )
            )
    copier.write(ItaResult, results)


def generate(total: int, *, seed: int = 7) -> dict[str, int]:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    rows = national_organizations()
    if total < len(rows):
        # A smaller run keeps the proportions: every n-th of the national list.
        step = len(rows) / total
        rows = [rows[int(n * step)] for n in range(total)]
    rng = random.Random(seed)
    today = timezone.localdate()
    password = make_password("bench-national")
    copier = Copier(connection)
    for first in range(0, len(rows), SLICE):
        began = time.perf_counter()
        with transaction.atomic():
            organizations = make_organizations(
                copier, rows[first : first + SLICE], first
            )
            members = make_members(copier, organizations, password)
            make_services(copier, organizations, members, rng, today)
            make_complaints(copier, organizations, rng, today)
            make_procurement(copier, organizations, rng, today)
            make_content(copier, organizations, members, rng, today)
            make_oit_and_ita(copier, organizations, members, rng, today)
        print(
            f"  organisations {first + len(organizations):,}/{len(rows):,} "
            f"({time.perf_counter() - began:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    copier.finish()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return copier.counts


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organizations", type=int, default=NATIONAL_TOTAL)
    parser.add_argument("--database", default=DEFAULT_URL)
    args = parser.parse_args()
    if not args.database.startswith("postgres"):
        sys.exit("A PostgreSQL database URL is needed (COPY).")
    began = time.perf_counter()
    recreate_database(args.database)
    django_setup(args.database)
    from prongsai.ita.services import framework_load_files

    framework_load_files()
    print(f"database ready in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    counts = generate(args.organizations)
    for table, count in sorted(counts.items()):
        print(f"{table:<34} {count:>10,}")
    print(f"{sum(counts.values()):,} rows in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
