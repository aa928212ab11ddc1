"""axe-core finds no WCAG 2.1 A/AA violations on the public site's pages."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from prongsai.core.tests.test_accessibility import _violations
from prongsai.ita.services import framework_load_files
from prongsai.oit.services import checklist_open
from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.sitecontent import services as site
from prongsai.sitecontent.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_site():
    framework_load_files()
    organization = OrganizationFactory(
        slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง", phone="043-000-111"
    )
    site.page_save(
        actor=None,
        organization=organization,
        key=Page.Key.STRUCTURE,
        title="โครงสร้างและอำนาจหน้าที่",
        body="หน้าที่และอำนาจ",
        image=ContentFile(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", name="c.gif"),
        status="published",
    )
    site.executive_create(
        actor=None,
        organization=organization,
        full_name="นายสมศักดิ์ รักษ์ถิ่น",
        position="นายก",
        phone="081-000-1001",
    )
    site.news_create(
        actor=None,
        organization=organization,
        title="ประกาศรับสมัครพนักงานจ้าง",
        body="รับสมัคร",
        status="published",
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    checklist_open(actor=None, organization=organization, fiscal_year=2569)
    return organization


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "/bandong/",
        "/bandong/structure/",
        "/bandong/executives/",
        "/bandong/contact/",
        "/bandong/news/",
        "/bandong/laws/",
        "/bandong/oit/",
        "/bandong/search/?q=รับสมัคร",
    ],
)
def test_public_site_pages(live_server, page_factory, public_site, path, width):
    page = page_factory(width=width, bypass_csp=True)
    page.goto(live_server.url + path)
    assert _violations(page) == []
