"""Reads on OIT checklists: item state, readiness, public index."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from prongsai.ita import selectors as ita_selectors
from prongsai.ita.models import FrameworkVersion
from prongsai.ita.scoring import (
    ScoringInputError,
    level,
    oit_from_items,
    round2,
    tool_scores,
)
from prongsai.ita.scoring_simulation import WhatIfGain, what_if

from . import registry
from . import reminders as reminders_rules
from .checks import EvidenceFacts, ItemSpec, item_checks
from .models import (
    Checklist,
    ChecklistItem,
    DataOfficerAppointment,
    Evidence,
    LinkCheck,
    SubmittedCopy,
    SubmittedUrl,
)
from .registry import EvidenceResult, RequirementCheck

logger = logging.getLogger(__name__)


def checklist_list(*, organization) -> QuerySet[Checklist]:
    return Checklist.objects.filter(organization=organization).order_by("-fiscal_year")


def checklist_get(*, organization, fiscal_year) -> Checklist | None:
    return Checklist.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def access_checklist(*, organization, fiscal_year) -> Checklist:
    try:
        return Checklist.objects.get(organization=organization, fiscal_year=fiscal_year)
    except (Checklist.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_checklist_item(*, organization, pk) -> ChecklistItem:
    try:
        return ChecklistItem.objects.select_related("checklist", "responsible").get(
            organization=organization, pk=pk
        )
    except (ChecklistItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_evidence(*, organization, pk) -> Evidence:
    try:
        return Evidence.objects.select_related("item").get(
            organization=organization, pk=pk
        )
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def data_officer_get_current(*, organization) -> DataOfficerAppointment | None:
    return (
        DataOfficerAppointment.objects.filter(organization=organization)
        .select_related("officer", "appointed_by")
        .first()
    )


def data_officer_list_history(*, organization) -> QuerySet[DataOfficerAppointment]:
    return DataOfficerAppointment.objects.filter(
        organization=organization
    ).select_related("officer", "appointed_by")


@dataclass
class ItemState:
    item: ChecklistItem
    generated: EvidenceResult | None
    evidence: list[Evidence]
    checks: list[RequirementCheck]
    providers: list[registry.Provider] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def missing(self) -> list[str]:
        return [c.message_th for c in self.checks if not c.passed]

    @property
    def links(self) -> list[tuple[str, str]]:
        """(URL, title) of every piece of evidence, generated first."""
        return evidence_links(
            self.item, generated_link_of(self.generated), self.evidence
        )


def generated_link_of(result: EvidenceResult | None) -> dict[str, str]:
    """What the public sees of a provider's result: ``{"url", "title"}``,
    or ``{}`` (no result, or only a placeholder)."""
    if result is None or result.placeholder:
        return {}
    return {"url": result.url, "title": result.title}


def checklist_item_get_generated_link(item: ChecklistItem) -> dict[str, str]:
    """The item's generated evidence as the public page shows it, asked of
    its provider now in the site's language (Thai: the OIT page is the
    organisation's disclosure for the assessment, as the submitted URL set)."""
    if not item.provider_key:
        return {}
    with translation.override(settings.LANGUAGE_CODE):
        return generated_link_of(evidence_get_generated(item))


def evidence_links(
    item: ChecklistItem, generated: dict[str, str], evidence: list[Evidence]
) -> list[tuple[str, str]]:
    """(URL, title) of the item's generated evidence, then of the rest."""
    links = [(generated["url"], generated["title"])] if generated else []
    for one in evidence:
        if one.kind == Evidence.Kind.UPLOAD and one.file:
            links.append(
                (evidence_get_public_url(one, slug=item.organization.slug), one.title)
            )
        elif one.url:
            links.append((one.url, one.title))
    return links


def evidence_get_public_url(evidence: Evidence, *, slug: str = "") -> str:
    """A stable address of an uploaded document on the organisation's site."""
    return reverse(
        "portal-public:oit-evidence",
        kwargs={"org": slug or evidence.organization.slug, "pk": evidence.pk},
    )


def access_public_evidence(*, organization, pk) -> Evidence:
    """An uploaded evidence file of the organisation, or 404."""
    try:
        return Evidence.objects.get(
            organization=organization, pk=pk, kind=Evidence.Kind.UPLOAD
        )
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _spec(item: ChecklistItem) -> ItemSpec:
    return ItemSpec(
        code=item.code,
        title_th=item.title_th,
        requirements_th=tuple(item.requirements_th),
        period=item.period,
        data_year=item.data_year,
        machine_readable=item.machine_readable,
    )


def _facts(evidence: Evidence) -> EvidenceFacts:
    return EvidenceFacts(
        title=evidence.title,
        covers_fiscal_year=evidence.covers_fiscal_year,
        period=evidence.period,
        states_none=evidence.states_none,
        approved=evidence.approved,
        machine_readable=evidence.machine_readable,
        requirement_indexes=tuple(int(i) for i in evidence.requirement_indexes or ()),
    )


