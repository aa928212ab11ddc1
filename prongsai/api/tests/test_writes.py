"""Token writes: through the apps' services, audited, scoped to the token's
organisation, refused in Thai."""

import pytest

from prongsai.api.models import Scope
from prongsai.api.services import api_token_revoke
from prongsai.core.models import AuditEvent
from prongsai.eservices.models import Status
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.procurement.models import Procurement
from prongsai.procurement.tests.factories import ProcurementFactory

from .conftest import bearer, make_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/bandong/procurements"
NEW = {
    "fiscal_year": 2568,
    "procured_on": "2024-11-15",
    "title": "จัดซื้อวัสดุสำนักงาน",
    "procurement_type": "purchase",
    "method": "specific",
    "budget_category": "operating",
    "budget_amount": "20000.00",
    "agreed_price": "19500.00",
    "supplier_name": "ร้านเจริญพาณิชย์",
    "bids": [{"name": "ร้านเจริญพาณิชย์", "price": "19500.00"}],
}


def _thai(text: str) -> bool:
    return any("\u0e00" <= char <= "\u0e7f" for char in text)


def _post(client, url, data, raw):
    return client.post(url, data, content_type="application/json", **bearer(raw))


def _patch(client, url, data, raw):
    return client.patch(url, data, content_type="application/json", **bearer(raw))


def test_a_procurement_is_created_through_the_service(api_client, organization, token):
    made, raw = token
    response = _post(api_client, URL, NEW, raw)
    assert response.status_code == 201, response.json()
    body = response.json()
    record = Procurement.objects.for_organization(organization).get(pk=body["id"])
    assert record.title == "จัดซื้อวัสดุสำนักงาน"
    assert record.supplier.name == "ร้านเจริญพาณิชย์"
    assert body["number_of_bidders"] == 1
    assert record.sources["title"]["kind"] == "feed"
    assert made.name in record.sources["title"]["source"]
    event = AuditEvent.objects.get(action="procurement.create")
    assert event.actor == made.created_by
    made.refresh_from_db()
    assert made.last_used_at is not None


def test_a_procurement_is_changed_through_the_service(api_client, organization, token):
    _made, raw = token
    record = ProcurementFactory(organization=organization)
    response = _patch(
        api_client, f"{URL}/{record.pk}", {"contract_number": "12/2568"}, raw
    )
    assert response.status_code == 200, response.json()
    record.refresh_from_db()
    assert record.contract_number == "12/2568"
    assert record.title  # fields left out are kept
    event = AuditEvent.objects.get(action="procurement.update")
    assert set(event.changes) == {"contract_number"}


def test_null_keeps_a_required_field(api_client, organization, token):
    _made, raw = token
    record = ProcurementFactory(organization=organization)
    response = _patch(api_client, f"{URL}/{record.pk}", {"title": None}, raw)
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.title


def test_a_broken_rule_is_400_in_thai_with_the_field(api_client, organization, token):
    _made, raw = token
    ProcurementFactory(organization=organization, egp_project_number="67119000001")
    response = _post(api_client, URL, {**NEW, "egp_project_number": "67119000001"}, raw)
    assert response.status_code == 400
    body = response.json()
    assert _thai(body["detail"])
    assert body["field"] == "egp_project_number"


@pytest.mark.parametrize(
    "change",
    [
        {"method": "by_lottery"},
        {"budget_amount": "-5"},
        {"budget_amount": "1e400"},
        {"fiscal_year": 99999999999999999999},
        {"procured_on": "15/11/2567"},
        {"title": "a\x00b"},
        {"title": "ก" * 600},
    ],
)
def test_bad_fields_are_422_in_thai(api_client, organization, token, change):
    _made, raw = token
    response = _post(api_client, URL, {**NEW, **change}, raw)
    assert response.status_code == 422
    body = response.json()
    assert _thai(body["detail"])
    assert body["field"] == next(iter(change))
    assert not Procurement.objects.for_organization(organization).exists()


def test_a_body_that_is_not_json_is_refused_in_thai(api_client, organization, token):
    _made, raw = token
    response = api_client.post(
        URL, "{not json", content_type="application/json", **bearer(raw)
    )
    assert 400 <= response.status_code < 500
    assert _thai(response.json()["detail"])


