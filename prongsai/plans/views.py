"""Back-office views of the No Gift Policy (the plans' own views are in
``views_staff*.py``)."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services
from .forms import (
    GiftNilStatementForm,
    GiftReportForm,
    NoGiftActivityForm,
    NoGiftAnnouncementForm,
)
from .permissions import (
    can_manage_no_gift,
    can_report_gift,
    can_see_all_gift_reports,
    can_view_plans,
)
from .views_staff import render_plans


def _render(request, template, context):
    context["can_manage_no_gift"] = can_manage_no_gift(request.user, request.membership)
    return render_plans(request, template, context)


# --- No Gift Policy ---------------------------------------------------------------


def _no_gift_year(request) -> int:
    current = thai_dates.fiscal_year(timezone.localdate())
    raw = request.POST.get("year") or request.GET.get("year") or current
    try:
        fiscal_year = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 2500 <= fiscal_year <= current + 1:
        raise Http404
    return fiscal_year


def _no_gift_url(organization, fiscal_year: int) -> str:
    return (
        reverse("plans-staff:no-gift", kwargs={"org": organization.slug})
        + f"?year={fiscal_year}"
    )


@org_staff_view(can_view_plans)
def no_gift(request, organization):
    """The year's No Gift Policy: announcement, activities, gift reports."""
    fiscal_year = _no_gift_year(request)
    see_all = can_see_all_gift_reports(request.user, request.membership)
    current = thai_dates.fiscal_year(timezone.localdate())
    return _render(
        request,
        "plans/no_gift.html",
        {
            "fiscal_year": fiscal_year,
            "years": [current + 1, current, current - 1, current - 2],
            "announcement": selectors.no_gift_announcement_of_year(
                organization=organization, fiscal_year=fiscal_year
            ),
            "activities": selectors.no_gift_activities_of_year(
                organization=organization, fiscal_year=fiscal_year
            ),
            "reports": selectors.gift_reports_of_year(
                organization=organization,
                fiscal_year=fiscal_year,
                reporter=None if see_all else request.membership,
            ),
            "see_all_reports": see_all,
            "summary": selectors.gift_summary(
                organization=organization, fiscal_year=fiscal_year
            )
            if see_all
            else None,
            "nil": selectors.gift_nil_statement_of_year(
                organization=organization, fiscal_year=fiscal_year
            ),
            "nil_form": GiftNilStatementForm(),
            "can_report_gift": can_report_gift(request.user, request.membership),
            "gift_limit": 3000,
        },
    )


@org_staff_view(can_manage_no_gift)
def no_gift_announcement_create(request, organization):
    fiscal_year = _no_gift_year(request)
    existing = selectors.no_gift_announcement_of_year(
        organization=organization, fiscal_year=fiscal_year
    )
    if existing is not None:
        return redirect(
            "plans-staff:no-gift-announcement-edit",
            org=organization.slug,
            pk=existing.pk,
        )
    initial = selectors.no_gift_announcement_initial(
        organization=organization, fiscal_year=fiscal_year
    )
    form = NoGiftAnnouncementForm(
        request.POST or None, request.FILES or None, initial=initial
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.no_gift_announcement_create(
            actor=request.user,
            organization=organization,
            fiscal_year=fiscal_year,
            signed_file=data.pop("signed_file", None),
            **data,
        ),
        success_message=_(
            "The No Gift announcement was saved. Publish it when it is signed."
        ),
        redirect_to=lambda a: _no_gift_url(organization, a.fiscal_year),
    )
    return response or _render(
        request,
        "plans/no_gift_form.html",
        {
            "form": form,
            "fiscal_year": fiscal_year,
            "heading": _("No Gift announcement of fiscal year %(year)s")
            % {"year": fiscal_year},
            "year_field": True,
        },
    )


@org_staff_view(can_manage_no_gift)
def no_gift_announcement_edit(request, organization, pk):
    announcement = selectors.access_no_gift_announcement(
        organization=organization, pk=pk
    )
    form = NoGiftAnnouncementForm(
        request.POST or None, request.FILES or None, instance=copy.copy(announcement)
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.no_gift_announcement_update(
            actor=request.user,
            announcement=announcement,
            signed_file=data.pop("signed_file", None),
            **data,
        ),
        success_message=_("The No Gift announcement was saved."),
        redirect_to=lambda a: _no_gift_url(organization, a.fiscal_year),
    )
    return response or _render(
        request,
        "plans/no_gift_form.html",
        {
            "form": form,
            "fiscal_year": announcement.fiscal_year,
            "heading": _("No Gift announcement of fiscal year %(year)s")
            % {"year": announcement.fiscal_year},
        },
    )


