"""Every error of the API is JSON with a Thai ``detail`` and a ``code``;
``/api/v1/`` answers the index of the endpoints with Thai descriptions."""

from unittest import mock

import pytest

from prongsai.api import endpoints_read
from prongsai.api.endpoints_index import DESCRIPTIONS, api_routes
from prongsai.api.tests.conftest import bearer

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def _thai(text: str) -> bool:
    return any("\u0e00" <= char <= "\u0e7f" for char in text)


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert _thai(body["detail"]), body["detail"]
    return body


def test_the_root_is_an_index_of_every_endpoint_in_thai(client):
    response = client.get(f"{V1}/")
    assert response.status_code == 200
    body = response.json()
    assert body["openapi"] == "/api/v1/openapi.json"
    assert body["documentation"] == "/api/docs"
    assert _thai(body["detail"])
    listed = {(item["method"], item["path"]) for item in body["endpoints"]}
    assert ("GET", "/api/v1/organizations") in listed
    assert ("PATCH", "/api/v1/{org}/procurements/{procurement_id}") in listed
    assert all(_thai(item["description"]) for item in body["endpoints"])


def test_every_route_of_the_schema_has_a_description():
    """A new endpoint without a line in DESCRIPTIONS fails here."""
    routes = set(api_routes())
    assert routes == set(DESCRIPTIONS)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/organizations", ["GET"]),
        ("put", "/bandong/procurements", ["GET", "POST"]),
        ("post", "/", ["GET"]),
    ],
)
def test_a_wrong_method_is_a_405_in_thai_naming_the_methods(
    client, organization, method, path, allowed
):
    response = getattr(client, method)(f"{V1}{path}")
    body = _error(response, 405, "method_not_allowed")
    assert body["allowed"] == allowed
    assert response["Allow"] == ", ".join(allowed)


@pytest.mark.parametrize("path", ["/nothing", "/bandong/nothing/here", "/a/b/c/d/e"])
def test_an_unknown_path_is_a_404_in_thai(client, organization, path):
    _error(client.get(f"{V1}{path}"), 404, "not_found")
    _error(client.post(f"{V1}{path}", {}), 404, "not_found")


def test_an_unknown_record_is_a_404_in_thai(client, organization):
    _error(client.get(f"{V1}/organizations/nobody"), 404, "not_found")


def test_no_token_is_a_401_and_a_missing_scope_a_403(client, organization, admin_user):
    from prongsai.api.tests.conftest import make_token

    _, raw = make_token(organization, admin_user, scopes=["eservices:write"])
    _error(
        client.post(f"{V1}/bandong/procurements", {}, content_type="application/json"),
        401,
        "not_authenticated",
    )
    response = client.patch(
        f"{V1}/bandong/procurements/1",
        {},
        content_type="application/json",
        **bearer(raw),
    )
    _error(response, 403, "forbidden")


def test_a_bad_value_is_a_422_naming_the_field(client, organization):
    body = _error(client.get(f"{V1}/organizations?limit=abc"), 422, "invalid")
    assert body["field"] == "limit"


def test_over_the_limit_is_a_429_in_thai(client, organization, settings):
    settings.PRONGSAI_API_READS_PER_MINUTE = 1
    client.get(f"{V1}/organizations")
    response = client.get(f"{V1}/organizations")
    _error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) > 0


def test_a_refusal_raised_deep_inside_is_a_json_4xx(client, organization):
    from django.core.exceptions import PermissionDenied, SuspiciousOperation

    with mock.patch.object(
        endpoints_read, "organization_list_public", side_effect=PermissionDenied
    ):
        _error(client.get(f"{V1}/organizations"), 403, "forbidden")
    with mock.patch.object(
        endpoints_read, "organization_list_public", side_effect=SuspiciousOperation
    ):
        _error(client.get(f"{V1}/organizations"), 400, "bad_request")


def test_a_crash_is_a_logged_500_in_thai_never_a_page(client, organization, caplog):
    with mock.patch.object(
        endpoints_read, "organization_list_public", side_effect=RuntimeError("boom")
    ):
        response = client.get(f"{V1}/organizations")
    body = _error(response, 500, "server_error")
    assert "boom" not in body["detail"]
    assert "API error on GET /api/v1/organizations" in caplog.text
