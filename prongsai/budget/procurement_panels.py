"""The budget line a procurement spends, on procurement's staff page
(discovered by ``prongsai.procurement.panels``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.procurement.panels import Panel

from .models_spending import Commitment
from .permissions import can_view_budget


def budget_line_panel(*, request, procurement) -> Panel | None:
    if not can_view_budget(request.user, getattr(request, "membership", None)):
        return None
    commitments = list(
        Commitment.objects.filter(
            organization=procurement.organization, procurement=procurement
        )
        .exclude(state=Commitment.State.REJECTED)
        .select_related("line__budget")
    )
    year = procurement.fiscal_year
    rows = []
    for commitment in commitments:
        line = commitment.line
        url = reverse(
            "budget-staff:line",
            kwargs={
                "org": procurement.organization.slug,
                "year": line.budget.fiscal_year,
                "pk": line.pk,
            },
        )
        state = (
            ""
            if commitment.state == Commitment.State.CONFIRMED
            else " (" + _("suggested, not confirmed") + ")"
        )
        rows.append((f"{line.item} · {line.programme}{state}", url))
    if not rows:
        has_budget = procurement.organization.budgets.filter(fiscal_year=year).exists()
        url = (
            reverse(
                "budget-staff:procurement",
                kwargs={"org": procurement.organization.slug, "year": year},
            )
            if has_budget
            else ""
        )
        rows.append((_("Not linked to a budget line yet."), url))
    return Panel(title=_("Budget line"), rows=rows)


PROCUREMENT_PANELS = (budget_line_panel,)
