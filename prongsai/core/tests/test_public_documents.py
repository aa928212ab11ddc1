"""Public documents made on change and served from storage (issue #21).

The complaint statistics spreadsheet stands for every kind: it is registered
by the complaints app (``complaints/public_documents.py``) and changes with
every case, so it shows the store, serve, change and fallback paths with a
real document.
"""

import datetime
import io
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import storages
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from prongsai.complaints.tests.factories import CaseFactory
from prongsai.core import thai_dates
from prongsai.core.models import PublicDocument, PublicDocumentVersion
from prongsai.core.public_documents import (
    PublicFile,
    _keep,
    public_document_get,
    public_documents_changed,
    public_documents_refresh,
)

pytestmark = pytest.mark.django_db

XLSX = "complaints.statistics_xlsx"


def _year() -> int:
    return thai_dates.fiscal_year(timezone.localdate())


def _url(organization) -> str:
    return f"/{organization.slug}/complaints/statistics/xlsx/?year={_year()}"


def _received(response) -> int:
    """The number of cases received, read from the summary sheet."""
    if response.streaming:
        content = b"".join(response.streaming_content)
    else:
        content = response.content

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        if row and isinstance(row[-1], int):
            return row[-1]
    raise AssertionError("no count in the spreadsheet")


def test_the_first_visit_makes_and_keeps_the_document_then_it_is_served(
    client, organization, django_assert_max_num_queries
):
    CaseFactory(organization=organization)
    first = client.get(_url(organization))
    assert first.status_code == 200
    assert first["X-Public-Document"] == "made"
    row = PublicDocument.objects.for_organization(organization).get(kind=XLSX)
    assert storages["default"].exists(row.file.name)
    assert row.file.name.isascii()

    with django_assert_max_num_queries(4):  # organisation, years, the copy
        second = client.get(_url(organization))
    assert second["X-Public-Document"] == "stored"
    assert second["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''" in second["Content-Disposition"].lower()
    assert _received(second) == _received(first) == 1


def test_a_change_stores_a_new_copy_when_it_commits_and_the_old_is_never_served(
    client, organization, django_capture_on_commit_callbacks
):
    CaseFactory(organization=organization)
    client.get(_url(organization))
    old = PublicDocument.objects.for_organization(organization).get(kind=XLSX)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CaseFactory(organization=organization)
    # Changed but not yet made again: the old copy is not served.
    assert (
        public_document_get(
            organization=organization, kind=XLSX, params={"fiscal_year": _year()}
        )
        is None
    )
    for callback in callbacks:  # the commit: the refresh task runs (eager)
        callback()
    new = PublicDocument.objects.for_organization(organization).get(kind=XLSX)
    assert new.version == old.version + 1
    assert new.file.name != old.file.name
    assert not storages["default"].exists(old.file.name)

    response = client.get(_url(organization))
    assert response["X-Public-Document"] == "stored"
    assert _received(response) == 2


def test_without_the_refresh_a_stale_copy_is_made_again_in_the_request(
    client, organization, django_capture_on_commit_callbacks
):
    client.get(_url(organization))
    with django_capture_on_commit_callbacks(execute=False):
        CaseFactory(organization=organization)  # the worker never ran
    response = client.get(_url(organization))
    assert response["X-Public-Document"] == "made"
    assert _received(response) == 1


def test_a_copy_made_while_the_data_changes_is_not_served(client, organization):
    """The version is read before building: a change that commits while the
    document is being made leaves that copy behind."""
    client.get(_url(organization))
    row = PublicDocument.objects.for_organization(organization).get(kind=XLSX)
    public_documents_changed(organization.pk, [XLSX])
    assert (
        PublicDocumentVersion.objects.all_organizations()
        .get(organization=organization, kind=XLSX)
        .version
        == row.version + 1
    )
    assert client.get(_url(organization))["X-Public-Document"] == "made"


def test_a_lost_file_is_made_again(client, organization):
    client.get(_url(organization))
    row = PublicDocument.objects.for_organization(organization).get(kind=XLSX)
    storages["default"].delete(row.file.name)
    response = client.get(_url(organization))
    assert response.status_code == 200
    assert response["X-Public-Document"] == "made"
    row.refresh_from_db()
    assert storages["default"].exists(row.file.name)


def test_other_organisations_do_not_move_the_version(
    client, organization, other_organization
):
    client.get(_url(organization))
    CaseFactory(organization=other_organization)
    assert client.get(_url(organization))["X-Public-Document"] == "stored"


def test_a_dated_document_has_a_copy_a_day_and_old_days_are_dropped(
    client, organization
):
    url = f"/{organization.slug}/complaints/statistics/pdf/?year={_year()}"
    assert client.get(url)["X-Public-Document"] == "made"
    row = PublicDocument.objects.for_organization(organization).get(
        kind="complaints.statistics_pdf"
    )
    assert row.params == {
        "fiscal_year": _year(),
        "on": timezone.localdate().isoformat(),
    }
    assert storages["default"].open(row.file.name).read(5) == b"%PDF-"
    stored = client.get(url)
    assert stored["X-Public-Document"] == "stored"
    assert stored["Content-Disposition"].startswith("inline")

    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    PublicDocument.objects.for_organization(organization).filter(pk=row.pk).update(
        params={**row.params, "on": yesterday}, params_key="yesterday"
    )
    public_documents_changed(organization.pk, ["complaints.statistics_pdf"])
    assert public_documents_refresh(organization.pk, ["complaints.statistics_pdf"]) == 0
    assert not PublicDocument.objects.for_organization(organization).exists()
    assert not storages["default"].exists(row.file.name)


def test_a_document_no_longer_public_is_forgotten(organization):
    """A withdrawn risk assessment: the refresh cannot make it and drops it."""
    _keep(
        organization,
        "risks.report_pdf",
        "th",
        {"pk": 123456, "on": timezone.localdate().isoformat()},
        0,
        PublicFile(b"%PDF-", "r.pdf", "application/pdf"),
    )
    public_documents_changed(organization.pk, ["risks.report_pdf"])
    assert public_documents_refresh(organization.pk, ["risks.report_pdf"]) == 0
    assert not PublicDocument.objects.for_organization(organization).exists()


moto = pytest.importorskip("moto")
BUCKET = "prongsai-public-documents"


@pytest.fixture
def s3(monkeypatch):
    from django.conf import settings

    from prongsai.core.object_storage import s3_storages

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with moto.mock_aws():
        import boto3

        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        config = s3_storages(bucket=BUCKET)
        static = {"staticfiles": settings.STORAGES["staticfiles"]}
        with override_settings(STORAGES={**static, **config}):
            yield client


def test_in_object_storage_the_copy_is_an_object_and_visitors_are_redirected(
    client, organization, s3, django_capture_on_commit_callbacks
):
    CaseFactory(organization=organization)
    assert client.get(_url(organization))["X-Public-Document"] == "made"
    row = PublicDocument.objects.for_organization(organization).get(kind=XLSX)
    key = f"media/{row.file.name}"
    body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert body[:2] == b"PK"  # an XLSX (zip) file

    response = client.get(_url(organization))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path.endswith(row.file.name)
    assert "Signature" not in response["Location"]

    with django_capture_on_commit_callbacks(execute=True):
        CaseFactory(organization=organization)
    new = PublicDocument.objects.for_organization(organization).get(kind=XLSX)
    assert new.file.name != row.file.name
    keys = [
        item["Key"]
        for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]
        if "statistics" in item["Key"]
    ]
    assert keys == [f"media/{new.file.name}"]


