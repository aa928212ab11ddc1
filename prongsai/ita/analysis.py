"""Strengths, weaknesses, trends, peers and recommendations of one ITA result.

Pure module: plain data in, plain data out (no ORM, no request). The
selectors gather a result, its history, the peer figures and the
recommendation rules from the database and call :func:`analyse`; pages and
the analysis report render what it returns.

A score below the organisation's threshold (85 by default) is a weakness,
at or above it a strength. OIT items scored 0 are weaknesses whatever the
threshold, listed with the requirements they failed and, when the year has
a sub-indicator structure, with what fixing each would add to the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .frameworks import Framework
from .scoring import ScoreResult, ScoringInputError, round2, score
from .scoring_published import compare_published
from .scoring_simulation import (
    NextLevelGap,
    WhatIfGain,
    points_to_next_level,
    what_if,
)

DEFAULT_THRESHOLD = Decimal("85")
# Below this many peers a rank or percentile says more about chance than
# about standing, so pages show the peer average only.
MIN_PEERS_FOR_RANK = 30
"""Scores below this are weaknesses unless the organisation sets another."""

TOOL_KEYS = ("iit", "eit", "oit")


@dataclass(frozen=True)
class Rule:
    """One recommendation: applies to a tool, an indicator or an OIT item.

    ``target`` is a tool code (``IIT``), an indicator number (``"4"``), an
    OIT item key (``procurement.plan``, the same in every year), an item
    code (``O12``) or ``*`` (every item scored 0; used only for an item no
    specific rule covers). ``below`` overrides the organisation's threshold
    for this rule when set. ``own`` marks a rule the organisation wrote.
    """

    scope: str
    target: str
    title: str
    description: str = ""
    responsible_unit: str = ""
    steps: tuple[str, ...] = ()
    kpi: str = ""
    below: Decimal | None = None
    priority: int = 100
    own: bool = False


@dataclass(frozen=True)
class YearScores:
    """One earlier fiscal year's indicators, for the change columns and trend."""

    fiscal_year: int
    indicators: Mapping[int, Decimal]


@dataclass(frozen=True)
class PeerFigures:
    """A peer group's averages and where the organisation stands in it.

    ``rank`` counts from 1 (best total); ``percentile`` is the share of peers
    whose total is at or below the organisation's, in percent.
    """

    name: str
    count: int
    rank: int
    percentile: Decimal
    average_total: Decimal
    averages: Mapping[int, Decimal]

    min_for_rank: int = MIN_PEERS_FOR_RANK

    @property
    def ranked(self) -> bool:
        """Whether the group is large enough for the rank to be shown."""
        return self.count >= self.min_for_rank


@dataclass(frozen=True)
class ScoreRow:
    """A tool or an indicator with everything the analysis says about it."""

    kind: str
    code: str
    title: str
    score: Decimal
    weak: bool
    previous: Decimal | None = None
    change: Decimal | None = None
    peer_average: Decimal | None = None
    tool: str = ""


@dataclass(frozen=True)
class ItemRow:
    """An OIT item scored 0: what it requires and what fixing it is worth."""

    code: str
    title: str
    sub_indicator: str
    requirements: tuple[str, ...]
    gain: Decimal | None = None
    total_after: Decimal | None = None
    key: str = ""
    recommendations: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Weakness:
    """Something to fix, with the recommendations that apply to it."""

    kind: str
    code: str
    title: str
    score: Decimal
    threshold: Decimal
    recommendations: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class TrendPoint:
    fiscal_year: int
    total: Decimal
    iit: Decimal
    eit: Decimal
    oit: Decimal
    level_th: str


@dataclass
class Analysis:
    """The whole analysis of one organisation's result for one fiscal year."""

    fiscal_year: int
    framework: Framework
    score: ScoreResult
    threshold: Decimal
    tools: list[ScoreRow]
    indicators: list[ScoreRow]
    missing_items: list[ItemRow]
    weaknesses: list[Weakness]
    strengths: list[ScoreRow]
    what_if: list[WhatIfGain]
    next_level: NextLevelGap | None
    published_warnings: list[str]
    trend: list[TrendPoint]
    previous_year: int | None = None
    previous_score: ScoreResult | None = None
    peers: PeerFigures | None = None
    items_recorded: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def total_change(self) -> Decimal | None:
        """Change of the total against the previous year on record."""
        if self.previous_score is None:
            return None
        return round2(self.score.total - self.previous_score.total)

    @property
    def weak_indicators(self) -> list[ScoreRow]:
        return [row for row in self.indicators if row.weak]

    @property
    def weak_tools(self) -> list[ScoreRow]:
        return [row for row in self.tools if row.weak]

    @property
    def urgent(self) -> list[Weakness]:
        """Weaknesses to fix first: weak tools and indicators, lowest first."""
        return sorted(
            (w for w in self.weaknesses if w.kind in ("tool", "indicator")),
            key=lambda w: w.score,
        )

    @property
    def to_develop(self) -> list[Weakness]:
        """Missing OIT items: issues to develop on the website and in records."""
        return [w for w in self.weaknesses if w.kind == "item"]


