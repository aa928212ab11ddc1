"""ITA back office for a new fiscal year: frameworks by year and ITAS surveys."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.core.params import bounded_int
from prongsai.organizations.decorators import org_staff_view

from . import selectors_years, services_years
from .forms_years import ItasSurveyForm
from .permissions import can_manage_ita, can_view_ita


def _frameworks_url(organization, fiscal_year=None) -> str:
    url = reverse("ita-staff:frameworks", kwargs={"org": organization.slug})
    return f"{url}?fiscal_year={fiscal_year}" if fiscal_year else url


@org_staff_view(can_view_ita)
def frameworks(request, organization):
    """Frameworks by fiscal year, the provisional flag and what changed."""
    versions = selectors_years.framework_version_list()
    selected = None
    if versions:
        try:
            year = bounded_int(
                request.GET.get("fiscal_year"),
                default=versions[0].fiscal_year,
                high=9999,
            )
        except ValueError:
            year = versions[0].fiscal_year
        selected = next((v for v in versions if v.fiscal_year == year), versions[0])
    return render(
        request,
        "ita/frameworks.html",
        {
            "organization": organization,
            "versions": versions,
            "selected": selected,
            "diff": selectors_years.framework_diff_get(version=selected)
            if selected
            else None,
            "next_year": selectors_years.framework_get_next_year(),
            "can_manage": can_manage_ita(request.user, request.membership),
            "can_confirm": request.user.is_superuser,
        },
    )


@require_POST
@org_staff_view(can_manage_ita)
def framework_start(request, organization):
    """The coordinator starts the next fiscal year with a provisional copy."""
    next_year = selectors_years.framework_get_next_year()

    def start():
        if next_year is None:
            raise DomainError(_("There is no new fiscal year to start now."))
        return services_years.framework_start_provisional(
            actor=request.user, organization=organization, fiscal_year=next_year
        )

    return run_action(
        request,
        start,
        success_message=_(
            "Fiscal year %(year)s has started with a provisional framework; the "
            "platform operator will confirm it when the NACC publishes the manual."
        )
        % {"year": next_year},
        redirect_to=_frameworks_url(organization, next_year),
    )


@require_POST
@org_staff_view(can_view_ita)
def framework_confirm(request, organization):
    """The platform operator confirms a provisional framework (superusers only)."""
    try:
        year = bounded_int(request.POST.get("fiscal_year"), default=0, high=9999)
    except ValueError:
        year = 0

    def confirm():
        version = selectors_years.framework_version_get(fiscal_year=year)
        if version is None:
            raise DomainError(
                _("There is no ITA framework for fiscal year %(year)s.")
                % {"year": year}
            )
        return services_years.framework_confirm(actor=request.user, version=version)

    return run_action(
        request,
        confirm,
        success_message=_("The ITA framework of fiscal year %(year)s is confirmed.")
        % {"year": year},
        redirect_to=_frameworks_url(organization, year or None),
    )


def _survey_years(today) -> list[int]:
    current = thai_dates.fiscal_year(today)
    return [current + 1, current, current - 1]


@org_staff_view(can_manage_ita)
def surveys(request, organization):
    """The ITAS survey codes and links of a fiscal year, and the EIT window."""
    today = timezone.localdate()
    years = _survey_years(today)
    try:
        year = bounded_int(
            request.GET.get("fiscal_year"), default=years[1], low=2500, high=2700
        )
    except ValueError:
        year = years[1]
    survey = selectors_years.itas_survey_get(
        organization=organization, fiscal_year=year
    )
    initial = (
        {name: getattr(survey, name) for name in services_years.SURVEY_FIELDS}
        if survey
        else {}
    )
    form = ItasSurveyForm(request.POST or None, initial=initial)
    url = reverse("ita-staff:surveys", kwargs={"org": organization.slug})
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_years.itas_survey_save(
            actor=request.user, organization=organization, fiscal_year=year, **data
        ),
        success_message=_("The ITAS survey links have been saved."),
        redirect_to=f"{url}?fiscal_year={year}",
    ):
        return response
    return render(
        request,
        "ita/surveys.html",
        {
            "organization": organization,
            "form": form,
            "fiscal_year": year,
            "years": sorted(set(years) | {year}, reverse=True),
            "survey": survey,
            "eit_open": bool(survey and survey.eit_open_on(today)),
            "can_manage": True,
        },
    )
