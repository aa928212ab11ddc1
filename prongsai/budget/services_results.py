"""Writes of the results part: each project's status, output, result and
problems per fiscal year, its photos, the narrative of the year's reports and
publishing them (frozen, through ``prongsai.core.publications``)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import publications
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.images import check_photo
from prongsai.core.services import model_update

from . import documents_results, selectors_results
from .models import Project, ProjectPhoto, ProjectYear
from .models_documents import ResultsReport

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.core.models import Publication
    from prongsai.organizations.models import Organization

YEAR_AUDITED = ("status", "output", "result", "problems")
REPORT_FIELDS = (
    "summary",
    "problems",
    "recommendations",
    "reported_by_name",
    "reported_by_position",
)


def _check_project(organization: Organization, project: Project) -> None:
    if project.organization_id != organization.pk:
        raise DomainError(_("The project belongs to another organisation."))


def _year(
    organization: Organization, project: Project, fiscal_year: int
) -> ProjectYear:
    """The project's row of ``fiscal_year``; created (with no planned budget)
    for a project the year's budget funds but the plan had not set for that year."""
    _check_project(organization, project)
    if not project.plan.covers(fiscal_year):
        raise DomainError(
            _("Fiscal year %(year)s is outside the plan of this project.")
            % {"year": fiscal_year},
            field="fiscal_year",
        )
    year, _created = ProjectYear.objects.get_or_create(
        organization=organization, project=project, fiscal_year=fiscal_year
    )
    return year


@transaction.atomic
def project_result_update(
    *,
    actor: User,
    organization: Organization,
    project: Project,
    fiscal_year: int,
    status: str,
    output: str = "",
    result: str = "",
    problems: str = "",
) -> ProjectYear:
    """Record what happened to ``project`` in ``fiscal_year``."""
    if status not in Project.Status.values:
        raise DomainError(_("Choose a valid status."), field="status")
    year = _year(organization, project, fiscal_year)
    if status == Project.Status.NOT_STARTED and (output.strip() or result.strip()):
        raise DomainError(
            _(
                "A project not started has no output or result yet: choose its "
                "status or clear the output and result."
            ),
            field="status",
        )
    old_status = year.status
    changes = model_update(
        year,
        {
            "status": status,
            "output": output.strip(),
            "result": result.strip(),
            "problems": problems.strip(),
        },
        YEAR_AUDITED,
    )
    if status != old_status:
        year.status_changed_at = timezone.now()
        year.status_changed_by = actor
        year.save(update_fields=["status_changed_at", "status_changed_by"])
    if changes:
        audit_log(
            actor=actor,
            organization=organization,
            action="project_year.result",
            target=year,
            changes=changes,
        )
    return year


@transaction.atomic
def project_status_set(
    *,
    actor: User,
    organization: Organization,
    project: Project,
    fiscal_year: int,
    status: str,
) -> ProjectYear:
    """The quick status edit of the year's list: only the status changes."""
    year = _year(organization, project, fiscal_year)
    return project_result_update(
        actor=actor,
        organization=organization,
        project=project,
        fiscal_year=fiscal_year,
        status=status,
        output=year.output,
        result=year.result,
        problems=year.problems,
    )


@transaction.atomic
def project_photo_add(
    *,
    actor: User,
    organization: Organization,
    project: Project,
    image: File,
    caption: str = "",
    taken_on: datetime.date | None = None,
    fiscal_year: int | None = None,
) -> ProjectPhoto:
    """Add a photo of the project's work (refused with a Thai message when
    the file is not a readable picture)."""
    _check_project(organization, project)
    check_photo(image, field="image")
    if fiscal_year is not None and not project.plan.covers(fiscal_year):
        raise DomainError(
            _("Fiscal year %(year)s is outside the plan of this project.")
            % {"year": fiscal_year},
            field="fiscal_year",
        )
    photo = ProjectPhoto(
        organization=organization,
        project=project,
        image=image,
        caption=caption.strip(),
        taken_on=taken_on,
        fiscal_year=fiscal_year,
        created_by=actor,
    )
    photo.full_clean()
    photo.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="project_photo.add",
        target=project,
        changes={"photo": photo.pk, "caption": photo.caption},
    )
    return photo


@transaction.atomic
def project_photo_delete(
    *, actor: User, organization: Organization, photo: ProjectPhoto
) -> None:
    if photo.organization_id != organization.pk:
        raise DomainError(_("The photo belongs to another organisation."))
    project = photo.project
    audit_log(
        actor=actor,
        organization=organization,
        action="project_photo.delete",
        target=project,
        changes={"photo": photo.pk, "caption": photo.caption},
    )
    photo.image.delete(save=False)
    photo.delete()


# --- the reports ------------------------------------------------------------------


def _kind(kind: str) -> str:
    if kind not in ResultsReport.Kind.values:
        raise DomainError(_("Unknown kind of report."))
    return kind


@transaction.atomic
def results_report_save(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    fiscal_year: int,
    **data: Any,
) -> ResultsReport:
    """Save the narrative (summary, problems, recommendations, reporter) of
    the year's report."""
    unknown = set(data) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    report, created = ResultsReport.objects.get_or_create(
        organization=organization, kind=_kind(kind), fiscal_year=fiscal_year
    )
    changes = model_update(
        report,
        {name: str(value).strip() for name, value in data.items()},
        REPORT_FIELDS,
    )
    if changes or created:
        audit_log(
            actor=actor,
            organization=organization,
            action="results_report.save",
            target=report,
            changes=changes,
        )
    return report


@transaction.atomic
def results_report_publish(
    *, actor: User, organization: Organization, kind: str, fiscal_year: int
) -> Publication:
    """Freeze the year's report as it is now and show it on the public pages."""
    snapshot = selectors_results.report_snapshot(
        organization=organization, kind=_kind(kind), fiscal_year=fiscal_year
    )
    if not snapshot["projects"]:
        raise DomainError(
            _("Fiscal year %(year)s has no projects to report on.")
            % {"year": fiscal_year}
        )
    if kind == ResultsReport.Kind.ANNUAL and all(
        p["status"] == Project.Status.NOT_STARTED for p in snapshot["projects"]
    ):
        raise DomainError(
            _("Record the status of the projects before publishing the report.")
        )
    report, _created = ResultsReport.objects.get_or_create(
        organization=organization, kind=kind, fiscal_year=fiscal_year
    )
    return publications.publication_publish(
        actor=actor,
        subject=report,
        snapshot=snapshot,
        pdf=documents_results.report_pdf(snapshot),
        filename=f"{kind.replace('_', '-')}-report-{fiscal_year}.pdf",
        action="results_report.publish",
    )


@transaction.atomic
def results_report_withdraw(
    *, actor: User, organization: Organization, kind: str, fiscal_year: int
) -> None:
    report = selectors_results.report_get(
        organization=organization, kind=_kind(kind), fiscal_year=fiscal_year
    )
    if report is None or publications.publication_current(report) is None:
        raise DomainError(_("The report of that year is not published."))
    publications.publication_withdraw(
        actor=actor, subject=report, action="results_report.withdraw"
    )
