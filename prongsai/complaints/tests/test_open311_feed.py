"""Public complaint reports in the one Open311 GeoReport v2 API (read-only)."""

import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone

from prongsai.complaints.models import Status
from prongsai.core import open311
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.eservices.tests.test_open311 import BASE, FORM

from .factories import ConfidentialCaseFactory
from .map_data import category, public_case

pytestmark = pytest.mark.django_db

J = {"jurisdiction_id": "bandong"}


@pytest.fixture
def lights(organization):
    return category(organization)


def _xml(response):
    return ET.fromstring(response.content)  # noqa: S314 - our own server's output


def test_the_complaint_feed_is_registered():
    assert [f.prefix for f in open311.feeds()] == ["complaints"]
    assert open311.feed_for_code("complaints_3").prefix == "complaints"
    assert open311.feed_for_code("street-light") is None


def test_services_list_complaint_categories_as_read_only_realtime_services(
    client, organization, lights
):
    ServiceFactory(organization=organization, code="street-light", form=FORM)
    rows = client.get(BASE + "services.json", J).json()
    assert rows[0]["service_code"] == "street-light"
    complaint = {r["service_code"]: r for r in rows}[f"complaints_{lights.pk}"]
    assert complaint["service_name"] == "ไฟฟ้าส่องสว่างสาธารณะ"
    assert complaint["type"] == "realtime" and complaint["metadata"] is False
    assert complaint["group"] == "เรื่องร้องเรียน"
    assert "อ่านได้อย่างเดียว" in complaint["description"]
    assert "complaints_other" in {r["service_code"] for r in rows}
    root = _xml(client.get(BASE + "services.xml", J))
    codes = [e.text for e in root.findall("service/service_code")]
    assert f"complaints_{lights.pk}" in codes


def test_requests_show_public_reports_only_with_the_public_text(
    client, organization, other_organization, lights
):
    case = public_case(organization, reference="C2569-0007", category=lights)
    public_case(organization, reference="C2569-0008", public_text_reviewed_at=None)
    public_case(other_organization, reference="C2569-0009")
    ConfidentialCaseFactory(
        organization=organization,
        public_subject="เรียกรับเงิน",
        public_text_reviewed_at=timezone.now(),
    )
    response = client.get(BASE + "requests.json", J)
    assert response.status_code == 200
    (row,) = response.json()
    assert row == {
        "service_request_id": "C2569-0007",
        "status": "open",
        "status_notes": "กำลังดำเนินการ",
        "service_name": "ไฟฟ้าส่องสว่างสาธารณะ",
        "service_code": f"complaints_{lights.pk}",
        "description": "ไฟถนนดับ",
        "agency_responsible": "",
        "service_notice": "",
        "requested_datetime": timezone.localtime(case.received_at).isoformat(),
        "updated_datetime": timezone.localtime(case.updated_at).isoformat(),
        "expected_datetime": None,
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": 16.7561,
        "long": 102.6181,
        "media_url": "",
    }
    body = response.content.decode()
    for private in (case.tracking_code, case.description, case.complainant_phone):
        assert private not in body


def test_requests_xml_and_a_single_request(client, organization, lights):
    case = public_case(
        organization,
        reference="C2569-0007",
        category=lights,
        status=Status.RESOLVED,
    )
    root = _xml(client.get(BASE + "requests.xml", J))
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == "C2569-0007"
    assert root.find("request/status").text == "closed"
    assert root.find("request/lat").text == "16.7561"
    assert root.find("request/long").text == "102.6181"
    assert root.find("request/description").text == "ไฟถนนดับ"
    one = client.get(BASE + "requests/C2569-0007.json", J)
    assert one.status_code == 200
    assert one.json()[0]["updated_datetime"] == (
        timezone.localtime(case.closed_at).isoformat()
    )
    xml = _xml(client.get(BASE + "requests/C2569-0007.xml", J))
    assert xml.find("request/service_request_id").text == "C2569-0007"
    by_id = client.get(
        BASE + "requests.json", {**J, "service_request_id": "C2569-0007"}
    )
    assert [r["service_request_id"] for r in by_id.json()] == ["C2569-0007"]


