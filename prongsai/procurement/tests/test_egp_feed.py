"""The e-GP feed: CGD contracts merged through the import's matching, errors
shown in Thai and retried, RSS announcements linked to records, the key kept
encrypted. The network is stubbed only at the edge (``cgd.urllib_opener``),
with recorded responses from ``tests/data``."""

from __future__ import annotations

import copy
import datetime
import json
import urllib.parse
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from prongsai.core.fields import PREFIX
from prongsai.core.models import AuditEvent
from prongsai.procurement import (
    cgd,
    services,
    services_feed,
    services_import,
    services_register,
    tasks,
)
from prongsai.procurement.models import (
    EgpAnnouncement,
    ImportBatch,
    ImportRow,
    Procurement,
    ProcurementSettings,
)
from prongsai.procurement.vocab import (
    METHOD_THAI,
    TYPE_THAI,
    BudgetCategory,
    Method,
    ProcurementType,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
KEY = "k3y-5ecret-abcdef0123456789"
CODE = "4000512"
TODAY = datetime.date(2026, 3, 1)  # in fiscal year 2569


def recorded(name: str) -> bytes:
    return (DATA / name).read_bytes()


def contracts() -> list[dict]:
    return json.loads(recorded("cgdcontract_2569_50.json"))["result"]


class Edge:
    """The network: answers by service (CGD API pages, RSS types), keeps URLs."""

    def __init__(self, pages=None, rss=None, error=None):
        self.pages = pages if pages is not None else [contracts()]
        self.rss = rss or {
            "D0": (200, recorded("egp_rss_D0.xml")),
            "W0": (200, recorded("egp_rss_W0.xml")),
        }
        self.error = error  # (status, body) or an exception, for the API
        self.urls: list[str] = []

    def __call__(self, url: str, timeout: float):
        assert timeout == cgd.TIMEOUT
        self.urls.append(url)
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        if url.startswith(cgd.CGD_API_URL):
            page = int(query["offset"]) // cgd.PAGE_SIZE
            if self.error is not None and (page > 0 or len(self.pages) == 1):
                if isinstance(self.error, BaseException):
                    raise self.error
                return self.error
            return 200, json.dumps({"result": self.pages[page]}).encode()
        return self.rss[query["anounceType"]]

    def api_queries(self) -> list[dict]:
        return [
            dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(u).query))
            for u in self.urls
            if u.startswith(cgd.CGD_API_URL)
        ]


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


@pytest.fixture
def feed(organization, officer):
    services_feed.egp_settings_update(
        actor=officer,
        organization=organization,
        egp_department_code=CODE,
        cgd_api_key=KEY,
    )
    return organization


@pytest.fixture
def edge(monkeypatch):
    stub = Edge()
    monkeypatch.setattr(cgd, "urllib_opener", stub)
    return stub


def run(organization, **kwargs):
    return services_feed.egp_feed_run(organization=organization, today=TODAY, **kwargs)


# --- hand entries of the same purchases --------------------------------------------


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def enter_by_hand(organization, officer, record: dict, *, supplier: bool = True):
    """An officer's entry of a purchase the feed will bring (no e-GP number)."""
    contract = record["contract"][0]
    specific = "เฉพาะเจาะจง" in record["purchase_method_name"]
    kind = record["project_type_name"]
    return services.procurement_create(
        actor=officer,
        organization=organization,
        fiscal_year=2569,
        procured_on=_date(record["transaction_date"]),
        title=record["project_name"],
        procurement_type=ProcurementType.PURCHASE
        if kind == "ซื้อ"
        else ProcurementType.CONSTRUCTION
        if "ก่อสร้าง" in kind
        else ProcurementType.HIRE,
        method=Method.SPECIFIC if specific else Method.E_BIDDING,
        budget_category=BudgetCategory.OPERATING,
        budget_amount=_money(record["project_money"]),
        agreed_price=_money(record["sum_price_agree"]) if supplier else None,
        supplier_name=contract["winner"] if supplier else "",
        supplier_tax_id=contract["winner_tin"] if supplier else "",
    )


HAND_CERTAIN = (0, 2, 3, 6, 9, 15, 20, 27)  # with the supplier: surely the same
HAND_UNSURE = (33, 44)  # without the supplier: the officer decides


@pytest.fixture
def hand_entries(organization, officer):
    records = contracts()
    entered = {}
    for index in HAND_CERTAIN:
        entered[index] = enter_by_hand(organization, officer, records[index])
    for index in HAND_UNSURE:
        entered[index] = enter_by_hand(
            organization, officer, records[index], supplier=False
        )
    return entered


