"""In a real browser: the public map of complaints draws its markers under
the site's CSP, and axe-core finds no WCAG 2.1 A/AA violations on a phone.

No request leaves the machine: tiles are answered with an empty PNG and
anything else outside the test server is refused.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from prongsai.complaints.models import Kind, Status
from prongsai.complaints.tests.factories import ConfidentialCaseFactory
from prongsai.core.tests.offline_maps import offline
from prongsai.organizations.tests.factories import OrganizationFactory

from .map_data import category, public_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}


@pytest.fixture
def reports():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    roads = category(organization, "ถนน ทางเท้า และสะพาน")
    lights = category(organization, "ไฟฟ้าส่องสว่างสาธารณะ")
    now = timezone.now()
    public_case(
        organization,
        reference="C2569-0001",
        category=lights,
        public_subject="ไฟถนนดับหลายต้น",
        latitude=Decimal("16.756149"),
        longitude=Decimal("102.618051"),
    )
    public_case(
        organization,
        reference="C2569-0002",
        category=roads,
        public_subject="ถนนลูกรังหมู่ 3 เป็นหลุมบ่อ",
        status=Status.RESOLVED,
        received_at=now - datetime.timedelta(days=20),
        latitude=Decimal("16.771200"),
        longitude=Decimal("102.600900"),
    )
    public_case(
        organization,
        reference="C2569-0003",
        kind=Kind.SUGGESTION,
        category=roads,
        public_subject="เสนอให้ทำทางเท้าหน้าโรงเรียน",
        latitude=None,
        longitude=None,
    )
    ConfidentialCaseFactory(
        organization=organization,
        public_subject="เรียกรับเงิน",
        public_text_reviewed_at=now,
        latitude=Decimal("16.74"),
        longitude=Decimal("102.62"),
    )
    return organization


def test_the_map_draws_the_located_reports_under_the_csp(
    live_server, page_factory, reports
):
    page = page_factory(width=390, height=844)
    tiles = offline(page, live_server)
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    page.goto(live_server.url + "/bandong/complaints/map/")
    expect(page.locator("#report-map")).to_be_visible()
    markers = page.locator("#report-map path.leaflet-interactive")
    expect(markers).to_have_count(2)
    expect(page.locator("#report-map-legend")).to_be_visible()
    expect(page.locator("#report-table tbody tr")).to_have_count(3)
    assert "เรียกรับเงิน" not in page.content()
    page.evaluate("document.querySelector('#report-map').scrollIntoView()")
    markers.first.dispatch_event("click")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("C2569-0")
    assert tiles, "the tile layer asked for no tile"
    assert refused == []

    page.goto(live_server.url + "/bandong/complaints/map/?status=resolved")
    expect(page.locator("#report-map path.leaflet-interactive")).to_have_count(1)
    expect(page.locator("#report-table tbody tr")).to_have_count(1)
    expect(page.locator("#id_status")).to_have_value("resolved")


def test_the_filters_work_without_javascript(live_server, browser, reports):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        offline(page, live_server)
        page.goto(live_server.url + "/bandong/complaints/map/")
        expect(page.locator("#report-map")).to_be_hidden()
        page.locator("#id_status").select_option("open")
        page.locator("#map-filters button[type=submit]").click()
        expect(page.locator("#report-table tbody tr")).to_have_count(2)
        assert "status=open" in page.url
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path",
    ["/bandong/complaints/map/", "/bandong/complaints/map/?status=open&period=7"],
)
def test_no_accessibility_violations(live_server, page_factory, reports, path, width):
    from axe_playwright_python.sync_playwright import Axe

    page = page_factory(width=width, height=844, bypass_csp=True)
    offline(page, live_server)
    page.goto(live_server.url + path)
    expect(page.locator("#report-map")).to_be_visible()
    results = Axe().run(page, options=WCAG_AA)
    violations = [
        f"{v['id']}: {v['help']} (e.g. {v['nodes'][0]['html'][:120]})"
        for v in results.response["violations"]
    ]
    assert violations == []
