"""Who hears that a complainant was not satisfied and the case was reopened."""

from __future__ import annotations

from django.urls import reverse

from prongsai.notifications.services import notify
from prongsai.organizations.selectors import membership_list_unit_heads_or_executives

from .models import Case, CaseEntry


def case_reopened_notify(*, case: Case, entry: CaseEntry) -> int:
    """Tell the heads of the case's unit (else the executives) it was reopened."""
    unit = case.category.responsible_unit if case.category else ""
    if not unit and case.assigned_to_id:
        unit = (
            case.organization.memberships.filter(user=case.assigned_to_id)
            .values_list("unit", flat=True)
            .first()
            or ""
        )
    told = 0
    for membership in membership_list_unit_heads_or_executives(
        organization=case.organization, unit=unit
    ):
        told += (
            notify(
                organization=case.organization,
                recipient=membership,
                kind="complaints/reopened",
                context={
                    "reference": case.reference,
                    "score": entry.score,
                    "comment": entry.text,
                    "category": case.category.name if case.category else "",
                    "unit": unit,
                },
                url=reverse(
                    "complaints-staff:case",
                    kwargs={"org": case.organization.slug, "pk": case.pk},
                ),
                dedup_key=f"complaints.reopened:{entry.pk}",
            )
            is not None
        )
    return told
