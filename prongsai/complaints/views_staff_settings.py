"""Back-office views of the complaint centre's settings and of the
organisation's own address for reports about executives."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view
from prongsai.organizations.selectors import channel_settings_get

from . import selectors, services_external, services_settings
from .forms import ExternalAddressCodeForm, ExternalAddressForm, SettingsForm
from .permissions import can_manage_complaint_settings, can_manage_external_address


@org_staff_view(can_manage_complaint_settings)
def settings_edit(request, organization):
    current = selectors.complaint_settings_get(organization=organization)
    form = SettingsForm(
        request.POST or None, instance=current, organization=organization
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_settings.complaint_settings_update(
            actor=request.user,
            organization=organization,
            confidential_retention_days=data["confidential_retention_days"],
            confidential_deadline_unit=data["confidential_deadline_unit"],
            external_body=data["external_body"],
            external_recipient=data["external_recipient"],
            privacy_contact=data["privacy_contact"],
        ),
        success_message=_("The settings have been saved."),
        redirect_to=reverse(
            "complaints-staff:settings", kwargs={"org": organization.slug}
        ),
    )
    return response or render(
        request,
        "complaints/staff/settings.html",
        {
            "organization": organization,
            "form": form,
            "current": current,
            "recipient": selectors.external_recipient_get_in_force(
                organization=organization
            ),
            "channels": channel_settings_get(organization=organization),
        },
    )


# --- Own address for reports about executives -----------------------------------
def _external_address_url(organization) -> str:
    return reverse(
        "complaints-staff:external-address", kwargs={"org": organization.slug}
    )


@org_staff_view(can_manage_external_address)
def external_address(request, organization):
    """Propose an own address; see and decide pending ones (two people)."""
    can_propose = can_manage_complaint_settings(request.user, request.membership)
    if request.method == "POST" and not can_propose:
        raise Http404
    form = ExternalAddressForm(request.POST or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_external.external_address_propose(
            actor=request.user,
            organization=organization,
            email=data["email"],
            body_name=data["body_name"],
        ),
        success_message=_(
            "A code was sent to the address. It is used only after the "
            "code is entered and another executive or integrity officer "
            "confirms it."
        ),
        redirect_to=_external_address_url(organization),
    )
    return response or render(
        request,
        "complaints/staff/external_address.html",
        {
            "organization": organization,
            "form": form,
            "code_form": ExternalAddressCodeForm(),
            "changes": selectors.external_address_change_list(
                organization=organization
            )[:20],
            "recipient": selectors.external_recipient_get_in_force(
                organization=organization
            ),
            "can_propose": can_propose,
        },
    )


def _address_step(step, success_message):
    """A one-click step on a proposed address: ``step(request, change)``."""

    @require_POST
    @org_staff_view(can_manage_external_address)
    def view(request, organization, pk):
        change = selectors.access_external_address_change(
            organization=organization, pk=pk
        )
        return run_action(
            request,
            lambda: step(request, change),
            redirect_to=_external_address_url(organization),
            success_message=success_message,
        )

    return view


def _verify(request, change):
    form = ExternalAddressCodeForm(request.POST)
    code = form.cleaned_data["code"] if form.is_valid() else ""
    return services_external.external_address_verify(
        actor=request.user, change=change, code=code
    )


external_address_verify = _address_step(
    _verify,
    gettext_lazy("The address was verified. Another person must now confirm it."),
)
external_address_send_code = _address_step(
    lambda request, change: services_external.external_address_send_code(
        actor=request.user, change=change
    ),
    gettext_lazy("A new code was sent to the address."),
)
external_address_confirm = _address_step(
    lambda request, change: services_external.external_address_confirm(
        actor=request.user, change=change
    ),
    gettext_lazy("The address is confirmed: reports about executives now go there."),
)
external_address_reject = _address_step(
    lambda request, change: services_external.external_address_reject(
        actor=request.user, change=change, reason=request.POST.get("reason", "")
    ),
    gettext_lazy("The address was rejected; it will not be used."),
)
