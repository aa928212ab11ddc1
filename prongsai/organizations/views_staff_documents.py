"""The page of a long document being made, and its download (``core.document_jobs``)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from prongsai.core.document_jobs import access_document_job, document_kind
from prongsai.core.models import DocumentJob
from prongsai.core.storage import private_file_response

from .decorators import org_staff_view


def _any_member(user, membership) -> bool:
    return user.is_superuser or membership is not None


@org_staff_view(_any_member)
def document_job(request, organization, pk):
    """Progress while the document is made, then the link; htmx polls the card."""
    job = access_document_job(organization=organization, pk=pk, user=request.user)
    context = {
        "organization": organization,
        "job": job,
        "label": document_kind(job.kind).label,
        "finished": job.status in (DocumentJob.Status.DONE, DocumentJob.Status.FAILED),
    }
    if request.htmx:
        return render(request, "organizations/_document_job_card.html", context)
    return render(request, "organizations/document_job.html", context)


@org_staff_view(_any_member)
def document_job_download(request, organization, pk):
    job = access_document_job(organization=organization, pk=pk, user=request.user)
    if job.status != DocumentJob.Status.DONE or not job.file:
        raise Http404
    return private_file_response(
        job.file, filename=job.filename, content_type=job.content_type
    )
