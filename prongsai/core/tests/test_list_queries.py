"""No list page asks the database once per row (issue #21).

Each list page is read with one row of its kind and again with four: a query
asked once a row would add three. Rows are made by the same builders the
tenancy test uses (each app's ``tests/tenancy.py``), one call a row.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prongsai.core.testing import route_object_builders
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

# (the list page, the builder of the kind of row it lists)
LISTS = [
    ("complaints-staff:case-list", "complaints-staff:case"),
    ("complaints-staff:confidential-list", "complaints-staff:confidential-case"),
    ("eservices-staff:queue", "eservices-staff:request-detail"),
    ("eservices-public:catalogue", "eservices-public:service-detail"),
    ("procurement-staff:list", "procurement-staff:detail"),
    ("procurement-public:list", "procurement-public:detail"),
    ("opendata-public:catalogue", "opendata-public:dataset-detail"),
    ("plans-staff:plan-list", "plans-staff:plan-detail"),
    ("plans-public:plan-list", "plans-public:plan-detail"),
    ("risks-staff:risk-assessment-list", "risks-staff:risk-assessment-detail"),
    ("integrity-staff:asset-list", "integrity-staff:asset-detail"),
    ("integrity-staff:loan-list", "integrity-staff:loan-detail"),
    ("budget-staff:plan-list", "budget-staff:plan-detail"),
    ("surveys-staff:survey-list", "surveys-staff:survey-detail"),
    ("sitecontent-staff:index", "sitecontent-staff:news-edit"),
    ("portal-public:home", "portal-public:news-detail"),
    ("ita-staff:index", "ita-staff:analysis"),
    ("oit-staff:index", "oit-staff:checklist"),
]


@pytest.fixture
def insider(organization):
    """A member holding every role, with MFA set up."""
    from prongsai.accounts.tests.factories import UserFactory

    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(Role.values))
    return user


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize(("page", "builder"), LISTS, ids=[p for p, _b in LISTS])
def test_a_list_page_asks_the_same_number_of_queries_for_more_rows(
    client, insider, organization, page, builder
):
    build = route_object_builders()[builder]
    client.force_login(insider)
    url = reverse(page, kwargs={"org": organization.slug})
    build(organization)
    _queries(client, url)  # the first request fills per-process caches
    one = _queries(client, url)
    for _ in range(3):
        build(organization)
    four = _queries(client, url)
    # A query a row would add three; a page may add one (e.g. a pager).
    assert len(four) - len(one) < 3, [*_repeated(four), f"{len(one)} -> {len(four)}"]


def _repeated(queries: list[str]) -> list[str]:
    """The queries asked more than once (the ones per row), shortened."""
    seen: dict[str, int] = {}
    for sql in queries:
        short = sql.split(" FROM ", 1)[-1][:200]
        seen[short] = seen.get(short, 0) + 1
    return [sql for sql, count in seen.items() if count > 1]
