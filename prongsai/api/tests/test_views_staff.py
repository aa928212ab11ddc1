"""The staff page of the API tokens: administrators only, token shown once."""

import pytest
from django.urls import reverse

from prongsai.api.models import ApiToken
from prongsai.core.models import AuditEvent
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

from .conftest import make_token

pytestmark = pytest.mark.django_db


def _url(organization):
    return reverse("api-staff:token-list", kwargs={"org": organization.slug})


def test_an_administrator_makes_a_token_and_sees_it_once(
    client, organization, admin_user
):
    client.force_login(admin_user)
    response = client.post(
        _url(organization),
        {"name": "ระบบบัญชี", "scopes": ["procurement:write"]},
    )
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert len(raw) == 40
    assert raw in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.for_organization(organization).get()
    assert token.created_by == admin_user
    again = client.get(_url(organization))
    assert raw not in again.content.decode()
    assert "ระบบบัญชี" in again.content.decode()


def test_a_bad_form_keeps_what_was_typed(client, organization, admin_user):
    client.force_login(admin_user)
    response = client.post(_url(organization), {"name": "ระบบบัญชี", "scopes": []})
    assert response.status_code == 200
    assert response.context["new_token"] is None
    assert "ระบบบัญชี" in response.content.decode()
    assert not ApiToken.objects.for_organization(organization).exists()


def test_an_administrator_revokes_a_token(client, organization, admin_user):
    token, _raw = make_token(organization, admin_user)
    client.force_login(admin_user)
    url = reverse(
        "api-staff:token-revoke", kwargs={"org": organization.slug, "pk": token.pk}
    )
    response = client.post(url)
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoke").exists()


def test_other_members_may_not_manage_tokens(client, organization):
    member = MembershipFactory(organization=organization, roles=[Role.STAFF.value])
    client.force_login(member.user)
    assert client.get(_url(organization)).status_code == 403
    assert client.post(_url(organization), {"name": "x"}).status_code == 403


def test_the_page_is_in_thai(client, organization, admin_user):
    client.force_login(admin_user)
    content = client.get(_url(organization)).content.decode()
    assert "โทเค็น" in content


def test_the_docs_page_is_served_from_this_site(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/api/docs.css" in page
    assert "cdn" not in page.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_administrators_find_the_tokens_in_the_menu(client, organization, admin_user):
    client.force_login(admin_user)
    page = client.get(
        reverse("organizations-staff:dashboard", kwargs={"org": organization.slug})
    ).content.decode()
    assert _url(organization) in page
