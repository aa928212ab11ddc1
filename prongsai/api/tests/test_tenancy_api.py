"""Every API route of an organisation hides other organisations' objects
behind a 404, for tokens as for readers (the API's share of
``core/tests/test_tenancy.py``, which walks only ``<org>/...`` pages)."""

import pytest
from django.urls import get_resolver, reverse

from prongsai.core.testing import _walk

from .conftest import bearer, make_token
from .tenancy import ROUTE_OBJECTS
from .test_writes import NEW

pytestmark = pytest.mark.django_db

PREFIX = "api/v1/<org>/"
#: A valid body for each write, so that only the organisation decides.
BODIES = {
    "api-v1:procurement_create": NEW,
    "api-v1:procurement_update": {"title": "แก้ไข"},
    "api-v1:request_status": {"to_status": "accepted", "jump_reason": "ด่วน"},
}


def _routes():
    return [
        (name, tuple(p for p in params if p != "org"))
        for name, route, params in _walk(get_resolver().url_patterns)
        if route.startswith(PREFIX)
    ]


def _url(name, params, slug, owner):
    kwargs = {"org": slug}
    if params:
        kwargs.update(ROUTE_OBJECTS[name](owner))
    return reverse(name, kwargs=kwargs)


def _statuses(client, url, name, raw, methods=("get", "post", "patch")):
    body = BODIES.get(name, {})
    return {
        method: getattr(client, method)(
            url, body, content_type="application/json", **bearer(raw)
        ).status_code
        for method in methods
    }


def test_the_api_routes_are_found_and_have_builders():
    names = {name for name, _params in _routes()}
    assert {"api-v1:procurement_list", "api-v1:request_status"} <= names
    assert [n for n, params in _routes() if params and n not in ROUTE_OBJECTS] == []


def test_a_token_is_404_on_every_write_of_another_organisation(
    client, organization, other_organization
):
    """Reads are public for everyone; writes belong to the token's organisation."""
    _token, raw = make_token(organization)
    for name, params in _routes():
        url = _url(name, params, other_organization.slug, other_organization)
        statuses = _statuses(client, url, name, raw, methods=("post", "patch"))
        assert set(statuses.values()) <= {404, 405}, (name, statuses)


def test_other_organisations_objects_are_404_under_own_organisation(
    client, organization, other_organization
):
    _token, raw = make_token(organization)
    for name, params in _routes():
        if not params:
            continue
        url = _url(name, params, organization.slug, other_organization)
        statuses = _statuses(client, url, name, raw)
        assert set(statuses.values()) <= {404, 405}, (name, statuses)


def test_the_same_routes_answer_for_own_objects(client, organization):
    _token, raw = make_token(organization)
    for name, params in _routes():
        url = _url(name, params, organization.slug, organization)
        statuses = _statuses(client, url, name, raw)
        assert any(s not in (404, 405) and s < 500 for s in statuses.values()), (
            name,
            statuses,
        )
