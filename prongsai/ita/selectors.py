"""Reads on ITA frameworks, results, peers, rules and analysis reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404

from prongsai.core.models import Publication
from prongsai.core.publications import (
    publication_get,
    publication_latest,
    publication_list,
)

from .analysis import (
    DEFAULT_THRESHOLD,
    Analysis,
    PeerFigures,
    Rule,
    YearScores,
    analyse,
    peer_figures,
)
from .consistency import IndicatorMismatch, item_mismatches
from .frameworks import Framework
from .models import (
    INDICATOR_NUMBERS,
    AnalysisReport,
    FrameworkVersion,
    ItaResult,
    ItaSettings,
    OrganizationRule,
    PeerDataset,
    RecommendationRule,
    RuleSwitchOff,
)
from .scoring import score


def framework_get(*, fiscal_year: int) -> Framework:
    """The framework of a fiscal year as stored (maybe corrected) in the database.

    Raises ``FrameworkVersion.DoesNotExist`` when the year has not been loaded.
    """
    return FrameworkVersion.objects.get(fiscal_year=fiscal_year).framework()


def framework_list_years() -> list[int]:
    """Fiscal years with a framework on record, newest first."""
    return list(FrameworkVersion.objects.values_list("fiscal_year", flat=True))


def ita_result_list(*, organization) -> QuerySet[ItaResult]:
    """The organisation's results, newest fiscal year first."""
    return ItaResult.objects.filter(organization=organization).order_by("-fiscal_year")


def ita_result_list_scores(*, organization) -> list[tuple[ItaResult, object]]:
    """Each result with its score, newest first: two queries whatever the years."""
    versions = {v.fiscal_year: v for v in FrameworkVersion.objects.all()}
    return [
        (result, score(versions[result.fiscal_year].framework(), result.indicators))
        for result in ita_result_list(organization=organization)
        if result.fiscal_year in versions
    ]


