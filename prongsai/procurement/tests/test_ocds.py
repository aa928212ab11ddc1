"""OCDS packages validate against the official 1.1.5 schema, offline."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest

from prongsai.procurement import exports, exports_ocds, ocds, services

from .factories import thai_id

pytestmark = pytest.mark.django_db

# The official schema, vendored with its licence (see data/ocds-1.1.5/README.md).
SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "ocds-1.1.5"
BASE = "https://standard.open-contracting.org/schema/1__1__5/"


def _validator(name):
    import jsonschema
    import referencing

    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append(
            (
                BASE + path.name,
                referencing.Resource.from_contents(
                    contents, default_specification=referencing.jsonschema.DRAFT4
                ),
            )
        )
    registry = referencing.Registry().with_resources(resources)
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture
def procurements(organization):
    person = thai_id("340010001234")
    company = thai_id("010556300865")
    full = services.procurement_create(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2025, 1, 10),
        title="ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
        procurement_type="construction",
        method="e_bidding",
        budget_category="investment",
        budget_amount=Decimal("1500000"),
        reference_price=Decimal("1498000"),
        egp_project_number="68019205582",
        supplier_name="ห้างหุ้นส่วนจำกัด ทองดี",
        supplier_tax_id=company,
        agreed_price=Decimal("1290000"),
        selection_reason="ราคาต่ำสุด",
        contract_number="5/2568",
        contract_date=datetime.date(2025, 1, 27),
        contract_start=datetime.date(2025, 1, 27),
        contract_end=datetime.date(2025, 4, 27),
        bids=[
            {"name": "ห้างหุ้นส่วนจำกัด ทองดี", "tax_id": company, "price": "1290000"},
            {"name": "ร้านสมหวัง", "tax_id": person, "price": "1310000"},
        ],
    )
    services.document_add(
        actor=None,
        procurement=full,
        kind="invitation",
        title="ประกาศเชิญชวน",
        published_on=datetime.date(2024, 12, 20),
        url="https://example.org/invite.pdf",
    )
    planned = services.procurement_create(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2025, 2, 1),
        title="จัดซื้อวัสดุสำนักงาน",
        procurement_type="purchase",
        method="specific",
        legal_ground="มาตรา 56(2)(ข)",
        budget_category="operating",
        budget_amount=Decimal("9000"),
    )
    return full, planned, person


def test_release_package_is_valid_and_keeps_the_thai_method(organization, procurements):
    package = exports_ocds.ocds_package(organization, 2568, kind="release")
    errors = sorted(
        _validator("release-package-schema.json").iter_errors(package), key=str
    )
    assert errors == [], errors[:3]
    # URIs are absolute (the format checker may lack its optional URI library).
    assert package["uri"].startswith("http")
    assert package["publisher"]["uri"].startswith("http")
    tags = [r["tag"][0] for r in package["releases"]]
    assert tags == ["planning", "tender", "award", "contract", "planning", "tender"]
    tender = package["releases"][1]["tender"]
    assert tender["procurementMethod"] == "open"
    assert tender["procurementMethodDetails"] == "วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    direct = package["releases"][5]["tender"]
    assert direct["procurementMethod"] == "direct"
    assert direct["procurementMethodRationale"] == "มาตรา 56(2)(ข)"


def test_record_package_is_valid_and_never_holds_a_citizen_id(
    organization, procurements
):
    package = exports_ocds.ocds_package(organization, 2568, kind="record")
    errors = list(_validator("record-package-schema.json").iter_errors(package))
    assert errors == [], errors[:3]
    record = package["records"][0]
    assert record["compiledRelease"]["tag"] == ["compiled"]
    assert record["compiledRelease"]["contracts"][0]["id"] == "5/2568"
    person = procurements[2]
    assert person not in json.dumps(package)
    assert "TH-TIN-" + thai_id("010556300865") in json.dumps(package)


def test_an_empty_year_has_no_package(organization):
    with pytest.raises(exports.ExportError):
        exports_ocds.ocds_package(organization, 2568, kind="release")


def test_ocid_uses_prefix_and_dla_code():
    publisher = ocds.Publisher("อบต.", "6400108", "https://x.example/", "ocds-abc123")
    process = ocds.Process(
        local_id="7",
        title="t",
        fiscal_year=2568,
        category="goods",
        method="direct",
        method_details="วิธีเฉพาะเจาะจง",
        method_rationale="",
        budget_amount=Decimal("1"),
        budget_description="",
        procured_on=datetime.date(2025, 1, 1),
        updated=datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC),
    )
    assert ocds.ocid(publisher, process) == "ocds-abc123-6400108-7"
    assert ocds.stages(process) == ["planning", "tender"]