def _change(current: Decimal, previous: Decimal | None) -> Decimal | None:
    if previous is None:
        return None
    return round2(current - previous)


def _rules_for(
    rules: Iterable[Rule],
    scope: str,
    target: str,
    value: Decimal,
    threshold: Decimal,
    *,
    key: str = "",
) -> tuple[Rule, ...]:
    targets = {target, key} - {""}
    matched = [
        rule
        for rule in rules
        if rule.scope == scope
        and (rule.target in targets or rule.target == "*")
        and value < (rule.below if rule.below is not None else threshold)
    ]
    if any(rule.target != "*" for rule in matched):
        # A specific recommendation says what to publish: no generic one.
        matched = [rule for rule in matched if rule.target != "*"]
    matched.sort(key=lambda rule: (rule.priority, rule.target == "*", rule.title))
    return tuple(matched)


def _trend(
    framework_for: Mapping[int, Framework], history: Sequence[YearScores]
) -> list[TrendPoint]:
    points = []
    for year in sorted(history, key=lambda y: y.fiscal_year):
        framework = framework_for.get(year.fiscal_year)
        if framework is None:
            continue
        try:
            result = score(framework, year.indicators)
        except ScoringInputError:
            continue
        points.append(
            TrendPoint(
                fiscal_year=year.fiscal_year,
                total=result.total,
                iit=result.iit,
                eit=result.eit,
                oit=result.oit,
                level_th=result.level.label_th,
            )
        )
    return points


def _previous(
    framework: Framework,
    history: Sequence[YearScores],
    frameworks: Mapping[int, Framework],
) -> tuple[YearScores | None, ScoreResult | None]:
    """The latest result before this year, and its score when it can be had."""
    earlier = [y for y in history if y.fiscal_year < framework.fiscal_year]
    previous = max(earlier, key=lambda y: y.fiscal_year) if earlier else None
    if previous is None or previous.fiscal_year not in frameworks:
        return previous, None
    try:
        return previous, score(frameworks[previous.fiscal_year], previous.indicators)
    except ScoringInputError:
        return previous, None


def _tool_rows(
    framework: Framework,
    current: ScoreResult,
    previous_score: ScoreResult | None,
    threshold: Decimal,
) -> list[ScoreRow]:
    rows = []
    for tool in framework.tools:
        key = tool.code.lower()
        value: Decimal = getattr(current, key)
        before = getattr(previous_score, key) if previous_score else None
        rows.append(
            ScoreRow(
                kind="tool",
                code=tool.code,
                title=tool.name_th,
                score=value,
                weak=value < threshold,
                previous=before,
                change=_change(value, before),
                peer_average=None,
                tool=tool.code,
            )
        )
    return rows


def _indicator_rows(
    framework: Framework,
    indicators: Mapping[int, Decimal],
    previous: YearScores | None,
    threshold: Decimal,
    peers: PeerFigures | None,
) -> list[ScoreRow]:
    rows = []
    for indicator in sorted(framework.indicators, key=lambda i: i.number):
        value = round2(indicators[indicator.number])
        before = (
            round2(previous.indicators[indicator.number])
            if previous is not None and indicator.number in previous.indicators
            else None
        )
        rows.append(
            ScoreRow(
                kind="indicator",
                code=str(indicator.number),
                title=indicator.name_th,
                score=value,
                weak=value < threshold,
                previous=before,
                change=_change(value, before),
                peer_average=peers.averages.get(indicator.number) if peers else None,
                tool=indicator.tool,
            )
        )
    return rows


def _missing_items(
    framework: Framework, items: Mapping[str, int], gains: Sequence[WhatIfGain]
) -> list[ItemRow]:
    """OIT items scored 0, the ones whose fix gains most first."""
    gain_of = {gain.code: gain for gain in gains}
    missing = []
    for item in framework.oit_items:
        if items.get(item.code) != 0:
            continue
        gain = gain_of.get(item.code)
        missing.append(
            ItemRow(
                code=item.code,
                title=item.title_th,
                sub_indicator=item.sub_indicator,
                requirements=item.requirements_th or item.requirements,
                gain=gain.gain_rounded if gain else None,
                total_after=gain.total_after if gain else None,
                key=item.key,
            )
        )
    if gains:
        order = {gain.code: position for position, gain in enumerate(gains)}
        missing.sort(key=lambda row: order.get(row.code, len(order)))
    return missing


