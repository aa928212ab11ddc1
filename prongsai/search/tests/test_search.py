"""The one site search: index refresh, tenancy, ranking, the search page.

Runs on SQLite (LIKE fallback) and, with ``TEST_DATABASE_URL`` pointing at
PostgreSQL, on full-text search with the GIN index.
"""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from prongsai.core.publications import publication_publish
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.procurement import services as procurement_services
from prongsai.procurement.models import Procurement
from prongsai.procurement.selectors import procurement_list
from prongsai.procurement.tests.factories import ProcurementFactory, SupplierFactory
from prongsai.search import registry
from prongsai.search.models import SearchEntry
from prongsai.search.selectors import (
    MAX_PAGES,
    PAGE_SIZE,
    filter_by_search,
    full_text_search,
    highlight,
    search_entry_get_kind_counts,
    search_entry_list_matching,
    search_entry_list_ranked,
)
from prongsai.search.services import index_rebuild
from prongsai.sitecontent import services as site_services
from prongsai.sitecontent.models import NewsItem


def _news(organization, title, *, body="เนื้อหา", status="published", when=None):
    return site_services.news_create(
        actor=None,
        organization=organization,
        title=title,
        body=body,
        status=status,
        publish_at=when,
    )


@pytest.fixture
def demo_like(organization):
    """Records like the demo's: roads, crushed rock and electricity."""
    return {
        "road": ProcurementFactory(
            organization=organization,
            title="โครงการก่อสร้างถนนลูกรัง หมู่ที่ 3",
            supplier=SupplierFactory(organization=organization, name="หจก. ดงการโยธา"),
        ),
        "rock": ProcurementFactory(
            organization=organization,
            title="จ้างเหมาซ่อมแซมถนนหินคลุก หมู่ที่ 5",
        ),
        "paper": ProcurementFactory(organization=organization, title="จัดซื้อวัสดุสำนักงาน"),
        "service": ServiceFactory(
            organization=organization,
            name="ขออนุญาตติดตั้งไฟฟ้าชั่วคราว",
            description="ยื่นคำขอติดตั้งมิเตอร์ไฟฟ้าสำหรับงานก่อสร้างหรืองานประเพณี",
        ),
        "news": _news(
            organization,
            "ซ่อมไฟฟ้าส่องสว่างถนนสายหลักหมู่ 7 แล้วเสร็จ",
            body="กองช่างเปลี่ยนหลอดไฟถนน 12 ต้น",
        ),
    }


def _titles(entries):
    return {entry.title for entry in entries}


def test_acceptance_searches_find_procurements_services_and_news(
    organization, demo_like
):
    road = _titles(search_entry_list_ranked(organization=organization, query="ถนน"))
    assert road == {
        "โครงการก่อสร้างถนนลูกรัง หมู่ที่ 3",
        "จ้างเหมาซ่อมแซมถนนหินคลุก หมู่ที่ 5",
        "ซ่อมไฟฟ้าส่องสว่างถนนสายหลักหมู่ 7 แล้วเสร็จ",
    }
    rock = _titles(search_entry_list_ranked(organization=organization, query="หินคลุก"))
    assert rock == {"จ้างเหมาซ่อมแซมถนนหินคลุก หมู่ที่ 5"}
    power = _titles(search_entry_list_ranked(organization=organization, query="ไฟฟ้า"))
    assert power == {
        "ขออนุญาตติดตั้งไฟฟ้าชั่วคราว",
        "ซ่อมไฟฟ้าส่องสว่างถนนสายหลักหมู่ 7 แล้วเสร็จ",
    }
    # Several words: every one must occur; the supplier is searchable too.
    assert _titles(
        search_entry_list_ranked(organization=organization, query="ก่อสร้างถนนลูกรัง")
    ) == {"โครงการก่อสร้างถนนลูกรัง หมู่ที่ 3"}
    assert _titles(
        search_entry_list_ranked(organization=organization, query="ดงการโยธา")
    ) == {"โครงการก่อสร้างถนนลูกรัง หมู่ที่ 3"}
    assert not search_entry_list_ranked(
        organization=organization, query="เครื่องบิน"
    ).exists()
    assert not search_entry_list_ranked(
        organization=organization, query=" ... "
    ).exists()


