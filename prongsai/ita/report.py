"""The analysis report as PDF and DOCX, its frozen snapshot, and the import templates.

Everything a report says is first gathered into one plain, JSON-ready
snapshot (:func:`report_snapshot`): the scores as the NACC published them,
the weaknesses, recommendations, measures and names. The page, the PDF and
the DOCX are all rendered from a snapshot (:func:`snapshot_context`), so
they say the same thing, and a published report renders exactly the
snapshot stored when it was published.
"""

from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from prongsai.core import thai_dates
from prongsai.core.documents import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_paragraph,
    docx_table,
    render_pdf,
)
from prongsai.core.models import Publication

from .analysis import Analysis
from .charts import analysis_charts
from .frameworks import Framework
from .models import AnalysisReport
from .scoring import TOOL_KEYS, ScoringInputError, level, round2
from .scoring_simulation import points_to_next_level
from .selectors import ita_analysis_get, ita_result_list
from .wording import change_text, total_change_sentence

SNAPSHOT_VERSION = 1
# Keys of a snapshot whose values are scores (stored as text, read as Decimal).
_NUMBERS = frozenset(
    {
        "score",
        "previous",
        "change",
        "peer_average",
        "total",
        "iit",
        "eit",
        "oit",
        "threshold",
        "gain",
        "total_after",
        "percentile",
        "average_total",
        "total_points",
        "total_change",
    }
)


def report_title(fiscal_year: int) -> str:
    return _(
        "Report on the analysis of the Integrity and Transparency Assessment "
        "(ITA) results, fiscal year %(year)s"
    ) % {"year": fiscal_year}


def report_filename(report: AnalysisReport, fmt: str) -> str:
    return (
        f"รายงานการวิเคราะห์ผล ITA {report.organization.slug} {report.fiscal_year}.{fmt}"
    )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _official(computed: Any, published: dict) -> dict[str, Decimal]:
    """The NACC's published figures where recorded, else the computed ones."""
    return {
        key: published.get(key, getattr(computed, key)) for key in (*TOOL_KEYS, "total")
    }


def _change(current: Decimal, previous: Decimal | None) -> Decimal | None:
    return None if previous is None else round2(current - previous)


def _official_score(framework: Framework, analysis: Analysis, published: dict) -> dict:
    """Total, tools and level: as the NACC published them where it did."""
    figures = _official(analysis.score, published)
    try:
        reached = level(framework, *(figures[k] for k in ("total", *TOOL_KEYS)))
        gap = points_to_next_level(
            framework, *(figures[k] for k in ("total", *TOOL_KEYS))
        )
    except ScoringInputError:
        reached, gap = analysis.score.level, analysis.next_level
    return {
        **{key: _text(value) for key, value in figures.items()},
        "level": {"code": reached.code, "label_th": reached.label_th},
        "official": bool(published),
        "next_level": None
        if gap is None
        else {
            "label_th": gap.label_th,
            "total_points": _text(gap.total_points),
            "tool_points": {k: _text(v) for k, v in gap.tool_points.items()},
        },
    }


def _rows(rows, official: dict, previous: dict | None) -> list[dict]:
    """Tool and indicator rows; tools carry the official figures."""
    threshold = Decimal(official["threshold"])
    out = []
    for row in rows:
        value, before = row.score, row.previous
        if row.kind == "tool":
            key = row.code.lower()
            value = Decimal(official[key])
            before = None if previous is None else previous.get(key)
        out.append(
            {
                "kind": row.kind,
                "code": row.code,
                "title": row.title,
                "tool": row.tool,
                "score": _text(value),
                "previous": _text(before),
                "change": _text(_change(value, before)),
                "peer_average": _text(row.peer_average),
                "weak": value < threshold,
            }
        )
    return out


def _urgent(analysis: Analysis, score: dict) -> list[dict]:
    """Weaknesses to fix first; a tool by its official score."""
    urgent = []
    for weakness in analysis.urgent:
        value = weakness.score
        if weakness.kind == "tool":
            value = Decimal(score[weakness.code.lower()])
            if value >= weakness.threshold:
                continue
        urgent.append(
            {
                "kind": weakness.kind,
                "code": weakness.code,
                "title": weakness.title,
                "score": _text(value),
                "threshold": _text(weakness.threshold),
                "recommendations": [
                    {
                        "title": rule.title,
                        "description": rule.description,
                        "steps": list(rule.steps),
                        "responsible_unit": rule.responsible_unit,
                        "kpi": rule.kpi,
                    }
                    for rule in weakness.recommendations
                ],
            }
        )
    return urgent


