"""Published ITA analysis reports in the site search."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.core.publications import publication_latest
from prongsai.search.registry import Document, Kind, register

from .models import AnalysisReport


def report_document(report: AnalysisReport) -> Document | None:
    """The published report as it was published: never the draft's edits."""
    if report.status != AnalysisReport.Status.PUBLISHED:
        return None
    publication = publication_latest(report)
    if publication is None:
        return None  # not on the public pages either
    published = (publication.snapshot or {}).get("report") or {}
    measures = [
        str(measure.get(key, ""))
        for measure in published.get("measures") or []
        if isinstance(measure, dict)
        for key in ("title", "responsible_unit", "steps")
    ]
    return Document(
        title=str(_("ITA analysis report, fiscal year %(year)s"))
        % {"year": report.fiscal_year},
        text="\n".join(p for p in (published.get("summary", ""), *measures) if p),
        url=reverse(
            "ita-public:report",
            kwargs={"org": report.organization.slug, "fiscal_year": report.fiscal_year},
        ),
        date=report.published_at,
    )


register(
    Kind(
        key="ita_report",
        label=_("ITA reports"),
        model=AnalysisReport,
        document=report_document,
        # The index holds every organisation's published reports.
        queryset=lambda: AnalysisReport.objects.all_organizations().select_related(
            "organization"
        ),
        order=60,
    )
)
