"""Reads of the HR registers, always scoped to one organisation."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from prongsai.core import publications, thai_dates
from prongsai.core.models import Publication
from prongsai.organizations.models import Membership

from . import hr_figures
from .models_hr import (
    HRCriterion,
    HRPlan,
    HRProject,
    HRReport,
    TrainingImport,
    TrainingRecord,
)
from .selectors import _access

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization


def access_hr_criterion(*, organization: Organization, pk: Any) -> HRCriterion:
    return _access(HRCriterion, organization, pk)


def access_hr_project(*, organization: Organization, pk: Any) -> HRProject:
    return _access(HRProject, organization, pk)


def access_training_record(*, organization: Organization, pk: Any) -> TrainingRecord:
    return _access(TrainingRecord, organization, pk)


def access_training_import(*, organization: Organization, pk: Any) -> TrainingImport:
    return _access(TrainingImport, organization, pk)


_KIND_ORDER = {kind: index for index, kind in enumerate(HRCriterion.Kind.values)}


def _by_kind(criteria) -> list[HRCriterion]:
    """Criteria in the order of the kinds (recruitment first), newest first."""
    return sorted(
        criteria,
        key=lambda c: (
            _KIND_ORDER.get(c.kind, 99),
            -c.effective_from.toordinal(),
            -c.pk,
        ),
    )


def hr_criterion_list(*, organization: Organization) -> list[HRCriterion]:
    """Every criteria document, in force or not (the history)."""
    return _by_kind(HRCriterion.objects.filter(organization=organization))


def hr_criterion_list_in_force(
    *, organization: Organization, on: datetime.date | None = None
) -> list[HRCriterion]:
    """The documents in force on a day (today by default)."""
    day = on or timezone.localdate()
    return _by_kind(
        HRCriterion.objects.filter(
            organization=organization, effective_from__lte=day
        ).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
    )


def hr_plan_get(*, organization: Organization, fiscal_year: int) -> HRPlan | None:
    return HRPlan.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def hr_plan_years(*, organization: Organization) -> list[int]:
    return list(
        HRPlan.objects.filter(organization=organization)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
    )


def hr_project_list(*, plan: HRPlan) -> list[HRProject]:
    """The plan's projects in order, each with its ``period`` label."""
    projects = list(plan.projects.order_by("number", "id"))
    for project in projects:
        project.period = project_period(plan.fiscal_year, project)
    return projects


def project_period(fiscal_year: int, project: HRProject) -> str:
    start = fiscal_month_label(fiscal_year, project.start_month)
    if project.end_month == project.start_month:
        return start
    return f"{start} – {fiscal_month_label(fiscal_year, project.end_month)}"


def hr_report_get(*, organization: Organization, fiscal_year: int) -> HRReport | None:
    return HRReport.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def training_record_list(
    *,
    organization: Organization,
    fiscal_year: int | None = None,
    member: Membership | None = None,
) -> QuerySet[TrainingRecord]:
    """Training records (of a year, of one member) with their people."""
    records = TrainingRecord.objects.filter(organization=organization).select_related(
        "member__user", "project"
    )
    if fiscal_year is not None:
        records = records.filter(fiscal_year=fiscal_year)
    if member is not None:
        records = records.filter(member=member)
    return records.order_by("-start_on", "-id")


def training_people(*, organization: Organization) -> list[Membership]:
    """Members who have a training record (the list's person filter)."""
    return list(
        Membership.objects.filter(
            organization=organization, training_records__isnull=False
        )
        .select_related("user")
        .distinct()
        .order_by("user__full_name")
    )


def _person_key(record: TrainingRecord) -> tuple[str, Any]:
    if record.member_id is not None:
        return ("member", record.member_id)
    return ("name", " ".join(record.person_name.split()))


def hr_figures_get(
    *, organization: Organization, fiscal_year: int
) -> hr_figures.HRFigures:
    """The figures of the year's HR report (plan projects and training)."""
    plan = hr_plan_get(organization=organization, fiscal_year=fiscal_year)
    projects = [
        hr_figures.ProjectInput(
            id=p.pk,
            number=p.number,
            name=p.name,
            category=p.category,
            budget=p.budget,
            status=p.status,
            budget_used=p.budget_used,
            output=p.output,
            problems=p.problems,
        )
        for p in (hr_project_list(plan=plan) if plan else [])
    ]
    trainings = [
        hr_figures.TrainingInput(
            person=_person_key(r),
            hours=r.hours,
            ethics=r.ethics,
            cost=r.cost,
            project_id=r.project_id,
        )
        for r in TrainingRecord.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        )
    ]
    return hr_figures.hr_figures(projects, trainings)


def fiscal_month_choices(fiscal_year: int) -> list[tuple[int, str]]:
    """The 12 months of a fiscal year as (1–12, "ต.ค. 2568")."""
    start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
    choices = []
    for index in range(12):
        month = (start.month - 1 + index) % 12 + 1
        year = start.year + (start.month - 1 + index) // 12
        day = datetime.date(year, month, 1)
        choices.append(
            (
                index + 1,
                f"{thai_dates.month_name(month, abbr=True)} "
                f"{thai_dates.to_be_year(day.year)}",
            )
        )
    return choices


def fiscal_month_label(fiscal_year: int, index: int) -> str:
    return dict(fiscal_month_choices(fiscal_year)).get(index, "")


