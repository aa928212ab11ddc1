"""Stored risk indicators: refreshed by every write (and imports), read by the
pages in a bounded number of queries, shown to the public only when the
organisation says so."""

import datetime
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from prongsai.procurement import services, services_import, services_year
from prongsai.procurement.models import (
    ProcurementSettings,
    ProcurementYear,
    RiskIndicator,
)
from prongsai.procurement.services_indicators import _flush, indicators_refresh

from .factories import BidFactory, ProcurementFactory, SupplierFactory, build_import

pytestmark = pytest.mark.django_db

SPLIT_TITLE = "จัดซื้อวัสดุก่อสร้าง"


def url(name, organization, **kwargs):
    return reverse(name, kwargs={"org": organization.slug, **kwargs})


def create(organization, day, supplier, **fields):
    values = {
        "fiscal_year": 2568,
        "procured_on": datetime.date(2025, 3, day),
        "title": SPLIT_TITLE,
        "procurement_type": "purchase",
        "method": "specific",
        "budget_category": "operating",
        "budget_amount": Decimal("180000"),
        "agreed_price": Decimal("180000"),
        "supplier_name": supplier,
        **fields,
    }
    return services.procurement_create(actor=None, organization=organization, **values)


def refreshes(callbacks) -> int:
    """How many of the on-commit callbacks refresh indicators."""
    return sum(1 for c in callbacks if getattr(c, "func", None) is _flush)


def codes(organization, year=2568):
    """The stored codes of the year (a supplier's share aside: with two or
    three suppliers each has a large share)."""
    return sorted(
        RiskIndicator.objects.filter(organization=organization, fiscal_year=year)
        .exclude(code="supplier_share")
        .values_list("code", flat=True)
    )


