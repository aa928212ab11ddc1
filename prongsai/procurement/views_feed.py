"""Back-office page of the e-GP feed settings (thin: forms → services)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.core.outbox import enqueue
from prongsai.organizations.decorators import org_staff_view

from . import selectors_feed, services_feed, services_indicators, tasks
from .forms_feed import EgpSettingsForm, PublicIndicatorsForm
from .models import ProcurementSettings
from .permissions import can_manage_procurement


def _settings_url(organization) -> str:
    return reverse("procurement-staff:settings", kwargs={"org": organization.slug})


@org_staff_view(can_manage_procurement)
def settings_page(request, organization):
    """The e-GP department code, the CGD API key and the last fetch."""
    current = ProcurementSettings.for_organization(organization)
    proposals = selectors_feed.department_proposals(organization=organization)
    initial_code = current.egp_department_code or (
        proposals[0].code if proposals else ""
    )
    form = EgpSettingsForm(
        request.POST or None, initial={"egp_department_code": initial_code}
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_feed.egp_settings_update(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The e-GP settings were saved."),
        redirect_to=request.path,
    ):
        return response
    status = selectors_feed.feed_status(organization=organization)
    batch = status.result.get("batch")
    return render(
        request,
        "procurement/staff/settings.html",
        {
            "organization": organization,
            "form": form,
            "status": status,
            "proposals": proposals,
            "code_saved": bool(current.egp_department_code),
            "indicators_form": PublicIndicatorsForm(
                initial={"public_indicators": current.public_indicators}
            ),
            "batch_url": reverse(
                "procurement-staff:import-preview",
                kwargs={"org": organization.slug, "pk": batch},
            )
            if batch and status.outcome == services_feed.WAITING
            else "",
        },
    )


def _fetch(organization) -> None:
    if not selectors_feed.feed_status(organization=organization).configured:
        raise DomainError(_("Enter the e-GP department code and the API key first."))
    services_feed.egp_fetch_queued(organization=organization)
    enqueue(tasks.egp_feed_task, organization.pk)


@require_POST
@org_staff_view(can_manage_procurement)
def fetch_now(request, organization):
    return run_action(
        request,
        lambda: _fetch(organization),
        redirect_to=_settings_url(organization),
        success_message=_("The fetch from e-GP was started."),
    )


@require_POST
@org_staff_view(can_manage_procurement)
def public_indicators(request, organization):
    """Whether the public pages show the risk indicators."""
    form = PublicIndicatorsForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    return run_action(
        request,
        lambda: services_indicators.public_indicators_set(
            actor=request.user,
            organization=organization,
            public=form.cleaned_data.get("public_indicators", False),
        ),
        redirect_to=_settings_url(organization),
        success_message=_("Saved."),
    )
