"""Public pages are served from the cache to anonymous visitors until a change."""

import datetime

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
