"""Every public page in English shows no Thai interface text.

Thai may remain only where it is the organisation's own content (anything
stored in the database: names, news, services, categories, survey
questions) or one of the official Thai names kept inside English messages
on purpose (form codes such as สขร.1). The language switch keeps the page.
"""

import re

import pytest
from django.apps import apps
from django.db import models

from prongsai.organizations.tests.factories import OrganizationFactory

from .content import publish_sample_content
from .public_routes import public_pages

pytestmark = pytest.mark.django_db

THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+(?:\.[\u0e00-\u0e7f]+)*\.?")
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>", re.S)
TAG = re.compile(r"<[^>]+>")
# Official Thai names kept in English messages: the procurement summary form
# (สขร.1), the local development plan forms (ผ.01, ผ.02), the NACC (ป.ป.ช.)
# and the language switch's own label.
OFFICIAL = {"สขร.", "ผ.", "ป.ป.ช.", "ไทย"}
# Pages that show an official Thai document as it is filed (the same text as
# its DOCX): the annual procurement report's tables keep their Thai headings.
THAI_DOCUMENTS = {"procurement-public:annual"}


def _content_corpus() -> str:
    """Every text value stored by Prongsai's models, joined."""
    texts = []
    for model in apps.get_models():
        if not model.__module__.startswith("prongsai."):
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        manager = getattr(model, "all_objects", None) or model._base_manager
        queryset = manager.all()
        if hasattr(queryset, "all_organizations"):
            queryset = queryset.all_organizations()
        for row in queryset.values_list(*fields):
            texts.extend(str(value) for value in row if value)
    return "\n".join(texts)


def _interface_thai(html: str, corpus: str) -> set[str]:
    text = TAG.sub(" ", HIDDEN.sub(" ", html))
    found = set()
    for run in THAI_RUN.findall(text):
        if run in OFFICIAL or run.rstrip(".") in corpus or run in corpus:
            continue
        found.add(run)
    return found


def test_public_pages_in_english_show_no_thai_interface_text(client):
    organization = OrganizationFactory(slug="bandong", phone="043-000-111")
    publish_sample_content(organization)
    client.get("/bandong/?lang=en")
    found = public_pages(organization, client=client)
    corpus = _content_corpus()
    assert 'lang="en"' in found.html["portal-public:home"]
    leaks = {}
    for name, path in found.pages.items():
        if name in THAI_DOCUMENTS:
            continue
        thai = _interface_thai(found.html[name], corpus)
        if thai:
            leaks[f"{name} {path}"] = sorted(thai)
    assert not leaks, "\n".join(f"{page}: {thai}" for page, thai in leaks.items())


def test_language_switch_keeps_the_page_and_its_query(client):
    organization = OrganizationFactory(slug="bandong")
    publish_sample_content(organization)
    response = client.get("/bandong/news/?page=1&q=x")
    html = response.content.decode()
    assert "/i18n/en/?next=/bandong/news/%3Fpage%3D1%26q%3Dx" in html
    switched = client.get("/i18n/en/?next=/bandong/news/%3Fpage%3D1%26q%3Dx")
    assert switched["Location"] == "/bandong/news/?page=1&q=x"
    assert client.get(switched["Location"])["Content-Language"] == "en"


def test_english_content_is_shown_when_present_thai_otherwise(client):
    from prongsai.sitecontent import services as site

    organization = OrganizationFactory(
        slug="bandong", name="อบต.บ้านดง", name_en="Ban Dong SAO"
    )
    news = publish_sample_content(organization)
    site.news_update(actor=None, news=news, data={"title_en": "Hiring contract staff"})
    thai = client.get(f"/bandong/news/{news.pk}/").content.decode()
    assert "ประกาศรับสมัครพนักงานจ้าง" in thai
    assert "Hiring contract staff" not in thai
    english = client.get(f"/bandong/news/{news.pk}/?lang=en").content.decode()
    assert "Hiring contract staff" in english
    assert "Ban Dong SAO" in english
    # No English body: the Thai body is shown.
    assert "รับสมัครถึงสิ้นเดือน" in english
