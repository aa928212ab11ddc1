"""Fuzzing the public procurement pages and OCDS downloads: never a server error."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.tests.fuzz import (
    FUZZ,
    HUGE,
    assert_no_server_error,
    fuzz_client,
    query_params,
)

from .factories import ProcurementFactory

pytestmark = pytest.mark.django_db

KEYS = ["page", "q", "year", "month", "method", "budget_category", "status"]
PATHS = [
    "",
    "plan/",
    "monthly/",
    "download/ocds-release/",
    "download/ocds-record/",
    "download/register-csv/",
    "download/ita-csv/",
]


@pytest.fixture
def web(organization):
    ProcurementFactory.create_batch(3, organization=organization)
    return fuzz_client()


@FUZZ
@given(path=st.sampled_from(PATHS), params=query_params(KEYS))
def test_any_parameters(web, organization, path, params):
    response = web.get(f"/{organization.slug}/procurement/{path}", params)
    assert_no_server_error(response)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "params",
    [
        {"page": HUGE},
        {"page": "-1"},
        {"page": "abc"},
        {"year": HUGE},
        {"year": str(10**30), "month": "13"},
        {"year": "2568", "month": HUGE},
    ],
)
def test_huge_numbers(web, organization, path, params):
    response = web.get(f"/{organization.slug}/procurement/{path}", params)
    assert response.status_code in (200, 404)