def evidence_get_generated(item: ChecklistItem) -> EvidenceResult | None:
    """The item's provider output now, or ``None`` (also when it fails)."""
    if not item.provider_key:
        return None
    provider = registry.provider_get(item.provider_key)
    if provider is None:
        return None
    try:
        return provider.evidence(item.organization, item.checklist.fiscal_year)
    except Exception:
        logger.exception("OIT provider %s failed", item.provider_key)
        return None


def checklist_item_get_key(item: ChecklistItem) -> str:
    """The stable key of a checklist item in its year's framework ("" when
    the framework or the item is gone, or the item has no key)."""
    try:
        framework = ita_selectors.framework_get(fiscal_year=item.checklist.fiscal_year)
        return framework.item(item.code).key
    except (FrameworkVersion.DoesNotExist, KeyError):
        return ""


def checklist_item_get_state(
    item: ChecklistItem, *, with_providers: bool = False
) -> ItemState:
    if hasattr(item, "prefetched_evidence"):
        evidence = list(item.prefetched_evidence)
    else:
        evidence = list(item.evidence.all())
    generated = evidence_get_generated(item)
    checks = item_checks(_spec(item), [_facts(e) for e in evidence], generated)
    providers = (
        registry.providers_for(item_key=checklist_item_get_key(item))
        if with_providers
        else []
    )
    return ItemState(item, generated, evidence, checks, providers)


def checklist_item_get_derived_status(state: ItemState) -> str:
    """The status the checks give an item: ready when every check passes,
    in progress when there is some evidence or some check passes, else
    missing."""
    if state.passed:
        return ChecklistItem.Status.READY
    if (
        state.evidence
        or (state.generated is not None and not state.generated.placeholder)
        or any(check.passed for check in state.checks)
    ):
        return ChecklistItem.Status.IN_PROGRESS
    return ChecklistItem.Status.MISSING


def checklist_item_list_states(checklist: Checklist) -> list[ItemState]:
    items = (
        ChecklistItem.objects.filter(checklist=checklist)
        .select_related("checklist", "organization", "responsible")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.all(),
                to_attr="prefetched_evidence",
            )
        )
        .order_by("position")
    )
    return [checklist_item_get_state(item) for item in items]


@dataclass
class Readiness:
    total: int
    done: int
    oit: Decimal | None = None
    indicators: dict[int, Decimal] = field(default_factory=dict)
    ita_total: Decimal | None = None
    ita_level: str = ""
    based_on_year: int | None = None
    fix_first: list[WhatIfGain] = field(default_factory=list)
    error: str = ""

    @property
    def share(self) -> Decimal:
        if not self.total:
            return Decimal(0)
        return round2(Decimal(self.done) * 100 / Decimal(self.total))


def readiness_get(*, organization, checklist: Checklist, states=None) -> Readiness:
    """The readiness of the checklist from its item statuses as stored
    (``states`` is accepted for the callers that have them, and not used:
    the statuses are read afresh, so the share and the scores below always
    agree with the statuses shown)."""
    statuses = dict(
        ChecklistItem.objects.filter(checklist=checklist).values_list("code", "status")
    )
    return readiness_from_statuses(
        organization=organization, fiscal_year=checklist.fiscal_year, statuses=statuses
    )


def readiness_from_statuses(
    *, organization, fiscal_year: int, statuses: dict[str, str]
) -> Readiness:
    """The one computation of readiness from item statuses (``{code:
    status}``): the share of items ready or submitted, the OIT score that
    gives (each such item 100, every other 0, through the year's
    sub-indicators), and the ITA total it implies with the last recorded
    IIT/EIT indicators; what to fix first by gain."""
    done = {ChecklistItem.Status.READY, ChecklistItem.Status.SUBMITTED}
    results = {
        code: (100 if status in done else 0) for code, status in statuses.items()
    }
    result = Readiness(total=len(results), done=sum(1 for v in results.values() if v))
    try:
        framework = ita_selectors.framework_get(fiscal_year=fiscal_year)
        indicators = oit_from_items(framework, results)
    except Exception as error:  # no framework or no item structure
        result.error = str(error)
        return result
    result.indicators = {n: round2(v) for n, v in indicators.items()}
    result.oit = round2(sum(indicators.values(), Decimal(0)) / len(indicators))
    last = ita_selectors.ita_result_list(organization=organization).first()
    if last is None:
        return result
    # The rounded OIT indicators (scores carry at most two decimals).
    values = {**last.indicators, **result.indicators}
    try:
        totals = tool_scores(values, framework)
        gains = what_if(framework, results, last.indicators)
    except ScoringInputError as error:
        result.error = str(error)
        return result
    result.based_on_year = last.fiscal_year
    result.ita_total = round2(totals["total"])
    result.ita_level = level(
        framework, totals["total"], totals["iit"], totals["eit"], totals["oit"]
    ).label_th
    result.fix_first = gains[:5]
    return result


