"""The website standard checklist: one data file, the doc and the staff page."""

from pathlib import Path

import pytest

from prongsai.sitecontent.website_standard import (
    STATUS_LABELS_EN,
    checklist,
    checklist_markdown,
)

DOC = Path(__file__).resolve().parents[3] / "docs" / "website-standard.md"


def test_items_are_complete_and_ids_unique():
    _sources, items = checklist()
    assert len({item.id for item in items}) == len(items)
    assert {item.standard for item in items} == {"DGA", "NCSA"}
    assert all(item.status in STATUS_LABELS_EN for item in items)
    assert all(item.requirement and item.prongsai for item in items)


def test_the_doc_is_generated_from_the_data():
    """If not: python -m prongsai.sitecontent.website_standard
    > docs/website-standard.md"""
    assert DOC.read_text(encoding="utf-8") == checklist_markdown()


@pytest.mark.django_db
def test_staff_see_the_checklist(client, admin_user, organization):
    client.force_login(admin_user)
    response = client.get(f"/{organization.slug}/staff/site/website-standard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "W8" in html and "S1" in html
    assert f"/{organization.slug}/accessibility/" in html
    index = client.get(f"/{organization.slug}/staff/site/").content.decode()
    assert "/staff/site/website-standard/" in index
