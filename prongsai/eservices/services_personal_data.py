"""Writes of the E-Service that remove a citizen's personal data and files."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from prongsai.accounts.models import User

from .models import Attachment, Rating, ReopenRequest, RequestEvent, ServiceRequest
from .services_filing import request_audit


@transaction.atomic
def request_remove_personal_data(
    *,
    request: ServiceRequest,
    now: datetime,
    actor: User | None = None,
    reason: str = "",
) -> ServiceRequest:
    """Blank what identifies the citizen; keep the row for the statistics.

    The service, dates, status and queue number stay (the E-Service
    statistics and the open dataset count them); the name, contacts, form
    answers, location, LINE link, rating comments, history texts and files go.
    """
    attachment_delete_all(request=request)
    ServiceRequest.objects.for_organization(request.organization_id).filter(
        pk=request.pk
    ).update(
        citizen_name="",
        citizen_phone="",
        citizen_email="",
        answers={},
        latitude=None,
        longitude=None,
        address="",
        line_user_id="",
        line_linked_at=None,
        personal_data_removed_at=now,
    )
    Rating.objects.filter(request=request).update(comment="")
    RequestEvent.objects.filter(request=request).update(text="")
    ReopenRequest.objects.filter(request=request).update(decision_note="")
    changes: dict[str, Any] = {"personal_data": "removed"}
    if reason:
        changes["reason"] = reason
    request_audit(
        request, "eservice_request.remove_personal_data", actor=actor, changes=changes
    )
    request.refresh_from_db()
    return request


def attachment_delete(*, attachment: Attachment) -> None:
    """Delete one attachment: the file in the private storage and its row."""
    attachment.file.delete(save=False)
    attachment.delete()


def attachment_delete_all(*, request: ServiceRequest) -> int:
    """Delete a request's files from storage and their rows."""
    deleted = 0
    for attachment in request.attachments.all():
        attachment_delete(attachment=attachment)
        deleted += 1
    return deleted
