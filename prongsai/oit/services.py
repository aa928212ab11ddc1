"""Writes on OIT checklists, evidence, submission, scores and link checks."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.workflow import Workflow, step, transition
from prongsai.ita import selectors as ita_selectors
from prongsai.ita.models import FrameworkVersion
from prongsai.ita.services import ita_result_record
from prongsai.notifications.selectors import sent_key_get_last
from prongsai.notifications.services import member_scope, notify
from prongsai.organizations.models import Membership
from prongsai.search.services import records_refresh

from . import linkcheck, registry, selectors
from .models import (
    Checklist,
    ChecklistItem,
    DataOfficerAppointment,
    Evidence,
    LinkCheck,
    SubmittedUrl,
)

ITEM_FIELDS = ("responsible", "due_date", "explanation", "provider_key", "status")
EVIDENCE_FIELDS = (
    "kind",
    "title",
    "file",
    "url",
    "covers_fiscal_year",
    "period",
    "states_none",
    "approved_by_name",
    "approved_on",
    "requirement_indexes",
)


def _set_by_submission(old: str, new: str) -> str:
    return _("This status is set by the submission.")


_MANUAL = (
    ChecklistItem.Status.MISSING,
    ChecklistItem.Status.IN_PROGRESS,
    ChecklistItem.Status.READY,
)
# Members move an item between missing, in progress and ready (staying put
# is allowed); only the submission makes ready items submitted.
ITEMS = Workflow(
    action="oit_item.status",
    labels=ChecklistItem.Status,
    refused=_set_by_submission,
    steps=[
        *(step(target, _MANUAL) for target in _MANUAL),
        step(
            ChecklistItem.Status.SUBMITTED,
            [ChecklistItem.Status.READY],
            allowed=lambda actor, item: False,
            forbidden=gettext_lazy("This status is set by the submission."),
        ),
    ],
)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_open(checklist: Checklist) -> None:
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
    actor,
    organization,
    officer,
    appointed_on: datetime.date,
    order_reference: str = "",
) -> DataOfficerAppointment:
    """Record who is in charge of the published data from a date on."""
    if (
        not Membership.objects.active()
        .filter(organization=organization, user=officer)
        .exists()
    ):
        raise DomainError(
            _("The data officer must be a member of the organisation."),
            field="officer",
        )
    appointment = DataOfficerAppointment(
        organization=organization,
        officer=officer,
        appointed_on=appointed_on,
        order_reference=order_reference.strip(),
        appointed_by=_user(actor),
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
def checklist_open(*, actor, organization, fiscal_year: int) -> Checklist:
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
    return checklist


@transaction.atomic
def checklist_item_update(*, actor, item: ChecklistItem, **values) -> ChecklistItem:
    """Change the responsible person, due date, explanation or generated
    evidence of an item."""
    for key in values:
        if key not in ITEM_FIELDS or key == "status":
            raise TypeError(key)
    responsible = values.get("responsible")
    if (
        responsible is not None
        and not Membership.objects.active()
        .filter(organization=item.organization, user=responsible)
        .exists()
    ):
        raise DomainError(
            _("The responsible person must be a member of the organisation."),
            field="responsible",
        )
    provider_key = values.get("provider_key")
    if provider_key and registry.provider_get(provider_key) is None:
        raise DomainError(_("Unknown generated evidence."), field="provider_key")
    before = snapshot(item, ITEM_FIELDS)
    for name, value in values.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    item.full_clean()
    item.save()
    changes = diff(before, snapshot(item, ITEM_FIELDS))
    if changes:
        audit_log(
            actor=actor,
            organization=item.organization,
            action="oit_item.update",
            target=item,
            changes=changes,
        )
    return item


@transaction.atomic
def checklist_item_set_status(
    *, actor, item: ChecklistItem, status: str
) -> ChecklistItem:
    """Move an item between missing, in progress and ready.

    An item becomes ready only when every requirement check passes; the
    error lists, in Thai, what is still missing.
    """

    def prepare(_old: str) -> None:
        _check_open(item.checklist)
        if status == ChecklistItem.Status.READY:
            state = selectors.item_state(item)
            if not state.passed:
                raise DomainError(
                    _("Item %(code)s is not ready yet: %(missing)s")
                    % {"code": item.code, "missing": "; ".join(state.missing)},
                    field="status",
                )

    transition(
        item,
        status,
        actor=actor,
        workflow=ITEMS,
        prepare=prepare,
        save_fields=["updated_at"],
    )
    return item


@transaction.atomic
def evidence_add(*, actor, item: ChecklistItem, **values) -> Evidence:
    """Attach an uploaded document or an external link to an item."""
    _check_open(item.checklist)
    for key in values:
        if key not in EVIDENCE_FIELDS:
            raise TypeError(key)
    evidence = Evidence(
        organization=item.organization, item=item, added_by=_user(actor)
    )
    for name, value in values.items():
        setattr(evidence, name, value.strip() if isinstance(value, str) else value)
    if evidence.kind == Evidence.Kind.UPLOAD and not evidence.file:
        raise DomainError(_("Choose the file to upload."), field="file")
    if evidence.kind == Evidence.Kind.LINK and not evidence.url:
        raise DomainError(_("Enter the link."), field="url")
    if evidence.kind == Evidence.Kind.UPLOAD:
        evidence.url = ""
    indexes = sorted({int(i) for i in evidence.requirement_indexes or ()})
    if any(i < 1 or i > len(item.requirements_th) for i in indexes):
        raise DomainError(
            _("Requirement numbers must be between 1 and %(n)s.")
            % {"n": len(item.requirements_th)},
            field="requirement_indexes",
        )
    evidence.requirement_indexes = indexes
    evidence.full_clean()
    evidence.save()
    audit_log(
        actor=actor,
        organization=item.organization,
        action="oit_evidence.add",
        target=evidence,
        changes={**snapshot(evidence, EVIDENCE_FIELDS), "item": item.code},
    )
    if item.status == ChecklistItem.Status.MISSING:
        item.status = ChecklistItem.Status.IN_PROGRESS
        item.save(update_fields=["status", "updated_at"])
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    item = evidence.item
    _check_open(item.checklist)
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
    if (
        item.status == ChecklistItem.Status.READY
        and not selectors.item_state(item).passed
    ):
        item.status = ChecklistItem.Status.IN_PROGRESS
        item.save(update_fields=["status", "updated_at"])


def _fetcher_defaults():
    return {"local_fetch": linkcheck.client_fetch}


@transaction.atomic
def checklist_submit(
    *,
    actor,
    checklist: Checklist,
    fetch_options: Mapping | None = None,
) -> Checklist:
    """Freeze the URL set and snapshot every evidence URL (hash, time).

    Ready items become submitted; items not ready stay as they are and will
    score 0. Internal pages are fetched in-process unless ``fetch_options``
    say otherwise.
    """
    _check_open(checklist)
    states = selectors.checklist_items(checklist)
    if not any(s.item.counts_as_done for s in states):
        raise DomainError(_("Mark at least one item ready before submitting."))
    urls = [url for state in states for url, _title in state.links]
    fetched = linkcheck.fetch_many(urls, **(fetch_options or _fetcher_defaults()))
    now = timezone.now()
    rows = []
    for state in states:
        for url, title in state.links:
            result = fetched[url]
            rows.append(
                SubmittedUrl(
                    organization=checklist.organization,
                    item=state.item,
                    url=url[:500],
                    title=title[:300],
                    status_code=result.status,
                    content_hash=result.content_hash,
                    size=result.size,
                    retrieved_at=now,
                    error=result.error[:300],
                )
            )
    SubmittedUrl.objects.bulk_create(rows)
    ChecklistItem.objects.filter(
        checklist=checklist, status=ChecklistItem.Status.READY
    ).update(status=ChecklistItem.Status.SUBMITTED, updated_at=now)
    checklist.submitted_at = now
    checklist.submitted_by = _user(actor)
    checklist.save(update_fields=["submitted_at", "submitted_by", "updated_at"])
    audit_log(
        actor=actor,
        organization=checklist.organization,
        action="oit_checklist.submit",
        target=checklist,
        changes={
            "urls": len(rows),
            "broken": sum(
                1 for r in rows if not (r.status_code and r.status_code < 400)
            ),
        },
    )
    return checklist


@transaction.atomic
def item_scores_record(
    *, actor, checklist: Checklist, scores: Mapping[str, object], final: bool
) -> Checklist:
    """Record the assessors' preliminary or final item scores (0 or 100).

    When final scores cover every item and the year's ITA result is on
    record, they become that result's OIT item results.
    """
    items = {item.code: item for item in checklist.items.all()}
    errors = []
    clean: dict[str, int] = {}
    for code, raw in scores.items():
        if raw in (None, ""):
            continue
        if code not in items:
            errors.append(_("There is no item %(code)s this year.") % {"code": code})
            continue
        try:
            value = int(str(raw).strip())
        except ValueError:
            value = -1
        if value not in (0, 100):
            errors.append(
                _("Item %(code)s: a score is 0 or 100, not %(value)s.")
                % {"code": code, "value": raw}
            )
            continue
        clean[code] = value
    if errors:
        raise DomainError(" ".join(errors))
    field = "final_score" if final else "preliminary_score"
    changes = {}
    for code, value in clean.items():
        item = items[code]
        if getattr(item, field) != value:
            changes[code] = {"old": getattr(item, field), "new": value}
            setattr(item, field, value)
            item.save(update_fields=[field, "updated_at"])
    audit_log(
        actor=actor,
        organization=checklist.organization,
        action="oit_scores.final" if final else "oit_scores.preliminary",
        target=checklist,
        changes=changes,
    )
    if final and set(clean) == set(items):
        result = (
            ita_selectors.ita_result_list(organization=checklist.organization)
            .filter(fiscal_year=checklist.fiscal_year)
            .first()
        )
        if result is not None:
            ita_result_record(
                actor=actor,
                organization=checklist.organization,
                fiscal_year=checklist.fiscal_year,
                indicators=result.indicators,
                published=result.published,
                item_results=clean,
                notes=result.notes,
            )
    return checklist


def link_check_run(
    *,
    organization,
    checklist: Checklist,
    fetch_options: Mapping | None = None,
    now: Callable[[], datetime.datetime] = timezone.now,
) -> list[str]:
    """Fetch every evidence URL of the checklist and record the results.

    Returns Thai warnings: URLs that do not work, and, after submission,
    submitted URLs whose content changed or that broke.
    """
    options = dict(fetch_options or _fetcher_defaults())
    states = selectors.checklist_items(checklist)
    submitted: dict[tuple[int, str], SubmittedUrl] = {
        (row.item_id, row.url): row
        for row in selectors.submitted_urls(checklist=checklist)
    }
    urls = [url for s in states for url, _t in s.links]
    urls += [row.url for row in submitted.values()]
    fetched = linkcheck.fetch_many(urls, **options)
    checked_at = now()
    rows, warnings = [], []
    pairs = {(s.item, url) for s in states for url, _t in s.links}
    pairs |= {(row.item, row.url) for row in submitted.values()}
    for item, url in sorted(pairs, key=lambda p: (p[0].position, p[1])):
        result = fetched[url]
        before = submitted.get((item.pk, url))
        changed = bool(
            before
            and before.content_hash
            and result.content_hash != before.content_hash
        )
        rows.append(
            LinkCheck(
                organization=organization,
                item=item,
                url=url[:500],
                checked_at=checked_at,
                status_code=result.status,
                final_url=result.final_url[:500],
                redirects=result.redirects,
                content_hash=result.content_hash,
                elapsed_ms=result.elapsed_ms,
                error=result.error[:300],
                ok=result.ok,
                changed_since_submission=changed,
            )
        )
        if not result.ok:
            reason = result.error or f"HTTP {result.status}"
            warnings.append(f"{item.code}: ลิงก์ใช้ไม่ได้ ({reason}) {url}")
        elif changed:
            warnings.append(f"{item.code}: เนื้อหาเปลี่ยนไปหลังส่งแบบ OIT {url}")
    with transaction.atomic():
        LinkCheck.objects.bulk_create(rows)
    return warnings


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
    states = selectors.checklist_items(checklist)
    appointment = selectors.data_officer_current(organization=organization)
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
        "oit:checklist",
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
