"""In Chromium on a phone: a visitor searches the site from any page, narrows
to one kind and opens a result; axe-core finds no WCAG 2.1 AA problem."""

import pytest

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.procurement.tests.factories import ProcurementFactory
from prongsai.sitecontent.services import news_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}


def test_visitor_searches_narrows_and_opens_a_result(live_server, page_factory):
    from axe_playwright_python.sync_playwright import Axe

    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    ProcurementFactory(organization=organization, title="จ้างเหมาซ่อมแซมถนนหินคลุก หมู่ที่ 5")
    ServiceFactory(organization=organization, name="ขออนุญาตติดตั้งไฟฟ้าชั่วคราว")
    news = news_create(
        actor=None,
        organization=organization,
        title="ซ่อมไฟฟ้าส่องสว่างถนนสายหลักแล้วเสร็จ",
        body="กองช่างเปลี่ยนหลอดไฟถนน 12 ต้น",
        status="published",
    )
    page = page_factory(width=390, height=844, bypass_csp=True)
    page.goto(live_server.url + "/bandong/")
    page.get_by_label("ค้นหาในเว็บไซต์").fill("ไฟฟ้า")
    page.get_by_role("button", name="ค้นหา").click()
    page.locator("#search-results").wait_for()
    assert page.locator(".search-result").count() == 2
    page.locator("#search-kinds").get_by_role("link", name="ข่าว").click()
    page.wait_for_url("**kind=news**")
    assert page.locator(".search-result").count() == 1
    assert page.locator("mark").first.inner_text() == "ไฟฟ้า"
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    assert not [v["id"] for v in violations]
    page.get_by_role("link", name=news.title).click()
    page.wait_for_url(f"**/bandong/news/{news.pk}/")
