"""The complaint dataset of the open-data catalogue publishes only text an
officer approved, never a confidential report, with Thai titles and values."""

import json
import re

import pytest
from django.utils import timezone

from prongsai.complaints import datasets, services
from prongsai.complaints.models import Channel, Status
from prongsai.complaints.tests.factories import (
    CaseFactory,
    ConfidentialCaseFactory,
    member,
)
from prongsai.core import thai_dates
from prongsai.opendata.models import Dataset
from prongsai.opendata.selectors import dataset_fields, dataset_rows
from prongsai.opendata.services import dataset_sync
from prongsai.organizations.roles import Role

pytestmark = pytest.mark.django_db

RAW_SUBJECT = "นายสมชาย ใจดี เพื่อนบ้านเลขที่ 45/2 จอดรถขวางทาง"
RAW_DETAILS = "ลูกชายนายสมชายชื่อเด็กชายเอ โทร 081-234-5678"
THAI = re.compile(r"[\u0e00-\u0e7f]")


@pytest.fixture
def officer(organization):
    return member(organization, Role.COMPLAINT_OFFICER.value, totp=True)


@pytest.fixture
def cases(organization, officer):
    unreviewed = CaseFactory(
        organization=organization,
        subject=RAW_SUBJECT,
        description=RAW_DETAILS,
        complainant_name="นางสาวบี",
        complainant_phone="0899999999",
        channel=Channel.PHONE,
    )
    reviewed = CaseFactory(
        organization=organization, subject=RAW_SUBJECT, description=RAW_DETAILS
    )
    services.case_change_status(actor=officer, case=reviewed, status=Status.RESOLVED)
    services.case_review_public_text(
        actor=officer, case=reviewed, text="รถจอดขวางทางสาธารณะ"
    )
    ConfidentialCaseFactory(organization=organization, subject="เรียกรับเงิน")
    return unreviewed, reviewed


def _dataset(organization):
    dataset_sync(organization=organization)
    return Dataset.objects.get(organization=organization, provider_key="complaints")


def test_rows_carry_only_approved_text_and_no_confidential_report(organization, cases):
    unreviewed, reviewed = cases
    rows = {r["reference"]: r for r in dataset_rows(_dataset(organization))}
    assert set(rows) == {unreviewed.reference, reviewed.reference}
    assert rows[unreviewed.reference]["subject"] == ""
    assert rows[reviewed.reference]["subject"] == "รถจอดขวางทางสาธารณะ"
    flat = repr(rows)
    for secret in (
        "สมชาย",
        "45/2",
        "081-234-5678",
        "0899999999",
        "นางสาวบี",
        "เรียกรับเงิน",
        "R2569",
    ):
        assert secret not in flat


def test_values_and_column_titles_are_thai(organization, cases):
    unreviewed, reviewed = cases
    dataset = _dataset(organization)
    rows = {r["reference"]: r for r in dataset_rows(dataset)}
    assert rows[unreviewed.reference]["kind"] == "เรื่องร้องเรียน"
    assert rows[unreviewed.reference]["channel"] == "โทรศัพท์"
    assert rows[unreviewed.reference]["status"] == "รับเรื่อง"
    assert rows[unreviewed.reference]["outcome"] == "อยู่ระหว่างดำเนินการ"
    assert rows[reviewed.reference]["status"] == "ดำเนินการแล้วเสร็จ"
    assert rows[reviewed.reference]["outcome"] == "ดำเนินการแล้วเสร็จ"
    assert rows[reviewed.reference]["closed_date"] is not None
    fields = dataset_fields(dataset)
    assert [f["key"] for f in fields] == [k for k, _t, _k in datasets.FIELDS]
    assert all(THAI.search(f["title"]) for f in fields)


def test_values_stay_thai_whatever_the_active_language(organization, cases):
    from django.utils.translation import override

    dataset = _dataset(organization)
    with override("en"):
        kinds = {r["kind"] for r in dataset_rows(dataset)}
    assert kinds == {"เรื่องร้องเรียน"}


def test_approving_a_text_marks_the_year_as_changed(organization, officer, cases):
    unreviewed, _reviewed = cases
    year = thai_dates.fiscal_year(timezone.localdate())
    before = datasets.COMPLAINT_DATASET.last_modified(
        organization=organization, fiscal_year=year
    )
    services.case_review_public_text(actor=officer, case=unreviewed, text="รถจอดขวาง")
    after = datasets.COMPLAINT_DATASET.last_modified(
        organization=organization, fiscal_year=year
    )
    assert after > before
    assert (
        datasets.COMPLAINT_DATASET.last_modified(
            organization=organization, fiscal_year=year - 5
        )
        is None
    )


def test_every_code_has_a_thai_word():
    from prongsai.complaints.models import PUBLIC_KINDS, Kind

    assert set(datasets.KIND_TH) == set(PUBLIC_KINDS)
    assert Kind.CORRUPTION not in datasets.KIND_TH
    assert set(datasets.CHANNEL_TH) == set(Channel)
    assert set(datasets.STATUS_TH) == set(Status)


def test_confidential_reports_alone_publish_nothing(organization):
    ConfidentialCaseFactory(organization=organization)
    dataset_sync(organization=organization)
    assert not Dataset.objects.filter(
        organization=organization, provider_key="complaints"
    ).exists()


def test_the_ckan_api_and_downloads_show_only_approved_text(
    client, organization, cases
):
    dataset = _dataset(organization)
    response = client.get(
        "/api/3/action/datastore_search", {"resource_id": dataset.name}
    )
    body = response.content.decode()
    assert response.status_code == 200
    records = json.loads(body)["result"]["records"]
    assert {r["subject"] for r in records} == {None, "รถจอดขวางทางสาธารณะ"}
    download = client.get(dataset.download_url("csv"))
    csv = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "รถจอดขวางทางสาธารณะ" in csv and "เลขที่เรื่อง" in csv
    for text in (body, csv):
        assert "สมชาย" not in text and "081-234-5678" not in text
