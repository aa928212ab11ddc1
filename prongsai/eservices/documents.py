"""Documents of the E-Service: the citizen manual (PDF) and statistics (PDF, XLSX).

Built with the shared toolkit ``prongsai.core.documents`` and charts.
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.charts import bar_chart
from prongsai.core.documents import (
    CONTENT_TYPE_PDF,
    CONTENT_TYPE_XLSX,
    file_response,
    render_pdf,
)
from prongsai.core.documents_xlsx import Sheet, xlsx_bytes
from prongsai.core.urls import absolute_url

from . import citizen_manual
from .statistics import Report


def manual_pdf_response(service):
    """The citizen manual (คู่มือสำหรับประชาชน) of a service as a PDF."""
    content = render_pdf(
        "eservices/documents/manual_pdf.html",
        {
            "service": service,
            "organization": service.organization,
            "today": timezone.localdate(),
            "public_url": absolute_url(
                service.get_absolute_url(), organization=service.organization
            ),
            "total_time": citizen_manual.total_time(service.steps),
            "sample_form_url": (
                absolute_url(service.sample_form.url, organization=service.organization)
                if service.sample_form
                else ""
            ),
        },
    )
    with translation.override("th"):
        filename = _("Citizen manual %(name)s.pdf") % {"name": service.name}
    return file_response(
        content, filename=filename, content_type=CONTENT_TYPE_PDF, attachment=False
    )


def _headers() -> list[str]:
    return [
        _("Received"),
        _("Completed"),
        _("Rejected"),
        _("Completed in time"),
        _("Mean days"),
        _("Median days"),
        _("Out of turn"),
        _("Ratings"),
        _("Satisfaction (of 5)"),
    ]


def _figures(f) -> list:
    return [
        f.received,
        f.completed,
        f.rejected,
        f.in_time,
        f.mean_days,
        f.median_days,
        f.queue_jumps,
        len(f.scores),
        f.satisfaction,
    ]


def statistics_tables(report: Report) -> dict[str, tuple[list[str], list[list]]]:
    """The statistics as titled tables: by service, quarter, month, service-month."""
    with translation.override("th"):
        tables = {
            _("By service"): (
                [_("Service"), *_headers()],
                [[name, *_figures(f)] for name, f in report.by_service.items()]
                + [[_("All services"), *_figures(report.total)]],
            ),
            _("By quarter"): (
                [_("Period"), *_headers()],
                [
                    [_("Quarter %(q)s") % {"q": q}, *_figures(f)]
                    for q, f in report.by_quarter.items()
                ],
            ),
            _("By month"): (
                [_("Period"), *_headers()],
                [
                    [thai_dates.format_date(m, "month"), *_figures(f)]
                    for m, f in report.by_month.items()
                ],
            ),
            _("By service and month"): (
                [_("Service"), _("Period"), *_headers()],
                [
                    [name, thai_dates.format_date(m, "month"), *_figures(f)]
                    for (name, m), f in sorted(report.by_service_month.items())
                ],
            ),
        }
    return tables


def statistics_response(organization, report: Report, fmt: str):
    """Download the statistics of one fiscal year as XLSX or PDF."""
    content, filename, content_type = statistics_document(organization, report, fmt)
    return file_response(content, filename=filename, content_type=content_type)


def statistics_document(organization, report: Report, fmt: str):
    """The statistics of one fiscal year: (bytes, file name, content type)."""
    label = thai_dates.fiscal_year_label(report.fiscal_year)
    tables = statistics_tables(report)
    with translation.override("th"):
        title = _("E-Service statistics")
        filename = f"{title} {organization.name} {label}"
        if fmt == "xlsx":
            sheets = [
                Sheet(
                    title=name,
                    headers=headers,
                    rows=rows,
                    title_rows=[f"{title} {organization.name}", label, name],
                )
                for name, (headers, rows) in tables.items()
            ]
            return xlsx_bytes(sheets), filename + ".xlsx", CONTENT_TYPE_XLSX
        months = list(report.by_month)
        chart = bar_chart(
            [thai_dates.format_date(m, "short").split(" ", 1)[1] for m in months],
            {
                _("Received"): [report.by_month[m].received for m in months],
                _("Completed in time"): [report.by_month[m].in_time for m in months],
            },
            title=_("Requests per month"),
            value_format="{:.0f}",
        )
    content = render_pdf(
        "eservices/documents/statistics_pdf.html",
        {
            "organization": organization,
            "report": report,
            "label": label,
            "tables": tables,
            "chart": chart,
            "today": timezone.localdate(),
        },
        landscape=True,
    )
    return content, filename + ".pdf", CONTENT_TYPE_PDF