def access_ita_result(*, organization, fiscal_year) -> ItaResult:
    """The organisation's result of a fiscal year, or 404."""
    try:
        return ItaResult.objects.get(organization=organization, fiscal_year=fiscal_year)
    except (ItaResult.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def ita_result_list_mismatches(
    *, fiscal_year: int, indicators, item_results
) -> list[IndicatorMismatch]:
    """Typed OIT indicators (9, 10) that the year's item results contradict.

    Empty when the year has no framework or too few item results to say.
    """
    version = FrameworkVersion.objects.filter(fiscal_year=fiscal_year).first()
    if version is None:
        return []
    return item_mismatches(version.framework(), indicators, item_results or {})


def weakness_threshold_get(*, organization) -> Decimal:
    """The score below which the organisation's analysis lists a weakness."""
    row = ItaSettings.objects.filter(organization=organization).first()
    return row.weakness_threshold if row else DEFAULT_THRESHOLD


def _as_rule(rule, *, own: bool = False) -> Rule:
    return Rule(
        scope=rule.scope,
        target=rule.target.strip(),
        title=rule.title,
        description=rule.description,
        responsible_unit=rule.responsible_unit,
        steps=tuple(s.strip() for s in rule.steps.splitlines() if s.strip()),
        kpi=rule.kpi,
        below=rule.below,
        priority=rule.priority,
        own=own,
    )


def recommendation_rule_list(*, organization=None) -> list[Rule]:
    """Rules as plain data for the analysis.

    The active shipped rules; for an organisation, minus the ones it
    switched off, plus its own active rules.
    """
    defaults = RecommendationRule.objects.filter(is_active=True)
    if organization is None:
        return [_as_rule(rule) for rule in defaults]
    switched_off = RuleSwitchOff.objects.filter(organization=organization).values_list(
        "rule_id", flat=True
    )
    own = OrganizationRule.objects.filter(organization=organization, is_active=True)
    return [
        *(_as_rule(rule) for rule in defaults.exclude(pk__in=list(switched_off))),
        *(_as_rule(rule, own=True) for rule in own),
    ]


def peer_dataset_list(*, organization) -> QuerySet[PeerDataset]:
    return PeerDataset.objects.filter(organization=organization)


def access_peer_dataset(*, organization, pk) -> PeerDataset:
    try:
        return PeerDataset.objects.get(organization=organization, pk=pk)
    except (PeerDataset.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass(frozen=True)
class PeerStanding:
    """A peer group and where the organisation stands in it.

    ``figures`` is ``None`` when the organisation has no result of the
    group's fiscal year; ``figures.ranked`` says whether the group is large
    enough for its rank to be shown.
    """

    dataset: PeerDataset
    figures: PeerFigures | None


def peer_dataset_list_standings(*, organization) -> list[PeerStanding]:
    """Every peer group with the organisation's standing in it.

    Two aggregate queries per group (groups are few: one per file imported).
    """
    versions = {v.fiscal_year: v for v in FrameworkVersion.objects.all()}
    totals = {
        result.fiscal_year: score(
            versions[result.fiscal_year].framework(), result.indicators
        ).total
        for result in ita_result_list(organization=organization)
        if result.fiscal_year in versions
    }
    standings = []
    for dataset in peer_dataset_list(organization=organization):
        total = totals.get(dataset.fiscal_year)
        figures = (
            None if total is None else peer_figures_get(dataset=dataset, total=total)
        )
        standings.append(PeerStanding(dataset=dataset, figures=figures))
    return standings


def peer_figures_get(*, dataset: PeerDataset, total: Decimal) -> PeerFigures:
    """Averages of the peer group and the organisation's rank among them.

    Two aggregate queries whatever the size of the group.
    """
    figures = dataset.rows.aggregate(
        average_total=Avg("total"),
        above=Count("pk", filter=Q(total__gt=total)),
        at_or_below=Count("pk", filter=Q(total__lte=total)),
        **{f"avg{n}": Avg(f"i{n}") for n in INDICATOR_NUMBERS},
    )
    return peer_figures(
        name=dataset.name,
        own_total=total,
        totals_above=figures["above"],
        totals_at_or_below=figures["at_or_below"],
        averages={
            n: Decimal(str(figures[f"avg{n}"]))
            for n in INDICATOR_NUMBERS
            if figures[f"avg{n}"] is not None
        },
        average_total=Decimal(str(figures["average_total"] or 0)),
    )


def ita_analysis_get(
    *, organization, fiscal_year, peer_dataset: PeerDataset | None = None
) -> Analysis:
    """The analysis of the organisation's result of a fiscal year, or 404.

    Uses the year's framework, every other year on record for the change
    columns and trend, the organisation's threshold, the active
    recommendation rules and, when given (or when one exists for the year),
    a peer group.
    """
    result = access_ita_result(organization=organization, fiscal_year=fiscal_year)
    versions = {v.fiscal_year: v for v in FrameworkVersion.objects.all()}
    if result.fiscal_year not in versions:
        raise Http404
    frameworks = {year: version.framework() for year, version in versions.items()}
    framework = frameworks[result.fiscal_year]
    history = [
        YearScores(fiscal_year=other.fiscal_year, indicators=other.indicators)
        for other in ita_result_list(organization=organization)
        if other.fiscal_year != result.fiscal_year
    ]
    if peer_dataset is None:
        peer_dataset = (
            peer_dataset_list(organization=organization)
            .filter(fiscal_year=result.fiscal_year)
            .order_by("-created_at")
            .first()
        )
    indicators = result.indicators
    peers = None
    if peer_dataset is not None:
        peers = peer_figures_get(
            dataset=peer_dataset, total=score(framework, indicators).total
        )
    return analyse(
        framework=framework,
        indicators=indicators,
        item_results=result.item_results,
        published=result.published,
        history=history,
        frameworks=frameworks,
        threshold=weakness_threshold_get(organization=organization),
        rules=recommendation_rule_list(organization=organization),
        peers=peers,
    )


def analysis_report_get(*, organization, fiscal_year) -> AnalysisReport | None:
    return AnalysisReport.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def access_analysis_report(*, organization, fiscal_year) -> AnalysisReport:
    """The organisation's report of a fiscal year (draft or published), or 404."""
    report = analysis_report_get(organization=organization, fiscal_year=fiscal_year)
    if report is None:
        raise Http404
    return report


def analysis_report_list_published(*, organization) -> QuerySet[AnalysisReport]:
    return AnalysisReport.objects.filter(
        organization=organization, status=AnalysisReport.Status.PUBLISHED
    ).order_by("-fiscal_year")


def access_published_report(*, organization, fiscal_year) -> AnalysisReport:
    """A published report of the organisation, or 404 (drafts are not public)."""
    try:
        return AnalysisReport.objects.get(
            organization=organization,
            fiscal_year=fiscal_year,
            status=AnalysisReport.Status.PUBLISHED,
        )
    except (AnalysisReport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def analysis_publication_list(*, report: AnalysisReport) -> list[Publication]:
    """Every publication of the report, the latest first (staff history)."""
    return publication_list(report)


def analysis_publication_latest(*, report: AnalysisReport) -> Publication | None:
    return publication_latest(report)


def access_public_publication(*, organization, fiscal_year) -> Publication:
    """What the public sees of a year's report: its latest publication, or 404.

    A report taken off the public pages (a draft again) has none.
    """
    report = access_published_report(organization=organization, fiscal_year=fiscal_year)
    publication = analysis_publication_latest(report=report)
    if publication is None:
        raise Http404
    return publication


def access_analysis_publication(*, organization, fiscal_year, pk) -> Publication:
    """One publication of the organisation's report of a year (staff), or 404."""
    report = access_analysis_report(organization=organization, fiscal_year=fiscal_year)
    publication = publication_get(report, pk)
    if publication is None:
        raise Http404
    return publication
