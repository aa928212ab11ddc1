"""Fuzzing the CKAN Action API: any parameters or body, never a server error."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.tests.fuzz import (
    FUZZ,
    assert_no_server_error,
    fuzz_client,
    json_values,
    query_params,
)
from prongsai.opendata.api import ACTIONS
from prongsai.opendata.tests.providers import TEST_KEY

pytestmark = pytest.mark.django_db

NAMES = sorted(ACTIONS)
KEYS = [
    "limit",
    "offset",
    "rows",
    "start",
    "q",
    "fq",
    "sort",
    "id",
    "resource_id",
    "filters",
    "fields",
    "facet.field",
    "facet.limit",
    "all_fields",
    "include_datasets",
    "name",
    "query",
    "vocabulary_id",
    "facet",
]

# Pieces of Solr's query language, put together at random into q and fq.
FIELDS = st.sampled_from(
    [
        "name",
        "title",
        "notes",
        "text",
        "tags",
        "organization",
        "owner_org",
        "id",
        "res_format",
        "license_id",
        "fiscal_year",
        "metadata_modified",
        "metadata_created",
        "groups",
        "state",
        "capacity",
        "colour",
        "*",
    ]
)
BOUNDS = st.one_of(
    st.sampled_from(
        [
            "*",
            "NOW",
            "NOW-1DAY/DAY",
            "NOW+99999999999YEARS",
            "NOW/FORTNIGHT",
            "2024-01-01T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "9999-12-31T23:59:59.999999Z+1YEAR",
            "0001-01-01",
            "2567",
            "99999",
            "๒๕๖๘",
            '"2024-01-01"',
        ]
    ),
    st.text(max_size=8),
)
RANGES = st.builds(
    lambda open_, low, high, close: f"{open_}{low} TO {high}{close}",
    st.sampled_from("[{"),
    BOUNDS,
    BOUNDS,
    st.sampled_from("]}"),
)
VALUES = st.one_of(
    st.sampled_from(["บ้านดง", "2567", "สขร*", "*", "CSV", "a\\x00", '""']),
    st.text(max_size=12),
    RANGES,
    st.builds(lambda t: f'"{t}"', st.text(max_size=12)),
)
CLAUSES = st.one_of(
    VALUES,
    st.builds(lambda f, v: f"{f}:{v}", FIELDS, VALUES),
    st.builds(lambda f, a, b: f"{f}:({a} OR {b})", FIELDS, VALUES, VALUES),
)
PIECES = st.one_of(
    CLAUSES,
    st.sampled_from(["OR", "AND", "NOT", "||", "&&", "-", "+", "!", "(", ")", ":"]),
)
QUERIES = st.one_of(
    st.lists(PIECES, max_size=12).map(" ".join),
    st.lists(PIECES, max_size=12).map("".join),
    st.just("(" * 500 + "a" + ")" * 500),
    st.just(" OR ".join(["a"] * 300)),
)


@pytest.fixture
def api(published):
    return fuzz_client()


@FUZZ
@given(params=query_params(KEYS))
def test_datastore_search_of_a_real_resource(api, params):
    params = {**params, "resource_id": f"bandong-{TEST_KEY}-2568"}
    response = api.get("/api/3/action/datastore_search", params)
    assert_no_server_error(response)


@FUZZ
@given(name=st.sampled_from(NAMES), params=query_params(KEYS))
def test_get_with_any_parameters(api, name, params):
    response = api.get(f"/api/3/action/{name}", params)
    assert_no_server_error(response)
    assert response.status_code in (200, 400, 404, 409)
    assert response.json()["success"] is (response.status_code == 200)


@FUZZ
@given(
    name=st.sampled_from(NAMES),
    body=st.one_of(
        st.fixed_dictionaries({}, optional={key: json_values() for key in KEYS}),
        json_values(),
    ),
)
def test_post_with_any_json_body(api, name, body):
    response = api.post(
        f"/api/action/{name}", json.dumps(body), content_type="application/json"
    )
    assert_no_server_error(response)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "9" * 400},
        {"offset": "9" * 400},
        {"offset": str(10**30)},
        {"rows": "-5"},
        {"start": str(2**63)},
        {"limit": "1e400"},
        {"limit": ["1", "2"]},
    ],
)
@pytest.mark.parametrize(
    "name", ["package_list", "package_search", "current_package_list_with_resources"]
)
def test_huge_numbers_are_a_validation_error(api, name, params):
    response = api.get(f"/api/3/action/{name}", params)
    assert response.status_code in (200, 409)
    if response.status_code == 409:
        assert response.json()["error"]["__type"] == "Validation Error"


@pytest.mark.parametrize("number", ["1e400", "Infinity", "NaN", "9" * 400])
def test_json_numbers_that_are_not_integers(api, number):
    body = f'{{"limit": {number}, "offset": {number}}}'
    response = api.post(
        "/api/3/action/package_list", body, content_type="application/json"
    )
    assert response.status_code == 409


def test_nul_in_a_json_body_is_refused(api):
    response = api.post(
        "/api/3/action/package_search",
        json.dumps({"q": "ถนน\x00"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["__type"] == "Bad Request"


@pytest.mark.parametrize("depth", [100, 900, 5000])
def test_deeply_nested_json_is_not_a_server_error(api, depth):
    body = '{"q": ' + '{"a": ' * depth + '"x"' + "}" * depth + "}"
    response = api.post(
        "/api/3/action/package_search", body, content_type="application/json"
    )
    assert response.status_code in (200, 400, 409)


def test_deeply_nested_json_in_query_parameters(api, published):
    deep = "[" * 3000 + "]" * 3000
    response = api.get("/api/3/action/package_search", {"facet.field": deep})
    assert response.status_code == 200
    response = api.get(
        "/api/3/action/datastore_search",
        {"resource_id": f"bandong-{TEST_KEY}-2568", "filters": deep},
    )
    assert response.status_code == 409


@FUZZ
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            key: json_values()
            for key in ["fields", "filters", "sort", "q", "limit", "offset"]
        },
    )
)
def test_datastore_search_any_json_body(api, body):
    body = {**body, "resource_id": f"bandong-{TEST_KEY}-2568"}
    response = api.post(
        "/api/3/action/datastore_search",
        json.dumps(body),
        content_type="application/json",
    )
    assert_no_server_error(response)


@pytest.mark.parametrize(
    "extra",
    [{"fields": 5}, {"fields": {"a": 1}}, {"fields": [["x"]]}, {"filters": [1]}],
)
def test_datastore_search_wrong_types_are_validation_errors(api, extra):
    body = {"resource_id": f"bandong-{TEST_KEY}-2568", **extra}
    response = api.post(
        "/api/3/action/datastore_search",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 409


@FUZZ
@given(q=QUERIES, fq=QUERIES, sort=st.sampled_from(["", "id asc", "name up"]))
def test_search_with_any_query_syntax(api, q, fq, sort):
    params = {"q": q, "fq": fq, "sort": sort, "facet.field": '["organization"]'}
    response = api.get("/api/3/action/package_search", params)
    assert_no_server_error(response)
    assert response.status_code in (200, 400, 409)
    body = response.json()
    if response.status_code == 400:
        assert body["error"]["__type"] in {"Search Query Error", "Bad Request"}


@FUZZ
@given(q=QUERIES)
def test_post_search_with_any_query_syntax(api, q):
    response = api.post(
        "/api/action/package_search",
        json.dumps({"q": q, "fq": q, "rows": 2}),
        content_type="application/json",
    )
    assert_no_server_error(response)


@FUZZ
@given(
    name=st.sampled_from(["resource_show", "tag_list", "license_list"]),
    params=query_params(["id", "query", "q", "all_fields", "vocabulary_id"]),
)
def test_new_actions_with_any_parameters(api, name, params):
    response = api.get(f"/api/3/action/{name}", params)
    assert_no_server_error(response)
    assert response.status_code in (200, 400, 404, 409)
