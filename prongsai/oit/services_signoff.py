"""Telling the executives that an OIT document waits for their signature."""

from __future__ import annotations

from django.urls import reverse

from prongsai.notifications.services import notify
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

from .checks import ItemSpec
from .models import ChecklistItem, Evidence


def needs_signoff(item: ChecklistItem, evidence: Evidence) -> bool:
    """Whether ``evidence`` is a document the item wants approved by an
    executive (a plan, an announcement, anything "approved" or "signed")
    and no approval is recorded on it."""
    spec = ItemSpec(
        code=item.code,
        title_th=item.title_th,
        requirements_th=tuple(item.requirements_th),
    )
    return (
        spec.needs_approval
        and not item.provider_key
        and not evidence.approved
        and not evidence.states_none
    )


def evidence_signoff_notify(*, evidence: Evidence) -> int:
    """Tell every executive that the item's new document waits for their
    approval (once per document); ``0`` when it needs none."""
    item = evidence.item
    if not needs_signoff(item, evidence):
        return 0
    url = reverse(
        "oit-staff:item", kwargs={"org": item.organization.slug, "pk": item.pk}
    )
    told = 0
    for membership in membership_list_with_role(
        organization=item.organization, role=Role.EXECUTIVE
    ):
        notification = notify(
            organization=item.organization,
            recipient=membership,
            kind="oit/signoff",
            context={
                "code": item.code,
                "item_title": item.title_th,
                "document": evidence.title,
                "fiscal_year": item.checklist.fiscal_year,
            },
            url=url,
            dedup_key=f"oit.signoff:{evidence.pk}",
        )
        told += notification is not None
    return told
