"""Writes on the training and development records and the HR report's narrative."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.organizations.models import Membership

from . import hr_import
from .models_hr import (
    HRProject,
    HRReport,
    TrainingImport,
    TrainingRecord,
)
from .services_common import audited, create_audited, delete_audited, update_audited
from .services_hr import REPORT_AUDITED, TRAINING_AUDITED

# --- training records ---------------------------------------------------------------

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization


def _check_person(
    organization: Organization, member: Membership | None, person_name: str
) -> None:
    if member is not None and member.organization_id != organization.pk:
        raise DomainError(
            _("The person must be a member of this organisation."), field="member"
        )
    if member is None and not person_name.strip():
        raise DomainError(
            _("Choose a member, or give the name of someone who is not a member."),
            field="person_name",
        )


def _check_project(
    organization: Organization, project: HRProject | None, fiscal_year: int
) -> None:
    if project is None:
        return
    if project.organization_id != organization.pk or project.plan.fiscal_year != (
        fiscal_year
    ):
        raise DomainError(
            _("The project must belong to the HR plan of fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="project",
        )


def _training_data(
    organization: Organization,
    *,
    member: Membership | None,
    person_name: str,
    person_position: str,
    course: str,
    organiser: str,
    start_on: datetime.date,
    end_on: datetime.date | None,
    hours: Decimal,
    ethics: bool,
    cost: Decimal | None,
    project: HRProject | None,
    certificate: File | None,
) -> dict[str, Any]:
    """Checked fields of a training record (the same checks as the import)."""
    _check_person(organization, member, person_name)
    end_on = end_on or start_on
    problems = hr_import.training_checks(
        start_on=start_on,
        end_on=end_on,
        hours=hours,
        cost=cost,
        today=timezone.localdate(),
    )
    if problems:
        field, message = problems[0]
        raise DomainError(message, field=field)
    fiscal_year = thai_dates.fiscal_year(start_on)
    _check_project(organization, project, fiscal_year)
    data: dict[str, Any] = {
        "fiscal_year": fiscal_year,
        "member": member,
        "person_name": "" if member else person_name.strip(),
        "person_position": "" if member else person_position.strip(),
        "course": course.strip(),
        "organiser": organiser.strip(),
        "start_on": start_on,
        "end_on": end_on,
        "hours": hours,
        "ethics": ethics,
        "cost": cost,
        "project": project,
    }
    if certificate:
        data["certificate"] = certificate
    return data


@transaction.atomic
def training_record_create(
    *,
    actor: User,
    organization: Organization,
    course: str,
    start_on: datetime.date,
    hours: Decimal,
    member: Membership | None = None,
    person_name: str = "",
    person_position: str = "",
    organiser: str = "",
    end_on: datetime.date | None = None,
    ethics: bool = False,
    cost: Decimal | None = None,
    project: HRProject | None = None,
    certificate: File | None = None,
    imported_from: TrainingImport | None = None,
) -> TrainingRecord:
    """Record a course attended by a member (or by someone who is not one)."""
    record = TrainingRecord(
        organization=organization,
        imported_from=imported_from,
        **_training_data(
            organization,
            member=member,
            person_name=person_name,
            person_position=person_position,
            course=course,
            organiser=organiser,
            start_on=start_on,
            end_on=end_on,
            hours=hours,
            ethics=ethics,
            cost=cost,
            project=project,
            certificate=certificate,
        ),
    )
    if imported_from is None:
        return create_audited(
            record, actor=actor, action="training.create", fields=TRAINING_AUDITED
        )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def training_record_update(
    *,
    actor: User,
    record: TrainingRecord,
    course: str,
    start_on: datetime.date,
    hours: Decimal,
    member: Membership | None = None,
    person_name: str = "",
    person_position: str = "",
    organiser: str = "",
    end_on: datetime.date | None = None,
    ethics: bool = False,
    cost: Decimal | None = None,
    project: HRProject | None = None,
    certificate: File | None = None,
) -> TrainingRecord:
    data = _training_data(
        record.organization,
        member=member,
        person_name=person_name,
        person_position=person_position,
        course=course,
        organiser=organiser,
        start_on=start_on,
        end_on=end_on,
        hours=hours,
        ethics=ethics,
        cost=cost,
        project=project,
        certificate=certificate,
    )
    update_audited(
        record, data, actor=actor, action="training.update", fields=TRAINING_AUDITED
    )
    return record


@transaction.atomic
def training_record_delete(*, actor: User, record: TrainingRecord) -> None:
    delete_audited(
        record,
        actor=actor,
        action="training.delete",
        fields=("fiscal_year", "course", "start_on"),
    )


# --- the report's narrative ---------------------------------------------------------


@transaction.atomic
def hr_report_save(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    summary: str = "",
    problems: str = "",
    proposals: str = "",
    reported_by_name: str = "",
    reported_by_position: str = "",
) -> HRReport:
    """Write the narrative of the year's HR report (created on first save)."""
    report, created = HRReport.objects.get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    data = {
        "summary": summary.strip(),
        "problems": problems.strip(),
        "proposals": proposals.strip(),
        "reported_by_name": reported_by_name.strip(),
        "reported_by_position": reported_by_position.strip(),
    }
    changes = model_update(report, data, list(data))
    audit_log(
        actor=actor,
        organization=organization,
        action="hr_report.update",
        target=report,
        changes={"fiscal_year": fiscal_year, **audited(changes, REPORT_AUDITED)}
        | ({"created": True} if created else {}),
    )
    return report
