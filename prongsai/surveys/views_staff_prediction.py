"""Back-office page of the predicted ITA."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from prongsai.core.errors import BadInput
from prongsai.core.params import bounded_int
from prongsai.ita.scoring import ScoringInputError
from prongsai.organizations.decorators import org_staff_view

from . import selectors_prediction as selectors
from .permissions import can_view_survey_results

TEMPLATE = "surveys/prediction/prediction.html"


def _fiscal_year(request, *, organization, years: list[int]) -> int:
    raw = request.GET.get("fiscal_year", "").strip()
    if not raw:
        return selectors.prediction_year_default(organization=organization) or 0
    try:
        fiscal_year = bounded_int(raw, default=0, high=9999)
    except ValueError:
        raise BadInput(_("Choose a fiscal year from the list.")) from None
    if fiscal_year not in years:
        raise BadInput(
            _("There is no ITA framework for fiscal year %(year)s.")
            % {"year": fiscal_year}
        )
    return fiscal_year


@org_staff_view(can_view_survey_results)
def prediction(request, organization):
    years = selectors.prediction_year_list()
    context: dict[str, object] = {"organization": organization, "years": years}
    if not years:
        return render(request, TEMPLATE, context)
    fiscal_year = _fiscal_year(request, organization=organization, years=years)
    context["fiscal_year"] = fiscal_year
    try:
        context["prediction"] = selectors.prediction_get(
            organization=organization, fiscal_year=fiscal_year
        )
        context["backtest"] = selectors.backtest_get(
            organization=organization, fiscal_year=fiscal_year
        ) or selectors.backtest_get_latest(organization=organization)
    except ScoringInputError as error:
        context["errors"] = error.messages
    return render(request, TEMPLATE, context)
