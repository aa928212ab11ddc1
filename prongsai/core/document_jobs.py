"""Long documents made by a task, with a progress bar and a download link.

The one way every page offers a document that takes more than a moment
(an annual report, a large export): the view asks :func:`document_needed`
whether the document can be answered at once (small, or already made); if
not, :func:`document_request` records a :class:`~prongsai.core.models.DocumentJob`
and queues :func:`document_job_run`, and the view redirects to the job's
page (``organizations.views_staff_documents``, :func:`document_job_url`),
which shows the progress and then the download link. Apps declare their kinds
of long document in a ``long_documents.py`` module (``core.plugins``)::

    DOCUMENTS = [
        DocumentKind(
            key="procurement.annual",
            label=_("Annual procurement report"),
            build=build_annual_report,  # (*, organization, progress, **params)
        )
    ]

``build`` calls ``progress(percent)`` now and then; it returns an object with
``content`` (bytes), ``filename`` and ``content_type``. A :class:`DomainError`
it raises is shown on the job's page in Thai.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError
from .models import DocumentJob

logger = logging.getLogger(__name__)

#: A request for the same document by the same member within this time
#: follows the job already made or being made instead of starting another.
REUSE_WITHIN = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: Any
    build: Callable[..., Any]


_KINDS: dict[str, DocumentKind] = {}


def _kinds() -> dict[str, DocumentKind]:
    if not _KINDS:
        from .plugins import discover

        for _app, kinds in discover("long_documents", "DOCUMENTS"):
            _KINDS.update({kind.key: kind for kind in kinds})
    return _KINDS


def document_kind(key: str) -> DocumentKind:
    try:
        return _kinds()[key]
    except KeyError:
        raise DomainError(_("This kind of document is not known.")) from None


def document_job_url(job: DocumentJob) -> str:
    """The page that shows the job's progress and then its download link."""
    from django.urls import reverse

    return reverse(
        "organizations-staff:document-job",
        kwargs={"org": job.organization.slug, "pk": job.pk},
    )


@dataclass(frozen=True)
class Built:
    """A document made by a kind's ``build``: its bytes, name and type."""

    content: bytes
    filename: str
    content_type: str


def document_job_response(request, *, organization, kind: str, params: dict):
    """The long document ``kind`` for the member: a redirect to its job's page.

    The one answer of every staff download that can take more than a second
    or two: the job is queued (or an earlier one for the same document
    followed) and its page shows the progress, then the download link.
    """
    from django.shortcuts import redirect

    job = document_request(
        organization=organization,
        kind=kind,
        params=params,
        requested_by=request.user,
    )
    return redirect(document_job_url(job))


def document_request(
    *, organization, kind: str, params: dict, requested_by
) -> DocumentJob:
    """The job that makes ``kind`` with ``params`` for this member (new or reused)."""
    document_kind(kind)
    recent = (
        DocumentJob.objects.for_organization(organization)
        .filter(
            requested_by=requested_by,
            kind=kind,
            params=params,
            created_at__gte=timezone.now() - REUSE_WITHIN,
        )
        .exclude(status=DocumentJob.Status.FAILED)
        .order_by("-created_at")
        .first()
    )
    if recent is not None:
        return recent
    job = DocumentJob.objects.create(
        organization=organization,
        kind=kind,
        params=params,
        requested_by=requested_by,
    )
    from .outbox import enqueue_on_commit
    from .tasks import document_job_run_task

    enqueue_on_commit(document_job_run_task, job.pk)
    return job


def _progress_writer(job_id: int) -> Callable[[int], None]:
    last = {"value": 0}

    def progress(percent: int) -> None:
        value = max(0, min(99, int(percent)))
        if value >= last["value"] + 5:
            last["value"] = value
            DocumentJob.objects.all_organizations().filter(pk=job_id).update(
                progress=value
            )

    return progress


def document_job_run(job_id: int) -> None:
    """Make the job's document (the task's body); safe to run twice."""
    job = DocumentJob.objects.all_organizations().filter(pk=job_id).first()
    if job is None or job.status == DocumentJob.Status.DONE:
        return
    DocumentJob.objects.all_organizations().filter(pk=job_id).update(
        status=DocumentJob.Status.RUNNING, progress=0
    )
    try:
        kind = document_kind(job.kind)
        document = kind.build(
            organization=job.organization,
            progress=_progress_writer(job_id),
            **job.params,
        )
    except DomainError as error:
        _failed(job, str(error.message))
        return
    except Exception:
        logger.exception("Document job %s (%s) failed", job.pk, job.kind)
        _failed(job, _("The document could not be made. Please try again later."))
        return
    with transaction.atomic():
        job.file.save(document.filename, ContentFile(document.content), save=False)
        job.filename = document.filename
        job.content_type = document.content_type
        job.status = DocumentJob.Status.DONE
        job.progress = 100
        job.finished_at = timezone.now()
        job.error = ""
        job.save()


def _failed(job: DocumentJob, message: str) -> None:
    job.status = DocumentJob.Status.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at", "updated_at"])


def access_document_job(*, organization, pk: int, user) -> DocumentJob:
    """The member's own job in this organisation; anything else is a 404."""
    from django.http import Http404

    job = (
        DocumentJob.objects.for_organization(organization)
        .filter(pk=pk, requested_by=user)
        .first()
    )
    if job is None:
        raise Http404
    return job
