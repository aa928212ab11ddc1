"""Fuzzing Open311 GeoReport v2: any parameters or form, never a server error."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.tests.fuzz import (
    FUZZ,
    VALUES,
    assert_no_server_error,
    fuzz_client,
    query_params,
)

from .test_open311 import BASE, api_key, service  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

KEYS = [
    "page",
    "page_size",
    "start_date",
    "end_date",
    "status",
    "service_code",
    "service_request_id",
]
FORM_KEYS = [
    "service_code",
    "lat",
    "long",
    "address_string",
    "description",
    "media_url",
    "first_name",
    "last_name",
    "phone",
    "email",
    "attribute[problem]",
    "attribute[photo]",
    "attribute[location]",
]
PATHS = [
    "services.json",
    "services.xml",
    "requests.json",
    "requests.xml",
    "services/street-light.json",
    "services/street-light.xml",
    "requests/1.json",
    "requests/abc.xml",
]


@pytest.fixture
def api(service):  # noqa: F811
    return fuzz_client()


@FUZZ
@given(path=st.sampled_from(PATHS), params=query_params(KEYS))
def test_get_with_any_parameters(api, organization, path, params):
    params = {**params, "jurisdiction_id": organization.slug}
    response = api.get(BASE + path, params)
    assert_no_server_error(response)


@FUZZ
@given(
    fmt=st.sampled_from(["json", "xml"]),
    form=st.dictionaries(
        st.sampled_from(FORM_KEYS),
        st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3)),
    ),
)
def test_post_with_any_form(api, organization, api_key, fmt, form):  # noqa: F811
    form = {
        **form,
        "jurisdiction_id": organization.slug,
        "api_key": api_key,
        "service_code": "street-light",
    }
    response = api.post(f"{BASE}requests.{fmt}", form)
    assert_no_server_error(response)


@pytest.mark.parametrize(
    "params",
    [
        {"page": "9" * 400},
        {"page": str(10**30)},
        {"page": "-3", "page_size": "9" * 30},
        {"page_size": str(2**64)},
        {"page": "abc"},
    ],
)
def test_huge_pages_are_refused_or_empty(api, organization, params):
    response = api.get(
        BASE + "requests.json", {"jurisdiction_id": organization.slug, **params}
    )
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "page" in response.json()[0]["description"]


@pytest.mark.parametrize(("lat", "lng"), [("nan", "100"), ("inf", "100"), ("91", "0")])
def test_coordinates_off_the_globe_are_refused(
    api,
    organization,
    api_key,  # noqa: F811
    lat,
    lng,
):
    response = api.post(
        BASE + "requests.json",
        {
            "jurisdiction_id": organization.slug,
            "api_key": api_key,
            "service_code": "street-light",
            "attribute[problem]": "ไฟดับ",
            "lat": lat,
            "long": lng,
        },
    )
    assert response.status_code == 400
    assert "lat" in response.json()[0]["description"]