def test_fifty_contracts_merge_with_ten_hand_entries_without_a_duplicate(
    feed, edge, officer, hand_entries
):
    records = contracts()
    assert Procurement.objects.filter(organization=feed).count() == 10
    result = run(feed, fiscal_year=2569)
    # Uncertain rows wait for the officer: nothing is imported yet.
    assert result["outcome"] == services_feed.WAITING
    assert result["contracts"] == 50
    batch = ImportBatch.objects.get(pk=result["batch"])
    assert batch.source == "e-GP API 2026-03-01"
    assert batch.state == ImportBatch.State.PREVIEW
    plan = batch.result["plan"]
    assert plan["create"] == 40
    assert plan["merge"] + plan["conflict"] == 8
    assert plan["uncertain"] == 2
    assert Procurement.objects.filter(organization=feed).count() == 10
    # The officer confirms the two uncertain rows as the recorded purchases.
    unsure = batch.import_rows.filter(action=ImportRow.Action.UNCERTAIN)
    expected = {records[i]["project_id"]: hand_entries[i].pk for i in HAND_UNSURE}
    decisions = {
        row.pk: {"action": "merge", "target": expected[row.data["egp_project_number"]]}
        for row in unsure
    }
    services_register.import_decide(actor=officer, batch=batch, decisions=decisions)
    outcome = services_import.import_commit(actor=officer, batch=batch)
    assert outcome == {"created": 40, "updated": 10, "unchanged": 0}
    register = Procurement.objects.filter(organization=feed)
    assert register.count() == 50
    numbers = list(register.values_list("egp_project_number", flat=True))
    assert sorted(numbers) == sorted(r["project_id"] for r in records)
    for index, record in hand_entries.items():
        record.refresh_from_db()
        assert record.egp_project_number == records[index]["project_id"]
        assert record.sources["egp_project_number"]["source"] == batch.source
    # The next night the same 50 contracts change nothing and add nothing.
    again = services_feed.egp_feed_run(
        organization=feed, today=TODAY + datetime.timedelta(days=1), fiscal_year=2569
    )
    assert again["outcome"] == services_feed.OK
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 50)
    assert register.count() == 50


def test_certain_rows_are_committed_at_once(feed, edge):
    result = run(feed)
    assert result["outcome"] == services_feed.OK
    assert result["created"] == 50
    assert Procurement.objects.filter(organization=feed).count() == 50
    settings = ProcurementSettings.for_organization(feed)
    assert settings.egp_outcome == services_feed.OK
    assert settings.egp_result["created"] == 50
    record = Procurement.objects.get(
        organization=feed, egp_project_number="68109000274"
    )
    assert record.title == "ซื้อน้ำมันเชื้อเพลิง"
    assert record.budget_amount == Decimal("4500.00")
    assert record.agreed_price == Decimal("4050.00")
    assert record.supplier.tax_id == contracts()[2]["contract"][0]["winner_tin"]
    assert record.method == Method.SPECIFIC
    assert record.sources["agreed_price"]["kind"] == "feed"
    assert AuditEvent.objects.filter(action="procurement.egp_fetch").exists()


def test_the_year_asked_is_the_fiscal_year_never_the_calendar_month(feed, edge):
    edge.pages = [[]]
    for day, year in (
        (datetime.date(2025, 9, 30), "2568"),
        (datetime.date(2025, 10, 1), "2569"),
        (datetime.date(2026, 1, 15), "2569"),
        (datetime.date(2026, 12, 7), "2570"),
    ):
        services_feed.egp_feed_run(organization=feed, today=day)
        query = edge.api_queries()[-1]
        assert query["year"] == year
        assert query["dept_code"] == CODE
        assert query["user_token"] == KEY


def test_every_page_is_read(feed, edge):
    many = []
    for n in range(cgd.PAGE_SIZE + 3):
        record = copy.deepcopy(contracts()[n % 50])
        record["project_id"] = f"68{n:09d}"
        many.append(record)
    edge.pages = [many[: cgd.PAGE_SIZE], many[cgd.PAGE_SIZE :]]
    found = cgd.fetch_contracts(dept_code=CODE, fiscal_year=2569, api_key=KEY)
    assert len(found) == cgd.PAGE_SIZE + 3
    assert [q["offset"] for q in edge.api_queries()] == ["0", str(cgd.PAGE_SIZE)]


# --- errors -----------------------------------------------------------------------