def _peers_part(peers) -> dict | None:
    if peers is None:
        return None
    return {
        "name": peers.name,
        "count": peers.count,
        "rank": peers.rank,
        "percentile": _text(peers.percentile),
        "average_total": _text(peers.average_total),
        "ranked": peers.ranked,
        "min_for_rank": peers.min_for_rank,
    }


def _analysis_part(
    analysis: Analysis,
    score: dict,
    previous: dict | None,
    published: dict,
    tools: list[dict],
    indicators: list[dict],
) -> dict:
    """The analysis half of the snapshot: scores, peers, weaknesses, trend."""
    total = Decimal(score["total"])
    return {
        "fiscal_year": analysis.fiscal_year,
        "threshold": str(analysis.threshold),
        "score": {
            key: score[key] for key in ("total", *TOOL_KEYS, "level", "official")
        },
        "next_level": score["next_level"],
        "previous_year": analysis.previous_year,
        "total_change": _text(
            None if previous is None else _change(total, previous["total"])
        ),
        "peers": _peers_part(analysis.peers),
        "tools": tools,
        "indicators": indicators,
        "strengths": [row for row in [*tools, *indicators] if not row["weak"]],
        "urgent": _urgent(analysis, score),
        "missing_items": [
            {
                "code": item.code,
                "title": item.title,
                "requirements": list(item.requirements),
                "gain": _text(item.gain),
                "total_after": _text(item.total_after),
            }
            for item in analysis.missing_items
        ],
        "items_recorded": analysis.items_recorded,
        "what_if": bool(analysis.what_if),
        "trend": [
            {
                "fiscal_year": point.fiscal_year,
                **{
                    key: _text(value)
                    for key, value in _official(
                        point, published.get(point.fiscal_year, {})
                    ).items()
                },
            }
            for point in analysis.trend
        ],
    }


def report_snapshot(report: AnalysisReport) -> dict:
    """Everything the report says, as plain JSON-ready data (scores as text).

    Where the NACC published a total or tool score (recorded with the
    result), the snapshot holds the published figure and the level it
    reaches; the computed value and any difference stay on the staff pages.
    """
    organization = report.organization
    with override("th"):
        analysis = ita_analysis_get(
            organization=organization, fiscal_year=report.fiscal_year
        )
        framework = analysis.framework
        published = {
            result.fiscal_year: result.published
            for result in ita_result_list(organization=organization)
        }
        score = _official_score(framework, analysis, published[analysis.fiscal_year])
        score["threshold"] = str(analysis.threshold)
        previous = None
        if analysis.previous_score is not None:
            previous = _official(
                analysis.previous_score, published.get(analysis.previous_year, {})
            )
        tools = _rows(analysis.tools, score, previous)
        indicators = _rows(analysis.indicators, score, previous)
        return {
            "version": SNAPSHOT_VERSION,
            "fiscal_year": report.fiscal_year,
            "title": report_title(report.fiscal_year),
            "fiscal_year_label": thai_dates.fiscal_year_label(report.fiscal_year),
            "generated_on": timezone.localdate().isoformat(),
            "organization": {
                "name": organization.name,
                "district": getattr(organization, "district", "") or "",
                "province": getattr(organization, "province", "") or "",
            },
            "report": {
                "summary": report.summary,
                "measures": [dict(measure) for measure in report.measures or []],
                "prepared_by_name": report.prepared_by_name,
                "prepared_by_position": report.prepared_by_position,
                "approver_name": report.approver_name,
                "approver_position": report.approver_position,
                "thai_digits": report.thai_digits,
            },
            "analysis": _analysis_part(
                analysis, score, previous, published, tools, indicators
            ),
        }


