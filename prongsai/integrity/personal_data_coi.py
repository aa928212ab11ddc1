"""Where the conflict-of-interest registers keep personal data.

A member's declarations (and the interests in them, which name relatives and
their companies) and their procurement committee declarations. They are
marked confidential: only integrity officers see them on the *Personal data
requests* page.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.core.audit import audit_log
from prongsai.core.personal_data import Found, PersonalDataSource, register

from .models_coi import CoiCommitteeDeclaration, CoiDeclaration


def _member_query(identifiers, prefix: str) -> Q | None:
    query = Q()
    if identifiers.email:
        query |= Q(**{f"{prefix}__user__email__iexact": identifiers.email})
    if identifiers.name:
        query |= Q(**{f"{prefix}__user__full_name__iexact": identifiers.name})
    return query or None


def find_declarations(*, organization, identifiers) -> list[Found]:
    query = _member_query(identifiers, "declarant")
    if identifiers.national_id:
        query = (query or Q()) | Q(interests__tax_id=identifiers.national_id)
    if identifiers.name:
        query = (query or Q()) | Q(interests__name__iexact=identifiers.name)
    if query is None:
        return []
    declarations = (
        CoiDeclaration.objects.filter(organization=organization)
        .filter(query)
        .distinct()
        .order_by("declared_on", "pk")
    )
    return [
        Found(
            source="integrity.coi_declaration",
            pk=d.pk,
            label=gettext("%(kind)s, fiscal year %(year)s")
            % {"kind": d.get_kind_display(), "year": d.fiscal_year},
            when=d.created_at,
            confidential=True,
        )
        for d in declarations
    ]


def export_declarations(*, organization, pks) -> list[dict]:
    declarations = (
        CoiDeclaration.objects.filter(organization=organization, pk__in=pks)
        .select_related("declarant__user")
        .prefetch_related("interests")
        .order_by("declared_on", "pk")
    )
    return [
        {
            "declarant": d.declarant.user.display_name,
            "kind": d.kind,
            "fiscal_year": d.fiscal_year,
            "declared_on": d.declared_on.isoformat(),
            "nothing_to_declare": d.nothing_to_declare,
            "note": d.note,
            "interests": [
                {
                    "kind": i.kind,
                    "name": i.name,
                    "tax_id": i.tax_id,
                    "relationship": i.relationship,
                    "description": i.description,
                    "value": str(i.value) if i.value is not None else None,
                }
                for i in d.interests.all()
            ],
        }
        for d in declarations
    ]


def _erase(rows, *, organization, actor, reason, action: str) -> int:
    """Delete *rows* and write one audit row with their count and the reason."""
    done = rows.count()
    if done:
        rows.delete()
        audit_log(
            actor=actor,
            organization=organization,
            action=action,
            changes={"count": done, "reason": reason},
        )
    return done


def erase_declarations(*, organization, pks, actor, reason, now) -> int:
    return _erase(
        CoiDeclaration.objects.filter(organization=organization, pk__in=pks),
        organization=organization,
        actor=actor,
        reason=reason,
        action="coi_declaration.erase",
    )


def find_committee(*, organization, identifiers) -> list[Found]:
    query = _member_query(identifiers, "member")
    if query is None:
        return []
    rows = (
        CoiCommitteeDeclaration.objects.filter(organization=organization)
        .filter(query)
        .select_related("procurement")
        .order_by("declared_on", "pk")
    )
    return [
        Found(
            source="integrity.coi_committee",
            pk=d.pk,
            label=gettext("%(role)s: %(title)s")
            % {"role": d.get_role_display(), "title": d.procurement.title},
            when=d.created_at,
            confidential=True,
        )
        for d in rows
    ]


def export_committee(*, organization, pks) -> list[dict]:
    rows = (
        CoiCommitteeDeclaration.objects.filter(organization=organization, pk__in=pks)
        .select_related("procurement", "member__user")
        .order_by("declared_on", "pk")
    )
    return [
        {
            "member": d.member.user.display_name,
            "procurement": d.procurement.title,
            "role": d.role,
            "has_interest": d.has_interest,
            "details": d.details,
            "declared_on": d.declared_on.isoformat(),
        }
        for d in rows
    ]


def erase_committee(*, organization, pks, actor, reason, now) -> int:
    return _erase(
        CoiCommitteeDeclaration.objects.filter(organization=organization, pk__in=pks),
        organization=organization,
        actor=actor,
        reason=reason,
        action="coi_committee.erase",
    )


register(
    PersonalDataSource(
        key="integrity.coi_declaration",
        label=_("Declarations of interests"),
        find=find_declarations,
        export=export_declarations,
        erase=erase_declarations,
    )
)
register(
    PersonalDataSource(
        key="integrity.coi_committee",
        label=_("Procurement committee declarations"),
        find=find_committee,
        export=export_committee,
        erase=erase_committee,
    )
)
