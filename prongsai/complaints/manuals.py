"""The staff work manuals of the complaint categories, offered to
:func:`prongsai.core.manuals.manuals_for` (``MANUALS``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.deadlines import duration_text
from prongsai.core.manuals import Manual, ManualSource, ProcedureData

from . import selectors
from .models import Category


def category_manual(category: Category) -> Manual:
    """The staff work manual of a category whose procedure is loaded."""
    procedure = category.procedure
    return Manual(
        source="complaints",
        pk=category.pk,
        title=category.name,
        kind_label=str(_("Complaints")),
        organization=category.organization,
        responsible_unit=category.responsible_unit,
        procedure=ProcedureData.of(procedure, procedure.steps.all()),
        time_limit=duration_text(category.resolve_days, category.deadline_unit),
        updated_at=max(category.updated_at, procedure.updated_at),
    )


def list_manuals(organization) -> list[Manual]:
    return [
        category_manual(category)
        for category in selectors.category_list_with_procedure(
            organization=organization
        )
    ]


def get_manual(organization, pk: int) -> Manual | None:
    found = selectors.category_list_with_procedure(organization=organization, pk=pk)
    return category_manual(found[0]) if found else None


MANUALS = ManualSource(
    label=_("Complaints"), list_manuals=list_manuals, get_manual=get_manual
)
