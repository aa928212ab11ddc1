"""The ethics activity report of a fiscal year as PDF and DOCX, both built
from one snapshot (``selectors_ethics.ethics_year_snapshot`` or the
published one): what the public downloads is the published version."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from prongsai.core import thai_dates
from prongsai.core.documents import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_paragraph,
    docx_table,
    render_pdf,
)

DATE_KEYS = (
    "effective_from",
    "effective_until",
    "ordered_on",
    "published_on",
    "held_on",
)


def _dates(value: Any) -> Any:
    """The snapshot with its ISO dates as dates (for the templates' filters)."""
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, dict):
        return {
            key: datetime.date.fromisoformat(v)
            if key in (*DATE_KEYS, "generated_on") and isinstance(v, str) and v
            else _dates(v)
            for key, v in value.items()
        }
    return value


def ethics_report_context(snapshot: dict[str, Any]) -> dict[str, Any]:
    """What the report, and the public page, show of a snapshot."""
    data = _dates(snapshot)
    stats = data["acknowledgements"]
    members = stats["members"]
    return {
        **data,
        "title": _("Report on ethics promotion, fiscal year %(year)s")
        % {"year": data["fiscal_year"]},
        "participants_total": sum(a["participants"] or 0 for a in data["activities"]),
        "acknowledged_percent": round(100 * stats["acknowledged"] / members)
        if members
        else 0,
    }


def _date(value: datetime.date | None) -> str:
    return thai_dates.format_date(value) if value else "—"


def acknowledgement_sentence(context: dict[str, Any]) -> str:
    stats = context["acknowledgements"]
    if context["code"] is None:
        return _("No code of ethics in force to acknowledge.")
    return _(
        "%(acknowledged)s of %(members)s active members (%(percent)s%%) have "
        "acknowledged the code in force, as of %(date)s."
    ) % {
        "acknowledged": stats["acknowledged"],
        "members": stats["members"],
        "percent": context["acknowledged_percent"],
        "date": _date(context["generated_on"]),
    }


def ethics_report_pdf(snapshot: dict[str, Any]) -> bytes:
    with override("th"):
        context = ethics_report_context(snapshot)
        context["acknowledgement_sentence"] = acknowledgement_sentence(context)
        return render_pdf("integrity/ethics/report_pdf.html", context)


def _document_lines(doc, heading: str, document: dict | None, missing: str) -> None:
    docx_heading(doc, heading, 1)
    if document is None:
        docx_paragraph(doc, missing)
        return
    docx_paragraph(
        doc,
        _("%(title)s (%(version)s), in force from %(date)s")
        % {
            "title": document["title"],
            "version": document["version_label"],
            "date": _date(document["effective_from"]),
        },
    )


def _docx_group(doc, group: dict | None) -> None:
    docx_heading(doc, _("3. Ethics working group"), 1)
    if group is None:
        docx_paragraph(doc, _("No working group appointed for this fiscal year."))
        return
    docx_paragraph(
        doc,
        _("%(title)s No. %(number)s dated %(date)s")
        % {
            "title": group["title"],
            "number": group["order_number"],
            "date": _date(group["ordered_on"]),
        },
    )
    docx_table(
        doc,
        [_("No."), _("Name"), _("Position"), _("Role in the working group")],
        [
            [n, m["name"], m["position"], m["role_label"]]
            for n, m in enumerate(group["members"], start=1)
        ],
        widths=[1.2, 5.0, 6.0, 3.8],
    )


def _docx_guides(doc, guides: list[dict]) -> None:
    docx_heading(doc, _("4. Dos & Don'ts guidance"), 1)
    if not guides:
        docx_paragraph(doc, _("No Dos & Don'ts guidance published yet."))
    for guide in guides:
        docx_paragraph(
            doc,
            f"{guide['title']} ({_('published on')} {_date(guide['published_on'])})",
            bold=True,
        )
        if guide["items"]:
            docx_table(
                doc,
                [_("Do"), _("Don't")],
                [[i["do"] or "—", i["dont"] or "—"] for i in guide["items"]],
                widths=[8.0, 8.0],
            )


def _docx_activities(doc, context: dict) -> None:
    docx_heading(doc, _("5. Ethics activities and training"), 1)
    if not context["activities"]:
        docx_paragraph(doc, _("No ethics activity recorded for this fiscal year."))
        return
    docx_table(
        doc,
        [_("No."), _("Date"), _("Activity"), _("Kind"), _("Participants")],
        [
            [
                n,
                _date(a["held_on"]),
                a["title"] + (f"\n{a['description']}" if a["description"] else ""),
                a["kind_label"],
                a["participants"] if a["participants"] is not None else "—",
            ]
            for n, a in enumerate(context["activities"], start=1)
        ],
        widths=[1.2, 3.2, 6.6, 3.4, 1.6],
    )


def ethics_report_docx(snapshot: dict[str, Any]) -> bytes:
    with override("th"):
        context = ethics_report_context(snapshot)
        doc = docx_document()
        docx_heading(doc, context["title"], 0)
        docx_paragraph(doc, context["organization_name"], bold=True, align="center")
        docx_paragraph(
            doc,
            _("As of %(date)s") % {"date": _date(context["generated_on"])},
            align="center",
        )
        _document_lines(
            doc,
            _("1. Code of ethics in force"),
            context["code"],
            _("No code of ethics recorded yet."),
        )
        docx_paragraph(doc, acknowledgement_sentence(context))
        _document_lines(
            doc,
            _("2. Rules on the ethics process"),
            context["process"],
            _("No rules on the ethics process recorded yet."),
        )
        _docx_group(doc, context["group"])
        _docx_guides(doc, context["guides"])
        _docx_activities(doc, context)
        return docx_bytes(doc)
