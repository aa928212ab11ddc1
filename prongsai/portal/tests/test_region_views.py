"""The province and national pages: who sees what, and nothing personal."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.tests.factories import CaseFactory, ConfidentialCaseFactory
from prongsai.core.testing import (
    org_scoped_routes,
    route_object_builders,
    staff_route_names,
)
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.ita.models import ItaResult
from prongsai.organizations.models import DirectoryEntry, RegionSummary
from prongsai.organizations.services_regions import viewer_grant_create
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.portal.summaries import current_fiscal_year, summaries_refresh_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frameworks(db):
    from prongsai.ita.services import framework_load_files

    framework_load_files()


KK = "ขอนแก่น"
UDON = "อุดรธานี"
CITIZEN = ("สมศรี ร้องทุกข์", "somsri@example.org", "0812345678")
STAFF_NAME = "วีระพงษ์ สุจริต"


def _ita(organization, score):
    ItaResult.objects.create(
        organization=organization,
        fiscal_year=2568,
        **{f"i{n}": Decimal(score) for n in range(1, 11)},
    )


@pytest.fixture
def region(db):
    bandong = OrganizationFactory(
        slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง", province=KK
    )
    nongbua = OrganizationFactory(
        slug="nongbua",
        name="เทศบาลตำบลหนองบัว",
        kind="tambon_municipality",
        province=KK,
    )
    udon = OrganizationFactory(slug="udon", name="อบต.ในอุดร", province=UDON)
    DirectoryEntry.objects.create(
        dla_code="6400001",
        name="องค์การบริหารส่วนจังหวัดขอนแก่น",
        kind="pao",
        province=KK,
        website="https://www.kkpao.example",
    )
    _ita(bandong, "90")
    _ita(nongbua, "80")
    _ita(udon, "70")
    name, email, phone = CITIZEN
    for organization in (bandong, nongbua):
        CaseFactory(
            organization=organization,
            complainant_name=name,
            complainant_email=email,
            complainant_phone=phone,
        )
        ConfidentialCaseFactory(organization=organization, complainant_name=name)
        file_request(
            ServiceFactory(organization=organization),
            citizen_name=name,
            citizen_email=email,
            citizen_phone=phone,
        )
        MembershipFactory(
            organization=organization,
            user=UserFactory(
                full_name=STAFF_NAME, email=f"weera@{organization.slug}.example"
            ),
        )
    summaries_refresh_all()
    return {"bandong": bandong, "nongbua": nongbua, "udon": udon}


def _viewer(scope="province", province=KK, totp=True):
    user = UserFactory(totp=totp)
    viewer_grant_create(actor=None, user=user, scope=scope, province=province)
    return user


def _province_url(province=KK):
    return reverse("region:province", kwargs={"province": province})


def test_province_viewer_sees_their_province_only(client, region):
    client.force_login(_viewer())
    response = client.get(reverse("region:home"))
    assert response.status_code == 302
    assert response["Location"] == _province_url()
    page = client.get(_province_url()).content.decode()
    assert "องค์การบริหารส่วนตำบลบ้านดง" in page
    assert "เทศบาลตำบลหนองบัว" in page
    assert "องค์การบริหารส่วนจังหวัดขอนแก่น" in page  # not on the platform
    assert "/bandong/" in page and "/nongbua/" in page
    assert "อบต.ในอุดร" not in page
    assert client.get(_province_url(UDON)).status_code == 404
    assert client.get(_province_url("nowhere")).status_code == 404
    csv_url = reverse("region:province-csv", kwargs={"province": UDON})
    assert client.get(csv_url).status_code == 404
    assert client.get(reverse("region:operator")).status_code == 403


def test_national_viewer_sees_every_province(client, region):
    client.force_login(_viewer(scope="national", province=""))
    page = client.get(reverse("region:home")).content.decode()
    assert KK in page and UDON in page
    assert client.get(_province_url(UDON)).status_code == 200
    found = client.get(reverse("region:home") + "?q=อุดร").content.decode()
    assert found.count('href="/region/%') == 1
    assert client.get(reverse("region:operator")).status_code == 403


def test_operator_page(client, region):
    client.force_login(_viewer(scope="operator", province=""))
    page = client.get(reverse("region:operator")).content.decode()
    assert "อบต.ในอุดร" in page  # on the platform, not in the directory


def test_no_personal_data_on_the_pages_or_in_the_export(client, region):
    client.force_login(_viewer())
    page = client.get(_province_url()).content.decode()
    csv_url = reverse("region:province-csv", kwargs={"province": KK})
    export = client.get(csv_url).content.decode("utf-8-sig")
    assert "องค์การบริหารส่วนตำบลบ้านดง" in export
    for text in (page, export):
        for secret in (*CITIZEN, STAFF_NAME, "weera@", "ไฟถนน", "เรียกรับเงิน"):
            assert secret not in text, secret
    assert "@" not in export


def test_others_are_refused(client, region):
    assert client.get(reverse("region:home")).status_code == 302  # sign in first
    member = UserFactory()
    MembershipFactory(organization=region["bandong"], user=member)
    client.force_login(member)
    assert client.get(reverse("region:home")).status_code == 403
    assert client.get(_province_url()).status_code == 403


def test_viewer_without_totp_sets_it_up_first(client, region):
    client.force_login(_viewer(totp=False))
    response = client.get(_province_url())
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


def test_viewer_gets_nothing_of_any_staff_area(client, region):
    """A viewer is a member of no organisation: every back-office route of
    the organisations they view is a 404 (or 405), never a page."""
    client.force_login(_viewer(scope="operator", province=""))
    builders = route_object_builders()
    staff = staff_route_names()
    checked = 0
    for organization in (region["bandong"], region["nongbua"]):
        for route in org_scoped_routes():
            if route.name not in staff:
                continue
            kwargs = {"org": organization.slug}
            if route.params:
                kwargs.update(builders[route.name](organization))
            url = reverse(route.name, kwargs=kwargs)
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                assert status in (403, 404, 405), (route.name, method, status)
            checked += 1
    assert checked > 50


def test_staff_home_sends_a_viewer_to_the_region_pages(client, region):
    client.force_login(_viewer())
    response = client.get(reverse("staff-home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("region:home")


def _summaries(organizations, start=60):
    year = current_fiscal_year()
    RegionSummary.objects.bulk_create(
        [
            RegionSummary(
                organization=o,
                fiscal_year=year,
                refreshed_at=timezone.now(),
                ita_fiscal_year=2568,
                ita_total=Decimal(start + n % 40),
            )
            for n, o in enumerate(organizations)
        ]
    )


def _page_queries(client, url, *, cached=False) -> int:
    from django.core.cache import cache

    if not cached:
        cache.clear()  # the province table is cached until the next refresh
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_province_page_costs_the_same_queries_at_any_size(client):
    from prongsai.portal.summaries import province_summaries_refresh

    client.force_login(_viewer())
    _summaries([OrganizationFactory(province=KK) for _ in range(3)])
    province_summaries_refresh()
    _page_queries(client, _province_url())  # the session's first request
    small = _page_queries(client, _province_url())
    _summaries([OrganizationFactory(province=KK) for _ in range(40)])
    province_summaries_refresh()
    assert _page_queries(client, _province_url()) == small
    assert small <= 12
    # Until the next refresh the table comes from the cache: no row query.
    assert _page_queries(client, _province_url(), cached=True) <= small - 3
    national = _viewer(scope="national", province="")
    client.force_login(national)
    assert _page_queries(client, reverse("region:home")) <= 12


def test_cached_table_follows_the_refresh(client, region):
    from prongsai.portal.summaries import summaries_refresh_all

    client.force_login(_viewer())
    assert "อบต.ใหม่" not in client.get(_province_url()).content.decode()
    OrganizationFactory(province=KK, name="อบต.ใหม่")
    summaries_refresh_all()
    assert "อบต.ใหม่" in client.get(_province_url()).content.decode()


def test_ranking_shown_from_thirty_organisations(client):
    client.force_login(_viewer())
    organizations = [OrganizationFactory(province=KK) for _ in range(29)]
    _summaries(organizations)
    page = client.get(_province_url()).content.decode()
    assert 'id="no-ranking"' in page
    _summaries([OrganizationFactory(province=KK, name="อบต.อันดับหนึ่ง")], start=99)
    page = client.get(_province_url() + "?sort=rank").content.decode()
    assert 'id="no-ranking"' not in page
    assert page.index("อบต.อันดับหนึ่ง") < page.index(organizations[0].name)


def test_bad_sort_and_page_values_are_harmless(client, region):
    client.force_login(_viewer(scope="national", province=""))
    assert client.get(_province_url() + "?sort=<script>").status_code == 200
    assert (
        client.get(reverse("region:home") + "?page=abc&q=" + "ก" * 500).status_code
        == 200
    )
