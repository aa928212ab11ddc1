"""Writes of the staff work manuals of complaint categories
(see :mod:`prongsai.core.manuals`)."""

from __future__ import annotations

from django.db import transaction

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.manuals import ProcedureData, procedure_save

from .models import Category, CategoryProcedure, CategoryProcedureStep


@transaction.atomic
def category_procedure_update(
    *, actor: User, category: Category, data: ProcedureData
) -> CategoryProcedure:
    """Save how the staff handle ``category`` (its steps are replaced)."""
    procedure = CategoryProcedure.objects.filter(
        category=category
    ).first() or CategoryProcedure(category=category)
    changes = procedure_save(
        procedure,
        steps_of=lambda: CategoryProcedureStep.objects.filter(procedure=procedure),
        step_model=CategoryProcedureStep,
        parent_field="category",
        data=data,
    )
    if changes:
        audit_log(
            actor=actor,
            organization=category.organization,
            action="category.procedure",
            target=category,
            changes=changes,
        )
    return procedure
