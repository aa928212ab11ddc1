"""Writes of the E-Service: catalogue, forms, requests, workflow and ratings."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core import codes, numbering
from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.outbox import enqueue_on_commit
from prongsai.core.workflow import Workflow, step, transition

from .attachments import MAX_FILES, clean_upload
from .formdefs import FormDefinitionError, clean_fields, location_text
from .models import (
    QUEUED_STATUSES,
    Attachment,
    Channel,
    EServiceSettings,
    FormVersion,
    IssuedTrackingCode,
    Rating,
    ReopenRequest,
    RequestEvent,
    Service,
    ServiceRequest,
    Status,
)

LOW_RATING = 2  # ratings at or below this open a reopen request
SERVICE_FIELDS = (
    "code",
    "name",
    "category",
    "description",
    "steps",
    "documents",
    "fees",
    "time_limit_days",
    "time_limit_unit",
    "legal_basis",
    "responsible_unit",
    "channels",
    "contacts",
    "officer",
    "is_published",
    "location_public",
)


def _refused(old: str, new: str) -> str:
    return _("A request that is “%(old)s” cannot become “%(new)s”.") % {
        "old": old,
        "new": new,
    }


# The request workflow (``core.workflow``); completed and rejected are final.
REQUESTS = Workflow(
    action="eservice_request.transition",
    labels=Status,
    refused=_refused,
    error_field="to_status",
    reason_message=gettext_lazy("Give the reason; the citizen will see it."),
    steps=[
        step(Status.ACCEPTED, [Status.RECEIVED]),
        step(Status.IN_PROGRESS, [Status.RECEIVED, Status.ACCEPTED, Status.WAITING]),
        step(
            Status.WAITING,
            [Status.RECEIVED, Status.ACCEPTED, Status.IN_PROGRESS],
            reason=True,
        ),
        step(Status.COMPLETED, [Status.IN_PROGRESS]),
        step(
            Status.REJECTED,
            [Status.RECEIVED, Status.ACCEPTED, Status.IN_PROGRESS, Status.WAITING],
            reason=True,
        ),
    ],
)


# --- Settings -------------------------------------------------------------------


def _settings_for(organization) -> EServiceSettings:
    settings_row, _created = EServiceSettings.objects.get_or_create(
        organization=organization
    )
    return settings_row


SETTINGS_PLAIN_FIELDS = ("privacy_notice", "soon_due_days")


@transaction.atomic
def eservice_settings_update(
    *,
    actor,
    organization,
    privacy_notice: str,
    soon_due_days: int,
) -> EServiceSettings:
    """Change the settings. LINE Login is the organisation's channel
    (``organizations.services_channels.channel_settings_update``)."""
    row = _settings_for(organization)
    before = snapshot(row, SETTINGS_PLAIN_FIELDS)
    row.privacy_notice = privacy_notice
    row.soon_due_days = soon_due_days
    row.full_clean()
    row.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="eservice_settings.update",
        target=row,
        changes=diff(before, snapshot(row, SETTINGS_PLAIN_FIELDS)),
    )
    return row


def api_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def eservice_settings_issue_api_key(*, actor, organization) -> str:
    """Issue a new Open311 API key; returns it once (only its hash is kept)."""
    row = _settings_for(organization)
    key = secrets.token_urlsafe(32)
    row.open311_api_key_hash = api_key_hash(key)
    row.open311_api_key_hint = key[-4:]
    row.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="eservice_settings.api_key",
        target=row,
        changes={"open311_api_key_hint": row.open311_api_key_hint},
    )
    return key


# --- Catalogue ------------------------------------------------------------------


def _clean_form(fields: Any) -> list[dict]:
    try:
        return clean_fields(fields)
    except FormDefinitionError as error:
        raise DomainError(" ".join(error.messages), field="fields") from None


@transaction.atomic
def service_create(
    *, actor, organization, fields: list[dict] | None = None, **values
) -> Service:
    """Add a service with its first form version."""
    service = Service(organization=organization, **values)
    if Service.objects.filter(organization=organization, code=service.code).exists():
        raise DomainError(
            _("Another service already uses the code “%(code)s”.")
            % {"code": service.code},
            field="code",
        )
    service.full_clean()
    form_fields = _clean_form(fields or [])
    service.save()
    FormVersion.objects.create(
        service=service, number=1, fields=form_fields, created_by=actor
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="eservice.adopt" if service.template_code else "eservice.create",
        target=service,
        changes=snapshot(service, ("code", "name", "time_limit_days")),
    )
    return service


def service_adopt(*, actor, organization, template: dict) -> Service:
    """Copy a starter template into the organisation's catalogue."""
    values = {key: template[key] for key in SERVICE_FIELDS if key in template}
    values.pop("officer", None)
    return service_create(
        actor=actor,
        organization=organization,
        template_code=template["code"],
        fields=template.get("fields", []),
        **values,
    )


