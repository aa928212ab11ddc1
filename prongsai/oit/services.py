"""Writes on OIT checklists, evidence, submission, scores and link checks."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.accounts.models import User
from prongsai.core import pagecache
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.core.workflow import Workflow, step, transition
from prongsai.ita import selectors as ita_selectors
from prongsai.ita.models import FrameworkVersion
from prongsai.notifications.selectors import sent_key_get_last
from prongsai.notifications.services import member_scope, notify
from prongsai.organizations.models import Membership, Organization
from prongsai.search.services import records_refresh

from . import registry, selectors
from .models import (
    EVIDENCE_FIELDS,
    Checklist,
    ChecklistItem,
    DataOfficerAppointment,
    Evidence,
)
from .permissions import MANAGER_ROLES
from .services_signoff import evidence_signoff_notify

ITEM_FIELDS = ("responsible", "due_date", "explanation", "provider_key", "status")

Status = ChecklistItem.Status


def _set_by_submission(old: str, new: str) -> str:
    return _("This status is set by the submission.")


def _item_roles(actor, item: ChecklistItem) -> list[str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return []
    membership = (
        Membership.objects.active()
        .filter(organization=item.organization_id, user=actor)
        .first()
    )
    return list(membership.roles) if membership else []


# The statuses the checks decide (readiness_recompute).
DERIVED = (Status.MISSING, Status.IN_PROGRESS, Status.READY)
_OPEN = (*DERIVED, Status.NOT_READY)
# An item's status follows its requirement checks: missing, in progress or
# ready, moved by ``readiness_recompute`` whenever its records change (and
# back from a hold when a person releases it; ``prepare`` refuses ready
# while a check fails). A member holds an item back as not ready with a
# written reason; only the submission makes ready items submitted.
ITEMS = Workflow(
    action="oit_item.status",
    labels=Status,
    refused=_set_by_submission,
    roles_of=_item_roles,
    steps=[
        step(Status.MISSING, _OPEN),
        step(Status.IN_PROGRESS, _OPEN),
        step(Status.READY, _OPEN),
        step(
            Status.NOT_READY,
            _OPEN,
            roles=frozenset(MANAGER_ROLES),
            reason=True,
            reason_message=gettext_lazy("Say why the item is not ready."),
            reason_field="reason",
            forbidden=gettext_lazy(
                "Only the data officer, the ITA coordinator or the administrator "
                "may hold an item back."
            ),
        ),
        step(
            Status.SUBMITTED,
            [Status.READY],
            allowed=lambda actor, item: False,
            forbidden=gettext_lazy("This status is set by the submission."),
        ),
    ],
)
# The submission's own move (audited as the submission).
SUBMISSION = Workflow(
    action="oit_item.submit",
    labels=Status,
    refused=_set_by_submission,
    steps=[step(Status.SUBMITTED, [Status.READY])],
)


class Keep(enum.Enum):
    """Marks an argument left out: the field keeps its value."""

    KEEP = "keep"


KEEP = Keep.KEEP


def user_or_none(actor: User | None) -> User | None:
    """The acting member, or ``None`` when the system acts."""
    return actor if actor is not None and actor.is_authenticated else None


def _check_member(organization: Organization, user: User, message, field: str):
    if (
        not Membership.objects.active()
        .filter(organization=organization, user=user)
        .exists()
    ):
        raise DomainError(message, field=field)


def check_open(checklist: Checklist) -> None:
    """Refuse a change to a checklist whose URL set was submitted."""
    if checklist.is_submitted:
        raise DomainError(
            _(
                "The checklist of fiscal year %(year)s was submitted: its URL set "
                "is frozen."
            )
            % {"year": checklist.fiscal_year}
        )


@transaction.atomic
def data_officer_appoint(
    *,
    actor: User | None,
    organization: Organization,
    officer: User,
    appointed_on: datetime.date,
    order_reference: str = "",
) -> DataOfficerAppointment:
    """Record who is in charge of the published data from a date on."""
    _check_member(
        organization,
        officer,
        _("The data officer must be a member of the organisation."),
        "officer",
    )
    appointment = DataOfficerAppointment(
        organization=organization,
        officer=officer,
        appointed_on=appointed_on,
        order_reference=order_reference.strip(),
        appointed_by=user_or_none(actor),
    )
    appointment.full_clean()
    appointment.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="oit_officer.appoint",
        target=appointment,
        changes={
            "officer": str(officer),
            "appointed_on": appointed_on,
            "order_reference": appointment.order_reference,
        },
    )
    return appointment


@transaction.atomic
def checklist_open(
    *, actor: User | None, organization: Organization, fiscal_year: int
) -> Checklist:
    """The year's checklist, created with one row per OIT item of the year's
    framework (rows missing from an existing checklist are added)."""
    try:
        framework = ita_selectors.framework_get(fiscal_year=fiscal_year)
    except FrameworkVersion.DoesNotExist:
        raise DomainError(
            _("No ITA framework is loaded for fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="fiscal_year",
        ) from None
    if not framework.oit_items:
        raise DomainError(
            _("The framework of fiscal year %(year)s lists no OIT items.")
            % {"year": fiscal_year},
            field="fiscal_year",
        )
    checklist, created = Checklist.objects.get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    existing = set(checklist.items.values_list("code", flat=True))
    added = []
    for position, item in enumerate(framework.oit_items):
        if item.code in existing:
            continue
        providers = registry.providers_for(item_key=item.key)
        row = ChecklistItem(
            organization=organization,
            checklist=checklist,
            code=item.code,
            position=position,
            title_th=item.title_th,
            requirements_th=list(item.requirements_th or item.requirements),
            sub_indicator=item.sub_indicator,
            period=item.period or "",
            data_year=item.data_year,
            machine_readable=bool(item.machine_readable),
            provider_key=providers[0].key if providers else "",
        )
        row.full_clean(exclude=["checklist", "organization"])
        added.append(row)
    ChecklistItem.objects.bulk_create(added)
    records_refresh(kind="oit_item", records=added)
    if created or added:
        audit_log(
            actor=actor,
            organization=organization,
            action="oit_checklist.open" if created else "oit_checklist.update",
            target=checklist,
            changes={"added_items": [row.code for row in added]},
        )
    # Items whose records already meet the checks are ready at once.
    readiness_recompute(organization=organization, fiscal_year=fiscal_year, actor=actor)
    return checklist


@transaction.atomic
def checklist_item_update(
    *,
    actor: User | None,
    item: ChecklistItem,
    responsible: User | Keep | None = KEEP,
    due_date: datetime.date | Keep | None = KEEP,
    explanation: str | Keep = KEEP,
    provider_key: str | Keep = KEEP,
) -> ChecklistItem:
    """Change the responsible person, due date, explanation or generated
    evidence of an item; an argument left out keeps its value."""
    if isinstance(responsible, User):
        _check_member(
            item.organization,
            responsible,
            _("The responsible person must be a member of the organisation."),
            "responsible",
        )
    if (
        isinstance(provider_key, str)
        and provider_key
        and registry.provider_get(provider_key) is None
    ):
        raise DomainError(_("Unknown generated evidence."), field="provider_key")
    given = {
        "responsible": responsible,
        "due_date": due_date,
        "explanation": explanation.strip() if isinstance(explanation, str) else KEEP,
        "provider_key": provider_key,
    }
    changes = model_update(
        item, {k: v for k, v in given.items() if v is not KEEP}, ITEM_FIELDS
    )
    if changes:
        audit_log(
            actor=actor,
            organization=item.organization,
            action="oit_item.update",
            target=item,
            changes=changes,
        )
    if "provider_key" in changes and not item.checklist.is_submitted:
        _recompute_items([item], actor=actor)
    return item


def _not_ready_message(item: ChecklistItem, state) -> str:
    return _("Item %(code)s is not ready yet: %(missing)s") % {
        "code": item.code,
        "missing": "; ".join(state.missing),
    }


def _move(
    item: ChecklistItem,
    status: str,
    *,
    actor: User | None,
    reason: str = "",
    workflow: Workflow = ITEMS,
    prepare=None,
) -> None:
    """One status move of ``item`` through the workflow (audited); the hold
    reason is kept while the item is not ready and cleared otherwise."""
    reason = reason.strip()
    kept = reason if status == Status.NOT_READY else ""
    changes = {}
    if kept != item.not_ready_reason:
        changes["not_ready_reason"] = {"old": item.not_ready_reason, "new": kept}
    item.not_ready_reason = kept
    transition(
        item,
        status,
        actor=user_or_none(actor),
        workflow=workflow,
        reason=reason,
        prepare=prepare,
        changes=changes,
        save_fields=["not_ready_reason", "updated_at"],
    )


def _recompute_items(items, *, actor: User | None) -> list[ChecklistItem]:
    """Move each item whose status the checks decide to what they say now,
    and store each item's generated evidence for the public page."""
    moved = []
    for item in items:
        # One question to the provider serves both (its checks are in Thai).
        with translation.override(settings.LANGUAGE_CODE):
            state = selectors.checklist_item_get_state(item)
        link = selectors.generated_link_of(state.generated)
        if link != item.generated_link:
            _store_generated_link(item, link)
        if item.status not in DERIVED:
            continue
        target = selectors.checklist_item_get_derived_status(state)
        if target != item.status:
            _move(item, target, actor=actor)
            moved.append(item)
    return moved


