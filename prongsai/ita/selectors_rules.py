"""Reads on the recommendation rules as one organisation sees them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from .models import OrganizationRule, RecommendationRule, RuleSwitchOff


@dataclass(frozen=True)
class DefaultRuleRow:
    """A shipped rule and what the organisation did with it."""

    rule: RecommendationRule
    switched_off: bool
    adapted: OrganizationRule | None


def organization_rule_list(*, organization) -> QuerySet[OrganizationRule]:
    """The organisation's own rules, in the order the analysis lists them."""
    return OrganizationRule.objects.filter(organization=organization).order_by(
        "priority", "scope", "target", "pk"
    )


def default_rule_list_for(*, organization) -> list[DefaultRuleRow]:
    """Every active shipped rule with its state in the organisation (3 queries)."""
    switched_off = set(
        RuleSwitchOff.objects.filter(organization=organization).values_list(
            "rule_id", flat=True
        )
    )
    adapted = {
        own.replaces_id: own
        for own in organization_rule_list(organization=organization).exclude(
            replaces=None
        )
    }
    return [
        DefaultRuleRow(
            rule=rule,
            switched_off=rule.pk in switched_off,
            adapted=adapted.get(rule.pk),
        )
        for rule in RecommendationRule.objects.filter(is_active=True)
    ]


def access_organization_rule(*, organization, pk) -> OrganizationRule:
    """One of the organisation's own rules, or 404."""
    try:
        return OrganizationRule.objects.get(organization=organization, pk=pk)
    except (OrganizationRule.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def default_rule_get(*, pk: int) -> RecommendationRule | None:
    """An active shipped rule (the same for every organisation), or ``None``."""
    return RecommendationRule.objects.filter(pk=pk, is_active=True).first()
