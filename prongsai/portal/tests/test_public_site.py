"""The public site of an organisation: pages, inquiry channel, OIT page."""

import pytest
from django.core.files.base import ContentFile

from prongsai.accounts.tests.factories import UserFactory
from prongsai.ita.services import framework_load_files
from prongsai.oit.models import Evidence
from prongsai.oit.services import checklist_open, evidence_add
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.sitecontent import services as site
from prongsai.sitecontent.models import Inquiry

from .content import publish_sample_content

pytestmark = pytest.mark.django_db

PAGES = ["", "structure/", "executives/", "contact/", "news/", "laws/", "oit/"]


@pytest.fixture
def content(organization):
    return publish_sample_content(organization)


@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_answers_with_a_last_updated_date(client, content, path):
    response = client.get(f"/bandong/{path}")
    assert response.status_code == 200
    body = response.content.decode()
    if path not in ("oit/",):
        assert 'id="last-updated"' in body
    assert 'role="search"' in body


def test_home_lists_the_latest_news(client, content):
    body = client.get("/bandong/").content.decode()
    assert "ประกาศรับสมัครพนักงานจ้าง" in body
    assert client.get(f"/bandong/news/{content.pk}/").status_code == 200


def test_draft_news_is_404(client, organization):
    draft = site.news_create(
        actor=None, organization=organization, title="ร่าง", body="x", status="draft"
    )
    assert client.get(f"/bandong/news/{draft.pk}/").status_code == 404


def test_a_visitor_asks_and_sees_the_answer_after_moderation(client, organization):
    response = client.post(
        "/bandong/contact/", {"question": "ขอทราบเวลาทำการ", "name": "", "contact": ""}
    )
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert "ขอทราบเวลาทำการ" not in client.get("/bandong/contact/").content.decode()
    officer = UserFactory()
    MembershipFactory(
        organization=organization, user=officer, roles=[Role.DATA_OFFICER]
    )
    client.force_login(officer)
    client.post(
        f"/bandong/staff/site/inquiries/{inquiry.pk}/",
        {"action": "answer", "answer": "08:30–16:30 น."},
    )
    client.logout()
    body = client.get("/bandong/contact/").content.decode()
    assert "ขอทราบเวลาทำการ" in body
    assert "08:30–16:30 น." in body


def test_bad_question_keeps_what_was_typed(client, organization):
    response = client.post("/bandong/contact/", {"question": "ab", "name": "สมหญิง"})
    assert response.status_code == 200
    assert "สมหญิง" in response.content.decode()


def test_search_finds_thai_words(client, content):
    response = client.get("/bandong/search/", {"q": "การรับสมัคร"})
    titles = [result[0].title for result in response.context["results"]]
    assert "ประกาศรับสมัครพนักงานจ้าง" in titles
    # The query word is marked in the title.
    assert (
        'ประกาศ<mark class="px-0">รับสมัคร</mark>พนักงานจ้าง' in response.content.decode()
    )


def test_oit_page_links_every_item_to_working_evidence(client, content, organization):
    framework_load_files()
    checklist = checklist_open(actor=None, organization=organization, fiscal_year=2569)
    evidence_add(
        actor=None,
        item=checklist.items.get(code="O8"),
        kind=Evidence.Kind.UPLOAD,
        title="คู่มือการปฏิบัติงาน",
        file=ContentFile(b"%PDF-1.4", name="manual.pdf"),
    )
    body = client.get("/bandong/oit/").content.decode()
    assert "O26" in body
    import re

    links = re.findall(r'class="d-block oit-link" href="([^"]+)"', body)
    internal = [link for link in links if link.startswith("/bandong/")]
    assert "/bandong/structure/" in internal
    assert any("/bandong/oit/evidence/" in link for link in internal)
    for link in internal:
        assert client.get(link).status_code == 200, link
    assert client.get("/bandong/oit/2569/").status_code == 200
    assert client.get("/bandong/oit/2570/").status_code == 404
    # No analysis of the FY2568 ITA result is published, no anti-corruption
    # plan exists: their items are being prepared, not linked to a list page
    # titled as if the document were there.
    assert "/bandong/ita/" not in links
    assert "/bandong/plans/" not in links
    assert "O25</td>" in body


def test_staff_editing_is_for_the_data_officer(client, organization):
    staff = UserFactory()
    MembershipFactory(organization=organization, user=staff, roles=[Role.STAFF])
    client.force_login(staff)
    assert client.get("/bandong/staff/site/").status_code == 403
    officer = UserFactory()
    MembershipFactory(
        organization=organization, user=officer, roles=[Role.DATA_OFFICER]
    )
    client.force_login(officer)
    assert client.get("/bandong/staff/site/").status_code == 200
    response = client.post(
        "/bandong/staff/site/news/new/",
        {"title": "ข่าวใหม่", "category": "news", "body": "เนื้อหา", "status": "published"},
    )
    assert response.status_code == 302
    assert "ข่าวใหม่" in client.get("/bandong/news/").content.decode()