@pytest.mark.parametrize(
    "headers",
    [{}, bearer("x" * 40), {"HTTP_AUTHORIZATION": "Basic abc"}],
)
def test_writes_need_a_valid_token(api_client, organization, headers):
    response = api_client.post(URL, NEW, content_type="application/json", **headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert _thai(response.json()["detail"])


def test_a_revoked_token_no_longer_works(api_client, organization, token):
    made, raw = token
    api_token_revoke(actor=None, token=made)
    assert _post(api_client, URL, NEW, raw).status_code == 401


def test_another_organisations_token_is_404(
    api_client, organization, other_organization
):
    _made, raw = make_token(other_organization)
    record = ProcurementFactory(organization=organization)
    assert _post(api_client, URL, NEW, raw).status_code == 404
    assert (
        _patch(api_client, f"{URL}/{record.pk}", {"title": "x"}, raw).status_code == 404
    )
    assert (
        not Procurement.objects.for_organization(organization)
        .exclude(pk=record.pk)
        .exists()
    )


def test_another_organisations_record_is_404(
    api_client, organization, other_organization, token
):
    _made, raw = token
    foreign = ProcurementFactory(organization=other_organization)
    response = _patch(api_client, f"{URL}/{foreign.pk}", {"title": "x"}, raw)
    assert response.status_code == 404


def test_a_token_without_the_scope_is_403(api_client, organization):
    _made, raw = make_token(organization, scopes=[Scope.ESERVICES_WRITE])
    response = _post(api_client, URL, NEW, raw)
    assert response.status_code == 403
    assert _thai(response.json()["detail"])


def test_writes_are_limited_per_token(api_client, organization, token, settings):
    settings.PRONGSAI_API_WRITES_PER_MINUTE = 2
    _made, raw = token
    _other, second = make_token(organization, name="อีกระบบ")
    statuses = [
        _patch(api_client, f"{URL}/999999", {}, raw).status_code for _ in range(3)
    ]
    assert statuses == [404, 404, 429]
    assert _patch(api_client, f"{URL}/999999", {}, second).status_code == 404


# --- E-Service request status --------------------------------------------------


@pytest.fixture
def service_request(organization):
    return file_request(ServiceFactory(organization=organization))


def _status_url(code):
    return f"/api/v1/bandong/eservices/requests/{code}/status"


def test_a_request_moves_through_the_workflow(api_client, token, service_request):
    made, raw = token
    url = _status_url(service_request.tracking_code)
    response = _post(api_client, url, {"to_status": "accepted"}, raw)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == Status.ACCEPTED
    service_request.refresh_from_db()
    assert service_request.status == Status.ACCEPTED
    event = AuditEvent.objects.get(action="eservice_request.transition")
    assert event.actor == made.created_by


def test_a_rejection_needs_a_reason(api_client, token, service_request):
    _made, raw = token
    url = _status_url(service_request.tracking_code)
    response = _post(api_client, url, {"to_status": "rejected"}, raw)
    assert response.status_code == 400
    assert _thai(response.json()["detail"])
    service_request.refresh_from_db()
    assert service_request.status == Status.RECEIVED
    response = _post(
        api_client, url, {"to_status": "rejected", "reason": "เอกสารไม่ครบ"}, raw
    )
    assert response.status_code == 200


def test_a_move_the_workflow_refuses_is_400(api_client, token, service_request):
    _made, raw = token
    url = _status_url(service_request.tracking_code)
    response = _post(api_client, url, {"to_status": "completed"}, raw)
    assert response.status_code == 400
    assert response.json()["field"] == "to_status"


def test_unknown_and_mistyped_codes_are_404(api_client, organization, token):
    _made, raw = token
    for code in ("AAAAAAAAAAAA", "nonsense", "K7M4QX9DPAT3"):
        response = _post(api_client, _status_url(code), {"to_status": "accepted"}, raw)
        assert response.status_code == 404


def test_status_needs_the_eservices_scope(api_client, organization, service_request):
    _made, raw = make_token(organization, scopes=[Scope.PROCUREMENT_WRITE])
    url = _status_url(service_request.tracking_code)
    assert _post(api_client, url, {"to_status": "accepted"}, raw).status_code == 403