def test_kind_filter_and_counts(organization, demo_like):
    assert search_entry_get_kind_counts(organization=organization, query="ถนน") == {
        "procurement": 2,
        "news": 1,
    }
    only = search_entry_list_ranked(
        organization=organization, query="ไฟฟ้า", kind="eservice"
    )
    assert [entry.url for entry in only] == [demo_like["service"].get_absolute_url()]
    assert not search_entry_list_ranked(
        organization=organization, query="ไฟฟ้า", kind="nothing"
    )


def test_title_hits_rank_above_body_hits(organization):
    _news(organization, "ประชาสัมพันธ์ทั่วไป", body="มีการซ่อมไฟฟ้าบางจุด")
    _news(organization, "แจ้งดับไฟฟ้า", body="ประชาสัมพันธ์")
    ranked = [
        e.title
        for e in search_entry_list_ranked(organization=organization, query="ไฟฟ้า")
    ]
    assert ranked == ["แจ้งดับไฟฟ้า", "ประชาสัมพันธ์ทั่วไป"]


def test_index_follows_create_update_unpublish_and_delete(organization):
    news = _news(organization, "ร่างข่าวถนนใหม่", status="draft")
    assert not SearchEntry.objects.filter(kind="news").exists()
    site_services.news_update(actor=None, news=news, data={"status": "published"})
    assert _titles(
        search_entry_list_ranked(organization=organization, query="ถนน")
    ) == {"ร่างข่าวถนนใหม่"}
    site_services.news_update(actor=None, news=news, data={"title": "ข่าวสะพานใหม่"})
    assert not search_entry_list_ranked(organization=organization, query="ถนน").exists()
    assert search_entry_list_ranked(organization=organization, query="สะพาน").exists()
    site_services.news_update(actor=None, news=news, data={"status": "draft"})
    assert not search_entry_list_ranked(
        organization=organization, query="สะพาน"
    ).exists()
    site_services.news_update(actor=None, news=news, data={"status": "published"})
    news.delete()
    assert not SearchEntry.objects.exists()

    procurement = procurement_services.procurement_create(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2024, 11, 20),
        title="จ้างซ่อมถนนลาดยาง",
        procurement_type="hire",
        method="specific",
        budget_category="operating",
        budget_amount=12000,
    )
    assert search_entry_list_ranked(organization=organization, query="ลาดยาง").exists()
    procurement_services.procurement_update(
        actor=None, procurement=procurement, title="จ้างซ่อมท่อระบายน้ำ"
    )
    assert not search_entry_list_ranked(
        organization=organization, query="ลาดยาง"
    ).exists()
    procurement_services.procurement_delete(actor=None, procurement=procurement)
    assert not SearchEntry.objects.exists()


def test_hidden_records_are_not_indexed(organization):
    ServiceFactory(organization=organization, name="บริการภายในไฟฟ้า", is_published=False)
    _news(organization, "ข่าวไฟฟ้าฉบับร่าง", status="draft")
    assert not search_entry_list_ranked(
        organization=organization, query="ไฟฟ้า"
    ).exists()


def test_scheduled_news_is_found_only_from_its_publish_time(organization):
    later = timezone.now() + datetime.timedelta(days=1)
    _news(organization, "ประกาศงดจ่ายไฟฟ้า", when=later)
    assert SearchEntry.objects.filter(kind="news").exists()
    assert not search_entry_list_ranked(
        organization=organization, query="ไฟฟ้า"
    ).exists()
    SearchEntry.objects.update(public_from=timezone.now() - datetime.timedelta(1))
    assert search_entry_list_ranked(organization=organization, query="ไฟฟ้า").exists()