ERRORS = [
    ((401, b""), cgd.KEY_REFUSED, "ปฏิเสธกุญแจ"),
    ((403, b""), cgd.KEY_REFUSED, "ปฏิเสธกุญแจ"),
    ((429, b""), cgd.RATE_LIMITED, "จำกัดจำนวนคำขอ"),
    ((500, b"Internal Server Error"), cgd.UNAVAILABLE, "ไม่ตอบสนอง"),
    (TimeoutError("timed out"), cgd.UNAVAILABLE, "ไม่ตอบสนอง"),
    ((200, b"<html>maintenance</html>"), cgd.MALFORMED, "อ่านไม่ได้"),
    ((200, b'{"result": "quota"}'), cgd.MALFORMED, "อ่านไม่ได้"),
]


@pytest.mark.parametrize(("error", "kind", "thai"), ERRORS)
def test_a_failed_fetch_imports_nothing_and_says_why_in_thai(
    client, feed, edge, officer, error, kind, thai
):
    edge.error = error
    with pytest.raises(cgd.FeedError) as raised:
        run(feed)
    assert raised.value.kind == kind
    assert KEY not in str(raised.value)
    assert not Procurement.objects.filter(organization=feed).exists()
    assert not ImportBatch.objects.filter(organization=feed).exists()
    assert ProcurementSettings.for_organization(feed).egp_outcome == kind
    client.force_login(officer)
    page = client.get(
        reverse("procurement-staff:settings", kwargs={"org": feed.slug}),
        HTTP_ACCEPT_LANGUAGE="th",
    ).content.decode()
    assert thai in page
    assert "alert-danger" in page


def test_a_failure_on_a_later_page_imports_nothing(feed, edge):
    first = []
    for n in range(cgd.PAGE_SIZE):
        record = copy.deepcopy(contracts()[n % 50])
        record["project_id"] = f"68{n:09d}"
        first.append(record)
    edge.pages = [first, []]
    edge.error = (503, b"")
    with pytest.raises(cgd.FeedError):
        run(feed)
    assert not Procurement.objects.filter(organization=feed).exists()
    assert not ImportBatch.objects.filter(organization=feed).exists()


@pytest.mark.parametrize(("error", "kind", "_thai"), ERRORS)
def test_the_task_retries_with_backoff(feed, edge, error, kind, _thai):
    edge.error = error
    with (
        mock.patch.object(
            tasks.egp_feed_task, "retry", side_effect=RuntimeError("retry")
        ) as retry,
        pytest.raises(RuntimeError),
    ):
        tasks.egp_feed_task(feed.pk)
    countdown = retry.call_args.kwargs["countdown"]
    assert countdown == tasks.egp_retry_countdown(kind, 0)
    assert countdown >= 600
    assert retry.call_args.kwargs["exc"].kind == kind


def test_backoff_grows_and_stops():
    first = tasks.egp_retry_countdown(cgd.UNAVAILABLE, 0)
    assert tasks.egp_retry_countdown(cgd.UNAVAILABLE, 1) == 2 * first
    assert tasks.egp_retry_countdown(cgd.RATE_LIMITED, 0) > first
    assert tasks.egp_retry_countdown(cgd.UNAVAILABLE, tasks.EGP_MAX_RETRIES) is None
    assert tasks.egp_retry_countdown(cgd.NOT_CONFIGURED, 0) is None


def test_the_daily_task_queues_configured_organisations(
    feed, other_organization, monkeypatch
):
    ProcurementSettings.objects.create(
        organization=other_organization, egp_department_code="123"
    )  # no key: not fetched
    queued = []
    monkeypatch.setattr(
        "prongsai.core.outbox.enqueue", lambda task, *args: queued.append(args)
    )
    assert tasks.egp_feed_all() == 1
    assert queued == [(feed.pk,)]
    schedule = django_settings.CELERY_BEAT_SCHEDULE["procurement-egp-feed"]
    assert schedule["task"] == "prongsai.procurement.tasks.egp_feed_all"


# --- the settings page ------------------------------------------------------------


def _settings_url(organization) -> str:
    return reverse("procurement-staff:settings", kwargs={"org": organization.slug})