@pytest.mark.parametrize(
    "path", ["C2569-0008", "R2569-0001", "C2569-0099", case_code := "ABCDEFGHJK7"]
)
def test_hidden_reports_and_tracking_codes_are_not_found(
    client, organization, lights, path
):
    public_case(
        organization,
        reference="C2569-0008",
        tracking_code=case_code,
        public_text_reviewed_at=None,
    )
    ConfidentialCaseFactory(
        organization=organization,
        reference="R2569-0001",
        public_subject="เรียกรับเงิน",
        public_text_reviewed_at=timezone.now(),
    )
    response = client.get(BASE + f"requests/{path}.json", J)
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404


def test_requests_merge_with_e_service_requests_newest_first_and_page(
    client, organization, lights
):
    service = ServiceFactory(organization=organization, code="street-light", form=FORM)
    now = timezone.now()
    older = file_request(service, answers={"problem": "ไฟดับ"})
    type(older).objects.filter(pk=older.pk).update(
        received_at=now - datetime.timedelta(days=2)
    )
    public_case(organization, reference="C2569-0001", category=lights)
    public_case(
        organization,
        reference="C2569-0002",
        received_at=now - datetime.timedelta(days=5),
    )
    rows = client.get(BASE + "requests.json", J).json()
    assert [r["service_request_id"] for r in rows] == [
        "C2569-0001",
        str(older.pk),
        "C2569-0002",
    ]
    page = client.get(BASE + "requests.json", {**J, "page_size": 1, "page": 2}).json()
    assert [r["service_request_id"] for r in page] == [str(older.pk)]
    only = client.get(
        BASE + "requests.json", {**J, "service_code": f"complaints_{lights.pk}"}
    ).json()
    assert [r["service_request_id"] for r in only] == ["C2569-0001"]
    other = client.get(
        BASE + "requests.json", {**J, "service_code": "complaints_other"}
    ).json()
    assert [r["service_request_id"] for r in other] == ["C2569-0002"]
    street = client.get(BASE + "requests.json", {**J, "service_code": "street-light"})
    assert [r["service_request_id"] for r in street.json()] == [str(older.pk)]


def test_status_and_date_filters(client, organization):
    now = timezone.now()
    public_case(organization, reference="C2569-0001")
    public_case(
        organization,
        reference="C2569-0002",
        status=Status.RESOLVED,
        received_at=now - datetime.timedelta(days=20),
    )
    closed = client.get(BASE + "requests.json", {**J, "status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == ["C2569-0002"]
    opened = client.get(BASE + "requests.json", {**J, "status": "open"}).json()
    assert [r["service_request_id"] for r in opened] == ["C2569-0001"]
    start = (now - datetime.timedelta(days=1)).isoformat()
    recent = client.get(BASE + "requests.json", {**J, "start_date": start}).json()
    assert [r["service_request_id"] for r in recent] == ["C2569-0001"]


def test_posting_to_a_complaint_service_is_refused_read_only(
    client, organization, lights
):
    from prongsai.eservices import services

    key = services.eservice_settings_issue_api_key(
        actor=None, organization=organization
    )
    response = client.post(
        BASE + "requests.json",
        {
            **J,
            "api_key": key,
            "service_code": f"complaints_{lights.pk}",
            "description": "ไฟดับ",
            "lat": "16.75",
            "long": "102.61",
        },
    )
    assert response.status_code == 400
    assert "อ่านได้อย่างเดียว" in response.json()[0]["description"]
    assert "/bandong/complaints/" in response.json()[0]["description"]


def test_without_coordinates_lat_and_long_are_null(client, organization):
    public_case(organization, latitude=None, longitude=None)
    public_case(
        organization,
        reference="C2569-0100",
        latitude=Decimal("16.1"),
        personal_data_removed_at=timezone.now(),
    )
    rows = client.get(BASE + "requests.json", J).json()
    assert {(r["lat"], r["long"]) for r in rows} == {(None, None)}