def test_results_stay_within_the_organisation(organization, other_organization):
    ProcurementFactory(organization=organization, title="ก่อสร้างถนนบ้านดง")
    ProcurementFactory(organization=other_organization, title="ก่อสร้างถนนหนองบัว")
    _news(other_organization, "ข่าวถนนหนองบัว")
    assert _titles(
        search_entry_list_ranked(organization=organization, query="ถนน")
    ) == {"ก่อสร้างถนนบ้านดง"}
    assert search_entry_get_kind_counts(organization=organization, query="ถนน") == {
        "procurement": 1
    }
    # The per-app boxes are scoped the same way.
    assert [
        p.title for p in procurement_list(organization=organization, query="ถนน")
    ] == ["ก่อสร้างถนนบ้านดง"]
    every = filter_by_search(Procurement.objects.all(), kind="procurement", query="ถนน")
    assert every.count() == 2


def test_rebuild_writes_the_index_again(organization, other_organization, demo_like):
    ProcurementFactory(organization=other_organization, title="ก่อสร้างถนนหนองบัว")
    expected = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", "--org", organization.slug)
    assert SearchEntry.objects.filter(organization=other_organization).count() == 0
    assert _titles(
        search_entry_list_ranked(organization=organization, query="หินคลุก")
    ) == {"จ้างเหมาซ่อมแซมถนนหินคลุก หมู่ที่ 5"}
    assert index_rebuild() == expected
    call_command("rebuild_search_index", "--kind", "news")
    assert SearchEntry.objects.count() == expected
    with pytest.raises(CommandError):
        call_command("rebuild_search_index", "--kind", "nothing")
    with pytest.raises(CommandError):
        call_command("rebuild_search_index", "--org", "nowhere")


def test_every_kind_is_registered_by_its_app():
    assert {kind.key for kind in registry.kinds()} >= {
        "news",
        "page",
        "law",
        "executive",
        "inquiry",
        "procurement",
        "eservice",
        "plan",
        "dataset",
        "ita_report",
        "oit_item",
    }
    with pytest.raises(registry.RegistryError):
        registry.register(
            registry.Kind(
                key="news",
                label="x",
                model=Procurement,
                document=lambda r: None,
                queryset=Procurement.objects.all,
            )
        )


def test_highlight_marks_query_words():
    fragments = highlight("กองช่างซ่อมไฟฟ้าส่องสว่างแล้ว", "ไฟฟ้า")
    assert [(f.text, f.match) for f in fragments] == [
        ("กองช่างซ่อม", False),
        ("ไฟฟ้า", True),
        ("ส่องสว่างแล้ว", False),
    ]
    assert highlight("", "ไฟฟ้า") == []


