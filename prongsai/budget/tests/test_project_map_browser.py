"""In a browser: the project map draws its markers on the tiles of the one
map setting (PRONGSAI_MAP_TILE_URL), under the site's CSP, offline."""

import pytest
from playwright.sync_api import expect

from prongsai.core.tests.offline_maps import offline
from prongsai.organizations.tests.factories import OrganizationFactory

from .results_fixtures import YEAR, build_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_project_map_uses_the_shared_tile_server(live_server, page_factory):
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    build_year(organization)
    page = page_factory(width=390)
    tiles = offline(page, live_server)
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    page.goto(live_server.url + f"/bandong/budget/{YEAR}/")
    expect(page.locator("#project-map")).to_be_visible()
    expect(page.locator("#project-map .leaflet-marker-icon")).not_to_have_count(0)
    expect(page.locator("#project-map .leaflet-control-attribution")).to_contain_text(
        "OpenStreetMap"
    )
    assert tiles and refused == []
