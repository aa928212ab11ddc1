"""The annual report not made yet is made in the background (core.document_jobs)."""

import pytest
from django.test import Client

from prongsai.core.models import DocumentJob
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.procurement.tests.test_exports import year  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_annual_report_is_made_by_a_job_then_served_at_once(
    organization,
    year,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    officer = MembershipFactory(
        organization=organization, roles=[Role.PROCUREMENT_OFFICER]
    )
    client = Client()
    client.force_login(officer.user)
    url = f"/{organization.slug}/staff/procurement/export/annual-pdf/?year={year}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 302
    job = DocumentJob.objects.for_organization(organization).get()
    assert response["Location"].endswith(f"/staff/documents/{job.pk}/")
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.DONE, job.error
    page = client.get(response["Location"]).content.decode()
    assert "document-download" in page
    download = client.get(response["Location"] + "download/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Made once for this version of the data: the next request is immediate.
    again = client.get(url)
    assert again.status_code == 200
    assert again["Content-Type"] == "application/pdf"
    assert DocumentJob.objects.for_organization(organization).count() == 1
