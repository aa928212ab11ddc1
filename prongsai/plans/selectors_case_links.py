"""Reads on the complaints (and other cases) that a plan's measures address."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from prongsai.complaints.models import Case, Kind

from .models import Measure, MeasureCase
from .selectors import _get


def measure_case_list(*, measure: Measure) -> QuerySet[MeasureCase]:
    return MeasureCase.objects.filter(measure=measure).select_related("case__category")


def access_measure_case(*, organization, pk) -> MeasureCase:
    return _get(
        MeasureCase.objects.filter(organization=organization).select_related(
            "measure__plan", "case"
        ),
        pk=pk,
    )


def split_references(text: str) -> list[str]:
    """``"A-1, a-2 ,A-1"`` → ``["A-1", "A-2"]`` (upper case, no repeats)."""
    seen: list[str] = []
    for part in re.split(r"[,\s]+", text or ""):
        ref = part.strip().upper()
        if ref and ref not in seen:
            seen.append(ref)
    return seen


def case_list_by_references(
    *, organization, references: list[str], include_confidential: bool = False
):
    """The organisation's cases with these references, and the references unknown.

    Another organisation's case is simply unknown here, and so is a
    confidential report unless ``include_confidential`` (an integrity
    officer): whoever may not link it cannot learn that the number exists.
    """
    cases_here = Case.objects.filter(organization=organization)
    if not include_confidential:
        cases_here = cases_here.exclude(kind=Kind.CORRUPTION)
    found = {
        case.reference.upper(): case
        for case in cases_here.filter(reference__in=references)
    }
    cases = [found[ref] for ref in references if ref in found]
    unknown = [ref for ref in references if ref not in found]
    return cases, unknown


def measure_case_list_of_case(*, case) -> QuerySet[MeasureCase]:
    return (
        MeasureCase.objects.filter(case=case, organization_id=case.organization_id)
        .select_related("measure__plan", "measure__organization")
        .order_by("-measure__plan__fiscal_year", "measure__number")
    )


def case_link_labels(case) -> list[tuple[str, str]]:
    """The measures a case led to, for the complaints case page."""
    return [
        (
            _("Linked to measure %(number)s. %(title)s — %(plan)s")
            % {
                "number": link.measure.number,
                "title": link.measure.title,
                "plan": link.measure.plan.title,
            },
            link.measure.get_staff_url(),
        )
        for link in measure_case_list_of_case(case=case)
    ]