def test_create_update_delete_refresh_the_stored_indicators(
    organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = create(organization, 1, "ร้าน ก")
        create(organization, 2, "ร้าน ข")
    assert codes(organization) == []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        third = create(organization, 3, "ร้าน ค")
    assert refreshes(callbacks) == 1
    assert codes(organization) == ["split_item"] * 3
    year = ProcurementYear.objects.get(organization=organization, fiscal_year=2568)
    assert year.indicator_counts == {"split_item": 1}
    assert year.flagged_records == 3
    version = year.version

    with django_capture_on_commit_callbacks(execute=True):
        services.procurement_update(
            actor=None, procurement=third, agreed_price=Decimal("100000")
        )
    assert codes(organization) == []  # 460,000 baht: under the limit
    with django_capture_on_commit_callbacks(execute=True):
        services.procurement_update(
            actor=None, procurement=third, agreed_price=Decimal("180000")
        )
    assert codes(organization) == ["split_item"] * 3
    with django_capture_on_commit_callbacks(execute=True):
        services.procurement_delete(actor=None, procurement=first)
    assert codes(organization) == []
    year.refresh_from_db()
    assert year.version > version


def test_moving_a_record_to_another_year_refreshes_both(
    organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        records = [create(organization, day, f"ร้าน {day}") for day in (1, 2, 3)]
    with django_capture_on_commit_callbacks(execute=True):
        services.procurement_update(
            actor=None,
            procurement=records[0],
            fiscal_year=2569,
            procured_on=datetime.date(2025, 10, 2),
        )
    assert codes(organization, 2568) == []
    assert ProcurementYear.objects.get(
        organization=organization, fiscal_year=2569
    ).version


def test_a_rolled_back_write_schedules_nothing_and_later_writes_still_refresh(
    organization, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        create(organization, 1, "ร้าน ก")
        create(organization, 2, "ร้าน ข")
        try:
            with transaction.atomic():
                create(organization, 3, "ร้าน ค")
                raise RuntimeError
        except RuntimeError:
            pass
        create(organization, 4, "ร้าน ง")
    assert codes(organization) == ["split_item"] * 3


def test_an_import_refreshes_its_year_once(
    organization, django_capture_on_commit_callbacks
):
    batch = build_import(organization, rows=3)
    # The three rows: e-bidding at 1,290,000 for a reference price of 1,498,000.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services_import.import_commit(actor=None, batch=batch)
    assert refreshes(callbacks) == 1
    year = ProcurementYear.objects.get(organization=organization, fiscal_year=2568)
    assert year.version == 1
    assert year.refreshed_at is not None


def _stored(organization, year=2568):
    return list(
        RiskIndicator.objects.filter(organization=organization, fiscal_year=year)
        .order_by("number", "id")
        .values_list("number", "code", "procurement_id", "params", "related_ids")
    )


def test_a_refresh_writes_only_what_changed_and_equals_a_full_one(organization):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    records = [create(organization, day, f"ร้าน {day}") for day in (1, 2, 3, 20)]
    create(organization, 21, "ร้าน 1", agreed_price=Decimal("495000"))
    indicators_refresh(organization=organization, fiscal_year=2568)
    before = _stored(organization)
    kept = set(RiskIndicator.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        indicators_refresh(organization=organization, fiscal_year=2568)
    writes = [q["sql"] for q in queries if "procurement_riskindicator" in q["sql"]]
    assert not [sql for sql in writes if sql.startswith(("INSERT", "DELETE"))]
    assert _stored(organization) == before
    assert set(RiskIndicator.objects.values_list("pk", flat=True)) == kept

    # The latest record leaves the split: its rows go, the others stay.
    services.procurement_update(
        actor=None, procurement=records[-1], agreed_price=Decimal("1000")
    )
    indicators_refresh(organization=organization, fiscal_year=2568)
    changed = _stored(organization)
    assert changed != before
    RiskIndicator.objects.filter(organization=organization).delete()
    indicators_refresh(organization=organization, fiscal_year=2568)
    assert _stored(organization) == changed


def test_settings_change_thresholds_after_a_refresh(organization):
    ProcurementFactory(organization=organization, agreed_price=Decimal("95000"))
    indicators_refresh(organization=organization, fiscal_year=2568)
    assert codes(organization) == []
    ProcurementSettings.objects.create(
        organization=organization, specific_method_limit=Decimal("100000")
    )
    indicators_refresh(organization=organization, fiscal_year=2568)
    assert codes(organization) == ["near_limit"]


# --- pages -------------------------------------------------------------------------


def _flagged(organization):
    """A record with equal bids and one without, stored."""
    procurement = ProcurementFactory(
        organization=organization, title="จ้างเหมาซ่อมถนน", method="e_bidding"
    )
    for price in ("19000", "19000", "19500"):
        BidFactory(procurement=procurement, price=Decimal(price))
    ProcurementFactory(organization=organization)
    indicators_refresh(organization=organization, fiscal_year=2568)
    return procurement


INDICATOR_WORDS = ("ข้อสังเกต", "Bids of the same price", "ราคาเสนอเท่ากัน")


def _shows_indicators(response) -> bool:
    text = response.content.decode()
    return any(word in text for word in INDICATOR_WORDS)


def test_public_pages_hide_indicators_by_default(client, organization, officer):
    procurement = _flagged(organization)
    pages = [
        url("procurement-public:list", organization),
        url("procurement-public:detail", organization, pk=procurement.pk),
    ]
    for page in pages:
        assert not _shows_indicators(client.get(page, {"lang": "th"}))
    filtered = client.get(pages[0], {"indicator": "equal_bids", "lang": "th"})
    assert filtered.context["page"].paginator.count == 2  # the filter is ignored
    client.force_login(officer)
    staff = client.get(
        url("procurement-staff:detail", organization, pk=procurement.pk),
        {"lang": "th"},
    )
    assert _shows_indicators(staff)
    staff_list = client.get(
        url("procurement-staff:list", organization),
        {"indicator": "equal_bids", "year": "2568"},
    )
    assert staff_list.context["page"].paginator.count == 1


def test_public_pages_show_indicators_when_the_organisation_says(client, organization):
    ProcurementSettings.objects.create(
        organization=organization, public_indicators=True
    )
    procurement = _flagged(organization)
    listing = client.get(url("procurement-public:list", organization), {"lang": "th"})
    assert _shows_indicators(listing)
    assert [row.code for row in listing.context["indicator_counts"]] == ["equal_bids"]
    detail = client.get(
        url("procurement-public:detail", organization, pk=procurement.pk),
        {"lang": "th"},
    )
    assert _shows_indicators(detail)
    filtered = client.get(
        url("procurement-public:list", organization), {"indicator": "equal_bids"}
    )
    assert list(filtered.context["page"]) == [procurement]


def test_the_organisation_turns_the_public_indicators_on_itself(
    client, organization, officer
):
    """Not only in the platform admin: the organisation's procurement
    settings page has the switch, audited."""
    from prongsai.core.models import AuditEvent
    from prongsai.organizations.tests.factories import MembershipFactory

    _flagged(organization)
    switch = url("procurement-staff:public-indicators", organization)
    bystander = MembershipFactory(organization=organization, roles=["staff"]).user
    client.force_login(bystander)
    assert client.post(switch, {"public_indicators": "on"}).status_code in (403, 404)
    client.force_login(officer)
    page = client.get(url("procurement-staff:settings", organization))
    assert 'id="public-indicators"' in page.content.decode()
    client.post(switch, {"public_indicators": "on"})
    assert ProcurementSettings.objects.get(organization=organization).public_indicators
    client.logout()
    listing = client.get(url("procurement-public:list", organization), {"lang": "th"})
    assert _shows_indicators(listing)
    client.force_login(officer)
    client.post(switch, {})
    assert not ProcurementSettings.objects.get(
        organization=organization
    ).public_indicators
    assert (
        AuditEvent.objects.filter(action="procurement_settings.indicators").count() == 2
    )


def test_open_data_and_ocds_never_carry_indicators(client, organization):
    ProcurementSettings.objects.create(
        organization=organization, public_indicators=True
    )
    _flagged(organization)
    for fmt in ("register-csv", "ocds-release", "ita-csv"):
        response = client.get(
            url("procurement-public:download", organization, fmt=fmt), {"year": 2568}
        )
        assert response.status_code == 200
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        assert "equal_bids" not in body.decode("utf-8-sig")
        assert "ราคาเสนอเท่ากัน" not in body.decode("utf-8-sig")


def test_annual_report_is_kept_until_its_data_changes(
    organization, monkeypatch, django_capture_on_commit_callbacks
):
    from prongsai.procurement import exports_files

    ProcurementFactory(organization=organization, fiscal_year=2567)
    indicators_refresh(organization=organization, fiscal_year=2567)
    renders = []
    original = exports_files._annual

    def counting(*args, **kwargs):
        renders.append(kwargs.get("indicators"))
        return original(*args, **kwargs)

    monkeypatch.setattr(exports_files, "_annual", counting)

    def get(indicators=False):
        return exports_files.annual_document(
            organization=organization,
            fmt="annual-docx",
            fiscal_year=2567,
            indicators=indicators,
        )

    first = get()
    assert get().content == first.content
    assert renders == [False]
    get(indicators=True)
    assert renders == [False, True]  # officers' copy is a file of its own
    with django_capture_on_commit_callbacks(execute=True):
        services_year.report_note_save(
            actor=None,
            organization=organization,
            fiscal_year=2567,
            problems="ผู้ประกอบการน้อย",
            proposals="",
        )
    get()
    assert renders == [False, True, False]


@pytest.mark.parametrize("rows", [3, 25])
def test_pages_issue_a_bounded_number_of_queries(
    client, organization, officer, rows, django_assert_max_num_queries
):
    ProcurementSettings.objects.create(
        organization=organization, public_indicators=True
    )
    supplier = SupplierFactory(organization=organization)
    records = [
        ProcurementFactory(
            organization=organization,
            supplier=supplier,
            agreed_price=Decimal("495000"),
            procured_on=datetime.date(2024, 11, 1) + datetime.timedelta(days=n),
        )
        for n in range(rows)
    ]
    for record in records:
        BidFactory(procurement=record, supplier=supplier, price=Decimal("495000"))
    indicators_refresh(organization=organization, fiscal_year=2568)
    pages = [
        url("procurement-public:list", organization),
        url("procurement-public:list", organization) + "?q=วัสดุ",
        url("procurement-public:list", organization) + "?indicator=near_limit",
        url("procurement-public:detail", organization, pk=records[0].pk),
    ]
    for page in pages:
        with django_assert_max_num_queries(14):
            assert client.get(page).status_code == 200
    client.force_login(officer)
    with django_assert_max_num_queries(30):
        assert (
            client.get(url("procurement-staff:list", organization)).status_code == 200
        )


def test_register_csv_streams_with_thai_headers(client, organization):
    ProcurementFactory(organization=organization, title="จัดซื้อวัสดุ, สำนักงาน")
    response = client.get(
        url("procurement-public:download", organization, fmt="register-csv"),
        {"year": 2568},
    )
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("รหัสรายการ,ปีงบประมาณ,วันที่จัดซื้อจัดจ้าง")
    assert '"จัดซื้อวัสดุ, สำนักงาน"' in lines[1]


def test_years_without_stored_indicators_are_refreshed_after_migrate(organization):
    """Records from before the indicators were stored (an upgrade) get them
    after the next migrate, without an operator's step."""
    from prongsai.procurement.apps import _indicators_of_unrefreshed_years
    from prongsai.procurement.services_indicators import indicators_missing_refresh

    for day, supplier in ((3, "ร้าน ก"), (4, "ร้าน ข"), (5, "ร้าน ค")):
        create(organization, day, supplier)
    # As before the upgrade: records, no stored indicators.
    RiskIndicator.objects.filter(organization=organization).delete()
    ProcurementYear.objects.filter(organization=organization).delete()
    assert not ProcurementYear.objects.filter(organization=organization).exists()
    _indicators_of_unrefreshed_years(sender=None)  # what post_migrate calls
    year = ProcurementYear.objects.get(organization=organization, fiscal_year=2568)
    assert "split_item" in codes(organization)
    assert indicators_missing_refresh() == 0  # nothing left to do
    assert year.refreshed_at is not None


def test_the_after_migrate_check_is_one_query_and_skipped_without_our_migrations(
    organization, django_assert_num_queries
):
    from django.db.migrations.loader import MigrationLoader

    from prongsai.procurement.apps import _indicators_of_unrefreshed_years

    create(organization, 3, "ร้าน ก")
    indicators_refresh(organization=organization, fiscal_year=2568)
    with django_assert_num_queries(1):  # nothing missing: one query
        _indicators_of_unrefreshed_years(sender=None)
    ProcurementYear.objects.filter(organization=organization).delete()
    others = [
        (migration, False)
        for (app, _name), migration in MigrationLoader(None).disk_migrations.items()
        if app == "plans"
    ]
    with django_assert_num_queries(0):  # a migrate of other apps only
        _indicators_of_unrefreshed_years(sender=None, plan=others)
    assert not ProcurementYear.objects.filter(organization=organization).exists()
    ours = [
        (migration, False)
        for (app, _name), migration in MigrationLoader(None).disk_migrations.items()
        if app == "procurement"
    ]
    _indicators_of_unrefreshed_years(sender=None, plan=ours)
    assert ProcurementYear.objects.filter(organization=organization).exists()
