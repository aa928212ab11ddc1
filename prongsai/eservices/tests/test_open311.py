"""Open311 GeoReport v2: discovery, definitions, requests in JSON and XML."""

import json
from xml.etree import ElementTree as ET

import pytest

from prongsai.eservices import services, services_workflow
from prongsai.eservices.models import ServiceRequest, Status
from prongsai.eservices.tests.factories import ServiceFactory, file_request

pytestmark = pytest.mark.django_db

BASE = "/api/open311/v2/"
FORM = [
    {
        "code": "problem",
        "label": "อาการ",
        "type": "choice",
        "required": True,
        "choices": ["ไฟดับ", "ไฟกะพริบ"],
    },
    {"code": "photo", "label": "ภาพ", "type": "file"},
    {"code": "location", "label": "ตำแหน่ง", "type": "location", "required": True},
]


def _xml(response):
    return ET.fromstring(response.content)  # noqa: S314 - our own server's output


@pytest.fixture
def service(organization):
    return ServiceFactory(
        organization=organization, code="street-light", name="แจ้งซ่อมไฟฟ้า", form=FORM
    )


@pytest.fixture
def api_key(organization):
    return services.eservice_settings_issue_api_key(
        actor=None, organization=organization
    )


def test_services_json_and_xml(client, service):
    response = client.get(BASE + "services.json", {"jurisdiction_id": "bandong"})
    assert response.status_code == 200
    rows = response.json()
    assert rows[0]["service_code"] == "street-light"
    assert rows[0]["metadata"] is True
    response = client.get(BASE + "services.xml", {"jurisdiction_id": "bandong"})
    root = _xml(response)
    assert root.tag == "services"
    assert root.find("service/service_name").text == "แจ้งซ่อมไฟฟ้า"


def test_jurisdiction_is_required_and_must_exist(client, service):
    response = client.get(BASE + "services.json")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400
    response = client.get(BASE + "services.xml", {"jurisdiction_id": "nowhere"})
    assert response.status_code == 404
    assert _xml(response).tag == "errors"


def test_service_definition_lists_attributes(client, service):
    response = client.get(
        BASE + "services/street-light.json", {"jurisdiction_id": "bandong"}
    )
    data = response.json()
    problem = data["attributes"][0]
    assert problem["datatype"] == "singlevaluelist"
    assert problem["values"][0] == {"key": "ไฟดับ", "name": "ไฟดับ"}
    xml = client.get(BASE + "services/street-light.xml", {"jurisdiction_id": "bandong"})
    root = _xml(xml)
    assert root.find("service_code").text == "street-light"
    assert len(root.findall("attributes/attribute")) == 3
    missing = client.get(BASE + "services/none.json", {"jurisdiction_id": "bandong"})
    assert missing.status_code == 404


def test_post_needs_a_valid_api_key(client, service, api_key):
    data = {
        "jurisdiction_id": "bandong",
        "service_code": "street-light",
        "lat": "16.43",
        "long": "102.81",
        "attribute[problem]": "ไฟดับ",
    }
    assert client.post(BASE + "requests.json", data).status_code == 403
    data["api_key"] = "wrong"
    assert client.post(BASE + "requests.json", data).status_code == 403
    assert ServiceRequest.objects.count() == 0


def test_post_creates_a_request_without_leaking_the_tracking_code_publicly(
    client, service, api_key
):
    response = client.post(
        BASE + "requests.json",
        {
            "jurisdiction_id": "bandong",
            "api_key": api_key,
            "service_code": "street-light",
            "lat": "16.43",
            "long": "102.81",
            "attribute[problem]": "ไฟดับ",
            "description": "หน้าวัด",
            "first_name": "สมชาย",
            "email": "somchai@example.org",
        },
    )
    assert response.status_code == 201
    created = response.json()[0]
    filed = ServiceRequest.objects.get()
    assert created["service_request_id"] == str(filed.pk)
    assert filed.tracking_code in created["service_notice"]
    assert filed.channel == "open311"
    assert filed.answers["problem"] == "ไฟดับ"
    listed = client.get(BASE + "requests.json", {"jurisdiction_id": "bandong"}).json()
    assert listed[0]["service_request_id"] == str(filed.pk)
    assert listed[0]["status"] == "open"
    assert listed[0]["lat"] == pytest.approx(16.43)
    text = json.dumps(listed, ensure_ascii=False)
    assert filed.tracking_code not in text
    assert "สมชาย" not in text and "somchai" not in text


def test_post_with_a_bad_attribute_says_which(client, service, api_key):
    response = client.post(
        BASE + "requests.xml",
        {
            "jurisdiction_id": "bandong",
            "api_key": api_key,
            "service_code": "street-light",
            "lat": "16.43",
            "long": "102.81",
            "attribute[problem]": "ระเบิด",
        },
    )
    assert response.status_code == 400
    assert "อาการ" in _xml(response).find("error/description").text
    response = client.post(
        BASE + "requests.json",
        {
            "jurisdiction_id": "bandong",
            "api_key": api_key,
            "service_code": "street-light",
            "attribute[problem]": "ไฟดับ",
        },
    )
    assert response.status_code == 400  # no location
    assert ServiceRequest.objects.count() == 0


def test_requests_filters_and_single_request(client, organization, service):
    other = ServiceFactory(
        organization=organization, code="water", location_public=False
    )
    lamp = file_request(service)
    water = file_request(other)
    services_workflow.request_transition(
        actor=None, request=lamp, to_status=Status.IN_PROGRESS
    )
    services_workflow.request_transition(
        actor=None, request=lamp, to_status=Status.COMPLETED
    )
    q = {"jurisdiction_id": "bandong"}
    closed = client.get(BASE + "requests.json", q | {"status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == [str(lamp.pk)]
    by_code = client.get(BASE + "requests.json", q | {"service_code": "water"}).json()
    assert [r["service_request_id"] for r in by_code] == [str(water.pk)]
    assert by_code[0]["lat"] is None  # homes are not published
    one = client.get(BASE + f"requests/{water.pk}.xml", q)
    root = _xml(one)
    assert root.find("request/service_code").text == "water"
    assert client.get(BASE + "requests/999999.json", q).status_code == 404
    bad = client.get(BASE + "requests.json", q | {"start_date": "yesterday"})
    assert bad.status_code == 400


def test_requests_of_another_jurisdiction_are_not_found(
    client, service, other_organization
):
    filed = file_request(service)
    response = client.get(
        BASE + f"requests/{filed.pk}.json", {"jurisdiction_id": other_organization.slug}
    )
    assert response.status_code == 404
    listed = client.get(
        BASE + "requests.json", {"jurisdiction_id": other_organization.slug}
    ).json()
    assert listed == []
