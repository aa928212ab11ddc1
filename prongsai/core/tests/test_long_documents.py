"""Every long staff document is made by a job (``core.document_jobs``), the
same way on every page: the download answers with the job's page, the job
makes a file that opens, only members allowed to see the data can ask for it,
and a job is its requester's alone (another organisation's job is a 404).

The objects behind each URL come from the apps' ``tests/tenancy.py``
builders, the same that the cross-organisation route check uses.
"""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.core.models import DocumentJob
from prongsai.core.testing import fetch_document, route_object_builders
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

#: (route, query, kind of job, kind of file) of each long document.
LONG_DOCUMENTS = [
    ("ita-staff:report-pdf", "", "ita.analysis_report", "pdf"),
    ("ita-staff:report-docx", "", "ita.analysis_report", "docx"),
    ("budget-staff:plan-document", "", "budget.plan_document", None),
    ("budget-staff:operation-plan-document", "", "budget.operation_plan", "pdf"),
    ("budget-staff:report-document", "", "budget.spending_report", "docx"),
    ("budget-staff:results-report-download", "", "budget.results_report", None),
    ("eservices-staff:statistics", "?format=pdf", "eservices.statistics", "pdf"),
    ("surveys-staff:survey-report", "?format=pdf", "surveys.report", "pdf"),
    ("surveys-staff:survey-report", "?format=docx", "surveys.report", "docx"),
]

#: Roles that see every one of these documents (none needs two-factor login).
READERS = [
    Role.ITA_COORDINATOR,
    Role.SERVICE_OFFICER,
    Role.FINANCE_OFFICER,
    Role.PLANNING_OFFICER,
]

#: A role that sees none of these documents' data.
OUTSIDER = Role.COMPLAINT_OFFICER


def _member(organization, roles):
    """A member with two-factor login set up, as every back-office user is."""
    from prongsai.accounts.tests.factories import UserFactory

    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    return user


def _url(route: str, organization) -> str:
    builder = route_object_builders().get(route)
    kwargs = builder(organization) if builder else {}
    return reverse(route, kwargs={"org": organization.slug, **kwargs})


def test_a_small_export_stays_immediate(organization):
    """The E-Service statistics as XLSX (tens of milliseconds) starts no job."""
    reader = _member(organization, READERS)
    client = Client()
    client.force_login(reader)
    url = _url("eservices-staff:statistics", organization) + "?format=xlsx"
    response = client.get(url)
    assert response.status_code == 200
    _opens(response.content, "xlsx")
    assert not DocumentJob.objects.for_organization(organization).exists()


def _opens(content: bytes, kind: str | None) -> None:
    if kind is None:  # the route's builder in tests/tenancy.py chooses it
        kind = "pdf" if content.startswith(b"%PDF") else "docx"
    if kind == "pdf":
        assert content.startswith(b"%PDF")
    elif kind == "docx":
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    else:
        assert load_workbook(io.BytesIO(content)).sheetnames


@pytest.mark.parametrize(("route", "query", "kind", "fmt"), LONG_DOCUMENTS)
def test_the_document_is_made_by_a_job_and_opens(
    organization, other_organization, route, query, kind, fmt
):
    admin = _member(organization, READERS)
    client = Client()
    client.force_login(admin)
    url = _url(route, organization) + query
    response = fetch_document(client, url)
    assert response.status_code == 200, response
    _opens(response.content, fmt)
    job = DocumentJob.objects.for_organization(organization).get()
    assert job.kind == kind
    assert job.requested_by == admin
    assert response.job_url.endswith(f"/staff/documents/{job.pk}/")
    # The job page and its file are the requester's alone.
    colleague = _member(organization, READERS)
    client.force_login(colleague)
    assert client.get(response.job_url).status_code == 404
    assert client.get(response.job_url + "download/").status_code == 404
    # Another organisation's member: the same job under either slug is a 404.
    stranger = _member(other_organization, list(Role.values))
    client.force_login(stranger)
    foreign = response.job_url.replace(
        f"/{organization.slug}/", f"/{other_organization.slug}/", 1
    )
    assert client.get(foreign).status_code == 404
    assert client.get(foreign + "download/").status_code == 404
    assert client.get(response.job_url).status_code in (403, 404)


@pytest.mark.parametrize(("route", "query", "kind", "fmt"), LONG_DOCUMENTS)
def test_a_member_without_the_permission_starts_no_job(
    organization, route, query, kind, fmt
):
    url = _url(route, organization) + query
    outsider = _member(organization, [OUTSIDER])
    client = Client()
    client.force_login(outsider)
    assert fetch_document(client, url).status_code in (403, 404)
    assert not DocumentJob.objects.for_organization(organization).exists()
