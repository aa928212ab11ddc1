"""Site content: drafts and publishing, inquiries, search, OIT providers."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.sitecontent import oit_evidence as providers
from prongsai.sitecontent import selectors, services
from prongsai.sitecontent.models import Inquiry, NewsItem, Page

pytestmark = pytest.mark.django_db


def _news(organization, title, *, status="published", when=None, body="เนื้อหา"):
    return services.news_create(
        actor=None,
        organization=organization,
        title=title,
        body=body,
        status=status,
        publish_at=when,
    )


def test_drafts_and_future_news_are_not_public(organization):
    _news(organization, "ข่าวร่าง", status="draft")
    _news(
        organization,
        "ข่าวล่วงหน้า",
        when=timezone.now() + datetime.timedelta(days=3),
    )
    published = _news(organization, "ข่าวเผยแพร่")
    assert list(selectors.news_list(organization=organization)) == [published]
    assert published.publish_at is not None


def test_every_edit_is_in_the_history(organization):
    news = _news(organization, "ข่าว", status="draft")
    services.news_update(actor=None, news=news, data={"status": "published"})
    history = selectors.content_history(organization=organization, obj=news)
    assert [e.action for e in history] == ["site_news.update", "site_news.create"]


def test_law_needs_a_link_or_a_file(organization):
    with pytest.raises(DomainError):
        services.law_create(actor=None, organization=organization, title="พ.ร.บ.")


def test_inquiry_is_public_only_after_an_answer(organization, admin_user):
    inquiry = services.inquiry_submit(
        organization=organization,
        question="ขอทราบเวลาทำการ",
        contact="081-000-0000",
    )
    assert not selectors.inquiry_list_public(organization=organization).exists()
    with pytest.raises(DomainError):
        services.inquiry_answer(actor=admin_user, inquiry=inquiry, answer=" ")
    services.inquiry_answer(actor=admin_user, inquiry=inquiry, answer="08:30–16:30 น.")
    public = selectors.inquiry_list_public(organization=organization)
    assert list(public) == [inquiry]
    event = AuditEvent.objects.get(action="site_inquiry.submit")
    assert "081" not in str(event.changes)


def test_rejected_questions_stay_hidden(organization, admin_user):
    inquiry = services.inquiry_submit(organization=organization, question="สแปมโฆษณา")
    services.inquiry_reject(actor=admin_user, inquiry=inquiry)
    assert inquiry.status == Inquiry.Status.REJECTED
    assert not selectors.inquiry_list_public(organization=organization).exists()


def test_too_short_question_is_refused(organization):
    with pytest.raises(DomainError):
        services.inquiry_submit(organization=organization, question="ab")


def test_search_segments_thai_words(organization, other_organization):
    _news(organization, "ประกาศรับสมัครพนักงานจ้าง", body="รับสมัครตั้งแต่วันนี้")
    _news(organization, "กิจกรรมวันเด็ก", body="เด็กและเยาวชนร่วมกิจกรรม")
    _news(other_organization, "รับสมัครพนักงานจ้าง หนองบัว")
    _news(organization, "ร่าง รับสมัคร", status="draft")
    from prongsai.search.selectors import search_entry_list_ranked

    hits = search_entry_list_ranked(organization=organization, query="การรับสมัครพนักงาน")
    assert [hit.title for hit in hits] == ["ประกาศรับสมัครพนักงานจ้าง"]
    assert not search_entry_list_ranked(organization=organization, query="   ").exists()


def test_structure_provider_reports_what_is_missing(organization):
    result = providers.structure_evidence(organization, 2569)
    assert not result.passed
    services.page_save(
        actor=None,
        organization=organization,
        key=Page.Key.STRUCTURE,
        title="โครงสร้าง",
        body="หน้าที่และอำนาจขององค์การบริหารส่วนตำบลตามกฎหมาย",
        image=ContentFile(b"GIF89a", name="chart.gif"),
        status=Page.Status.PUBLISHED,
    )
    result = providers.structure_evidence(organization, 2569)
    assert result.passed
    assert result.url == "/bandong/structure/"


def test_news_provider_checks_the_fiscal_year(organization):
    _news(
        organization,
        "ข่าวปีที่แล้ว",
        when=timezone.make_aware(datetime.datetime(2024, 12, 1)),
    )
    assert not providers.news_evidence(organization, 2569).passed
    _news(
        organization,
        "ข่าวปีนี้",
        when=timezone.make_aware(datetime.datetime(2025, 11, 1)),
    )
    assert providers.news_evidence(organization, 2569).passed


def _gif() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (30, 40), (200, 100, 50)).save(out, "GIF")
    return out.getvalue()


def test_executives_need_photo_and_contact(organization):
    person = services.executive_create(
        actor=None, organization=organization, full_name="นายก ทดสอบ", position="นายก"
    )
    assert not providers.executives_evidence(organization, 2569).passed
    services.executive_update(
        actor=None,
        executive=person,
        data={"phone": "081-000-0000", "photo": ContentFile(_gif(), name="p.gif")},
    )
    assert providers.executives_evidence(organization, 2569).passed


def test_news_category_filter(organization):
    services.news_create(
        actor=None,
        organization=organization,
        title="ประกาศ",
        body="x",
        category=NewsItem.Category.ANNOUNCEMENT,
        status="published",
    )
    _news(organization, "ข่าว")
    announcements = selectors.news_list(
        organization=organization, category="announcement"
    )
    assert [n.title for n in announcements] == ["ประกาศ"]