def test_the_key_is_stored_encrypted_and_never_shown(client, feed, officer):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cgd_api_key FROM procurement_procurementsettings "
            "WHERE organization_id = %s",
            [feed.pk],
        )
        (raw,) = cursor.fetchone()
    assert raw.startswith(PREFIX) and KEY not in raw
    assert ProcurementSettings.for_organization(feed).cgd_api_key == KEY
    event = AuditEvent.objects.filter(action="procurement_settings.save").latest("pk")
    assert KEY not in json.dumps(event.changes, ensure_ascii=False)
    client.force_login(officer)
    page = client.get(_settings_url(feed), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert KEY not in page
    assert "ตั้งไว้" in page  # "set"
    assert CODE in page
    # Saving without a key keeps the stored one; removing it removes it.
    response = client.post(_settings_url(feed), {"egp_department_code": "4000513"})
    assert response.status_code == 302
    settings = ProcurementSettings.for_organization(feed)
    assert (settings.egp_department_code, settings.cgd_api_key) == ("4000513", KEY)
    client.post(
        _settings_url(feed), {"egp_department_code": "4000513", "clear_key": "on"}
    )
    assert ProcurementSettings.for_organization(feed).cgd_api_key == ""


def test_a_code_with_other_characters_is_refused(client, organization, officer):
    client.force_login(officer)
    response = client.post(
        _settings_url(organization),
        {"egp_department_code": "40 00/51"},
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 200
    assert "รหัสหน่วยงาน e-GP" in response.content.decode()
    assert not ProcurementSettings.objects.filter(organization=organization).exists()


def test_fetch_now_runs_and_shows_the_counts(client, feed, edge, officer):
    client.force_login(officer)
    response = client.post(
        reverse("procurement-staff:egp-fetch", kwargs={"org": feed.slug}),
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 302
    assert Procurement.objects.filter(organization=feed).count() == 50
    page = client.get(_settings_url(feed), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "ดึงข้อมูลสำเร็จ" in page
    assert 'id="egp-counts"' in page


def test_fetch_now_needs_the_settings(client, organization, officer):
    client.force_login(officer)
    response = client.post(
        reverse("procurement-staff:egp-fetch", kwargs={"org": organization.slug}),
        HTTP_ACCEPT_LANGUAGE="th",
        follow=True,
    )
    assert "กรอกรหัสหน่วยงาน e-GP" in response.content.decode()


def test_the_page_proposes_the_department_of_the_same_province(
    client, organization, officer
):
    organization.province = "ขอนแก่น"
    organization.save()
    call_command("load_egp_departments", str(DATA / "egp_departments.csv"))
    client.force_login(officer)
    page = client.get(
        _settings_url(organization), HTTP_ACCEPT_LANGUAGE="th"
    ).content.decode()
    assert 'id="egp-proposals"' in page
    assert "4000512" in page
    assert "6400101" not in page  # the same name in another province
    assert 'value="4000512"' in page  # proposed; the officer confirms by saving


def test_other_organisations_settings_are_not_shown(
    client, feed, other_organization, officer
):
    client.force_login(officer)
    response = client.get(_settings_url(other_organization))
    assert response.status_code in (403, 404)


# --- announcements ------------------------------------------------------------------


def test_announcements_attach_to_the_record_with_their_project_number(
    client, feed, edge, officer
):
    result = run(feed)
    assert result["announcements"] == 4
    assert EgpAnnouncement.objects.filter(organization=feed).count() == 4
    record = Procurement.objects.get(
        organization=feed, egp_project_number="68109000548"
    )
    other = Procurement.objects.get(organization=feed, egp_project_number="68109000274")
    kinds = EgpAnnouncement.objects.filter(project_number="68109000548")
    assert sorted(kinds.values_list("kind", flat=True)) == ["invitation", "result"]
    client.force_login(officer)
    staff = client.get(
        reverse("procurement-staff:detail", kwargs={"org": feed.slug, "pk": record.pk}),
        HTTP_ACCEPT_LANGUAGE="th",
    ).content.decode()
    public = client.get(
        reverse(
            "procurement-public:detail", kwargs={"org": feed.slug, "pk": record.pk}
        ),
        HTTP_ACCEPT_LANGUAGE="th",
    ).content.decode()
    for page in (staff, public):
        assert 'id="egp-announcements"' in page
        assert "projectId=68109000548&amp;templateType=D0" in page
        assert "projectId=68109000548&amp;templateType=W2" in page
        assert "ประกาศผู้ชนะการเสนอราคา ประกวดราคาซื้อวัสดุก่อสร้าง" in page
    unrelated = client.get(
        reverse("procurement-public:detail", kwargs={"org": feed.slug, "pk": other.pk})
    ).content.decode()
    assert 'id="egp-announcements"' not in unrelated
    # Read again, the same announcements are not added twice.
    assert run(feed)["announcements"] == 0
    assert EgpAnnouncement.objects.filter(organization=feed).count() == 4


def test_an_unreadable_rss_does_not_stop_the_contracts(feed, edge):
    edge.rss["W0"] = (200, b"<rss><channel><item>")
    result = run(feed)
    assert result["outcome"] == services_feed.OK
    assert result["announcements_error"] == cgd.MALFORMED
    assert Procurement.objects.filter(organization=feed).count() == 50


def test_uncertain_rows_wait_in_the_import_preview(
    client, feed, edge, officer, hand_entries
):
    result = run(feed, fiscal_year=2569)
    client.force_login(officer)
    page = client.get(_settings_url(feed), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "alert-warning" in page
    preview_url = reverse(
        "procurement-staff:import-preview",
        kwargs={"org": feed.slug, "pk": result["batch"]},
    )
    assert preview_url in page
    preview = client.get(preview_url, HTTP_ACCEPT_LANGUAGE="th")
    assert preview.status_code == 200
    assert "e-GP API 2026-03-01" in preview.content.decode()


def _as_cgd_record(record: Procurement, number: str) -> dict:
    """A demo purchase as the CGD API would send it (the fixture's shape)."""
    supplier = record.supplier
    return {
        "project_id": record.egp_project_number or number,
        "project_name": record.title,
        "project_type_name": TYPE_THAI[record.procurement_type],
        "dept_name": record.organization.name,
        "purchase_method_name": METHOD_THAI[record.method].removeprefix("วิธี"),
        "announce_date": "-",
        "project_money": f"{record.budget_amount:,.2f}",
        "price_build": f"{record.reference_price:,.2f}"
        if record.reference_price
        else "-",
        "sum_price_agree": f"{record.agreed_price:,.2f}",
        "budget_year": str(record.fiscal_year),
        "transaction_date": record.procured_on.isoformat(),
        "project_status": "จัดทำสัญญา/POแล้ว",
        "contract": [
            {
                "winner_tin": supplier.tax_id,
                "winner": supplier.name,
                "contract_no": record.contract_number,
                "contract_date": (
                    record.contract_date or record.procured_on
                ).isoformat(),
                "price_agree": float(record.agreed_price),
                "status": "จัดทำสัญญา/POแล้ว",
            }
        ],
    }


def test_fifty_contracts_of_the_demos_purchases_merge_without_a_duplicate(
    organization, officer, monkeypatch
):
    """The demo's register, typed in by hand (no e-GP numbers), and the same
    purchases arriving from e-GP: every one merges into its record."""
    from django.db.models import Count

    from prongsai.procurement.demo import load_procurement_demo

    organization.slug = "bandong"
    organization.save()
    load_procurement_demo([organization])
    register = Procurement.objects.filter(organization=organization)
    signed = register.filter(supplier__isnull=False, agreed_price__isnull=False)
    year = (
        signed.values("fiscal_year")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    records = list(
        signed.filter(fiscal_year=year)
        .select_related("supplier", "organization")
        .order_by("procured_on", "pk")[:50]
    )
    assert len(records) == 50
    before = register.count()
    Procurement.objects.filter(pk__in=[r.pk for r in records]).update(
        egp_project_number=""
    )
    for record in records:
        record.egp_project_number = ""
    numbers = [f"{(year - 2501) % 100:02d}{n:09d}" for n in range(1, 51)]
    answer = [_as_cgd_record(r, n) for r, n in zip(records, numbers, strict=True)]
    services_feed.egp_settings_update(
        actor=officer,
        organization=organization,
        egp_department_code=CODE,
        cgd_api_key=KEY,
    )
    monkeypatch.setattr(cgd, "urllib_opener", Edge(pages=[answer]))
    result = run(organization, fiscal_year=year)
    batch = ImportBatch.objects.get(pk=result["batch"])
    plan = batch.result["plan"]
    assert plan.get("create", 0) == 0, plan
    # What the feed is not sure of, the officer merges into the candidate.
    unsure = batch.import_rows.filter(action=ImportRow.Action.UNCERTAIN)
    if unsure.exists():
        expected = {n: r.pk for r, n in zip(records, numbers, strict=True)}
        services_register.import_decide(
            actor=officer,
            batch=batch,
            decisions={
                row.pk: {
                    "action": "merge",
                    "target": expected[row.data["egp_project_number"]],
                }
                for row in unsure
            },
        )
        services_import.import_commit(actor=officer, batch=batch)
    assert register.count() == before  # no duplicate
    filled = set(
        register.filter(pk__in=[r.pk for r in records]).values_list(
            "egp_project_number", flat=True
        )
    )
    assert filled == set(numbers)  # each record got its e-GP number
