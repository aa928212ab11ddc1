"""Every public page in Chromium: axe-core (WCAG 2.1 A/AA) at phone and
desktop width, the page weight budget and layout shift.

The pages come from the URLconf (``public_routes``), so a new public route
is checked without touching this file. One walk serves all three checks
to keep CI time low.

- axe-core is the copy bundled by ``axe-playwright-python`` (MPL-2.0; its
  licence ships in that package); every violation is reported with its
  rule, the element and the page.
- Budget: the HTML of the page plus every stylesheet and script it loads,
  measured gzip-compressed (as whitenoise serves static files and the proxy
  serves pages), under ``BUDGET_BYTES``; images are not counted.
- Layout shift: the cumulative layout shift (a ``PerformanceObserver`` on
  ``layout-shift`` entries, from the first paint until the page has
  loaded) under ``MAX_CLS``.

``PRONGSAI_RECORD_CHECKS=1`` writes the figures of the run into
``portal/data/accessibility_checks.json`` for the accessibility statement.
"""

import gzip
import os
import time
from functools import cache
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from prongsai.core.tests.test_accessibility import WCAG_AA
from prongsai.organizations.tests.factories import OrganizationFactory

from . import checks_record
from .content import publish_sample_content
from .public_routes import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
BUDGET_BYTES = 150 * 1024
MAX_CLS = 0.01

CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__cls += entry.value;
  }
}).observe({type: 'layout-shift', buffered: true});
"""
LOADED_ASSETS = """() => performance.getEntriesByType('resource')
  .filter(e => e.initiatorType === 'link' || e.initiatorType === 'script')
  .map(e => e.name)"""


def _axe_violations(page, path: str, width: int) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA).response
    return [
        f"{path} @{width}px {violation['id']} ({violation['impact']}): "
        f"{violation['help']} at {node['target']} {node['html'][:100]}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


@cache
def _asset_bytes(url: str) -> int:
    """Compressed size of a static file the page loaded (CSS or JS)."""
    path = urlparse(url).path
    assert path.startswith(settings.STATIC_URL), url
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, url
    with open(found, "rb") as handle:
        return len(gzip.compress(handle.read()))


def _weight(page, html: bytes) -> int:
    assets = set(page.evaluate(LOADED_ASSETS))
    return len(gzip.compress(html)) + sum(_asset_bytes(url) for url in assets)


@pytest.fixture
def fixture_site():
    organization = OrganizationFactory(
        slug="bandong",
        name="องค์การบริหารส่วนตำบลบ้านดง",
        name_en="Ban Dong Subdistrict Administrative Organization",
        phone="043-000-111",
        email="saraban@bandong.example",
    )
    publish_sample_content(organization)
    return organization


def test_every_public_page_passes_axe_the_budget_and_has_no_layout_shift(
    live_server, page_factory, fixture_site
):
    started = time.monotonic()
    found = public_pages(fixture_site)
    print(f"{len(found.pages)} pages; skipped: {found.skipped}")
    assert len(found.pages) >= 50
    violations, over_budget, shifting = [], [], []
    heaviest = (0, "")
    for width in WIDTHS:
        page = page_factory(width=width, bypass_csp=True)
        page.context.add_init_script(CLS_OBSERVER)
        for path in found.pages.values():
            response = page.goto(live_server.url + path)
            violations += _axe_violations(page, path, width)
            if width != WIDTHS[0]:
                continue
            weight = _weight(page, response.body())
            heaviest = max(heaviest, (weight, path))
            if weight > BUDGET_BYTES:
                over_budget.append(f"{path}: {weight} bytes")
            cls = page.evaluate("() => window.__cls")
            if cls >= MAX_CLS:
                shifting.append(f"{path}: CLS {cls:.4f}")
    elapsed = time.monotonic() - started
    print(f"heaviest page: {heaviest}; {elapsed:.0f} s")
    if os.environ.get("PRONGSAI_RECORD_CHECKS"):
        checks_record.record_axe(
            pages=sorted(found.pages.values()),
            widths=WIDTHS,
            violations=len(violations),
            seconds=elapsed,
        )
    assert violations == [], "\n".join(violations)
    assert over_budget == [], "\n".join(over_budget)
    assert shifting == [], "\n".join(shifting)
