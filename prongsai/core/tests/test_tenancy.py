"""Every organisation route hides other organisations' objects behind a 404."""

import pytest
from django.urls import reverse

from prongsai.core.testing import (
    org_scoped_routes,
    route_object_builders,
    staff_route_names,
)
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def insider(organization):
    """A member of ``organization`` holding every role, with MFA set up."""
    from prongsai.accounts.tests.factories import UserFactory

    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(Role.values))
    return user


def _url(route, org_slug, owner):
    kwargs = {"org": org_slug}
    if route.params:
        kwargs.update(route_object_builders()[route.name](owner))
    return reverse(route.name, kwargs=kwargs)


def _statuses(client, url):
    return {
        method: getattr(client, method)(url).status_code for method in ("get", "post")
    }


def test_every_route_with_an_object_parameter_has_a_builder():
    """A new route taking an object id must register how to build one."""
    builders = route_object_builders()
    missing = [
        r.name for r in org_scoped_routes() if r.params and r.name not in builders
    ]
    assert missing == []


def test_routes_are_found():
    names = {r.name for r in org_scoped_routes()}
    assert {
        "portal-public:home",
        "organizations-staff:dashboard",
        "organizations-staff:member-edit",
    } <= names


def test_member_gets_404_for_every_back_office_route_of_another_organization(
    client, insider, other_organization
):
    client.force_login(insider)
    staff_names = staff_route_names()
    checked = 0
    for route in org_scoped_routes():
        if route.name not in staff_names:
            continue
        url = _url(route, other_organization.slug, other_organization)
        statuses = _statuses(client, url)
        assert set(statuses.values()) <= {404, 405}, (route.name, statuses)
        assert 404 in statuses.values(), (route.name, statuses)
        checked += 1
    assert checked >= 8


def test_other_organizations_objects_are_404_under_own_organization(
    client, insider, organization, other_organization
):
    client.force_login(insider)
    for route in org_scoped_routes():
        if not route.params:
            continue
        url = _url(route, organization.slug, other_organization)
        statuses = _statuses(client, url)
        assert set(statuses.values()) <= {404, 405}, (route.name, statuses)
        assert 404 in statuses.values(), (route.name, statuses)


def test_the_same_routes_answer_for_own_objects(client, insider, organization):
    """The denials above are not 404s for some unrelated reason."""
    client.force_login(insider)
    staff_names = staff_route_names()
    for route in org_scoped_routes():
        if route.name not in staff_names and not route.params:
            continue
        url = _url(route, organization.slug, organization)
        statuses = _statuses(client, url)
        assert any(s not in (404, 405) and s < 500 for s in statuses.values()), (
            route.name,
            statuses,
        )


def test_anonymous_visitor_gets_404_for_unknown_organization(client):
    assert client.get("/no-such-org/").status_code == 404
    assert client.get("/no-such-org/staff/").status_code == 302  # login first
