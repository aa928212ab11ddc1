"""Writes on an organisation's own recommendation rules.

The shipped rules stay the defaults of every organisation; an organisation
switches a default off for itself, adapts it (an own copy that replaces it)
or adds rules of its own. The analysis uses the defaults minus the
switched-off ones plus the organisation's own (``selectors_rules``).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from .models import OrganizationRule, RecommendationRule, RuleSwitchOff

OWN_RULE_FIELDS = (
    "scope",
    "target",
    "title",
    "description",
    "responsible_unit",
    "steps",
    "kpi",
    "below",
    "priority",
    "is_active",
)


def _rule_data(data: dict) -> dict:
    clean = {name: data[name] for name in OWN_RULE_FIELDS if name in data}
    for name in ("target", "title", "responsible_unit", "kpi"):
        if isinstance(clean.get(name), str):
            clean[name] = clean[name].strip()
    return clean


@transaction.atomic
def organization_rule_create(
    *,
    actor: User,
    organization: Organization,
    scope: str,
    target: str,
    title: str,
    description: str = "",
    responsible_unit: str = "",
    steps: str = "",
    kpi: str = "",
    below: Decimal | None = None,
    priority: int = 100,
    is_active: bool = True,
    replaces: RecommendationRule | None = None,
) -> OrganizationRule:
    """Add a recommendation rule to the organisation's own analysis."""
    rule = OrganizationRule(
        organization=organization,
        replaces=replaces,
        created_by=actor if actor.is_authenticated else None,
        **_rule_data(
            {
                "scope": scope,
                "target": target,
                "title": title,
                "description": description,
                "responsible_unit": responsible_unit,
                "steps": steps,
                "kpi": kpi,
                "below": below,
                "priority": priority,
                "is_active": is_active,
            }
        ),
    )
    rule.full_clean()
    rule.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_own_rule.create",
        target=rule,
        changes=snapshot(rule, OWN_RULE_FIELDS),
    )
    return rule


@transaction.atomic
def organization_rule_update(
    *, actor: User, rule: OrganizationRule, **data
) -> OrganizationRule:
    """Change one of the organisation's own rules."""
    changes = model_update(rule, _rule_data(data), OWN_RULE_FIELDS)
    if changes:
        audit_log(
            actor=actor,
            organization=rule.organization,
            action="ita_own_rule.update",
            target=rule,
            changes=changes,
        )
    return rule


@transaction.atomic
def organization_rule_delete(*, actor: User, rule: OrganizationRule) -> None:
    """Delete an own rule; a default it replaced comes back into use."""
    organization = rule.organization
    replaced = rule.replaces
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_own_rule.delete",
        target=rule,
        changes=snapshot(rule, ("scope", "target", "title")),
    )
    rule.delete()
    if replaced is not None:
        still_replaced = OrganizationRule.objects.filter(
            organization=organization, replaces=replaced
        ).exists()
        if not still_replaced:
            default_rule_switch_on(
                actor=actor, organization=organization, rule=replaced
            )


@transaction.atomic
def default_rule_switch_off(
    *, actor: User, organization: Organization, rule: RecommendationRule
) -> RuleSwitchOff:
    """Leave a shipped rule out of the organisation's analysis."""
    switch_off, created = RuleSwitchOff.objects.get_or_create(
        organization=organization,
        rule=rule,
        defaults={"switched_off_by": actor if actor.is_authenticated else None},
    )
    if created:
        audit_log(
            actor=actor,
            organization=organization,
            action="ita_default_rule.switch_off",
            target=rule,
            changes={"rule": rule.key},
        )
    return switch_off


@transaction.atomic
def default_rule_switch_on(
    *, actor: User, organization: Organization, rule: RecommendationRule
) -> None:
    """Use a switched-off shipped rule again in the organisation's analysis."""
    deleted, _rows = RuleSwitchOff.objects.filter(
        organization=organization, rule=rule
    ).delete()
    if deleted:
        audit_log(
            actor=actor,
            organization=organization,
            action="ita_default_rule.switch_on",
            target=rule,
            changes={"rule": rule.key},
        )


@transaction.atomic
def default_rule_adapt(
    *, actor: User, organization: Organization, rule: RecommendationRule
) -> OrganizationRule:
    """Copy a shipped rule into the organisation's own and switch the default off.

    The coordinator then edits the copy; deleting it brings the default back.
    """
    if not rule.is_active:
        raise DomainError(_("This recommendation is not in use on the platform."))
    if OrganizationRule.objects.filter(
        organization=organization, replaces=rule
    ).exists():
        raise DomainError(_("Your organisation has already adapted this rule."))
    own = organization_rule_create(
        actor=actor,
        organization=organization,
        scope=rule.scope,
        target=rule.target,
        title=rule.title,
        description=rule.description,
        responsible_unit=rule.responsible_unit,
        steps=rule.steps,
        kpi=rule.kpi,
        below=rule.below,
        priority=rule.priority,
        replaces=rule,
    )
    default_rule_switch_off(actor=actor, organization=organization, rule=rule)
    return own