@transaction.atomic
def service_update(*, actor, service: Service, **values) -> Service:
    before = snapshot(service, SERVICE_FIELDS)
    for key, value in values.items():
        if key not in SERVICE_FIELDS:
            raise TypeError(key)
        setattr(service, key, value)
    if (
        Service.objects.filter(organization=service.organization, code=service.code)
        .exclude(pk=service.pk)
        .exists()
    ):
        raise DomainError(
            _("Another service already uses the code “%(code)s”.")
            % {"code": service.code},
            field="code",
        )
    service.full_clean()
    service.save()
    changes = diff(before, snapshot(service, SERVICE_FIELDS))
    if changes:
        audit_log(
            actor=actor,
            organization=service.organization,
            action="eservice.update",
            target=service,
            changes=changes,
        )
    return service


@transaction.atomic
def form_version_publish(*, actor, service: Service, fields: Any) -> FormVersion:
    """Publish a new form version; requests filed earlier keep their version."""
    cleaned = _clean_form(fields)
    current = service.form_versions.order_by("-number").first()
    if current is not None and current.fields == cleaned:
        raise DomainError(_("The form has not changed."), field="fields")
    version = FormVersion.objects.create(
        service=service,
        number=(current.number + 1) if current else 1,
        fields=cleaned,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        organization=service.organization,
        action="eservice_form.publish",
        target=service,
        changes={"version": version.number, "fields": len(cleaned)},
    )
    return version


# --- Filing ---------------------------------------------------------------------


def _issue_tracking_code(organization) -> str:
    for _attempt in range(8):
        code = codes.new_tracking_code()
        try:
            with transaction.atomic():
                IssuedTrackingCode.objects.create(organization=organization, code=code)
        except IntegrityError:
            continue
        return code
    raise DomainError(_("A tracking code could not be issued; please try again."))


def request_numbering(service: Service) -> str:
    """The name of the queue-number counter of ``service`` (``core.numbering``)."""
    return f"eservices.request.{service.pk}"


def _next_sequence(service: Service) -> int:
    # The counter row stays locked until the filing commits, so concurrent
    # filings on the same service are numbered one after another.
    def in_use() -> int:
        return (
            ServiceRequest.objects.filter(service=service).aggregate(
                last=Max("sequence")
            )["last"]
            or 0
        )

    return numbering.next_number(
        organization=service.organization_id,
        name=request_numbering(service),
        start=in_use,
    )


def _location(version: FormVersion, answers: dict) -> tuple:
    for field in version.fields:
        if field["type"] != "location":
            continue
        value = answers.get(field["code"]) or {}
        lat, lng = value.get("lat"), value.get("lng")
        try:
            lat = Decimal(str(lat)).quantize(Decimal("0.000001")) if lat else None
            lng = Decimal(str(lng)).quantize(Decimal("0.000001")) if lng else None
        except InvalidOperation:
            lat = lng = None
        return (
            lat,
            lng,
            location_text({k: v for k, v in value.items() if k not in ("lat", "lng")}),
        )
    return None, None, ""


