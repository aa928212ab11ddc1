"""The conflict-of-interest summary as PDF and DOCX (Thai official layout,
Buddhist-era dates): counts only, never a name."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from prongsai.core import thai_dates
from prongsai.core.documents import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_paragraph,
    docx_table,
    render_pdf,
)

from .selectors_coi import CoiSummary


def summary_rows(summary: CoiSummary) -> list[tuple[str, list[tuple[str, int]]]]:
    """The sections of the summary: (heading, [(what, how many)])."""
    return [
        (
            _("1. Yearly declarations of interests"),
            [
                (_("Members who must declare"), summary.members),
                (_("Yearly declarations received"), summary.yearly_received),
                (_("Yearly declarations not yet received"), summary.yearly_missing),
                (_("Declared nothing to declare"), summary.nothing_to_declare),
                (_("Ad hoc declarations"), summary.ad_hoc),
                (_("Members who declared an interest"), summary.with_interests),
                (_("Interests declared"), summary.interests),
            ],
        ),
        (
            _("2. Procurement committee declarations"),
            [
                (
                    _("Procurement records with declarations"),
                    summary.procurements_declared,
                ),
                (_("Committee declarations"), summary.committee),
                (_("Declarations of an interest"), summary.committee_with_interest),
            ],
        ),
        (
            _("3. Cross-check against suppliers and bidders"),
            [
                (_("Matches found"), summary.flags_total),
                (_("Waiting for review"), summary.flags_open),
                (_("Reviewed: no conflict"), summary.flags_no_conflict),
                (_("Action taken"), summary.flags_action_taken),
            ],
        ),
    ]


def _title(summary: CoiSummary) -> str:
    return _("Summary of conflict-of-interest declarations, fiscal year %(year)s") % {
        "year": summary.fiscal_year
    }


def _as_of() -> str:
    return _("As of %(date)s") % {"date": thai_dates.format_date(timezone.localdate())}


def coi_summary_pdf(*, organization, summary: CoiSummary) -> bytes:
    with override("th"):
        return render_pdf(
            "integrity/coi/summary_pdf.html",
            {
                "organization": organization,
                "title": _title(summary),
                "as_of": _as_of(),
                "sections": summary_rows(summary),
            },
        )


def coi_summary_docx(*, organization, summary: CoiSummary) -> bytes:
    with override("th"):
        doc = docx_document()
        docx_heading(doc, _title(summary), 1)
        docx_paragraph(doc, organization.name, bold=True, align="center")
        docx_paragraph(doc, _as_of(), align="center")
        for heading, rows in summary_rows(summary):
            docx_heading(doc, heading, 2)
            docx_table(
                doc,
                [pgettext("statistics row", "Item"), pgettext("count", "Number")],
                [[label, f"{count:,}"] for label, count in rows],
                widths=[12, 4],
            )
        docx_paragraph(
            doc,
            _(
                "Counts only: the declarations are personal data and are read "
                "only by the declarant, HR officers and integrity officers."
            ),
        )
        return docx_bytes(doc)