@require_POST
@org_staff_view(can_manage_no_gift)
def no_gift_announcement_publish(request, organization, pk):
    announcement = selectors.access_no_gift_announcement(
        organization=organization, pk=pk
    )
    publish = not request.POST.get("unpublish")
    return run_action(
        request,
        lambda: services.no_gift_announcement_publish(
            actor=request.user, announcement=announcement, publish=publish
        ),
        success_message=_("The No Gift announcement is now on the public pages.")
        if publish
        else _("The No Gift announcement was withdrawn from the public pages."),
        redirect_to=_no_gift_url(organization, announcement.fiscal_year),
    )


@org_staff_view(can_manage_no_gift)
def no_gift_activity_create(request, organization):
    form = NoGiftActivityForm(request.POST or None, request.FILES or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.no_gift_activity_create(
            actor=request.user,
            organization=organization,
            evidence_file=data.pop("evidence_file", None),
            **data,
        ),
        success_message=_("The activity was added."),
        redirect_to=lambda a: _no_gift_url(organization, a.fiscal_year),
    )
    return response or _render(
        request,
        "plans/no_gift_form.html",
        {"form": form, "heading": _("Add a No Gift activity")},
    )


@org_staff_view(can_manage_no_gift)
def no_gift_activity_edit(request, organization, pk):
    activity = selectors.access_no_gift_activity(organization=organization, pk=pk)
    form = NoGiftActivityForm(
        request.POST or None, request.FILES or None, instance=copy.copy(activity)
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.no_gift_activity_update(
            actor=request.user,
            activity=activity,
            evidence_file=data.pop("evidence_file", None),
            **data,
        ),
        success_message=_("The activity was saved."),
        redirect_to=lambda a: _no_gift_url(organization, a.fiscal_year),
    )
    return response or _render(
        request,
        "plans/no_gift_form.html",
        {
            "form": form,
            "fiscal_year": activity.fiscal_year,
            "heading": _("Edit the No Gift activity"),
        },
    )


@require_POST
@org_staff_view(can_manage_no_gift)
def no_gift_activity_delete(request, organization, pk):
    activity = selectors.access_no_gift_activity(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.no_gift_activity_delete(actor=request.user, activity=activity),
        success_message=_("The activity was removed."),
        redirect_to=_no_gift_url(organization, activity.fiscal_year),
    )


@org_staff_view(can_report_gift)
def gift_report_create(request, organization):
    manager = can_manage_no_gift(request.user, request.membership)
    form = GiftReportForm(
        request.POST or None,
        organization=organization,
        membership=request.membership,
        manager=manager,
    )

    def create(data):
        report = services.gift_report_create(
            actor=request.user, organization=organization, **data
        )
        if report.flagged:
            messages.warning(
                request,
                _(
                    "The value is above 3,000 baht: a gift above the customary "
                    "limit is not kept. Return it or hand it to the organisation."
                ),
            )
        return report

    response = handle_form(
        request,
        form,
        on_valid=create,
        success_message=_("Your gift report was recorded."),
        redirect_to=lambda r: _no_gift_url(organization, r.fiscal_year),
    )
    return response or _render(
        request,
        "plans/no_gift_form.html",
        {
            "form": form,
            "heading": _("Report a gift received by custom"),
            "gift_rules": True,
        },
    )


@require_POST
@org_staff_view(can_manage_no_gift)
def gift_nil_statement(request, organization):
    fiscal_year = _no_gift_year(request)
    form = GiftNilStatementForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return run_action(
        request,
        lambda: services.gift_nil_statement_record(
            actor=request.user,
            organization=organization,
            fiscal_year=fiscal_year,
            note=note,
        ),
        success_message=_("The statement that no gifts were received was recorded."),
        redirect_to=_no_gift_url(organization, fiscal_year),
    )
