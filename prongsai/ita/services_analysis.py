"""The ITA analysis report: save, publish (frozen) and withdraw."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.models import Publication
from prongsai.core.publications import (
    publication_current,
    publication_publish,
    publication_withdraw,
    says_the_same,
)
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from .models import (
    AnalysisReport,
    ItaResult,
)

REPORT_FIELDS = (
    "summary",
    "measures",
    "prepared_by_name",
    "prepared_by_position",
    "approver_name",
    "approver_position",
    "thai_digits",
    "status",
)


def _clean_measures(measures) -> list[dict]:
    cleaned = []
    for measure in measures or []:
        entry = {
            key: str(measure.get(key, "") or "").strip()
            for key in ("weakness", "title", "responsible_unit", "steps", "timeline")
        }
        if entry["title"]:
            cleaned.append(entry)
    return cleaned


@transaction.atomic
def analysis_report_save(
    *,
    actor: User | None,
    organization: Organization,
    fiscal_year: int,
    summary: str | None = None,
    measures: list[dict] | None = None,
    prepared_by_name: str | None = None,
    prepared_by_position: str | None = None,
    approver_name: str | None = None,
    approver_position: str | None = None,
    thai_digits: bool | None = None,
) -> AnalysisReport:
    """Create or update the coordinator's part of a fiscal year's report.

    A field left out (``None``) keeps its value.
    """
    if not ItaResult.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).exists():
        raise DomainError(
            _("Record the ITA result of fiscal year %(year)s first.")
            % {"year": fiscal_year}
        )
    report, created = AnalysisReport.objects.get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    given = {
        "summary": summary,
        "prepared_by_name": prepared_by_name,
        "prepared_by_position": prepared_by_position,
        "approver_name": approver_name,
        "approver_position": approver_position,
    }
    data: dict = {key: text.strip() for key, text in given.items() if text is not None}
    if measures is not None:
        data["measures"] = _clean_measures(measures)
    if thai_digits is not None:
        data["thai_digits"] = thai_digits
    changes = model_update(report, data, REPORT_FIELDS)
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_report.create" if created else "ita_report.update",
        target=report,
        changes=snapshot(report, REPORT_FIELDS) if created else changes,
    )
    return report


@transaction.atomic
def analysis_report_publish(
    *, actor: User | None, report: AnalysisReport, snapshot: dict, pdf: bytes
) -> Publication:
    """Publish the report: freeze what it says now, with its PDF, for the public.

    ``snapshot`` is :func:`prongsai.ita.report.report_snapshot` of the report
    and ``pdf`` the PDF made from exactly that snapshot. Each call adds a
    publication (earlier ones stay as history); the public sees the latest.
    Publishing again what is already public changes nothing and is refused.
    """
    report = AnalysisReport.objects.select_for_update().get(
        organization=report.organization, pk=report.pk
    )
    if not report.approver_name or not report.prepared_by_name:
        raise DomainError(
            _("Fill in who prepared the report and who approves it before publishing.")
        )
    if not pdf.startswith(b"%PDF"):
        raise DomainError(_("The report could not be turned into a PDF file."))
    if report.is_published and says_the_same(publication_current(report), snapshot):
        raise DomainError(_("Nothing has changed since the report was last published."))
    old_status = report.status
    publication = publication_publish(
        actor=actor,
        subject=report,
        snapshot=snapshot,
        pdf=pdf,
        filename=f"ita-analysis-{report.organization.slug}-{report.fiscal_year}.pdf",
        action="ita_report.publish",
        changes={"status": {"old": old_status, "new": "published"}},
    )
    model_update(
        report,
        {
            "status": AnalysisReport.Status.PUBLISHED,
            "published_at": publication.published_at,
        },
        ("status", "published_at"),
    )
    return publication


@transaction.atomic
def analysis_report_unpublish(*, actor: User, report: AnalysisReport) -> AnalysisReport:
    """Take the report off the public pages (its publications stay as history)."""
    report = AnalysisReport.objects.select_for_update().get(
        organization=report.organization, pk=report.pk
    )
    if not report.is_published:
        raise DomainError(_("The report is not published."))
    status = {"status": {"old": "published", "new": "draft"}}
    if publication_current(report) is not None:
        publication_withdraw(
            actor=actor, subject=report, action="ita_report.unpublish", changes=status
        )
    else:  # published before publications were kept
        audit_log(
            actor=actor,
            organization=report.organization,
            action="ita_report.unpublish",
            target=report,
            changes=status,
        )
    model_update(
        report,
        {"status": AnalysisReport.Status.DRAFT, "published_at": None},
        ("status", "published_at"),
    )
    return report