def _weaknesses(
    rows: Sequence[ScoreRow],
    missing: Sequence[ItemRow],
    rules: Sequence[Rule],
    threshold: Decimal,
) -> list[Weakness]:
    weaknesses = [
        Weakness(
            kind=row.kind,
            code=row.code,
            title=row.title,
            score=row.score,
            threshold=threshold,
            recommendations=_rules_for(rules, row.kind, row.code, row.score, threshold),
        )
        for row in rows
        if row.weak
    ]
    weaknesses.extend(
        Weakness(
            kind="item",
            code=row.code,
            title=row.title,
            score=Decimal(0),
            threshold=Decimal(100),
            recommendations=_rules_for(
                rules, "item", row.code, Decimal(0), Decimal(100), key=row.key
            ),
        )
        for row in missing
    )
    return weaknesses


def _published_warnings(
    current: ScoreResult, published: Mapping[str, object] | None
) -> list[str]:
    if not published:
        return []
    try:
        return compare_published(current, published)
    except ScoringInputError as error:
        return list(error.messages)


def analyse(
    *,
    framework: Framework,
    indicators: Mapping[int, Decimal],
    item_results: Mapping[str, int] | None = None,
    published: Mapping[str, object] | None = None,
    history: Sequence[YearScores] = (),
    frameworks: Mapping[int, Framework] | None = None,
    threshold: Decimal = DEFAULT_THRESHOLD,
    rules: Sequence[Rule] = (),
    peers: PeerFigures | None = None,
    what_if_limit: int = 10,
) -> Analysis:
    """Analyse one result under its year's framework.

    ``history`` holds the organisation's results of other years (earlier
    and later are both fine; the previous year is the latest one before
    this one). ``frameworks`` maps those years to their frameworks for the
    trend; years without one are left out of the trend.
    """
    threshold = Decimal(threshold)
    current = score(framework, indicators)
    frameworks = dict(frameworks or {})
    frameworks[framework.fiscal_year] = framework
    previous, previous_score = _previous(framework, history, frameworks)
    tools = _tool_rows(framework, current, previous_score, threshold)
    indicator_rows = _indicator_rows(framework, indicators, previous, threshold, peers)

    items = {str(k): int(v) for k, v in (item_results or {}).items()}
    gains: list[WhatIfGain] = []
    notes: list[str] = []
    if items and framework.has_item_structure:
        try:
            gains = what_if(framework, items, indicators)
        except ScoringInputError as error:
            notes.extend(error.messages)
    missing = _missing_items(framework, items, gains)

    weaknesses = _weaknesses([*tools, *indicator_rows], missing, rules, threshold)
    item_rules = {w.code: w.recommendations for w in weaknesses if w.kind == "item"}
    missing = [
        replace(row, recommendations=item_rules.get(row.code, ())) for row in missing
    ]

    seen: dict[int, YearScores] = {}
    for year in [
        *history,
        YearScores(fiscal_year=framework.fiscal_year, indicators=indicators),
    ]:
        seen[year.fiscal_year] = year
    return Analysis(
        fiscal_year=framework.fiscal_year,
        framework=framework,
        score=current,
        threshold=threshold,
        tools=tools,
        indicators=indicator_rows,
        missing_items=missing,
        weaknesses=weaknesses,
        strengths=[row for row in (*tools, *indicator_rows) if not row.weak],
        what_if=gains[:what_if_limit],
        next_level=points_to_next_level(
            framework, current.total, current.iit, current.eit, current.oit
        ),
        published_warnings=_published_warnings(current, published),
        trend=_trend(frameworks, list(seen.values())),
        previous_year=previous.fiscal_year if previous else None,
        previous_score=previous_score,
        peers=peers,
        items_recorded=bool(items),
        notes=notes,
    )


def peer_figures(
    *,
    name: str,
    own_total: Decimal,
    totals_above: int,
    totals_at_or_below: int,
    averages: Mapping[int, Decimal],
    average_total: Decimal,
) -> PeerFigures:
    """Rank and percentile of ``own_total`` among peers, from counts.

    The organisation itself need not be among the peers: its rank is one
    more than the number of peers scoring strictly higher.
    """
    count = totals_above + totals_at_or_below
    percentile = (
        round2(Decimal(totals_at_or_below) * 100 / count) if count else Decimal(0)
    )
    return PeerFigures(
        name=name,
        count=count,
        rank=totals_above + 1,
        percentile=percentile,
        average_total=round2(average_total),
        averages={n: round2(v) for n, v in averages.items()},
    )
