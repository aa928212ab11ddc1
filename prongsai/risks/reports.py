"""The risk register as a document: PDF and editable DOCX in Thai official
style, both from one context so that they say the same thing."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from prongsai.core.charts import Chart
from prongsai.core.charts_risk import risk_level_label
from prongsai.core.documents import (
    CONTENT_TYPE_DOCX,
    CONTENT_TYPE_PDF,
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_paragraph,
    docx_table,
    render_pdf,
)
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

from . import selectors
from .models import RiskAssessment


def _table(doc, headers, rows, *, widths):
    """A toolkit table whose column widths also hold in LibreOffice (which
    reads the table grid, not the cell widths)."""
    from docx.shared import Cm

    table = docx_table(doc, headers, rows, widths=widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    return table


def _signature(doc, label: str, member) -> None:
    name = member.user.display_name if member else "." * 40
    docx_paragraph(doc, "")
    docx_paragraph(
        doc,
        _("(signed) %(dots)s %(role)s") % {"dots": "." * 40, "role": label},
        align="right",
    )
    docx_paragraph(doc, f"({name})", align="right")
    if member and member.position:
        docx_paragraph(doc, member.position, align="right")


def risk_report_context(*, assessment: RiskAssessment) -> dict:
    register = selectors.risk_register_get(assessment=assessment)
    executives = membership_list_with_role(
        organization=assessment.organization, role=Role.EXECUTIVE
    )
    return {
        "organization": assessment.organization,
        "assessment": assessment,
        "register": register,
        "codes": selectors.risk_codes(register),
        "executive": executives[0] if executives else None,
        "generated_on": timezone.localdate(),
    }


def _matrix(context: dict) -> Chart:
    return selectors.risk_matrix_chart(register=context["register"])


def risk_report_pdf(context: dict) -> bytes:
    with override("th"):
        return render_pdf(
            "risks/risk_report_pdf.html", {**context, "chart": _matrix(context)}
        )


def _risk_row(context: dict, risk, rank) -> list:
    measure = (
        "\n" + _("Plan measure: %(title)s") % {"title": risk.measure.title}
        if risk.measure
        else ""
    )
    return [
        context["codes"][risk.pk],
        risk.get_process_display(),
        risk.event,
        risk.likelihood,
        risk.impact,
        rank.score,
        risk_level_label(rank.level),
        risk.control_measures + measure,
    ]


def _follow_up_table(doc, previous, risks) -> None:
    docx_heading(
        doc,
        _("3. Follow-up of the risks of fiscal year %(year)s")
        % {"year": previous.fiscal_year},
        1,
    )
    _table(
        doc,
        [_("Risk event"), _("Control measures"), _("Follow-up")],
        [
            [
                risk.event,
                risk.control_measures,
                risk.get_follow_up_display()
                + (f": {risk.follow_up_note}" if risk.follow_up_note else ""),
            ]
            for risk in risks
        ],
        widths=[6, 5.5, 5],
    )


def risk_report_docx(context: dict) -> bytes:
    assessment = context["assessment"]
    register = context["register"]
    with override("th"):
        doc = docx_document()
        docx_heading(doc, assessment.title, 0)
        docx_paragraph(doc, context["organization"].name, bold=True, align="center")
        if assessment.notes:
            docx_paragraph(doc, assessment.notes)
        docx_heading(doc, _("1. Risk matrix"), 1)
        docx_image(doc, _matrix(context).png(), 12)
        docx_heading(doc, _("2. Risks by priority"), 1)
        _table(
            doc,
            [
                _("Code"),
                _("Process"),
                _("Risk event"),
                _("L"),
                _("I"),
                _("Score"),
                pgettext("risk", "Level"),
                _("Control measures"),
            ],
            [_risk_row(context, risk, rank) for risk, rank in register.risks],
            widths=[1.1, 2.2, 4.0, 1.1, 1.1, 1.2, 1.6, 4.2],
        )
        if register.previous is not None:
            _follow_up_table(doc, register.previous, register.previous_risks)
        _signature(doc, _("Executive"), context["executive"])
        return docx_bytes(doc)


def risk_report_file(
    *, assessment: RiskAssessment, file_format: str
) -> tuple[bytes, str, str]:
    context = risk_report_context(assessment=assessment)
    name = f"การประเมินความเสี่ยงการทุจริต {assessment.fiscal_year}"
    if file_format == "docx":
        return risk_report_docx(context), f"{name}.docx", CONTENT_TYPE_DOCX
    return risk_report_pdf(context), f"{name}.pdf", CONTENT_TYPE_PDF