def _event(
    request,
    *,
    kind,
    actor=None,
    text="",
    to_status="",
    from_status="",
    public=False,
    now=None,
):
    event = RequestEvent.objects.create(
        created_at=now or timezone.now(),
        request=request,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        text=text,
        from_status=from_status,
        to_status=to_status,
        is_public=public,
    )
    if public and (request.citizen_email or request.line_user_id):
        from .tasks import request_notify_citizen as request_notify_citizen_task

        enqueue_on_commit(request_notify_citizen_task, event.pk)
    return event


@transaction.atomic
def request_line_link(*, request: ServiceRequest, line_user_id: str) -> ServiceRequest:
    """Send the request's public updates to a LINE user who signed in with LINE.

    The user id comes from a verified LINE Login ID token. It is not written
    to the audit trail.
    """
    if not line_user_id:
        raise DomainError(_("No LINE account was given."))
    request.line_user_id = line_user_id
    request.line_linked_at = timezone.now()
    request.full_clean()
    request.save(update_fields=["line_user_id", "line_linked_at", "updated_at"])
    audit_log(
        actor=None,
        organization=request.organization,
        action="eservice_request.line_link",
        target=request,
        changes={"line": "linked"},
    )
    return request


@transaction.atomic
def request_line_unlink(*, request: ServiceRequest) -> ServiceRequest:
    """Stop LINE updates of a request (the citizen's choice)."""
    if request.line_user_id:
        request.line_user_id = ""
        request.line_linked_at = None
        request.save(update_fields=["line_user_id", "line_linked_at", "updated_at"])
        audit_log(
            actor=None,
            organization=request.organization,
            action="eservice_request.line_unlink",
            target=request,
            changes={"line": "unlinked"},
        )
    return request


@transaction.atomic
def request_file(
    *,
    actor=None,
    organization,
    service: Service,
    answers: dict,
    files: Iterable[tuple[str, Any]] = (),
    citizen_name: str,
    citizen_phone: str = "",
    citizen_email: str = "",
    channel: str = Channel.WEB,
    privacy_accepted: bool,
    now: datetime | None = None,
) -> ServiceRequest:
    """File a request under the service's current form version.

    The request gets an unguessable tracking code that is never reused and the
    next queue number of the service; the deadline clock starts now.
    """
    if service.organization_id != organization.id:
        raise DomainError(_("This service does not belong to the organisation."))
    if not service.is_published and channel == Channel.WEB:
        raise DomainError(_("This service is not open for requests."))
    if not privacy_accepted:
        raise DomainError(
            _("Please read the privacy notice and tick the box to continue."),
            field="privacy_accepted",
        )
    if not (citizen_name or "").strip():
        raise DomainError(_("Please give your name."), field="citizen_name")
    if channel == Channel.WEB and not (citizen_phone or citizen_email):
        raise DomainError(
            _(
                "Please give a phone number or an e-mail address so that we can "
                "reach you."
            ),
            field="citizen_phone",
        )
    files = list(files)
    if len(files) > MAX_FILES:
        raise DomainError(
            _("Attach at most %(max)s files.") % {"max": MAX_FILES}, field=None
        )
    cleaned_files = [clean_upload(field_code=code, upload=f) for code, f in files]
    version = service.form_versions.order_by("-number").first()
    assert version is not None  # a service is created with its first form version
    now = now or timezone.now()
    lat, lng, address = _location(version, answers)
    request = ServiceRequest(
        organization=organization,
        service=service,
        form_version=version,
        tracking_code=_issue_tracking_code(organization),
        sequence=_next_sequence(service),
        channel=channel,
        citizen_name=citizen_name.strip(),
        citizen_phone=(citizen_phone or "").strip(),
        citizen_email=(citizen_email or "").strip(),
        answers=answers,
        latitude=lat,
        longitude=lng,
        address=address[:300],
        filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        received_at=now,
        due_at=service.deadline_for(now),
    )
    # The code and the queue number were just reserved (and the database holds
    # both unique constraints), so the per-field checks are enough here.
    request.full_clean(validate_unique=False, validate_constraints=False)
    request.save()
    for item in cleaned_files:
        Attachment.objects.create(
            request=request,
            field_code=item.field_code,
            file=item.content,
            original_name=item.original_name,
            content_type=item.content_type,
            size=item.size,
        )
    _event(
        request,
        kind=RequestEvent.Kind.FILED,
        actor=actor,
        to_status=Status.RECEIVED,
        public=True,
        now=now,
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="eservice_request.file",
        target=request,
        changes={"service": service.code, "channel": channel},
    )
    return request


