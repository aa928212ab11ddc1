"""Back-office views of the corruption risk register."""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.documents import file_response
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services
from .forms import FollowUpForm, RiskAssessmentForm, RiskForm
from .permissions import can_manage_risks, can_view_risks
from .reports import risk_report_file


def _render(request, template, context):
    context.setdefault("organization", request.organization)
    context["can_manage_risks"] = can_manage_risks(request.user, request.membership)
    return render(request, template, context)


@org_staff_view(can_view_risks)
def risk_assessment_list(request, organization):
    form = RiskAssessmentForm(
        request.POST or None,
        initial={"fiscal_year": thai_dates.fiscal_year(timezone.localdate())},
    )
    if request.method == "POST" and not can_manage_risks(
        request.user, request.membership
    ):
        raise PermissionDenied
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.risk_assessment_create(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The risk assessment was created."),
        redirect_to=lambda assessment: assessment.get_staff_url(),
    )
    return response or _render(
        request,
        "risks/risk_assessment_list.html",
        {
            "form": form,
            "assessments": selectors.risk_assessment_list(organization=organization),
        },
    )


@org_staff_view(can_view_risks)
def risk_assessment_detail(request, organization, pk):
    assessment = selectors.access_risk_assessment(organization=organization, pk=pk)
    register = selectors.risk_register_get(assessment=assessment)
    return _render(
        request,
        "risks/risk_assessment_detail.html",
        {
            "assessment": assessment,
            "register": register,
            "matrix": selectors.risk_matrix_picture(register=register),
        },
    )


@require_POST
@org_staff_view(can_manage_risks)
def risk_assessment_publish(request, organization, pk):
    assessment = selectors.access_risk_assessment(organization=organization, pk=pk)
    publish = not request.POST.get("unpublish")
    return run_action(
        request,
        lambda: services.risk_assessment_publish(
            actor=request.user, assessment=assessment, publish=publish
        ),
        success_message=_("The risk assessment is now on the public pages.")
        if publish
        else _("The risk assessment was withdrawn from the public pages."),
        redirect_to=assessment.get_staff_url(),
    )


def _risk_form_page(request, form, assessment, heading, on_valid, message):
    response = handle_form(
        request,
        form,
        on_valid=on_valid,
        success_message=message,
        redirect_to=assessment.get_staff_url(),
    )
    return response or _render(
        request,
        "risks/risk_form.html",
        {"form": form, "assessment": assessment, "heading": heading},
    )


def _measures(organization, assessment):
    return selectors.risk_measure_list(
        organization=organization, fiscal_year=assessment.fiscal_year
    )


@org_staff_view(can_manage_risks)
def risk_create(request, organization, pk):
    assessment = selectors.access_risk_assessment(organization=organization, pk=pk)
    form = RiskForm(request.POST or None, measures=_measures(organization, assessment))
    return _risk_form_page(
        request,
        form,
        assessment,
        _("Add a risk"),
        lambda data: services.risk_create(
            actor=request.user, assessment=assessment, data=data
        ),
        _("The risk was added."),
    )


@org_staff_view(can_manage_risks)
def risk_edit(request, organization, pk):
    risk = selectors.access_risk(organization=organization, pk=pk)
    assessment = risk.assessment
    form = RiskForm(
        request.POST or None,
        instance=copy.copy(risk),
        measures=_measures(organization, assessment),
    )
    return _risk_form_page(
        request,
        form,
        assessment,
        _("Edit the risk"),
        lambda data: services.risk_update(actor=request.user, risk=risk, data=data),
        _("The risk was saved."),
    )


@org_staff_view(can_manage_risks)
def risk_follow_up(request, organization, pk):
    risk = selectors.access_risk(organization=organization, pk=pk)
    form = FollowUpForm(
        request.POST or None,
        initial={"follow_up": risk.follow_up, "note": risk.follow_up_note},
    )
    return _risk_form_page(
        request,
        form,
        risk.assessment,
        _("Follow up: %(event)s") % {"event": risk.event},
        lambda data: services.risk_follow_up(actor=request.user, risk=risk, **data),
        _("The follow-up was recorded."),
    )


@org_staff_view(can_view_risks)
def risk_report(request, organization, pk):
    assessment = selectors.access_risk_assessment(organization=organization, pk=pk)
    file_format = request.GET.get("format", "pdf")
    if file_format not in ("pdf", "docx"):
        file_format = "pdf"
    content, filename, content_type = risk_report_file(
        assessment=assessment, file_format=file_format
    )
    return file_response(content, filename=filename, content_type=content_type)
