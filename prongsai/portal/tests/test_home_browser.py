"""In a real browser (#22): a villager on a phone reaches "report a problem"
from the home page in one tap; the main public pages fit a phone and a
desktop (screenshots at 390 and 1280 px); the organisation's colour and
banner appear once its administrator sets them on the settings page."""

import os
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from prongsai.conftest import browser_login
from prongsai.core import colours
from prongsai.organizations.services import organization_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": "portal-public:home",
    "oit": "portal-public:oit",
    "procurement": "procurement-public:list",
    "eservice": "eservices-public:catalogue",
    "complaints": "complaints-public:home",
}


def _shots(tmp_path) -> str:
    return os.environ.get("PRONGSAI_SHOTS") or str(tmp_path)


def test_villager_reports_a_problem_in_one_tap_and_pages_fit(
    live_server, page_factory, organization, tmp_path
):
    organization_update(
        actor=None,
        organization=organization,
        data={"line_id": "@bandong", "hotline": "1132"},
    )
    shots = _shots(tmp_path)
    page = page_factory(width=390, height=844)
    home = live_server.url + organization.get_absolute_url()
    page.goto(home)
    page.locator("#task-report").click()  # the one tap
    page.wait_for_url(re.compile(r"/complaints/new/complaint/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # On a phone the menu opens from one button and holds every section.
    page.goto(home)
    page.get_by_role("button", name="แสดงเมนู").click()
    nav = page.get_by_role("navigation", name="หมวดของเว็บไซต์")
    expect(nav.get_by_role("link", name="ข้อมูลเปิด")).to_be_visible()
    expect(nav.get_by_role("link", name="ค้นหา")).to_be_visible()

    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for key, name in PAGES.items():
            url = reverse(name, kwargs={"org": organization.slug})
            response = page.goto(live_server.url + url)
            assert response.status < 500, (key, response.status)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, (key, width, overflow)
            page.screenshot(path=f"{shots}/public_{key}_{width}.png", full_page=True)


def _banner_file(tmp_path) -> str:
    path = tmp_path / "banner.jpg"
    Image.new("RGB", (1800, 900), (200, 90, 30)).save(path, "JPEG")
    return str(path)


def test_colour_and_banner_appear_after_the_admin_sets_them(
    live_server, page_factory, organization, admin_user, tmp_path
):
    page = page_factory(width=1280, height=900)
    home = live_server.url + organization.get_absolute_url()
    page.goto(home)
    expect(page.locator("img.org-banner")).to_have_count(0)

    browser_login(page, admin_user, live_server.url)
    page.goto(
        live_server.url
        + reverse("organizations-staff:settings", kwargs={"org": organization.slug})
    )
    page.get_by_label("สีประจำเว็บไซต์").fill("#B45309")
    page.get_by_label("ภาพแบนเนอร์").set_input_files(_banner_file(tmp_path))
    page.locator("form[enctype] button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()

    page.goto(home)
    banner = page.locator("img.org-banner")
    expect(banner).to_be_visible()
    assert banner.evaluate("img => img.naturalWidth") == 1440
    assert banner.get_attribute("src").endswith(".webp")
    expected = colours.parse(colours.theme("#b45309").brand)
    band = page.locator(".public-nav").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert band == "rgb({}, {}, {})".format(*expected)
    button = page.locator("#task-report")
    text, background = button.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    )
    primary = colours.parse(colours.theme("#b45309").primary)
    assert background == "rgb({}, {}, {})".format(*primary)
    assert text == "rgb(255, 255, 255)"
    page.screenshot(path=f"{_shots(tmp_path)}/public_home_coloured.png")
