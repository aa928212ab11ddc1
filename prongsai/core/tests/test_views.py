"""Site-wide pages: directory, error pages, language, own host names."""

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.organizations.services import organization_update
from prongsai.organizations.tests.factories import verified_host_name

pytestmark = pytest.mark.django_db


def test_home_lists_active_organizations(client, organization, other_organization):
    body = client.get("/").content.decode()
    assert organization.name in body and other_organization.name in body
    assert '<html lang="th">' in body


def test_organization_public_home_shows_contacts(client, organization):
    organization_update(
        actor=None,
        organization=organization,
        data={"phone": "043-000-111", "email": "a@b.example"},
    )
    body = client.get(organization.get_absolute_url()).content.decode()
    assert "043-000-111" in body
    assert "ติดต่อ" in body
    assert "2569" in body or "25" in body  # last updated in Buddhist era


def test_404_page_is_thai(client):
    response = client.get("/no-such-place/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_500_page_is_thai(rf):
    from prongsai.core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "ขออภัย" in response.content.decode() or "ผิดพลาด" in response.content.decode()


def test_csrf_failure_page_is_thai(organization):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "แบบฟอร์ม" in response.content.decode()


def test_healthz(client):
    """Without a broker (eager tasks) the report covers database, cache, outbox."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "outbox": "ok"},
        "outbox_backlog": 0,
    }


def test_robots_keeps_back_office_out(client):
    assert "/*/staff/" in client.get("/robots.txt").content.decode()


def test_switching_to_english_and_back(client, organization):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get(organization.get_absolute_url()).content.decode()
    assert '<html lang="en">' in body
    assert "What would you like to do?" in body
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert (
        "ต้องการทำอะไร" in client.get(organization.get_absolute_url()).content.decode()
    )


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


class TestOwnHostName:
    @pytest.fixture
    def hosted(self, organization, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            return verified_host_name(organization, "www.bandong.go.th")

    def test_root_of_own_host_is_the_organization_home(self, client, hosted):
        response = client.get("/", HTTP_HOST="www.bandong.go.th")
        assert response.status_code == 200
        assert response.context["organization"] == hosted

    def test_staff_path_on_own_host(self, client, hosted):
        response = client.get("/staff/", HTTP_HOST="www.bandong.go.th")
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")

    def test_slug_paths_still_work_on_own_host(self, client, hosted):
        assert client.get("/bandong/", HTTP_HOST="www.bandong.go.th").status_code == 200

    def test_site_wide_paths_are_not_rewritten(self, client, hosted):
        assert client.get("/healthz", HTTP_HOST="www.bandong.go.th").status_code == 200
        assert (
            client.get("/accounts/login/", HTTP_HOST="www.bandong.go.th").status_code
            == 200
        )

    def test_other_hosts_are_unaffected(self, client, hosted):
        response = client.get("/", HTTP_HOST="127.0.0.1")
        assert "directory" in response.context


def test_language_links_set_the_cookie_and_go_back(client, organization):
    path = organization.get_absolute_url()
    response = client.get(
        reverse("language-switch", kwargs={"language": "en"}) + "?next=" + path
    )
    assert response.status_code == 302
    assert response["Location"] == path
    assert response.cookies["prongsai_language"].value == "en"
    assert '<html lang="en">' in client.get(path).content.decode()


def test_language_links_never_leave_the_site(client):
    response = client.get(
        reverse("language-switch", kwargs={"language": "th"})
        + "?next=https://evil.example/"
    )
    assert response["Location"] == "/"


def test_unknown_language_is_404(client):
    assert client.get("/i18n/xx/").status_code == 404


class TestThaiUnlessChosen:
    """The browser's Accept-Language never decides: Thai, or the visitor's choice."""

    def page(self, client, organization, **extra):
        return client.get(organization.get_absolute_url(), **extra)

    def test_an_english_browser_gets_thai(self, client, organization):
        response = self.page(
            client, organization, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
        )
        body = response.content.decode()
        assert '<html lang="th">' in body
        assert "ต้องการทำอะไร" in body
        assert response["Content-Language"] == "th"
        assert "Accept-Language" not in response.get("Vary", "")

    def test_choosing_english_gives_english(self, client, organization):
        path = organization.get_absolute_url()
        client.get(
            reverse("language-switch", kwargs={"language": "en"}) + "?next=" + path
        )
        body = self.page(
            client, organization, HTTP_ACCEPT_LANGUAGE="th"
        ).content.decode()
        assert '<html lang="en">' in body
        assert "What would you like to do?" in body

    def test_lang_in_the_address_is_chosen_and_remembered(self, client, organization):
        response = client.get(
            organization.get_absolute_url() + "?lang=en", HTTP_ACCEPT_LANGUAGE="th"
        )
        assert '<html lang="en">' in response.content.decode()
        assert response.cookies["prongsai_language"].value == "en"
        assert '<html lang="en">' in self.page(client, organization).content.decode()
        response = client.get(organization.get_absolute_url() + "?lang=th")
        assert '<html lang="th">' in response.content.decode()
        assert '<html lang="th">' in self.page(client, organization).content.decode()

    def test_an_unknown_language_is_thai(self, client, organization):
        client.cookies["prongsai_language"] = "fr"
        response = client.get(
            organization.get_absolute_url() + "?lang=de", HTTP_ACCEPT_LANGUAGE="en"
        )
        assert '<html lang="th">' in response.content.decode()
        assert "prongsai_language" not in response.cookies


def test_database_unreachable_is_a_thai_503_to_retry(rf):
    from django.db import OperationalError

    from prongsai.core.views import error_500

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = error_500(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "ฐานข้อมูล" in response.content.decode()
    # Any other failure stays a 500.
    try:
        raise ValueError("bug")
    except ValueError:
        assert error_500(rf.get("/")).status_code == 500