class TestSearchPage:
    def url(self, organization):
        return f"/{organization.slug}/search/"

    def test_shows_ranked_results_with_kind_chips(
        self, client, organization, demo_like
    ):
        response = client.get(
            self.url(organization), {"q": "ถนน"}, HTTP_ACCEPT_LANGUAGE="th"
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == 3
        assert 'โครงการก่อสร้าง<mark class="px-0">ถนน</mark>ลูกรัง หมู่ที่ 3' in body
        assert f'href="{demo_like["news"].pk}' not in body
        assert f"/{organization.slug}/news/{demo_like['news'].pk}/" in body
        assert "kind=procurement" in body and "kind=news" in body
        assert 'หลอดไฟ<mark class="px-0">ถนน</mark> 12 ต้น' in body

    def test_kind_filter_narrows_and_unknown_kind_is_ignored(
        self, client, organization, demo_like
    ):
        response = client.get(self.url(organization), {"q": "ไฟฟ้า", "kind": "news"})
        assert [r[0].kind for r in response.context["results"]] == ["news"]
        response = client.get(self.url(organization), {"q": "ไฟฟ้า", "kind": "<x>"})
        assert response.status_code == 200
        assert response.context["kind"] == ""
        assert len(response.context["results"]) == 2

    @pytest.mark.parametrize("page", ["999999999999999999999", "abc", "-1", "0", ""])
    def test_any_page_number_gives_a_page(self, client, organization, page):
        ProcurementFactory.create_batch(3, organization=organization, title="ก่อสร้างถนน")
        response = client.get(self.url(organization), {"q": "ถนน", "page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1

    def test_pages_are_bounded(self, client, organization):
        entries = [
            SearchEntry(
                organization=organization,
                kind="news",
                object_id=str(n),
                title=f"ถนน {n}",
                url="/",
                title_words=" ถนน ",
            )
            for n in range(PAGE_SIZE * MAX_PAGES + 5)
        ]
        SearchEntry.objects.bulk_create(entries)
        response = client.get(self.url(organization), {"q": "ถนน", "page": "9999"})
        assert response.context["page_obj"].number == MAX_PAGES
        assert response.context["page_obj"].paginator.count == PAGE_SIZE * MAX_PAGES

    def test_empty_query_shows_only_the_form(self, client, organization):
        response = client.get(self.url(organization), {"q": "  "})
        assert response.status_code == 200
        assert "search-results" not in response.content.decode()

    def test_unknown_organisation_is_404(self, client, db):
        assert client.get("/nowhere/search/", {"q": "ถนน"}).status_code == 404

    def test_news_list_search_box(self, client, organization, demo_like):
        _news(organization, "กิจกรรมวันเด็ก")
        response = client.get(f"/{organization.slug}/news/", {"q": "ไฟฟ้า"})
        titles = [item.title for item in response.context["page_obj"]]
        assert titles == ["ซ่อมไฟฟ้าส่องสว่างถนนสายหลักหมู่ 7 แล้วเสร็จ"]
        response = client.get(f"/{organization.slug}/news/")
        assert len(response.context["page_obj"]) == 2

    def test_procurement_list_search_box(self, client, organization, demo_like):
        response = client.get(f"/{organization.slug}/procurement/", {"q": "หินคลุก"})
        body = response.content.decode()
        assert "จ้างเหมาซ่อมแซมถนนหินคลุก" in body
        assert "โครงการก่อสร้างถนนลูกรัง" not in body


def test_postgres_matches_through_the_gin_index(postgres_only, organization):
    """PostgreSQL answers from the GIN index of migration 0002."""
    assert full_text_search(connection)
    # Across organisations (the CKAN API), so that only the GIN index helps.
    entries = search_entry_list_matching(query="ถนน")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = entries.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "search_entry_words_idx" in plan


def test_news_model_is_registered_for_its_signals():
    assert registry.kinds_of(NewsItem)[0].key == "news"


def test_plans_reports_and_datasets_are_indexed_when_public(organization):
    from prongsai.ita.models import AnalysisReport
    from prongsai.opendata.models import AccessLevel
    from prongsai.opendata.tests.factories import DatasetFactory
    from prongsai.plans.tests.factories import PlanFactory

    plan = PlanFactory(organization=organization, title="แผนป้องกันการทุจริตด้านถนน")
    report = AnalysisReport.objects.create(
        organization=organization, fiscal_year=2568, summary="ปรับปรุงถนนข้อมูล"
    )
    dataset = DatasetFactory(
        organization=organization,
        title="ข้อมูลการซ่อมถนน",
        access_level=AccessLevel.INTERNAL,
    )
    assert not search_entry_list_ranked(organization=organization, query="ถนน").exists()
    plan.versions.update_or_create(
        number=1,
        defaults={
            "approved_at": timezone.now(),
            "snapshot": {"title": plan.title, "description": "", "measures": []},
        },
    )
    plan.published_at = timezone.now()
    plan.save()
    publication_publish(
        actor=None,
        subject=report,
        snapshot={"report": {"summary": report.summary, "measures": []}},
    )
    report.status = AnalysisReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.save()
    dataset.access_level = AccessLevel.OPEN
    dataset.save()
    urls = {
        e.kind: e.url
        for e in search_entry_list_ranked(organization=organization, query="ถนน")
    }
    assert urls == {
        "plan": plan.get_absolute_url(),
        "ita_report": f"/{organization.slug}/ita/2568/",
        "dataset": dataset.get_absolute_url(),
    }
    # Titles built by a kind are Thai whatever the language of the request.
    assert SearchEntry.objects.get(kind="ita_report").title.startswith("รายงาน")


def test_news_search_box_leaves_the_site_box_empty(client, organization, demo_like):
    import re

    body = client.get(f"/{organization.slug}/news/", {"q": "ไฟฟ้า"}).content.decode()

    def value(input_id):
        return re.search(rf'id="{input_id}"[^>]*value="([^"]*)"', body).group(1)

    assert value("news-q") == "ไฟฟ้า"
    assert value("site-search-q") == ""