def _store_generated_link(item: ChecklistItem, link: dict[str, str]) -> None:
    """Keep what the public ITA/OIT page shows of the item's generated
    evidence; its cached copies are stale once this commits."""
    item.generated_link = link
    ChecklistItem.objects.filter(organization=item.organization_id, pk=item.pk).update(
        generated_link=link
    )
    slug = item.organization.slug
    transaction.on_commit(lambda: pagecache.organization_changed(slug))


@transaction.atomic
def readiness_recompute(
    *,
    organization: Organization,
    fiscal_year: int | None = None,
    actor: User | None = None,
) -> list[ChecklistItem]:
    """Bring the item statuses of the organisation's open checklists (or of
    one year's) in line with their requirement checks; returns the items
    that moved.

    The one place statuses follow the records: called by the services of
    this app and, through ``prongsai.oit.readiness``, whenever a record an
    evidence provider depends on is saved or deleted. Items held back as not
    ready and submitted items stay as they are.
    """
    checklists = Checklist.objects.filter(
        organization=organization, submitted_at__isnull=True
    )
    if fiscal_year is not None:
        checklists = checklists.filter(fiscal_year=fiscal_year)
    moved: list[ChecklistItem] = []
    for checklist in checklists:
        items = (
            ChecklistItem.objects.filter(checklist=checklist)
            .select_related("checklist", "organization")
            .prefetch_related(
                Prefetch(
                    "evidence",
                    queryset=Evidence.objects.filter(organization=organization),
                    to_attr="prefetched_evidence",
                )
            )
            .order_by("position")
        )
        moved += _recompute_items(items, actor=actor)
    return moved


