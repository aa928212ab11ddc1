"""Writes of the E-Service that file a request and follow it on LINE."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import codes, numbering
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.outbox import enqueue_on_commit
from prongsai.organizations.models import Organization

from .attachments import MAX_FILES, CleanFile, clean_upload
from .formdefs import location_text
from .models import (
    Attachment,
    Channel,
    FormVersion,
    IssuedTrackingCode,
    RequestEvent,
    Service,
    ServiceRequest,
    Status,
)


def _issue_tracking_code(organization: Organization) -> str:
    # One statement per attempt, without a savepoint: a code taken before is
    # skipped by the unique constraint (``ON CONFLICT DO NOTHING``) instead of
    # failing the transaction, so no rollback point is needed.
    table = connection.ops.quote_name(IssuedTrackingCode._meta.db_table)
    for _attempt in range(8):
        code = codes.new_tracking_code()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (organization_id, code, issued_at) "  # noqa: S608 - the model's table
                "VALUES (%s, %s, %s) ON CONFLICT DO NOTHING RETURNING id",
                [organization.pk, code, timezone.now()],
            )
            if cursor.fetchone() is not None:
                return code
    raise DomainError(_("A tracking code could not be issued; please try again."))


def request_numbering(service: Service) -> str:
    """The name of the queue-number counter of ``service`` (``core.numbering``)."""
    return f"eservices.request.{service.pk}"


def _next_sequence(service: Service) -> int:
    # The counter row stays locked until the filing commits, so concurrent
    # filings on the same service are numbered one after another: the number
    # is taken last, just before the inserts that end the filing.
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


def _member(actor: User | None) -> User | None:
    """The signed-in user behind an action, or ``None`` for a citizen."""
    return actor if actor is not None and actor.is_authenticated else None


def request_audit(
    request: ServiceRequest,
    action: str,
    *,
    actor: User | None = None,
    changes: dict[str, Any] | None = None,
) -> None:
    """The audit row of a change to ``request``: never public (a request is
    followed only by its own citizen, by tracking code)."""
    audit_log(
        actor=actor,
        organization=request.organization,
        action=action,
        target=request,
        changes=changes,
        public=False,
    )


def request_event_add(
    *,
    request: ServiceRequest,
    kind: str,
    actor: User | None = None,
    text: str = "",
    to_status: str = "",
    from_status: str = "",
    public: bool = False,
    now: datetime | None = None,
) -> RequestEvent:
    """Add a line to the request's history; a public one reaches the citizen."""
    event = RequestEvent.objects.create(
        created_at=now or timezone.now(),
        request=request,
        kind=kind,
        actor=_member(actor),
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
    request_audit(request, "eservice_request.line_link", changes={"line": "linked"})
    return request


@transaction.atomic
def request_line_unlink(
    *, request: ServiceRequest, line_user_id: str
) -> ServiceRequest:
    """Stop LINE updates of a request: the choice of the LINE user who gets them."""
    if not line_user_id or request.line_user_id != line_user_id:
        raise DomainError(_("Sign in with the LINE account that gets the updates."))
    if request.line_user_id:
        request.line_user_id = ""
        request.line_linked_at = None
        request.save(update_fields=["line_user_id", "line_linked_at", "updated_at"])
        request_audit(
            request, "eservice_request.line_unlink", changes={"line": "unlinked"}
        )
    return request


def _check_filing(
    *,
    organization: Organization,
    service: Service,
    citizen_name: str,
    citizen_phone: str,
    citizen_email: str,
    channel: str,
    privacy_accepted: bool,
    files: list[tuple[str, Any]],
    on_own_page: bool,
) -> list[CleanFile]:
    """Refuse a filing that breaks a rule; return the checked files."""
    if service.organization_id != organization.id:
        raise DomainError(_("This service does not belong to the organisation."))
    if service.apply_path and not on_own_page:
        raise DomainError(
            _("This service is requested on its own page: %(path)s")
            % {"path": service.apply_path}
        )
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
    if len(files) > MAX_FILES:
        raise DomainError(
            _("Attach at most %(max)s files.") % {"max": MAX_FILES}, field=None
        )
    return [clean_upload(field_code=code, upload=f) for code, f in files]


def _save_numbered(request: ServiceRequest) -> None:
    """Check a new request's values, then take its queue number and insert it.

    The code was just reserved and the queue number comes next (the database
    holds both unique constraints); the organisation, service and form
    version are the rows just read, so only the values are checked.
    """
    request.full_clean(
        exclude=["organization", "service", "form_version", "filed_by", "sequence"],
        validate_unique=False,
        validate_constraints=False,
    )
    request.sequence = _next_sequence(request.service)
    request.save()


def _attach(request: ServiceRequest, files: list[CleanFile]) -> None:
    """Store the checked files of a new request."""
    for item in files:
        Attachment.objects.create(
            request=request,
            field_code=item.field_code,
            file=item.content,
            original_name=item.original_name,
            content_type=item.content_type,
            size=item.size,
        )


@transaction.atomic
def request_file(
    *,
    actor: User | None = None,
    organization: Organization,
    service: Service,
    answers: dict,
    files: Iterable[tuple[str, Any]] = (),
    citizen_name: str,
    citizen_phone: str = "",
    citizen_email: str = "",
    channel: str = Channel.WEB,
    privacy_accepted: bool,
    now: datetime | None = None,
    on_own_page: bool = False,
    version: FormVersion | None = None,
) -> ServiceRequest:
    """File a request under the service's current form version.

    The request gets an unguessable tracking code that is never reused and the
    next queue number of the service; the deadline clock starts now. A
    service requested on its own page (``Service.apply_path``) is filed only
    by that page's register (``on_own_page=True``). ``version`` is that
    current form version when the caller has already read it.
    """
    cleaned_files = _check_filing(
        organization=organization,
        service=service,
        citizen_name=citizen_name,
        citizen_phone=citizen_phone,
        citizen_email=citizen_email,
        channel=channel,
        privacy_accepted=privacy_accepted,
        files=list(files),
        on_own_page=on_own_page,
    )
    if version is None:
        version = service.form_versions.order_by("-number").first()
    assert version is not None  # a service is created with its first form version
    assert version.service_id == service.pk
    now = now or timezone.now()
    lat, lng, address = _location(version, answers)
    request = ServiceRequest(
        organization=organization,
        service=service,
        form_version=version,
        tracking_code=_issue_tracking_code(organization),
        channel=channel,
        citizen_name=citizen_name.strip(),
        citizen_phone=(citizen_phone or "").strip(),
        citizen_email=(citizen_email or "").strip(),
        answers=answers,
        latitude=lat,
        longitude=lng,
        address=address[:300],
        filed_by=_member(actor),
        received_at=now,
        due_at=service.deadline_for(now),
    )
    _save_numbered(request)
    _attach(request, cleaned_files)
    request_event_add(
        request=request,
        kind=RequestEvent.Kind.FILED,
        actor=actor,
        to_status=Status.RECEIVED,
        public=True,
        now=now,
    )
    request_audit(
        request,
        "eservice_request.file",
        actor=actor,
        changes={"service": service.code, "channel": channel},
    )
    return request
