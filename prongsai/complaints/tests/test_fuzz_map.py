"""Fuzzing the public map, its GeoJSON and the complaints in Open311: any
query parameters, never a server error."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.complaints.models import Status
from prongsai.core.tests.fuzz import (
    FUZZ,
    HUGE,
    assert_no_server_error,
    fuzz_client,
    query_params,
)

from .map_data import category, public_case

pytestmark = pytest.mark.django_db

KEYS = ["category", "status", "period", "page", "q"]
PATHS = ["map/", "map.geojson"]
OPEN311_KEYS = [
    "service_code",
    "service_request_id",
    "status",
    "start_date",
    "end_date",
    "page",
    "page_size",
]
OPEN311_PATHS = [
    "requests.json",
    "requests.xml",
    "requests/C2569-0001.json",
    "requests/c2569-0001.xml",
    "services.json",
]


@pytest.fixture
def web(organization):
    lights = category(organization)
    public_case(organization, reference="C2569-0001", category=lights)
    public_case(organization, reference="C2569-0002", status=Status.RESOLVED)
    public_case(organization, reference="C2569-0003", latitude=None, longitude=None)
    return fuzz_client()


@FUZZ
@given(path=st.sampled_from(PATHS), params=query_params(KEYS))
def test_map_with_any_parameters(web, organization, path, params):
    response = web.get(f"/{organization.slug}/complaints/{path}", params)
    assert_no_server_error(response)
    assert response.status_code in (200, 400)  # 400: a NUL (the middleware)


@FUZZ
@given(path=st.sampled_from(OPEN311_PATHS), params=query_params(OPEN311_KEYS))
def test_open311_with_complaints_and_any_parameters(web, organization, path, params):
    params = {**params, "jurisdiction_id": organization.slug}
    response = web.get("/api/open311/v2/" + path, params)
    assert_no_server_error(response)


@pytest.mark.parametrize(
    "params",
    [
        {"category": HUGE},
        {"category": "-1"},
        {"category": str(2**64)},
        {"period": HUGE},
        {"period": "-7"},
        {"status": "\u202e"},
        {"category": ["1", "2"], "status": ["open", "resolved"]},
    ],
)
@pytest.mark.parametrize("path", PATHS)
def test_huge_and_repeated_filters(web, organization, path, params):
    response = web.get(f"/{organization.slug}/complaints/{path}", params)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "code",
    [
        "complaints_" + HUGE,
        "complaints_-1",
        "complaints_",
        "complaints_other,complaints_1,street-light",
        "complaints_1_2",
    ],
)
def test_odd_complaint_service_codes(web, organization, code):
    response = web.get(
        "/api/open311/v2/requests.json",
        {"jurisdiction_id": organization.slug, "service_code": code},
    )
    assert response.status_code == 200
