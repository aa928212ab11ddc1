"""Tokens: only the hash is kept, scopes are checked, create and revoke are audited."""

import hashlib

import pytest

from prongsai.api.models import ApiToken, Scope
from prongsai.api.selectors import api_token_for_text
from prongsai.api.services import api_token_create, api_token_revoke, api_token_touch
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_and_stored_as_its_hash(organization, admin_user):
    token, raw = api_token_create(
        actor=admin_user,
        organization=organization,
        name="  ระบบ e-GP  ",
        scopes=[Scope.PROCUREMENT_WRITE],
    )
    assert len(raw) == 40 and raw.isalnum()
    stored = ApiToken.objects.for_organization(organization).get(pk=token.pk)
    assert stored.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {stored.token_hash, stored.name, stored.prefix + "x"}
    assert stored.prefix == raw[:6]
    assert stored.name == "ระบบ e-GP"
    assert stored.scopes == ["procurement:write"]
    assert stored.created_by == admin_user
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.organization == organization
    assert raw not in str(event.changes)


def test_two_tokens_differ(organization, admin_user):
    _a, first = api_token_create(
        actor=admin_user, organization=organization, name="ก", scopes=Scope.values
    )
    _b, second = api_token_create(
        actor=admin_user, organization=organization, name="ข", scopes=Scope.values
    )
    assert first != second


@pytest.mark.parametrize(
    ("name", "scopes", "field"),
    [
        ("", [Scope.PROCUREMENT_WRITE], "name"),
        ("   ", [Scope.PROCUREMENT_WRITE], "name"),
        ("ระบบ", [], "scopes"),
        ("ระบบ", ["admin:everything"], "scopes"),
    ],
)
def test_a_token_needs_a_name_and_known_scopes(
    organization, admin_user, name, scopes, field
):
    with pytest.raises(DomainError) as caught:
        api_token_create(
            actor=admin_user, organization=organization, name=name, scopes=scopes
        )
    assert caught.value.field == field
    assert not ApiToken.objects.for_organization(organization).exists()


def test_revoking_stops_the_token_and_is_audited(organization, admin_user):
    token, raw = api_token_create(
        actor=admin_user, organization=organization, name="ก", scopes=Scope.values
    )
    assert api_token_for_text(raw) == token
    api_token_revoke(actor=admin_user, token=token)
    assert api_token_for_text(raw) is None
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1
    with pytest.raises(DomainError):
        api_token_revoke(actor=admin_user, token=token)


@pytest.mark.parametrize("text", ["", "x" * 40, "x" * 500, "\x00"])
def test_unknown_texts_find_no_token(organization, admin_user, text):
    api_token_create(
        actor=admin_user, organization=organization, name="ก", scopes=Scope.values
    )
    assert api_token_for_text(text) is None


def test_touch_notes_the_use_at_most_once_a_minute(organization, admin_user):
    token, _raw = api_token_create(
        actor=admin_user, organization=organization, name="ก", scopes=Scope.values
    )
    api_token_touch(token=token)
    first = ApiToken.objects.for_organization(organization).get().last_used_at
    assert first is not None
    api_token_touch(token=token)
    assert ApiToken.objects.for_organization(organization).get().last_used_at == first
