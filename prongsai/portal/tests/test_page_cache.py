"""Public pages are served from the cache to anonymous visitors until a change."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.sitecontent import services as site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def _publish(organization, title, captured):
    with captured(execute=True):
        site.news_create(
            actor=None,
            organization=organization,
            title=title,
            body="รายละเอียด",
            status="published",
            publish_at=timezone.now() - datetime.timedelta(minutes=1),
        )


def test_second_visit_is_served_from_the_cache(client, organization):
    first = client.get(organization.get_absolute_url())
    second = client.get(organization.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Cookie" in second["Vary"]


def test_a_change_of_the_organisation_shows_at_once(
    client, organization, django_capture_on_commit_callbacks
):
    _publish(organization, "ข่าวแรกของปี", django_capture_on_commit_callbacks)
    assert "ข่าวแรกของปี" in client.get(organization.get_absolute_url()).text
    _publish(organization, "ประกาศรับสมัครงาน", django_capture_on_commit_callbacks)
    response = client.get(organization.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "ประกาศรับสมัครงาน" in response.text


def test_a_change_elsewhere_keeps_the_cache(
    client, organization, other_organization, django_capture_on_commit_callbacks
):
    client.get(organization.get_absolute_url())
    _publish(other_organization, "ข่าวของอีกแห่ง", django_capture_on_commit_callbacks)
    assert client.get(organization.get_absolute_url())["X-Page-Cache"] == "hit"


def test_cached_pages_hold_nothing_of_one_visitor(client, organization):
    for path in ("", "oit/", "news/", "laws/", "structure/", "executives/"):
        response = client.get(organization.get_absolute_url() + path)
        assert response.status_code == 200, path
        assert "csrfmiddlewaretoken" not in response.text, path
        assert not response.cookies, path


def test_signed_in_staff_always_get_a_fresh_page(client, organization):
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, roles=[Role.DATA_OFFICER])
    client.force_login(user)
    client.get(organization.get_absolute_url())
    response = client.get(organization.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert user.display_name in response.text


def test_each_language_has_its_own_copy(client, organization):
    thai = client.get(organization.get_absolute_url())
    client.get(
        reverse("language-switch", kwargs={"language": "en"}) + "?next=/",
    )
    english = client.get(organization.get_absolute_url())
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.text
    assert '<html lang="th">' in thai.text


def test_a_page_with_a_form_is_never_cached(client, organization):
    client.get(organization.get_absolute_url() + "contact/")
    response = client.get(organization.get_absolute_url() + "contact/")
    assert "X-Page-Cache" not in response
    assert "csrfmiddlewaretoken" in response.text


def test_a_missing_page_is_not_cached(client, organization):
    client.get(organization.get_absolute_url() + "news/999999/")
    response = client.get(organization.get_absolute_url() + "news/999999/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


# --- Hits answered before the session (core.pagecache.PageCacheMiddleware) ----------


def _headers(response) -> dict:
    return {k: v for k, v in response.items() if k != "X-Page-Cache"}


def test_a_hit_runs_no_query_and_never_reads_the_session(
    client, organization, django_assert_num_queries
):
    from django.contrib.sessions.middleware import SessionMiddleware

    client.get(organization.get_absolute_url() + "oit/")
    with (
        mock.patch.object(
            SessionMiddleware, "process_request", side_effect=AssertionError
        ),
        django_assert_num_queries(0),
    ):
        response = client.get(organization.get_absolute_url() + "oit/")
    assert response["X-Page-Cache"] == "hit"
    assert not hasattr(response.wsgi_request, "session")


def test_a_hit_carries_the_headers_of_a_full_pass_and_no_cookie(client, organization):
    first = client.get(organization.get_absolute_url())
    second = client.get(organization.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert _headers(second) == _headers(first)
    for name in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Content-Language",
        "X-Content-Type-Options",
    ):
        assert second[name], name
    assert "Cookie" in second["Vary"]
    assert not second.cookies
    assert "csrfmiddlewaretoken" not in second.text


def test_lang_on_the_address_sets_the_cookie_then_is_served_from_the_cache(
    client, organization
):
    url = organization.get_absolute_url()
    client.get(url)  # the Thai copy
    english = client.get(url + "?lang=en")
    assert "X-Page-Cache" not in english  # it sets the language cookie
    assert english.cookies["prongsai_language"].value == "en"
    assert '<html lang="en">' in english.text
    client.get(url + "?lang=en")  # now the cookie says en: kept
    again = client.get(url + "?lang=en")
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Language"] == "en"
    assert '<html lang="en">' in again.text
    assert not again.cookies
    # The cookie alone gives the English copy of the plain address too.
    client.get(url)
    plain = client.get(url)
    assert plain["Content-Language"] == "en"
    assert '<html lang="en">' in plain.text
    client.cookies.pop("prongsai_language")
    thai = client.get(url)
    assert thai["X-Page-Cache"] == "hit"
    assert '<html lang="th">' in thai.text


def test_a_signed_in_member_never_gets_the_anonymous_copy(client, organization):
    client.get(organization.get_absolute_url())
    assert client.get(organization.get_absolute_url())["X-Page-Cache"] == "hit"
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, roles=[Role.DATA_OFFICER])
    client.force_login(user)
    response = client.get(organization.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert user.display_name in response.text


def test_each_host_name_has_its_own_copy(
    client, organization, other_organization, settings
):
    from prongsai.organizations.models import Organization

    settings.ALLOWED_HOSTS = ["*"]
    for org, host in ((organization, "bandong"), (other_organization, "nongbua")):
        Organization.objects.filter(pk=org.pk).update(
            host_name=f"www.{host}.go.th", host_verified_at=timezone.now()
        )
    for _ in range(2):
        bandong = client.get("/", HTTP_HOST="www.bandong.go.th")
        nongbua = client.get("/", HTTP_HOST="www.nongbua.go.th")
    assert (bandong["X-Page-Cache"], nongbua["X-Page-Cache"]) == ("hit", "hit")
    assert organization.name in bandong.text
    assert other_organization.name not in bandong.text
    assert other_organization.name in nongbua.text


def test_htmx_and_posts_are_never_answered_from_the_cache(client, organization):
    url = organization.get_absolute_url()
    client.get(url)
    assert "X-Page-Cache" not in client.get(url, HTTP_HX_REQUEST="true")
    assert client.post(url).status_code == 405 or "X-Page-Cache" not in client.post(url)