def test_the_apps_register_their_kinds_and_what_they_depend_on():
    from django.apps import apps

    from prongsai.core.public_documents import _kinds

    kinds = _kinds()
    assert {
        "complaints.statistics_pdf",
        "complaints.statistics_xlsx",
        "risks.report_pdf",
        "plans.report_pdf",
        "plans.report_docx",
        "integrity.ethics_docx",
        "integrity.hr_docx",
        "budget.plan_document",
        "budget.results_report_docx",
    } <= set(kinds)
    for kind in kinds.values():
        assert kind.depends_on, kind.key
        for label in kind.depends_on:
            apps.get_model(label)  # raises for a name that is not a model


def test_deleting_a_row_moves_the_version_once_committed(
    client, organization, django_capture_on_commit_callbacks
):
    case = CaseFactory(organization=organization)
    client.get(_url(organization))
    with django_capture_on_commit_callbacks(execute=True):
        case.delete()
    response = client.get(_url(organization))
    assert response["X-Public-Document"] == "stored"  # made again by the task
    assert _received(response) == 0


def test_deleting_an_organisation_with_documents_is_not_blocked(
    client, organization, django_capture_on_commit_callbacks
):
    from django.db import connection

    CaseFactory(organization=organization)
    client.get(_url(organization))
    with django_capture_on_commit_callbacks(execute=True):
        organization.delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert not PublicDocument.objects.all_organizations().exists()
