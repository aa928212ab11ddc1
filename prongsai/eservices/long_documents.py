"""E-Service documents made in the background (``core.document_jobs``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.core.document_jobs import Built, DocumentKind

from . import selectors
from .documents import statistics_document


def _statistics(*, organization, progress, fiscal_year: int, fmt: str) -> Built:
    """The year's statistics as PDF (its chart and tables): 0.3 s of CPU on the
    demo, growing with the services and months; the XLSX stays immediate."""
    report = selectors.eservice_statistics_get(
        organization=organization, fiscal_year=fiscal_year
    )
    progress(40)
    return Built(*statistics_document(organization, report, fmt))


DOCUMENTS = [
    DocumentKind(
        key="eservices.statistics",
        label=_("E-Service statistics"),
        build=_statistics,
    )
]