def checklist_item_list_not_ready(*, checklist: Checklist) -> QuerySet[ChecklistItem]:
    """Items that would score 0 if the checklist were submitted now (with
    the hold reason of those held back)."""
    return (
        ChecklistItem.objects.filter(checklist=checklist)
        .exclude(
            status__in=(ChecklistItem.Status.READY, ChecklistItem.Status.SUBMITTED)
        )
        .order_by("position")
    )


def reminder_list(
    states, *, today: datetime.date, days: int = reminders_rules.DUE_SOON_DAYS
) -> list[ItemState]:
    """Items not done whose due date is past or within ``days`` days."""
    return [
        s
        for s in states
        if not s.item.counts_as_done
        and reminders_rules.due_near(s.item, today=today, days=days)
    ]


def submitted_url_list(*, checklist: Checklist) -> QuerySet[SubmittedUrl]:
    return SubmittedUrl.objects.filter(item__checklist=checklist).select_related("item")


def submitted_url_list_with_copies(*, checklist: Checklist) -> QuerySet[SubmittedUrl]:
    """The submitted URLs in item order, each with its kept copy (if any)."""
    return (
        SubmittedUrl.objects.filter(
            organization=checklist.organization, item__checklist=checklist
        )
        .select_related("item", "copy")
        .order_by("item__position", "pk")
    )


def access_submitted_copy(*, organization, pk) -> SubmittedCopy:
    """A kept copy of the organisation's submission that has a file."""
    try:
        return SubmittedCopy.objects.select_related(
            "submitted_url__item__checklist"
        ).get(organization=organization, pk=pk, outcome=SubmittedCopy.Outcome.STORED)
    except (SubmittedCopy.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def link_check_list_latest(*, checklist: Checklist) -> dict[int, list[LinkCheck]]:
    """The most recent check run's rows, by item id."""
    checks = LinkCheck.objects.filter(item__checklist=checklist)
    last = checks.order_by("-checked_at").values_list("checked_at", flat=True).first()
    if last is None:
        return {}
    rows: dict[int, list[LinkCheck]] = {}
    for check in checks.filter(checked_at=last):
        rows.setdefault(check.item_id, []).append(check)
    return rows


@dataclass
class PublicRow:
    """One item of the public ITA/OIT page with the links shown for it."""

    item: ChecklistItem
    links: list[tuple[str, str]]


def checklist_list_public_years(*, organization) -> list[int]:
    """Every fiscal year with a checklist, newest first (the public page
    offers them all: opening a new year hides no earlier one)."""
    return list(
        checklist_list(organization=organization).values_list("fiscal_year", flat=True)
    )


def checklist_get_public(
    *, organization, fiscal_year=None
) -> tuple[Checklist | None, list[PublicRow]]:
    """The checklist shown on the public ITA/OIT page (latest year by
    default) and its rows.

    A submitted year shows the URL set frozen at its submission, whatever
    happened to the records since; a year still being prepared shows its
    evidence as it is now.
    """
    checklists = checklist_list(organization=organization)
    checklist = (
        checklists.filter(fiscal_year=fiscal_year).first()
        if fiscal_year
        else checklists.first()
    )
    if checklist is None:
        return None, []
    checklist.organization = organization
    if not checklist.is_submitted:
        return checklist, _public_rows_open(checklist)
    frozen: dict[int, list[tuple[str, str]]] = {}
    for row in SubmittedUrl.objects.filter(item__checklist=checklist).order_by("pk"):
        frozen.setdefault(row.item_id, []).append((row.url, row.title or row.url))
    items = ChecklistItem.objects.filter(checklist=checklist).order_by("position")
    return checklist, [PublicRow(item, frozen.get(item.pk, [])) for item in items]


# What the public page reads of an item (the provider key only when the
# item was never checked and its provider is asked).
PUBLIC_ITEM_FIELDS = (
    "organization",
    "checklist",
    "code",
    "position",
    "title_th",
    "explanation",
    "updated_at",
    "provider_key",
    "generated_link",
)


def _public_rows_open(checklist: Checklist) -> list[PublicRow]:
    """The rows of a year still being prepared, from the generated evidence
    stored on each item (``ChecklistItem.generated_link``), not from the
    providers: the page costs a handful of queries however many providers
    there are. An item never checked yet asks its provider."""
    organization = checklist.organization
    items = (
        ChecklistItem.objects.filter(organization=organization, checklist=checklist)
        .only(*PUBLIC_ITEM_FIELDS)
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(organization=organization).only(
                    "item", "kind", "title", "file", "url"
                ),
                to_attr="prefetched_evidence",
            )
        )
        .order_by("position")
    )
    rows = []
    for item in items:
        item.checklist, item.organization = checklist, organization
        generated = item.generated_link
        if generated is None:
            generated = checklist_item_get_generated_link(item)
        rows.append(
            PublicRow(item, evidence_links(item, generated, item.prefetched_evidence))
        )
    return rows
