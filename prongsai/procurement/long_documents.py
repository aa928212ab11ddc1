"""Procurement documents made in the background (``core.document_jobs``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.core.document_jobs import DocumentKind

from . import exports_files


def _annual_report(*, organization, progress, fmt, fiscal_year, indicators):
    progress(10)
    return exports_files.annual_document(
        organization=organization,
        fmt=fmt,
        fiscal_year=fiscal_year,
        indicators=indicators,
    )


DOCUMENTS = [
    DocumentKind(
        key="procurement.annual",
        label=_("Annual procurement report"),
        build=_annual_report,
    )
]
