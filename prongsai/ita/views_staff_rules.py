"""ITA back office: the organisation's recommendation rules.

The shipped rules are the defaults; the coordinator switches them off or
adapts them for the organisation, and adds rules of its own.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.core.params import bounded_int
from prongsai.organizations.decorators import org_staff_view

from . import selectors_rules, services_rules
from .forms_years import OrganizationRuleForm
from .permissions import can_manage_ita


def _rules_url(organization) -> str:
    return reverse("ita-staff:rules", kwargs={"org": organization.slug})


@org_staff_view(can_manage_ita)
def rules(request, organization):
    return render(
        request,
        "ita/rules.html",
        {
            "organization": organization,
            "own_rules": selectors_rules.organization_rule_list(
                organization=organization
            ),
            "defaults": selectors_rules.default_rule_list_for(
                organization=organization
            ),
            "can_manage": True,
        },
    )


@org_staff_view(can_manage_ita)
def rule_create(request, organization):
    form = OrganizationRuleForm(request.POST or None)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_rules.organization_rule_create(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The recommendation has been added."),
        redirect_to=_rules_url(organization),
    ):
        return response
    return render(
        request,
        "ita/rule_form.html",
        {"organization": organization, "form": form, "rule": None},
    )


@org_staff_view(can_manage_ita)
def rule_edit(request, organization, pk):
    rule = selectors_rules.access_organization_rule(organization=organization, pk=pk)
    # The form validates on its own copy: a ModelForm writes the input onto
    # its instance, and the service must see the stored values as "before".
    form = OrganizationRuleForm(
        request.POST or None,
        instance=selectors_rules.access_organization_rule(
            organization=organization, pk=pk
        ),
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_rules.organization_rule_update(
            actor=request.user, rule=rule, **data
        ),
        success_message=_("The recommendation has been saved."),
        redirect_to=_rules_url(organization),
    ):
        return response
    return render(
        request,
        "ita/rule_form.html",
        {"organization": organization, "form": form, "rule": rule},
    )


@require_POST
@org_staff_view(can_manage_ita)
def rule_delete(request, organization, pk):
    rule = selectors_rules.access_organization_rule(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_rules.organization_rule_delete(actor=request.user, rule=rule),
        success_message=_("The recommendation has been deleted."),
        redirect_to=_rules_url(organization),
    )


def _default_rule(request):
    """The shipped rule named in the form; a refusal message when there is none."""
    try:
        pk = bounded_int(request.POST.get("rule"), default=0, high=2**31 - 1)
    except ValueError:
        pk = 0
    rule = selectors_rules.default_rule_get(pk=pk)
    if rule is None:
        raise DomainError(_("This recommendation is not in use on the platform."))
    return rule


@require_POST
@org_staff_view(can_manage_ita)
def default_rule_action(request, organization, action):
    """Switch a shipped rule off or on, or adapt it, for this organisation."""
    actions = {
        "switch-off": (
            services_rules.default_rule_switch_off,
            _("The recommendation is switched off for your organisation."),
        ),
        "switch-on": (
            services_rules.default_rule_switch_on,
            _("The recommendation is in use again."),
        ),
        "adapt": (
            services_rules.default_rule_adapt,
            _(
                "A copy of the recommendation is now your organisation's own; "
                "edit it below. The shipped one is switched off."
            ),
        ),
    }
    service, message = actions[action]
    return run_action(
        request,
        lambda: service(
            actor=request.user, organization=organization, rule=_default_rule(request)
        ),
        success_message=message,
        redirect_to=_rules_url(organization),
    )
