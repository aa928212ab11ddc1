"""Long documents made in the background: the job, its page and its download."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.core import document_jobs
from prongsai.core.document_jobs import (
    DocumentKind,
    document_job_run,
    document_job_url,
    document_request,
)
from prongsai.core.errors import DomainError
from prongsai.core.models import DocumentJob
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@dataclass
class _Doc:
    content: bytes
    filename: str
    content_type: str


def _build(*, organization, progress, year, fail=""):
    for step in range(0, 100, 10):
        progress(step)
    if fail == "domain":
        raise DomainError("ยังไม่มีข้อมูลของปีนี้")
    if fail == "crash":
        raise RuntimeError("boom")
    return _Doc(f"{organization.slug} {year}".encode(), f"r-{year}.txt", "text/plain")


@pytest.fixture(autouse=True)
def kinds(monkeypatch):
    monkeypatch.setattr(
        document_jobs,
        "_KINDS",
        {
            "test.report": DocumentKind(
                key="test.report", label="รายงานทดสอบ", build=_build
            )
        },
    )


@pytest.fixture
def member(organization):
    return MembershipFactory(organization=organization, roles=[Role.STAFF])


def test_a_request_queues_one_job_that_makes_the_file(
    organization, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = document_request(
            organization=organization,
            kind="test.report",
            params={"year": 2569},
            requested_by=member.user,
        )
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.DONE
    assert job.progress == 100
    assert job.file.read() == f"{organization.slug} 2569".encode()
    assert job.filename == "r-2569.txt"
    again = document_request(
        organization=organization,
        kind="test.report",
        params={"year": 2569},
        requested_by=member.user,
    )
    assert again.pk == job.pk
    other_year = document_request(
        organization=organization,
        kind="test.report",
        params={"year": 2570},
        requested_by=member.user,
    )
    assert other_year.pk != job.pk


def test_an_unknown_kind_is_refused(organization, member):
    with pytest.raises(DomainError):
        document_request(
            organization=organization, kind="nope", params={}, requested_by=member.user
        )


@pytest.mark.parametrize(
    ("fail", "message"),
    [("domain", "ยังไม่มีข้อมูลของปีนี้"), ("crash", "could not be made")],
)
def test_a_failure_is_recorded_with_a_message_and_not_reused(
    organization, member, fail, message
):
    job = DocumentJob.objects.create(
        organization=organization,
        kind="test.report",
        params={"year": 2569, "fail": fail},
        requested_by=member.user,
    )
    document_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.FAILED
    assert message in job.error or message == "could not be made"
    assert not job.file
    fresh = document_request(
        organization=organization,
        kind="test.report",
        params={"year": 2569, "fail": fail},
        requested_by=member.user,
    )
    assert fresh.pk != job.pk


def test_progress_is_written_while_the_document_is_made(organization, member):
    seen = []
    job = DocumentJob.objects.create(
        organization=organization,
        kind="test.report",
        params={"year": 1},
        requested_by=member.user,
    )

    def spy(*, organization, progress, year):
        for step in (20, 60):
            progress(step)
            seen.append(
                DocumentJob.objects.for_organization(organization).get().progress
            )
        return _Doc(b"x", "x.txt", "text/plain")

    document_jobs._KINDS["test.report"] = DocumentKind("test.report", "t", spy)
    document_job_run(job.pk)
    assert seen == [20, 60]


def test_the_page_shows_progress_then_the_link_and_only_to_the_requester(
    organization, member, other_organization
):
    job = DocumentJob.objects.create(
        organization=organization,
        kind="test.report",
        params={"year": 2569},
        requested_by=member.user,
    )
    client = Client()
    client.force_login(member.user)
    page = client.get(document_job_url(job))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<progress" in text and 'hx-trigger="every 2s"' in text
    download = reverse(
        "organizations-staff:document-job-download",
        kwargs={"org": organization.slug, "pk": job.pk},
    )
    assert client.get(download).status_code == 404  # not made yet
    document_job_run(job.pk)
    card = client.get(document_job_url(job), HTTP_HX_REQUEST="true")
    assert "document-download" in card.content.decode()
    assert "<html" not in card.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == f"{organization.slug} 2569".encode()
    # Another member of the same organisation, or another organisation: 404.
    colleague = MembershipFactory(organization=organization, roles=[Role.STAFF])
    other = Client()
    other.force_login(colleague.user)
    assert other.get(document_job_url(job)).status_code == 404
    assert other.get(download).status_code == 404
    outsider = MembershipFactory(organization=other_organization, roles=[Role.STAFF])
    other.force_login(outsider.user)
    foreign = reverse(
        "organizations-staff:document-job",
        kwargs={"org": other_organization.slug, "pk": job.pk},
    )
    assert other.get(foreign).status_code == 404
