"""Writes of the E-Service that work a request: workflow, notes, ratings, reopening."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.accounts.models import User
from prongsai.core.errors import DomainError
from prongsai.core.workflow import Workflow, step, transition

from .models import (
    QUEUED_STATUSES,
    Rating,
    ReopenRequest,
    RequestEvent,
    ServiceRequest,
    Status,
)
from .selectors import request_list_earlier_waiting
from .services_filing import request_audit, request_event_add

LOW_RATING = 2  # ratings at or below this open a reopen request


def _refused(old: str, new: str) -> str:
    return _("A request that is “%(old)s” cannot become “%(new)s”.") % {
        "old": old,
        "new": new,
    }


# The request workflow (``core.workflow``); completed and rejected are final.
REQUESTS = Workflow(
    action="eservice_request.transition",
    labels=Status,
    # Only the request's own citizen follows it (by tracking code).
    public=False,
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


# Reopening a completed request follows a citizen's low rating: a move of its
# own, never offered among the officer's usual next steps.
REOPENING = Workflow(
    action="eservice_request.reopen",
    labels=Status,
    public=False,
    refused=_refused,
    error_field=None,
    steps=[step(Status.IN_PROGRESS, [Status.COMPLETED])],
)


def _stamp(
    request: ServiceRequest, *, old: str, to_status: str, actor: User | None, now
) -> None:
    """Set the clocks and counters a move from ``old`` to ``to_status`` changes."""
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
        to_status == Status.IN_PROGRESS
        and request.assignee_id is None
        and actor is not None
        and actor.is_authenticated
    ):
        request.assignee = actor


@transaction.atomic
def request_transition(
    *,
    actor: User | None,
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
    request = (
        ServiceRequest.objects.for_organization(request.organization_id)
        .select_for_update()
        .get(pk=request.pk)
    )
    moment = now or timezone.now()
    reason = (reason or "").strip()
    jump_reason = (jump_reason or "").strip()
    text = reason or (public_note or "").strip()

    def prepare(old: str) -> None:
        if to_status == Status.IN_PROGRESS and old in QUEUED_STATUSES:
            _check_queue_jump(request, actor=actor, jump_reason=jump_reason, now=moment)
        _stamp(request, old=old, to_status=to_status, actor=actor, now=moment)
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
    request_event_add(
        request=request,
        kind=RequestEvent.Kind.STATUS,
        actor=actor,
        text=text,
        from_status=old,
        to_status=to_status,
        public=True,
        now=moment,
    )
    return request


def _check_queue_jump(
    request: ServiceRequest, *, actor: User | None, jump_reason: str, now: datetime
) -> None:
    """Starting before earlier waiting requests needs a written reason."""
    earlier = request_list_earlier_waiting(request=request).count()
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
    request_event_add(
        request=request,
        kind=RequestEvent.Kind.QUEUE_JUMP,
        actor=actor,
        text=jump_reason,
        now=now,
    )


@transaction.atomic
def request_assign(
    *, actor: User, request: ServiceRequest, assignee: User | None
) -> ServiceRequest:
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
    request_event_add(
        request=request,
        kind=RequestEvent.Kind.ASSIGN,
        actor=actor,
        text=assignee.display_name if assignee else "",
    )
    request_audit(
        request,
        "eservice_request.assign",
        actor=actor,
        changes={"assignee": {"old": before, "new": assignee}},
    )
    return request


@transaction.atomic
def request_add_note(
    *, actor: User, request: ServiceRequest, text: str
) -> RequestEvent:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the note first."), field="text")
    event = request_event_add(
        request=request, kind=RequestEvent.Kind.NOTE, actor=actor, text=text[:4000]
    )
    request_audit(request, "eservice_request.note", actor=actor)
    return event


@transaction.atomic
def request_rate(
    *,
    request: ServiceRequest,
    score: int,
    comment: str = "",
    now: datetime | None = None,
) -> Rating:
    """The citizen rates a completed request, once per completion.

    A rating of ``LOW_RATING`` or less reopens the request at once (back to
    in progress; its ``ReopenRequest`` is the record, already decided) and
    tells the heads of the service's unit, else the executives.
    """
    request = (
        ServiceRequest.objects.for_organization(request.organization_id)
        .select_for_update()
        .get(pk=request.pk)
    )
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
    request_event_add(request=request, kind=RequestEvent.Kind.RATING, text=f"{score}/5")
    request_audit(request, "eservice_request.rate", changes={"score": score})
    if score <= LOW_RATING:
        _reopen_after_rating(request, rating, now=now or timezone.now())
    return rating


def _reopen_after_rating(
    request: ServiceRequest, rating: Rating, *, now: datetime
) -> None:
    ReopenRequest.objects.create(
        rating=rating,
        request=request,
        state=ReopenRequest.State.REOPENED,
        decided_at=now,
    )

    def reopen_fields(old: str) -> None:
        request.closed_at = None

    old = transition(
        request,
        Status.IN_PROGRESS,
        actor=None,
        workflow=REOPENING,
        reason=_("Unhappy rating: %(score)s of 5") % {"score": rating.score},
        prepare=reopen_fields,
    )
    request_event_add(
        request=request, kind=RequestEvent.Kind.REOPEN, text=rating.comment, now=now
    )
    request_event_add(
        request=request,
        kind=RequestEvent.Kind.STATUS,
        text=_("Reopened after your rating; we will answer again."),
        from_status=old,
        to_status=Status.IN_PROGRESS,
        public=True,
        now=now,
    )
    _tell_heads_of_reopening(request, rating)


def _tell_heads_of_reopening(request: ServiceRequest, rating: Rating) -> int:
    """Tell the heads of the service's unit (else the executives)."""
    from prongsai.notifications.services import notify
    from prongsai.organizations.selectors import (
        membership_list_unit_heads_or_executives,
    )

    service = request.service
    told = 0
    for membership in membership_list_unit_heads_or_executives(
        organization=request.organization, unit=service.responsible_unit
    ):
        told += (
            notify(
                organization=request.organization,
                recipient=membership,
                kind="eservices/reopened",
                context={
                    "code": request.tracking_code,
                    "service": service.name,
                    "unit": service.responsible_unit,
                    "score": rating.score,
                    "comment": rating.comment,
                },
                url=request.get_staff_url(),
                dedup_key=f"eservices.reopened:{rating.pk}",
            )
            is not None
        )
    return told


@transaction.atomic
def reopen_decide(
    *, actor: User, reopen: ReopenRequest, reopen_request: bool, note: str = ""
) -> ReopenRequest:
    """The officer reopens the request (back to in progress) or dismisses it."""
    reopen = (
        ReopenRequest.objects.filter(request=reopen.request_id)
        .select_for_update()
        .get(pk=reopen.pk)
    )
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

        def reopen_fields(old: str) -> None:
            request.closed_at = None
            request.public_note = note or request.public_note

        old = transition(
            request,
            Status.IN_PROGRESS,
            actor=actor,
            workflow=REOPENING,
            reason=note,
            prepare=reopen_fields,
        )
        request_event_add(
            request=request,
            kind=RequestEvent.Kind.STATUS,
            actor=actor,
            text=note,
            from_status=old,
            to_status=Status.IN_PROGRESS,
            public=True,
        )
    request_audit(
        request, "eservice_reopen.decide", actor=actor, changes={"state": reopen.state}
    )
    return reopen
