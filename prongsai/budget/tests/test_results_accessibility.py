"""axe-core finds no WCAG 2.1 A/AA violations on the public budget pages and
the results back office; screenshots at 390 and 1280 px go to var/screens."""

from pathlib import Path

import pytest
from django.conf import settings

from prongsai.budget import services_results
from prongsai.conftest import browser_login
from prongsai.core.tests.test_accessibility import _violations
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import OrganizationFactory

from .results_fixtures import YEAR, build_year, member
from .tenancy_results import png_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def year(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    year = build_year(organization)
    planner = member(organization, Role.PLANNING_OFFICER, totp=True).user
    actor = {"actor": planner, "organization": organization}
    services_results.project_result_update(
        **actor,
        project=year.road,
        fiscal_year=YEAR,
        status="completed",
        output="ถนน คสล. กว้าง 5 เมตร ยาว 420 เมตร",
        result="ประชาชนสัญจรได้สะดวก",
    )
    services_results.project_photo_add(
        **actor, project=year.road, image=png_file(), caption="ถนนที่เสร็จแล้ว"
    )
    year.planner = planner
    return year


def _shoot(page, path, width):
    folder = Path(settings.BASE_DIR) / "var" / "screens" / "budget"
    folder.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "_") or "root"
    page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_public_pages(live_server, page_factory, year, width):
    page = page_factory(width=width, bypass_csp=True)
    for path in (
        "/bandong/budget/",
        f"/bandong/budget/{YEAR}/",
        f"/bandong/budget/projects/{year.road.pk}/",
        f"/bandong/budget/projects/{year.elderly.pk}/",
    ):
        page.goto(live_server.url + path)
        assert (path, _violations(page)) == (path, [])
        _shoot(page, path, width)


def test_staff_pages(live_server, page_factory, year):
    page = page_factory(width=1280, bypass_csp=True)
    browser_login(page, year.planner, live_server.url)
    for path in (
        f"/bandong/staff/budget/results/{YEAR}/",
        f"/bandong/staff/budget/results/{YEAR}/projects/{year.road.pk}/",
        f"/bandong/staff/budget/results/{YEAR}/reports/annual/",
        f"/bandong/staff/budget/results/{YEAR}/reports/follow_up/",
    ):
        page.goto(live_server.url + path)
        assert "/accounts/login/" not in page.url
        assert (path, _violations(page)) == (path, [])
        _shoot(page, path, 1280)
