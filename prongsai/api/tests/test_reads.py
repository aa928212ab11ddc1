"""Public reads: what the public pages show, paginated, 404 in Thai, no N+1."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.complaints.tests.factories import CaseFactory
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.opendata.tests.factories import DatasetFactory
from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.procurement.models import Bid
from prongsai.procurement.tests.factories import (
    BidFactory,
    ProcurementFactory,
    SupplierFactory,
    thai_id,
)
from prongsai.procurement.vocab import Method

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def _thai(text: str) -> bool:
    return any("\u0e00" <= char <= "\u0e7f" for char in text)


def test_organizations_are_listed_and_paginated(api_client, organization):
    OrganizationFactory(slug="closed", is_active=False)
    OrganizationFactory(slug="khaoyai")
    body = api_client.get(f"{V1}/organizations?limit=1").json()
    assert body["count"] == 2
    assert len(body["items"]) == 1
    slugs = {
        item["slug"] for item in api_client.get(f"{V1}/organizations").json()["items"]
    }
    assert slugs == {"bandong", "khaoyai"}
    one = api_client.get(f"{V1}/organizations/bandong").json()
    assert one["name"] == organization.name
    assert one["url"] == "/bandong/"


@pytest.mark.parametrize(
    "path",
    [
        "/organizations/nowhere",
        "/organizations/closed",
        "/nowhere/procurements",
        "/nowhere/datasets",
        "/nowhere/services",
        "/nowhere/complaints/statistics",
        "/nowhere/ita/results",
        "/bandong/procurements/999999",
    ],
)
def test_unknown_organisations_and_records_are_404_in_thai(
    api_client, organization, path
):
    OrganizationFactory(slug="closed", is_active=False)
    response = api_client.get(V1 + path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert _thai(response.json()["detail"])


def test_procurements_are_the_public_register_with_masked_person_ids(
    api_client, organization, other_organization
):
    person = SupplierFactory(
        organization=organization, name="นายสมชาย ขายดี", tax_id=thai_id("310050012345")
    )
    record = ProcurementFactory(
        organization=organization,
        supplier=person,
        agreed_price=Decimal("19000.00"),
        contract_date=datetime.date(2024, 11, 20),
    )
    BidFactory(procurement=record)
    ProcurementFactory(organization=other_organization)
    body = api_client.get(f"{V1}/bandong/procurements").json()
    assert body["count"] == 1
    row = body["items"][0]
    assert row["id"] == record.pk
    assert row["title"] == record.title
    assert row["method"] == "เฉพาะเจาะจง" or _thai(row["method"])
    assert row["number_of_bidders"] == 1
    assert row["supplier_name"] == "นายสมชาย ขายดี"
    assert row["supplier_tax_id"] != person.tax_id  # a natural person: masked
    assert Decimal(row["agreed_price"]) == Decimal("19000.00")
    detail = api_client.get(f"{V1}/bandong/procurements/{record.pk}").json()
    assert detail == row


def test_procurement_filters(api_client, organization):
    ProcurementFactory(
        organization=organization,
        fiscal_year=2567,
        procured_on=datetime.date(2024, 1, 10),
    )
    ProcurementFactory(organization=organization, method=Method.E_BIDDING)
    ProcurementFactory(organization=organization, title="ซ่อมถนนลูกรัง หมู่ 4")
    url = f"{V1}/bandong/procurements"
    assert api_client.get(url).json()["count"] == 3
    assert api_client.get(url + "?fiscal_year=2567").json()["count"] == 1
    assert api_client.get(url + "?method=e_bidding").json()["count"] == 1
    found = api_client.get(url, {"q": "ถนนลูกรัง"}).json()
    assert [item["title"] for item in found["items"]] == ["ซ่อมถนนลูกรัง หมู่ 4"]


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "offset=-1",
        "fiscal_year=99999999999999999999",
        "method=nonsense",
        "fiscal_year=abc",
    ],
)
def test_bad_parameters_are_422_in_thai(api_client, organization, query):
    response = api_client.get(f"{V1}/bandong/procurements?{query}")
    assert response.status_code == 422
    body = response.json()
    assert _thai(body["detail"])
    assert body["field"]


def test_pages_of_procurements_cost_the_same_queries_whatever_their_size(
    api_client, organization
):
    def queries(size):
        with CaptureQueriesContext(connection) as captured:
            response = api_client.get(f"{V1}/bandong/procurements?limit={size}")
        assert len(response.json()["items"]) == size
        return len(captured)

    for _ in range(12):
        record = ProcurementFactory(
            organization=organization,
            supplier=SupplierFactory(organization=organization),
        )
        BidFactory(procurement=record)
    assert Bid.objects.count() == 12
    queries(1)  # the first request of the test reads what later ones cache
    assert queries(2) == queries(12)
    assert queries(12) <= 6


def test_datasets_are_the_published_catalogue(api_client, organization):
    DatasetFactory(organization=organization, name="bandong-budget-2568")
    DatasetFactory(organization=organization, access_level="internal")
    with CaptureQueriesContext(connection) as captured:
        body = api_client.get(f"{V1}/bandong/datasets").json()
    names = [item["name"] for item in body["items"]]
    assert "bandong-budget-2568" in names
    assert body["count"] == len(names)
    assert body["items"][0]["url"].startswith("/bandong/open-data/")
    assert len(captured) <= 5


def test_services_are_the_published_catalogue(api_client, organization):
    online = ServiceFactory(organization=organization, name="ขอใช้น้ำประปา")
    ServiceFactory(organization=organization, name="ปิดอยู่", is_published=False)
    body = api_client.get(f"{V1}/bandong/services").json()
    assert [item["name"] for item in body["items"]] == ["ขอใช้น้ำประปา"]
    assert body["items"][0]["online"] is True
    assert body["items"][0]["url"] == f"/bandong/eservices/{online.code}/"


def test_complaint_statistics_are_the_public_numbers(api_client, organization):
    CaseFactory(organization=organization)
    CaseFactory(organization=organization)
    body = api_client.get(f"{V1}/bandong/complaints/statistics").json()
    assert body["total"] == 2
    assert body["outcomes"]["received"] == 2
    assert body["fiscal_year"] == body["fiscal_years"][0]
    assert "description" not in str(body)
    future = body["fiscal_year"] + 1
    response = api_client.get(
        f"{V1}/bandong/complaints/statistics?fiscal_year={future}"
    )
    assert response.status_code == 404


def test_reads_are_limited_per_address(api_client, organization, settings):
    settings.PRONGSAI_API_READS_PER_MINUTE = 3
    statuses = [api_client.get(f"{V1}/bandong/services").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api_client.get(f"{V1}/organizations")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert _thai(response.json()["detail"])
    other = api_client.get(f"{V1}/organizations", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200