@transaction.atomic
def checklist_item_set_status(
    *, actor: User | None, item: ChecklistItem, status: str, reason: str = ""
) -> ChecklistItem:
    """A person's say on an item: hold it back as not ready (``reason``
    required), or mark it ready, which only ever succeeds when every
    requirement check passes (the error lists, in Thai, what is missing).

    Missing and in progress are what the checks say, not a person's choice:
    :func:`checklist_item_release` lets the checks decide again.
    """
    check_open(item.checklist)
    if status not in (Status.READY, Status.NOT_READY):
        raise DomainError(
            _(
                "The status of an item follows its checks: mark it not ready with "
                "a reason, or let the checks decide."
            ),
            field="status",
        )

    def prepare(_old: str) -> None:
        if status == Status.READY:
            state = selectors.checklist_item_get_state(item)
            if not state.passed:
                raise DomainError(_not_ready_message(item, state), field="status")

    _move(item, status, actor=actor, reason=reason, prepare=prepare)
    return item


@transaction.atomic
def checklist_item_release(*, actor: User | None, item: ChecklistItem) -> ChecklistItem:
    """End a hold: the item takes the status its checks give it now."""
    check_open(item.checklist)
    if item.status != Status.NOT_READY:
        raise DomainError(
            _("Item %(code)s is not held back.") % {"code": item.code}, field="status"
        )
    state = selectors.checklist_item_get_state(item)
    _move(item, selectors.checklist_item_get_derived_status(state), actor=actor)
    return item


@transaction.atomic
def checklist_items_submit(*, actor: User | None, checklist: Checklist) -> int:
    """The submission's move: every ready item becomes submitted (one
    audited workflow move each); returns how many."""
    items = list(
        ChecklistItem.objects.filter(checklist=checklist, status=Status.READY)
        .select_related("organization")
        .order_by("position")
    )
    for item in items:
        _move(item, Status.SUBMITTED, actor=actor, workflow=SUBMISSION)
    return len(items)


