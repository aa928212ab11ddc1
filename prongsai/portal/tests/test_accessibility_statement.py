"""The accessibility statement shows the recorded checks and how to report."""

import json

import pytest

from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.portal import accessibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def checks_file(tmp_path, monkeypatch):
    path = tmp_path / "checks.json"
    path.write_text(
        json.dumps(
            {
                "axe": {
                    "date": "2026-12-07",
                    "axe_version": "4.12.1",
                    "widths": [390, 1280],
                    "pages": 60,
                    "violations": 0,
                },
                "keyboard": {
                    "date": "2026-12-06",
                    "paths": ["skip link"],
                    "passed": True,
                },
            }
        )
    )
    monkeypatch.setattr(accessibility, "CHECKS_FILE", path)
    monkeypatch.setattr(
        "prongsai.portal.views_public.checks_load",
        lambda: accessibility.checks_load(path),
    )
    return path


def test_statement_shows_the_checks_the_contacts_and_the_report_link(
    client, checks_file
):
    OrganizationFactory(slug="bandong", email="saraban@bandong.example")
    html = client.get("/bandong/accessibility/").content.decode()
    assert "WCAG 2.1 AA" in html
    assert "axe-core 4.12.1" in html
    assert "60" in html and "7 ธันวาคม 2569" in html
    assert "ผ่าน" in html
    assert "saraban@bandong.example" in html
    assert "/bandong/complaints/new/complaint/?subject=" in html


def test_statement_without_recorded_checks_says_so(client, tmp_path, monkeypatch):
    missing = tmp_path / "none.json"
    monkeypatch.setattr(
        "prongsai.portal.views_public.checks_load",
        lambda: accessibility.checks_load(missing),
    )
    OrganizationFactory(slug="bandong")
    html = client.get("/bandong/accessibility/?lang=en").content.decode()
    assert "No check has been recorded yet." in html
    assert 'id="a11y-date"' not in html


def test_unreadable_checks_file_counts_as_none(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"axe": {"date": "yesterday"}}')
    assert accessibility.checks_load(bad).axe is None


def test_the_committed_checks_file_is_readable():
    checks = accessibility.checks_load()
    assert checks.axe is not None and checks.axe.pages >= 50


def test_report_link_suggests_the_subject_of_a_complaint(client):
    OrganizationFactory(slug="bandong")
    html = client.get(
        "/bandong/complaints/new/complaint/?subject=Website+problem"
    ).content.decode()
    assert 'value="Website problem"' in html
