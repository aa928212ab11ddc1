"""Writes on the complaints (and other cases) that a plan's measures address."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prongsai.accounts.models import User
from prongsai.complaints.models import Case
from prongsai.complaints.permissions import can_handle_confidential
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Membership, Organization

from .models import Measure, MeasureCase


def _may_link_confidential(actor: User, organization: Organization) -> bool:
    membership = (
        Membership.objects.active()
        .filter(user=actor, organization=organization)
        .first()
    )
    return can_handle_confidential(actor, membership)


def _check_case(actor: User, measure: Measure, case: Case) -> None:
    if case.organization_id != measure.organization_id:
        raise DomainError(
            _("Case %(reference)s belongs to another organisation.")
            % {"reference": case.reference},
            field="references",
        )
    if case.is_confidential and not _may_link_confidential(actor, measure.organization):
        # The same answer as for a reference that does not exist: whoever may
        # not link a confidential report does not learn that it exists.
        raise DomainError(
            ngettext(
                "No case has the reference %(references)s.",
                "No cases have the references %(references)s.",
                1,
            )
            % {"references": case.reference},
            field="references",
        )


@transaction.atomic
def measure_link_cases(
    *, actor: User, measure: Measure, cases: Iterable[Case]
) -> list[MeasureCase]:
    """Link cases to the measure they led to; all or nothing.

    Cases already linked are skipped. Returns the links made.
    """
    cases = list(cases)
    if not cases:
        raise DomainError(_("Give at least one case reference."), field="references")
    for case in cases:
        _check_case(actor, measure, case)
    already = set(
        MeasureCase.objects.filter(measure=measure).values_list("case_id", flat=True)
    )
    links = []
    for case in cases:
        if case.pk in already:
            continue
        already.add(case.pk)
        link = MeasureCase(
            organization=measure.organization,
            measure=measure,
            case=case,
            linked_by=actor,
        )
        link.full_clean()
        link.save()
        links.append(link)
        audit_log(
            actor=actor,
            organization=measure.organization,
            action="measure.link_case",
            target=measure,
            changes={"case": [None, case.reference]},
        )
    return links


@transaction.atomic
def measure_unlink_case(*, actor: User, measure: Measure, case: Case) -> None:
    _check_case(actor, measure, case)
    deleted, _count = MeasureCase.objects.filter(measure=measure, case=case).delete()
    if not deleted:
        raise DomainError(_("This case is not linked to the measure."))
    audit_log(
        actor=actor,
        organization=measure.organization,
        action="measure.unlink_case",
        target=measure,
        changes={"case": [case.reference, None]},
    )
