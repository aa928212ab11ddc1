"""The public ITA/OIT page reads the generated evidence stored on each item
(``ChecklistItem.generated_link``), never the providers, and still follows
the records: a change a provider reads shows on the page at once."""

import pytest
from django.urls import reverse

from prongsai.core import pagecache
from prongsai.ita.report import report_snapshot
from prongsai.ita.services import ita_result_record
from prongsai.ita.services_analysis import (
    analysis_report_publish,
    analysis_report_save,
    analysis_report_unpublish,
)
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.oit import registry
from prongsai.oit.models import ChecklistItem

pytestmark = pytest.mark.django_db

REPORT_LINK = 'href="/bandong/ita/2568/"'


def _report(organization):
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    return analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        summary="สรุป",
        measures=[{"title": "ปรับปรุงเว็บไซต์", "responsible_unit": "สำนักปลัด"}],
        prepared_by_name="นางสาวศิริพร ใจซื่อ",
        approver_name="นายสมศักดิ์ รักษ์ถิ่น",
    )


def test_the_page_asks_no_provider_and_runs_a_few_queries(
    client, checklist, organization, monkeypatch, django_assert_max_num_queries
):
    url = reverse("portal-public:oit", kwargs={"org": organization.slug})
    expected = client.get(url).content
    assert checklist.items.exclude(generated_link=None).count() == (
        checklist.items.count()
    )

    def no_provider(key):
        raise AssertionError(f"provider {key} asked")

    monkeypatch.setattr(registry, "provider_get", no_provider)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.content == expected
    assert "/bandong/news/" in response.text  # the news provider's page


def test_publishing_and_withdrawing_a_record_shows_on_the_page(
    client,
    checklist,
    organization,
    officer,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    url = reverse("portal-public:oit", kwargs={"org": organization.slug})
    with django_capture_on_commit_callbacks(execute=True):
        report = _report(organization)
    client.get(url)
    assert REPORT_LINK not in client.get(url).text  # a placeholder: not shown
    with django_capture_on_commit_callbacks(execute=True):
        analysis_report_publish(
            actor=None, report=report, snapshot=report_snapshot(report), pdf=b"%PDF"
        )
    item = checklist.items.get(code="O25")
    assert item.generated_link["url"] == "/bandong/ita/2568/"
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert REPORT_LINK in response.text
    with django_capture_on_commit_callbacks(execute=True):
        analysis_report_unpublish(actor=officer, report=report)
    assert ChecklistItem.objects.get(pk=item.pk).generated_link == {}
    assert REPORT_LINK not in client.get(url).text


def test_an_item_never_checked_asks_its_provider(client, checklist, organization):
    checklist.items.update(generated_link=None)
    url = reverse("portal-public:oit", kwargs={"org": organization.slug})
    assert "/bandong/news/" in client.get(url).text


def test_a_stored_link_changing_drops_the_cached_pages(
    checklist, organization, django_capture_on_commit_callbacks
):
    from prongsai.oit.services import readiness_recompute

    checklist.items.update(generated_link={})
    before = pagecache.generation(organization.slug)
    with django_capture_on_commit_callbacks(execute=True):
        readiness_recompute(organization=organization)
    assert pagecache.generation(organization.slug) != before
    before = pagecache.generation(organization.slug)
    with django_capture_on_commit_callbacks(execute=True):
        readiness_recompute(organization=organization)  # nothing changed
    assert pagecache.generation(organization.slug) == before