# --- what a publication freezes ---------------------------------------------------


def _money(value) -> str | None:
    return None if value is None else str(value)


def _day(value: datetime.date | None) -> str:
    return thai_dates.format_date(value) if value else ""


def _criterion_row(criterion: HRCriterion) -> dict[str, Any]:
    return {
        "kind": criterion.kind,
        "kind_label": str(criterion.get_kind_display()),
        "title": criterion.title,
        "effective_from": _day(criterion.effective_from),
        "effective_to": _day(criterion.effective_to),
        "url": criterion.url,
        "document_url": criterion.document.url if criterion.document else "",
    }


def hr_plan_snapshot(*, plan: HRPlan) -> dict[str, Any]:
    """The plan as the public sees it once published (plain JSON)."""
    projects = hr_project_list(plan=plan)
    fiscal_year = plan.fiscal_year
    start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
    return {
        "fiscal_year": fiscal_year,
        "organization_name": plan.organization.name,
        "title": plan.title,
        "introduction": plan.introduction,
        "approved_on": _day(plan.approved_on),
        "approved_by_name": plan.approved_by_name,
        "approved_by_position": plan.approved_by_position,
        "criteria": [
            _criterion_row(c)
            for c in hr_criterion_list_in_force(
                organization=plan.organization, on=max(start, timezone.localdate())
            )
        ],
        "projects": [
            {
                "number": p.number,
                "name": p.name,
                "category": p.category,
                "category_label": str(p.get_category_display()),
                "target_group": p.target_group,
                "budget": _money(p.budget),
                "period": project_period(fiscal_year, p),
                "indicator": p.indicator,
            }
            for p in projects
        ],
        "budget_total": _money(sum((p.budget for p in projects), 0)),
        "categories": sorted({p.category for p in projects}),
    }


def hr_report_snapshot(
    *, organization: Organization, fiscal_year: int
) -> dict[str, Any]:
    """The year's report as the public sees it once published (plain JSON)."""
    plan = hr_plan_get(organization=organization, fiscal_year=fiscal_year)
    report = hr_report_get(organization=organization, fiscal_year=fiscal_year)
    figures = hr_figures_get(organization=organization, fiscal_year=fiscal_year)
    statuses = dict(HRProject.Status.choices)
    categories = dict(HRProject.Category.choices)

    def percent(value) -> str | None:
        return None if value is None else str(value)

    return {
        "fiscal_year": fiscal_year,
        "organization_name": organization.name,
        "title": "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล "
        f"ประจำปีงบประมาณ พ.ศ. {fiscal_year}",
        "plan_title": plan.title if plan else "",
        "projects": [
            {
                "number": p.number,
                "name": p.name,
                "category_label": str(categories.get(p.category, p.category)),
                "status": p.status,
                "status_label": str(statuses.get(p.status, "")),
                "budget": _money(p.budget),
                "budget_used": _money(p.budget_used),
                "output": p.output,
                "problems": p.problems,
                "people_trained": p.people_trained,
                "training_hours": str(p.training_hours),
            }
            for p in figures.projects
        ],
        "status_counts": [
            {
                "status": key,
                "label": str(statuses[key]),
                "count": figures.status_counts[key],
            }
            for key in hr_figures.STATUSES
            if figures.status_counts[key]
        ],
        "project_count": figures.project_count,
        "done_percent": percent(figures.done_percent),
        "budget_planned": _money(figures.budget_planned),
        "budget_used": _money(figures.budget_used),
        "budget_used_percent": percent(figures.budget_used_percent),
        "people_trained": figures.people_trained,
        "training_records": figures.training_records,
        "training_hours": str(figures.training_hours),
        "hours_per_person": percent(figures.hours_per_person),
        "ethics_records": figures.ethics_records,
        "ethics_people": figures.ethics_people,
        "ethics_share_percent": percent(figures.ethics_share_percent),
        "training_cost": _money(figures.training_cost),
        "summary": report.summary if report else "",
        "problems": report.problems if report else "",
        "proposals": report.proposals if report else "",
        "reported_by_name": report.reported_by_name if report else "",
        "reported_by_position": report.reported_by_position if report else "",
    }


# --- publications -----------------------------------------------------------------


def hr_plan_publication_get(*, plan: HRPlan | None) -> Publication | None:
    """The plan's current publication, or ``None``."""
    return publications.publication_current(plan) if plan is not None else None


def hr_report_publication_get(*, report: HRReport | None) -> Publication | None:
    """The report's current publication, or ``None``."""
    return publications.publication_current(report) if report is not None else None


def hr_published_plan_get(
    *, organization: Organization, fiscal_year: int
) -> Publication | None:
    return hr_plan_publication_get(
        plan=hr_plan_get(organization=organization, fiscal_year=fiscal_year)
    )


def hr_published_report_get(
    *, organization: Organization, fiscal_year: int
) -> Publication | None:
    return hr_report_publication_get(
        report=hr_report_get(organization=organization, fiscal_year=fiscal_year)
    )


def publication_pdf_bytes(publication: Any) -> bytes:
    """The frozen PDF of a publication (a file field or the bytes)."""
    pdf = publication.pdf
    if hasattr(pdf, "open"):
        with pdf.open("rb") as handle:
            return handle.read()
    return bytes(pdf or b"")
