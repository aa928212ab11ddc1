"""Which writes drop the cached public pages: changes the public sees do, a
citizen's filing, a staff note or a confidential report do not
(``audit_log(public=...)``, ``Workflow.public``)."""

import pytest
from django.urls import get_resolver

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints import services as complaint_services
from prongsai.complaints.models import Status as CaseStatus
from prongsai.complaints.tests.factories import submit_streetlight
from prongsai.core import pagecache
from prongsai.eservices.models import Status as RequestStatus
from prongsai.eservices.services_workflow import request_transition
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations.services import organization_update
from prongsai.sitecontent import services as site

pytestmark = pytest.mark.django_db

# The pages the page cache holds. Before caching another page, read the writes
# declared ``public=False`` (grep for it): none may change what it shows.
CACHED_PAGES = {
    "complaints-public:map",
    "portal-public:accessibility",
    "portal-public:executives",
    "portal-public:home",
    "portal-public:laws",
    "portal-public:news",
    "portal-public:news-detail",
    "portal-public:oit",
    "portal-public:oit-year",
    "portal-public:sitemap",
    "portal-public:structure",
    "portal-public:theme-css",
}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def changed(organization, django_capture_on_commit_callbacks):
    """``changed(write)``: whether ``write()`` dropped the organisation's pages."""

    def run(write) -> bool:
        before = pagecache.generation(organization.slug)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return pagecache.generation(organization.slug) != before

    return run


@pytest.fixture
def operator(db):
    return UserFactory(is_superuser=True, is_staff=True)


def _names(patterns, prefix=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            namespace = pattern.namespace
            yield from _names(
                pattern.url_patterns, f"{prefix}{namespace}:" if namespace else prefix
            )
        elif getattr(pattern.callback, "public_page", False):
            yield prefix + pattern.name


def test_the_cached_pages_are_the_reviewed_ones():
    assert set(_names(get_resolver().url_patterns)) == CACHED_PAGES


class TestPrivateWritesKeepTheCache:
    def test_a_citizens_e_service_filing(self, changed, organization):
        service = ServiceFactory(organization=organization)
        assert not changed(lambda: file_request(service))

    def test_handling_an_e_service_request(self, changed, organization, operator):
        request = file_request(ServiceFactory(organization=organization))
        assert not changed(
            lambda: request_transition(
                actor=operator,
                request=request,
                to_status=RequestStatus.ACCEPTED,
            )
        )

    def test_a_complaint_filed(self, changed, organization):
        assert not changed(lambda: submit_streetlight(organization))

    def test_a_staff_note_on_a_complaint(self, changed, organization, operator):
        case = submit_streetlight(organization)
        assert not changed(
            lambda: complaint_services.case_add_note(
                actor=operator, case=case, text="โทรแจ้งช่างแล้ว"
            )
        )

    def test_a_question_sent_to_the_organisation(self, changed, organization):
        assert not changed(
            lambda: site.inquiry_submit(
                organization=organization, question="เปิดทำการวันเสาร์หรือไม่"
            )
        )


class TestPublicWritesDropTheCache:
    def test_publishing_news(self, changed, organization):
        assert changed(
            lambda: site.news_create(
                actor=None,
                organization=organization,
                title="ประกาศรับสมัครงาน",
                body="รายละเอียด",
                status="published",
            )
        )

    def test_the_organisations_profile(self, changed, organization, operator):
        assert changed(
            lambda: organization_update(
                actor=operator, organization=organization, data={"phone": "043000000"}
            )
        )

    def test_a_complaints_public_text_and_its_status(
        self, changed, organization, operator
    ):
        case = submit_streetlight(organization)
        assert changed(
            lambda: complaint_services.case_review_public_text(
                actor=operator, case=case, text="ไฟถนนดับหน้าโรงเรียน"
            )
        )
        assert changed(
            lambda: complaint_services.case_change_status(
                actor=operator, case=case, status=CaseStatus.ACKNOWLEDGED
            )
        )

    def test_a_cached_page_shows_a_public_change_at_once(
        self, client, organization, changed
    ):
        client.get(organization.get_absolute_url())
        assert client.get(organization.get_absolute_url())["X-Page-Cache"] == "hit"
        service = ServiceFactory(organization=organization)
        changed(lambda: file_request(service))
        assert client.get(organization.get_absolute_url())["X-Page-Cache"] == "hit"
        changed(
            lambda: site.news_create(
                actor=None,
                organization=organization,
                title="ข่าวประชาสัมพันธ์ใหม่",
                body="รายละเอียด",
                status="published",
            )
        )
        response = client.get(organization.get_absolute_url())
        assert response["X-Page-Cache"] == "miss"
        assert "ข่าวประชาสัมพันธ์ใหม่" in response.text