@transaction.atomic
def evidence_add(
    *,
    actor: User | None,
    item: ChecklistItem,
    kind: str,
    title: str,
    file=None,
    url: str = "",
    covers_fiscal_year: int | None = None,
    period: str = "",
    states_none: bool = False,
    approved_by_name: str = "",
    approved_on: datetime.date | None = None,
    requirement_indexes: Iterable[int] = (),
) -> Evidence:
    """Attach an uploaded document or an external link to an item."""
    check_open(item.checklist)
    if kind == Evidence.Kind.UPLOAD and not file:
        raise DomainError(_("Choose the file to upload."), field="file")
    if kind == Evidence.Kind.LINK and not url:
        raise DomainError(_("Enter the link."), field="url")
    indexes = sorted({int(i) for i in requirement_indexes or ()})
    if any(i < 1 or i > len(item.requirements_th) for i in indexes):
        raise DomainError(
            _("Requirement numbers must be between 1 and %(n)s.")
            % {"n": len(item.requirements_th)},
            field="requirement_indexes",
        )
    evidence = Evidence(
        organization=item.organization,
        item=item,
        added_by=user_or_none(actor),
        kind=kind,
        title=title.strip(),
        file=file,
        url="" if kind == Evidence.Kind.UPLOAD else url.strip(),
        covers_fiscal_year=covers_fiscal_year,
        period=period,
        states_none=states_none,
        approved_by_name=approved_by_name.strip(),
        approved_on=approved_on,
        requirement_indexes=indexes,
    )
    evidence.full_clean()
    evidence.save()
    audit_log(
        actor=actor,
        organization=item.organization,
        action="oit_evidence.add",
        target=evidence,
        changes={**snapshot(evidence, EVIDENCE_FIELDS), "item": item.code},
    )
    _recompute_items([item], actor=actor)
    evidence_signoff_notify(evidence=evidence)
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User | None, evidence: Evidence) -> None:
    """Remove evidence from an item (not after submission)."""
    item = evidence.item
    check_open(item.checklist)
    audit_log(
        actor=actor,
        organization=evidence.organization,
        action="oit_evidence.remove",
        target=evidence,
        changes={"title": evidence.title, "item": item.code},
    )
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()
    _recompute_items([item], actor=actor)


# --- Reminders ------------------------------------------------------------------------
def reminders_send(*, checklist: Checklist, today: datetime.date | None = None) -> int:
    """Remind each responsible person of the OIT items that need them (e-mail,
    and LINE where they linked it); returns the number of people reminded.

    The person is the item's responsible member or else the current data
    officer. A digest goes out when its content is new, and again weekly while
    it stays the same (``reminders.should_send``); nothing is sent to people
    who are no longer active members.
    """
    from . import reminders

    today = today or timezone.localdate()
    organization = checklist.organization
    states = selectors.checklist_item_list_states(checklist)
    appointment = selectors.data_officer_get_current(organization=organization)
    default = appointment.officer if appointment else None
    memberships = {
        m.user_id: m
        for m in Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
    }
    items = {state.item.pk: state.item for state in states}
    per_person: dict[int, tuple] = {}
    for line in reminders.digest_lines(states, today=today):
        person = items[line.item_id].responsible or default
        if person is None or person.pk not in memberships:
            continue
        per_person.setdefault(person.pk, (person, []))[1].append(line)
    link = reverse(
        "oit-staff:checklist",
        kwargs={"org": organization.slug, "fiscal_year": checklist.fiscal_year},
    )
    prefix = f"oit.digest:{checklist.pk}:"
    sent = 0
    for person, lines in per_person.values():
        membership = memberships[person.pk]
        key = reminders.digest_key(lines)
        last = sent_key_get_last(
            organization=organization,
            recipient=member_scope(membership),
            prefix=prefix,
        )
        if not reminders.should_send(
            key=key,
            last_key=last.key[len(prefix) :].split(":")[0] if last else None,
            last_sent_on=last.sent_on if last else None,
            today=today,
        ):
            continue
        notification = notify(
            organization=organization,
            recipient=membership,
            kind="oit/reminder",
            context={
                "checklist": checklist,
                "person": person,
                "lines": lines,
                "today": today,
            },
            url=link,
            dedup_key=f"{prefix}{key}:{today.isoformat()}",
        )
        sent += notification is not None
    return sent
