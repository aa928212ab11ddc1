"""Importing training records from a spreadsheet: check, preview, commit
(all rows or none). One-by-one writes are in ``services_hr``."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.spreadsheets import SpreadsheetError, read_csv, read_xlsx
from prongsai.organizations.models import Membership

from . import hr_import
from .models_hr import HRProject, TrainingImport
from .services_hr_training import training_record_create

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization


def _read_table(filename: str, content: bytes) -> list[list[object]]:
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            return read_xlsx(content, max_rows=hr_import.MAX_ROWS + 20)
        if name.endswith((".csv", ".txt")):
            return read_csv(content, max_rows=hr_import.MAX_ROWS + 20, sniff=True)
    except SpreadsheetError as error:
        raise DomainError(error.message, field="file") from error
    raise DomainError(_("Upload an XLSX or CSV file."), field="file")


def _norm_name(text: str) -> str:
    text = " ".join(text.split())
    for title in ("นางสาว", "นาย", "นาง", "น.ส.", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต."):
        if text.startswith(title):
            text = text[len(title) :].strip()
    return text


def _member_index(organization: Organization) -> tuple[dict, dict]:
    members = Membership.objects.filter(organization=organization).select_related(
        "user"
    )
    by_email = {m.user.email.lower(): m.pk for m in members}
    by_name = {_norm_name(m.user.display_name): m.pk for m in members}
    return by_email, by_name


def _project_resolver(organization: Organization):
    projects = list(
        HRProject.objects.filter(organization=organization).select_related("plan")
    )

    def resolve(text: str, start: datetime.date | None) -> int | None:
        year = thai_dates.fiscal_year(start) if start else None
        number = thai_dates.to_arabic_digits(text).strip()
        for project in projects:
            if year is not None and project.plan.fiscal_year != year:
                continue
            if number == str(project.number) or text.strip() == project.name:
                return project.pk
        return None

    return resolve


def training_import_check(
    *, organization: Organization, rows: list[list[object]]
) -> hr_import.ParseResult:
    """Every row checked as the commit will check it, members matched."""
    result = hr_import.parse_training_rows(
        rows,
        resolve_project=_project_resolver(organization),
        today=timezone.localdate(),
    )
    by_email, by_name = _member_index(organization)
    for row in result.rows:
        row["member_id"] = by_email.get(row["email"].lower()) or by_name.get(
            _norm_name(row["name"])
        )
    if len(result.rows) > hr_import.MAX_ROWS:
        result.problems.insert(
            0,
            hr_import.Problem(
                None,
                "",
                _("The file has more than %(count)s rows; split it into smaller files.")
                % {"count": f"{hr_import.MAX_ROWS:,}"},
            ),
        )
    return result


@transaction.atomic
def training_import_preview(
    *, actor: User, organization: Organization, filename: str, content: bytes
) -> TrainingImport:
    """Read and check an uploaded file; keep the result for confirmation."""
    rows = _read_table(filename, content)
    result = training_import_check(organization=organization, rows=rows)
    batch = TrainingImport(
        organization=organization,
        filename=filename[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=result.rows,
        problems=[p.as_dict() for p in result.problems],
        created_by=actor,
    )
    batch.full_clean()
    batch.save()
    return batch


def _commit_row(
    actor: User,
    batch: TrainingImport,
    row: dict[str, Any],
    members: dict,
    projects: dict,
) -> None:
    training_record_create(
        actor=actor,
        organization=batch.organization,
        member=members.get(row["member_id"]),
        person_name=row["name"],
        person_position=row["position"],
        course=row["course"],
        organiser=row["organiser"],
        start_on=datetime.date.fromisoformat(row["start_on"]),
        end_on=datetime.date.fromisoformat(row["end_on"]),
        hours=Decimal(row["hours"]),
        ethics=row["ethics"],
        cost=Decimal(row["cost"]) if row["cost"] is not None else None,
        project=projects.get(row["project_id"]),
        imported_from=batch,
    )


@transaction.atomic
def training_import_commit(*, actor: User, batch: TrainingImport) -> int:
    """Write every checked row of a previewed import, or none; the count."""
    batch = TrainingImport.objects.select_for_update().get(
        organization=batch.organization, pk=batch.pk
    )
    if batch.state != TrainingImport.State.PREVIEW:
        raise DomainError(_("This import has already been committed."))
    if batch.problems or not batch.rows:
        raise DomainError(_("The file has problems; correct them and upload it again."))
    organization = batch.organization
    members = {
        m.pk: m
        for m in Membership.objects.filter(
            organization=organization,
            pk__in=[r["member_id"] for r in batch.rows if r["member_id"]],
        )
    }
    projects = {
        p.pk: p
        for p in HRProject.objects.filter(
            organization=organization,
            pk__in=[r["project_id"] for r in batch.rows if r["project_id"]],
        ).select_related("plan")
    }
    for row in batch.rows:
        try:
            _commit_row(actor, batch, row, members, projects)
        except DomainError as error:
            raise DomainError(
                _("Row %(row)s: %(message)s")
                % {"row": row["row"], "message": error.message}
            ) from error
    batch.state = TrainingImport.State.COMMITTED
    batch.save(update_fields=["state", "updated_at"])
    audit_log(
        actor=actor,
        organization=organization,
        action="training.import",
        target=batch,
        changes={"file": batch.filename, "rows": len(batch.rows)},
    )
    return len(batch.rows)
