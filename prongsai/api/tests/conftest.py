"""Fixtures of the JSON API tests: tokens and a client that sends them."""

import pytest

from prongsai.api.models import Scope
from prongsai.api.services import api_token_create


def make_token(organization, user=None, scopes=tuple(Scope.values), name="ระบบบัญชี"):
    """A token of ``organization``: (the ApiToken, its text)."""
    return api_token_create(
        actor=user, organization=organization, name=name, scopes=scopes
    )


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def token(organization, admin_user):
    """A token of Ban Dong with every scope, made by its administrator."""
    return make_token(organization, admin_user)


@pytest.fixture
def api_client(client):
    client.raise_request_exception = True
    return client
