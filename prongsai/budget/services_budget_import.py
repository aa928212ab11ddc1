"""Importing a budget's lines or its monthly disbursements from a spreadsheet:
check, preview, commit (all rows or none). One-by-one writes are in
``services_budget``."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.spreadsheets import read_upload

from . import budget_disbursements, budget_import, figures, linking, selectors
from .models import Budget, BudgetLine, Project
from .models_documents import BudgetImport
from .services_budget import budget_line_create, budget_line_update
from .services_commitments import disbursements_save

if TYPE_CHECKING:
    from prongsai.accounts.models import User


def _project_resolver(budget: Budget):
    plan = selectors.plan_for_year(
        organization=budget.organization, fiscal_year=budget.fiscal_year
    )
    projects = (
        list(Project.objects.filter(organization=budget.organization, plan=plan))
        if plan
        else []
    )
    by_number = {str(p.number): p.pk for p in projects}
    by_name = {linking.normalise(p.name): p.pk for p in projects}

    def resolve(number: str, name: str) -> tuple[int | None, str]:
        if plan is None:
            return None, _(
                "No development plan covers fiscal year %(year)s; leave the "
                "project empty or add the plan first."
            ) % {"year": budget.fiscal_year}
        if number:
            if number in by_number:
                return by_number[number], ""
            return None, _("The plan has no project number %(number)s.") % {
                "number": number
            }
        found = by_name.get(linking.normalise(name))
        if found is None:
            return None, _("The plan has no project “%(name)s”.") % {"name": name}
        return found, ""

    return resolve


def _line_resolver(budget: Budget):
    lines = list(
        BudgetLine.objects.filter(organization=budget.organization, budget=budget)
    )
    by_code: dict[str, list[int]] = defaultdict(list)
    by_item: dict[str, list[int]] = defaultdict(list)
    for line in lines:
        if line.code:
            by_code[line.code.strip().lower()].append(line.pk)
        by_item[linking.normalise(line.item)].append(line.pk)

    def resolve(code: str, item: str) -> tuple[int | None, str]:
        if code:
            found = by_code.get(code.strip().lower(), [])
            if len(found) == 1:
                return found[0], ""
            if found:
                return None, _("More than one line has the code “%(code)s”.") % {
                    "code": code
                }
            if not item:
                return None, _("No line of the budget has the code “%(code)s”.") % {
                    "code": code
                }
        found = by_item.get(linking.normalise(item), [])
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, _(
                "More than one line is called “%(item)s”; write the line's code."
            ) % {"item": item}
        return None, _("No line of the budget is called “%(item)s”.") % {"item": item}

    return resolve


def budget_import_check(
    *, budget: Budget, kind: str, rows: list[list[object]]
) -> budget_import.ParseResult:
    """Every row checked as the commit will check it."""
    if kind == BudgetImport.Kind.LINES:
        return budget_import.parse_line_rows(
            rows, resolve_project=_project_resolver(budget)
        )
    return budget_disbursements.parse_disbursement_rows(
        rows, fiscal_year=budget.fiscal_year, resolve_line=_line_resolver(budget)
    )


@transaction.atomic
def budget_import_preview(
    *, actor: User, budget: Budget, kind: str, filename: str, content: bytes
) -> BudgetImport:
    """Read and check an uploaded file; keep the result for confirmation."""
    if kind not in BudgetImport.Kind.values:
        raise DomainError(_("Unknown kind of import."))
    rows = read_upload(filename, content, max_rows=budget_import.MAX_ROWS + 50)
    result = budget_import_check(budget=budget, kind=kind, rows=rows)
    batch = BudgetImport(
        organization=budget.organization,
        budget=budget,
        kind=kind,
        filename=filename[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=result.rows,
        problems=[p.as_dict() for p in result.problems],
        created_by=actor,
    )
    batch.full_clean()
    batch.save()
    return batch


def _commit_lines(actor: User, batch: BudgetImport) -> int:
    budget = batch.budget
    existing = {
        line.import_key: line
        for line in BudgetLine.objects.filter(
            organization=budget.organization, budget=budget
        ).exclude(import_key="")
    }
    projects = {
        p.pk: p
        for p in Project.objects.filter(
            organization=budget.organization,
            pk__in=[r["project_id"] for r in batch.rows if r["project_id"]],
        )
    }
    created = updated = 0
    for row in batch.rows:
        data = {
            "code": row["code"],
            "programme": row["programme"],
            "work": row["work"],
            "category": row["category"],
            "expense_class": row["expense_class"],
            "expense_type": row["expense_type"],
            "item": row["item"],
            "amount": Decimal(row["amount"]),
            "unit": row["unit"],
        }
        project = projects.get(row["project_id"])
        try:
            line = existing.get(row["import_key"])
            if line is None:
                budget_line_create(
                    actor=actor,
                    budget=budget,
                    project=project,
                    import_key=row["import_key"],
                    audit=False,
                    **data,
                )
                created += 1
            else:
                budget_line_update(actor=actor, line=line, audit=False, **data)
                if project is not None and line.project_id != project.pk:
                    line.project = project
                    line.save(update_fields=["project", "updated_at"])
                updated += 1
        except DomainError as error:
            raise DomainError(
                _("Row %(row)s: %(message)s")
                % {"row": row["row"], "message": error.message}
            ) from error
    return created + updated


def _commit_disbursements(actor: User, batch: BudgetImport) -> int:
    budget = batch.budget
    lines = {
        line.pk: line
        for line in BudgetLine.objects.filter(
            organization=budget.organization,
            budget=budget,
            pk__in=[r["line_id"] for r in batch.rows],
        )
    }
    per_line: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for row in batch.rows:
        if row["line_id"] not in lines:
            raise DomainError(
                _("Row %(row)s: %(message)s")
                % {"row": row["row"], "message": _("The line no longer exists.")}
            )
        month = figures.fiscal_month(datetime.date.fromisoformat(row["month"]))
        per_line[row["line_id"]][month] = Decimal(row["amount"])
    for line_id, amounts in per_line.items():
        disbursements_save(
            actor=actor, line=lines[line_id], amounts=amounts, audit=False
        )
    return len(batch.rows)


@transaction.atomic
def budget_import_commit(*, actor: User, batch: BudgetImport) -> int:
    """Write every checked row of a previewed import, or none; the count."""
    batch = BudgetImport.objects.select_for_update().get(
        organization=batch.organization, pk=batch.pk
    )
    if batch.state != BudgetImport.State.PREVIEW:
        raise DomainError(_("This import has already been committed."))
    if batch.problems or not batch.rows:
        raise DomainError(_("The file has problems; correct them and upload it again."))
    if batch.kind == BudgetImport.Kind.LINES:
        count = _commit_lines(actor, batch)
    else:
        count = _commit_disbursements(actor, batch)
    batch.state = BudgetImport.State.COMMITTED
    batch.save(update_fields=["state", "updated_at"])
    audit_log(
        actor=actor,
        organization=batch.organization,
        action=f"budget_import.{batch.kind}",
        target=batch,
        changes={"file": batch.filename, "rows": count},
    )
    return count
