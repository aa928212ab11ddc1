"""The public page of lendable assets and the citizens' loan request."""

from __future__ import annotations

import datetime

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from prongsai.core.forms import handle_form
from prongsai.organizations.selectors import access_organization

from . import selectors_assets as selectors
from . import services_assets as services
from . import services_assets_rules as rules_services
from .forms_assets import CitizenLoanForm, LoanDatesForm


def _dates(data) -> tuple[datetime.date, datetime.date, bool]:
    """The dates asked about (today when none or wrong), and whether they were given."""
    today = timezone.localdate()
    form = LoanDatesForm(data)
    if data and form.is_valid():
        start, end = form.cleaned_data["start_on"], form.cleaned_data["end_on"]
        if start <= end:
            return start, end, True
    return today, today, False


def assets(request, org):
    """Lendable items with a photo, how many there are and how many are free
    on the chosen dates, and the request form (filed as an E-Service request)."""
    organization = access_organization(slug=org)
    request.organization = organization
    lendable = list(
        selectors.asset_list_lendable(organization=organization, public=True)
    )
    form = CitizenLoanForm(request.POST or None, assets=lendable)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.loan_request_citizen(
            organization=organization,
            lines=form.lines(),
            start_on=data["start_on"],
            end_on=data["end_on"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            purpose=data["purpose"],
            place=data["place"],
            privacy_accepted=data["privacy_accepted"],
        ),
        redirect_to=lambda loan: reverse(
            "eservices-public:track-confirmation",
            kwargs={
                "org": organization.slug,
                "code": loan.service_request.tracking_code,
            },
        ),
    )
    if response:
        return response
    start, end, chosen = _dates(
        request.POST if request.method == "POST" else request.GET
    )
    if request.method == "GET" and chosen:
        form = CitizenLoanForm(
            assets=lendable, initial={"start_on": start, "end_on": end}
        )
    free = {
        row.asset.pk: row.free
        for row in selectors.asset_list_free(
            organization=organization, assets=lendable, start=start, end=end
        )
    }
    return render(
        request,
        "integrity/assets/public_assets.html",
        {
            "organization": organization,
            "form": form,
            "items": [
                (asset, field, free[asset.pk])
                for asset, field in form.quantity_fields()
            ],
            "start": start,
            "end": end,
            "chosen": chosen,
            "rules": rules_services.loan_rules_current(organization=organization),
        },
    )
