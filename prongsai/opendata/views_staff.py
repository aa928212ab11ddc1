"""Back office of the open-data catalogue: datasets, refresh, settings."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from .forms import CatalogueSettingsForm, DatasetMetadataForm
from .permissions import can_manage_open_data, can_view_open_data
from .selectors import access_dataset, catalogue_settings_get, dataset_list_staff
from .services import (
    catalogue_settings_update,
    dataset_sync,
    dataset_sync_if_stale,
    dataset_update,
)


def _list_url(organization) -> str:
    return reverse("opendata-staff:dataset-list", kwargs={"org": organization.slug})


@org_staff_view(can_view_open_data)
def staff_dataset_list(request, organization):
    dataset_sync_if_stale(organization=organization)
    return render(
        request,
        "opendata/staff_dataset_list.html",
        {
            "organization": organization,
            "datasets": dataset_list_staff(organization=organization),
            "read_only": not can_manage_open_data(request.user, request.membership),
        },
    )


@require_POST
@org_staff_view(can_manage_open_data)
def staff_dataset_sync(request, organization):
    return run_action(
        request,
        lambda: dataset_sync(organization=organization, actor=request.user),
        success_message=lambda result: (
            _(
                "Catalogue refreshed: %(created)s new, %(updated)s updated, "
                "%(withdrawn)s withdrawn."
            )
            % {
                "created": len(result.created),
                "updated": len(result.updated) + len(result.restored),
                "withdrawn": len(result.withdrawn),
            }
        ),
        redirect_to=_list_url(organization),
    )


@org_staff_view(can_manage_open_data)
def staff_dataset_edit(request, organization, pk):
    dataset = access_dataset(organization=organization, pk=pk)
    form = DatasetMetadataForm(request.POST or None, instance=dataset)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: dataset_update(
            actor=request.user, dataset=dataset, **data
        ),
        success_message=lambda _result: (
            _("The metadata of “%(title)s” has been saved.")
            % {"title": form.cleaned_data["title"]}
        ),
        redirect_to=_list_url(organization),
    )
    if response:
        return response
    return render(
        request,
        "opendata/staff_dataset_edit.html",
        {"organization": organization, "dataset": dataset, "form": form},
    )


@org_staff_view(can_manage_open_data)
def staff_catalogue_settings(request, organization):
    settings = catalogue_settings_get(organization=organization)
    form = CatalogueSettingsForm(request.POST or None, instance=settings)

    response = handle_form(
        request,
        form,
        on_valid=lambda data: catalogue_settings_update(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The catalogue settings have been saved."),
        redirect_to=_list_url(organization),
    )
    if response:
        return response
    return render(
        request,
        "opendata/staff_catalogue_settings.html",
        {"organization": organization, "form": form},
    )