class SnapshotData(dict):
    """A snapshot read back: keys also read as attributes (for the charts)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _revive(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return SnapshotData({k: _revive(v, k) for k, v in value.items()})
    if isinstance(value, list):
        return [_revive(v, key) for v in value]
    if key in _NUMBERS and isinstance(value, (str, int, float)):
        return Decimal(str(value))
    return value


def snapshot_for_display(snapshot: dict) -> SnapshotData:
    """A snapshot with its scores as ``Decimal`` and its date as a ``date``."""
    data = _revive(snapshot)
    generated = data.get("generated_on")
    data["generated_on"] = date.fromisoformat(generated) if generated else None
    return data


def snapshot_context(snapshot: dict, organization) -> dict:
    """The page's and the documents' context for one snapshot.

    ``organization`` is the live organisation, for links only: every name
    and figure printed comes from the snapshot.
    """
    doc = snapshot_for_display(snapshot)
    analysis = doc["analysis"]
    with override("th"):
        change_sentence = total_change_sentence(
            analysis.get("previous_year"), analysis.get("total_change")
        )
    return {
        "organization": organization,
        "publication": None,
        "preview": False,
        "fiscal_year": doc["fiscal_year"],
        "doc": doc,
        "analysis": analysis,
        "report": doc["report"],
        "title": doc["title"],
        "generated_on": doc["generated_on"],
        "fiscal_year_label": doc.get("fiscal_year_label", ""),
        "total_change_sentence": change_sentence,
    }


def report_context(report: AnalysisReport) -> dict:
    """The draft: what the report would say if it were published now."""
    return snapshot_context(report_snapshot(report), report.organization)


def publication_context(publication: Publication) -> dict:
    """What a publication says, exactly as it was frozen.

    A publication made before snapshots existed has only its PDF: the page
    then offers the PDF alone.
    """
    if not publication.snapshot:
        return {
            "organization": publication.organization,
            "publication": publication,
            "preview": False,
            "doc": None,
            "analysis": None,
            "fiscal_year": publication.subject.fiscal_year,
            "title": report_title(publication.subject.fiscal_year),
        }
    return {
        **snapshot_context(publication.snapshot, publication.organization),
        "publication": publication,
    }


def _png_uri(chart) -> str:
    return "data:image/png;base64," + base64.b64encode(chart.png(dpi=150)).decode()


def report_pdf(context: dict) -> bytes:
    """The report as an A4 PDF in Sarabun with Thai page numbers."""
    with override("th"):
        charts = analysis_charts(context["analysis"])
        images = {name: _png_uri(chart) for name, chart in charts.items() if chart}
    return render_pdf(
        "ita/report_pdf.html",
        {**context, "images": images},
        thai_digits=context["report"]["thai_digits"],
    )


def report_publication_files(report: AnalysisReport) -> tuple[dict, bytes]:
    """The snapshot to publish now and the PDF made from exactly it."""
    snapshot = report_snapshot(report)
    return snapshot, report_pdf(snapshot_context(snapshot, report.organization))


def _assessment(row) -> str:
    return _("Weakness") if row["weak"] else _("Strength")


def _score_rows(analysis) -> list[list[str]]:
    rows = []
    for tool in analysis["tools"]:
        rows.append(
            [
                f"{tool['code']} {tool['title']}",
                str(tool["score"]),
                "-" if tool["previous"] is None else str(tool["previous"]),
                change_text(tool["change"]),
                _assessment(tool),
            ]
        )
        for row in analysis["indicators"]:
            if row["tool"] != tool["code"]:
                continue
            rows.append(
                [
                    _("Indicator %(number)s") % {"number": row["code"]}
                    + f": {row['title']}",
                    str(row["score"]),
                    "-" if row["previous"] is None else str(row["previous"]),
                    change_text(row["change"]),
                    _assessment(row),
                ]
            )
    return rows


def _docx_result(doc, context: dict, charts) -> None:
    """Part 1: the scores, their change, the peers, the table and the charts."""
    analysis = context["analysis"]
    score = analysis["score"]
    docx_heading(doc, _("Part 1. Assessment result"), 1)
    docx_paragraph(
        doc,
        _(
            "%(organization)s scored %(total)s points in the ITA of fiscal "
            "year %(year)s, rated “%(level)s” (IIT %(iit)s, EIT %(eit)s, OIT "
            "%(oit)s)."
        )
        % {
            "organization": context["doc"]["organization"]["name"],
            "total": score["total"],
            "year": analysis["fiscal_year"],
            "level": score["level"]["label_th"],
            "iit": score["iit"],
            "eit": score["eit"],
            "oit": score["oit"],
        },
    )
    if score.get("official"):
        docx_paragraph(doc, _("Scores as published by the NACC."))
    if context["total_change_sentence"]:
        docx_paragraph(doc, context["total_change_sentence"])
    peers = analysis["peers"]
    if peers and not peers["ranked"]:
        docx_paragraph(
            doc,
            _(
                "The comparison group has %(number)s organisations, fewer than "
                "%(minimum)s, so no rank is shown."
            )
            % {"number": peers["count"], "minimum": peers["min_for_rank"]},
        )
    elif peers:
        docx_paragraph(
            doc,
            _(
                "Among %(count)s organisations of %(name)s it ranks %(rank)s "
                "(percentile %(percentile)s); the peer average total is "
                "%(average)s."
            )
            % {
                "count": peers["count"],
                "name": peers["name"],
                "rank": peers["rank"],
                "percentile": peers["percentile"],
                "average": peers["average_total"],
            },
        )
    docx_table(
        doc,
        [
            _("Tool / indicator"),
            _("FY %(year)s") % {"year": analysis["fiscal_year"]},
            _("Previous year"),
            _("Change"),
            _("Assessment"),
        ],
        _score_rows(analysis),
        widths=[6.4, 2.4, 2.4, 2.4, 2.4],
    )
    docx_image(doc, charts["radar"].png(dpi=150), 13)
    if charts["trend"]:
        docx_image(doc, charts["trend"].png(dpi=150), 15)


def _docx_analysis(doc, analysis) -> None:
    """Part 2: the urgent weaknesses and the missing OIT items."""
    docx_heading(doc, _("Part 2. Analysis"), 1)
    docx_heading(doc, _("Weaknesses to fix urgently"), 2)
    if analysis["urgent"]:
        for weakness in analysis["urgent"]:
            docx_paragraph(doc, f"• {weakness['title']} ({weakness['score']})")
    else:
        docx_paragraph(doc, _("None below the threshold."))
    docx_heading(doc, _("Issues to develop"), 2)
    if analysis["missing_items"]:
        docx_table(
            doc,
            [_("Item"), _("Requirements not met"), _("Gain if fixed")],
            [
                [
                    f"{item['code']} {item['title']}",
                    "\n".join(item["requirements"]),
                    "-" if item["gain"] is None else f"+{item['gain']}",
                ]
                for item in analysis["missing_items"]
            ],
            widths=[6, 8, 2],
        )
    else:
        docx_paragraph(doc, _("No OIT item is missing."))


def _docx_measures(doc, report: dict) -> None:
    """Part 3: the measures, then the signature and approval blocks."""
    docx_heading(doc, _("Part 3. Measures"), 1)
    if report["summary"]:
        docx_paragraph(doc, report["summary"])
    docx_table(
        doc,
        [_("Measure"), _("Responsible unit"), _("Steps"), _("Timeline")],
        [
            [
                m.get("title", ""),
                m.get("responsible_unit", ""),
                m.get("steps", ""),
                m.get("timeline", ""),
            ]
            for m in report["measures"]
        ]
        or [["-", "-", "-", "-"]],
        widths=[5, 3.5, 5.5, 2.5],
    )
    docx_paragraph(doc, "")
    docx_paragraph(
        doc,
        _("Prepared by") + " " + "." * 40,
        align="right",
    )
    docx_paragraph(doc, f"({report['prepared_by_name'] or '.' * 30})", align="right")
    docx_paragraph(doc, report["prepared_by_position"], align="right")
    docx_heading(doc, _("Executive's decision"), 2)
    docx_paragraph(doc, "☐ " + _("Approved") + "    ☐ " + _("Not approved"))
    docx_paragraph(doc, _("Comments") + " " + "." * 60)
    docx_paragraph(doc, _("Signed") + " " + "." * 40, align="right")
    docx_paragraph(doc, f"({report['approver_name'] or '.' * 30})", align="right")
    docx_paragraph(doc, report["approver_position"], align="right")
    docx_paragraph(doc, _("Date") + " " + "." * 30, align="right")


def report_docx(context: dict) -> bytes:
    """The same report as an editable Word document."""
    report = context["report"]
    with override("th"):
        charts = analysis_charts(context["analysis"])
        doc = docx_document(thai_digits=report["thai_digits"])
        docx_heading(doc, context["title"], 0)
        docx_paragraph(
            doc, context["doc"]["organization"]["name"], bold=True, align="center"
        )
        _docx_result(doc, context, charts)
        _docx_analysis(doc, context["analysis"])
        _docx_measures(doc, report)
        return docx_bytes(doc)


# --------------------------------------------------------------------------
# Import templates