# --- Workflow -------------------------------------------------------------------


def request_earlier_waiting(request: ServiceRequest):
    """Requests of the same service still waiting their turn ahead of this one."""
    return ServiceRequest.objects.filter(
        service_id=request.service_id,
        status__in=QUEUED_STATUSES,
        sequence__lt=request.sequence,
    )


@transaction.atomic
def request_transition(
    *,
    actor,
    request: ServiceRequest,
    to_status: str,
    reason: str = "",
    public_note: str = "",
    jump_reason: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """Move a request through the workflow.

    Rejecting or returning to the citizen needs a reason. Starting work on a
    request while earlier ones of the service still wait needs a written
    reason, which is recorded and counted. Waiting for the citizen pauses the
    deadline clock.
    """
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    now = now or timezone.now()
    reason = (reason or "").strip()
    jump_reason = (jump_reason or "").strip()
    text = reason or (public_note or "").strip()

    def prepare(old: str) -> None:
        if to_status == Status.IN_PROGRESS and old in QUEUED_STATUSES:
            _check_queue_jump(request, actor=actor, jump_reason=jump_reason, now=now)
        if old == Status.WAITING and request.paused_at:
            request.due_at += now - request.paused_at
            request.paused_at = None
        if to_status == Status.WAITING:
            request.paused_at = now
        if to_status == Status.IN_PROGRESS and request.started_at is None:
            request.started_at = now
        if to_status in (Status.COMPLETED, Status.REJECTED):
            request.closed_at = now
        if to_status == Status.COMPLETED:
            request.completion_count += 1
        if (
            actor is not None
            and request.assignee_id is None
            and to_status == Status.IN_PROGRESS
        ) and getattr(actor, "is_authenticated", False):
            request.assignee = actor
        request.public_note = text or request.public_note

    old = transition(
        request,
        to_status,
        actor=actor,
        workflow=REQUESTS,
        reason=reason,
        prepare=prepare,
        clean=True,
    )
    _event(
        request,
        kind=RequestEvent.Kind.STATUS,
        actor=actor,
        text=text,
        from_status=old,
        to_status=to_status,
        public=True,
        now=now,
    )
    return request


def _check_queue_jump(request, *, actor, jump_reason: str, now) -> None:
    """Starting before earlier waiting requests needs a written reason."""
    earlier = request_earlier_waiting(request).count()
    if not earlier:
        return
    if not jump_reason:
        raise DomainError(
            _(
                "%(count)s earlier request(s) of this service are still "
                "waiting. Take the first in the queue, or write why this one "
                "must go first."
            )
            % {"count": earlier},
            field="jump_reason",
        )
    request.queue_jump_reason = jump_reason
    _event(
        request,
        kind=RequestEvent.Kind.QUEUE_JUMP,
        actor=actor,
        text=jump_reason,
        now=now,
    )


@transaction.atomic
def request_assign(*, actor, request: ServiceRequest, assignee) -> ServiceRequest:
    from prongsai.organizations.models import Membership

    if (
        assignee is not None
        and not Membership.objects.active()
        .filter(organization=request.organization, user=assignee)
        .exists()
    ):
        raise DomainError(
            _("The assignee must be a member of this organisation."), field="assignee"
        )
    before = request.assignee
    request.assignee = assignee
    request.save(update_fields=["assignee", "updated_at"])
    _event(
        request,
        kind=RequestEvent.Kind.ASSIGN,
        actor=actor,
        text=assignee.display_name if assignee else "",
    )
    audit_log(
        actor=actor,
        organization=request.organization,
        action="eservice_request.assign",
        target=request,
        changes={"assignee": {"old": before, "new": assignee}},
    )
    return request


@transaction.atomic
def request_add_note(*, actor, request: ServiceRequest, text: str) -> RequestEvent:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the note first."), field="text")
    event = _event(request, kind=RequestEvent.Kind.NOTE, actor=actor, text=text[:4000])
    audit_log(
        actor=actor,
        organization=request.organization,
        action="eservice_request.note",
        target=request,
    )
    return event


@transaction.atomic
def request_rate(*, request: ServiceRequest, score: int, comment: str = "") -> Rating:
    """The citizen rates a completed request, once per completion.

    A rating of ``LOW_RATING`` or less opens a reopen request for the officer.
    """
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != Status.COMPLETED:
        raise DomainError(_("Only a completed request can be rated."), field="score")
    if Rating.objects.filter(
        request=request, completion=request.completion_count
    ).exists():
        raise DomainError(_("This request has already been rated."), field="score")
    rating = Rating(
        request=request,
        completion=request.completion_count,
        score=score,
        comment=(comment or "").strip(),
    )
    rating.full_clean()
    rating.save()
    _event(request, kind=RequestEvent.Kind.RATING, text=f"{score}/5")
    if score <= LOW_RATING:
        ReopenRequest.objects.create(rating=rating, request=request)
        _event(request, kind=RequestEvent.Kind.REOPEN, text=rating.comment)
    audit_log(
        actor=None,
        organization=request.organization,
        action="eservice_request.rate",
        target=request,
        changes={"score": score},
    )
    return rating


@transaction.atomic
def reopen_decide(
    *, actor, reopen: ReopenRequest, reopen_request: bool, note: str = ""
) -> ReopenRequest:
    """The officer reopens the request (back to in progress) or dismisses it."""
    reopen = ReopenRequest.objects.select_for_update().get(pk=reopen.pk)
    if reopen.state != ReopenRequest.State.OPEN:
        raise DomainError(_("This reopen request has already been decided."))
    note = (note or "").strip()
    if not reopen_request and not note:
        raise DomainError(_("Give the reason for dismissing it."), field="note")
    reopen.state = (
        ReopenRequest.State.REOPENED
        if reopen_request
        else ReopenRequest.State.DISMISSED
    )
    reopen.decided_by = actor
    reopen.decided_at = timezone.now()
    reopen.decision_note = note
    reopen.save()
    request = reopen.request
    if reopen_request and request.status == Status.COMPLETED:
        old = request.status
        request.status = Status.IN_PROGRESS
        request.closed_at = None
        request.public_note = note or request.public_note
        request.save()
        _event(
            request,
            kind=RequestEvent.Kind.STATUS,
            actor=actor,
            text=note,
            from_status=old,
            to_status=Status.IN_PROGRESS,
            public=True,
        )
    audit_log(
        actor=actor,
        organization=request.organization,
        action="eservice_reopen.decide",
        target=request,
        changes={"state": reopen.state},
    )
    return reopen


# --- Personal data --------------------------------------------------------------------
@transaction.atomic
def request_remove_personal_data(
    *, request: ServiceRequest, now: datetime, actor=None, reason: str = ""
) -> ServiceRequest:
    """Blank what identifies the citizen; keep the row for the statistics.

    The service, dates, status and queue number stay (the E-Service
    statistics and the open dataset count them); the name, contacts, form
    answers, location, LINE link, rating comments, history texts and files go.
    """
    attachment_delete_all(request=request)
    ServiceRequest.objects.filter(pk=request.pk).update(
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
    audit_log(
        actor=actor,
        organization=request.organization,
        action="eservice_request.remove_personal_data",
        target=request,
        changes=changes,
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
