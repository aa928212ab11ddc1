"""Back-office pages of the surveys: list, create, open/close, send IIT
links, results (only for groups of at least five), QR code."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.documents import file_response
from prongsai.core.forms import handle_form, run_action
from prongsai.core.urls import absolute_url
from prongsai.organizations.decorators import org_staff_view

from . import reports, selectors, services
from .forms import SurveyForm
from .models import Survey
from .permissions import can_manage_surveys, can_view_survey_results
from .questions import load_question_set


def _render(request, template, context):
    context.setdefault("organization", request.organization)
    context["can_manage_surveys"] = can_manage_surveys(request.user, request.membership)
    return render(request, template, context)


@org_staff_view(can_view_survey_results)
def survey_list(request, organization):
    year = thai_dates.fiscal_year(timezone.localdate())
    form = SurveyForm(
        request.POST or None,
        initial={"fiscal_year": year, "kind": Survey.Kind.IIT},
    )
    if request.method == "POST" and not can_manage_surveys(
        request.user, request.membership
    ):
        raise PermissionDenied
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.survey_create(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The survey was created as a draft."),
        redirect_to=lambda survey: survey.get_staff_url(),
    )
    question_set = load_question_set(year)
    return response or _render(
        request,
        "surveys/survey_list.html",
        {
            "form": form,
            "surveys": selectors.survey_list(organization=organization),
            "question_set": question_set,
        },
    )


@org_staff_view(can_view_survey_results)
def survey_detail(request, organization, pk):
    survey = selectors.access_survey(organization=organization, pk=pk)
    results = selectors.survey_results(survey=survey)
    public_url = (
        absolute_url(survey.get_public_url(), organization=organization)
        if survey.takes_public_answers
        else ""
    )
    return _render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "results": results,
            "rounds": selectors.round_list(survey=survey),
            "public_url": public_url,
            "chart": _chart(results),
            "next_statuses": services.SURVEY_WORKFLOW.allowed_next(survey.status),
        },
    )


def _chart(results):
    if not results.shown or not results.indicators:
        return None
    return reports.indicator_chart(results)


@require_POST
@org_staff_view(can_manage_surveys)
def survey_status(request, organization, pk):
    survey = selectors.access_survey(organization=organization, pk=pk)
    status = request.POST.get("status", "")
    return run_action(
        request,
        lambda: services.survey_set_status(
            actor=request.user, survey=survey, status=status
        ),
        success_message=_("The survey's status was changed."),
        redirect_to=survey.get_staff_url(),
    )


@require_POST
@org_staff_view(can_manage_surveys)
def survey_send(request, organization, pk):
    survey = selectors.access_survey(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.iit_round_send(actor=request.user, survey=survey),
        success_message=lambda survey_round: (
            _("Round %(number)s: a single-use link was sent to %(count)s members.")
            % {"number": survey_round.number, "count": survey_round.invited}
        ),
        redirect_to=survey.get_staff_url(),
    )


@org_staff_view(can_view_survey_results)
def survey_qr(request, organization, pk):
    """The public page's QR code, as PNG (``?format=png``) or SVG, to print
    for the counter."""
    survey = selectors.access_survey(organization=organization, pk=pk)
    if not survey.takes_public_answers:
        raise Http404
    url = absolute_url(survey.get_public_url(), organization=organization)
    if request.GET.get("format") == "png":
        image = qrcode.make(url, box_size=12, border=4)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return file_response(
            buffer.getvalue(),
            filename=f"qr-survey-{survey.pk}.png",
            content_type="image/png",
        )
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    return file_response(
        image.to_string(),
        filename=f"qr-survey-{survey.pk}.svg",
        content_type="image/svg+xml",
    )
