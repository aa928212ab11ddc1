"""Back-office pages of the integrity registers: the year's No Gift Policy
(announcement, activities) and the gifts received by custom."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
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
from .models import GIFT_LIMIT_BAHT
from .permissions import (
    can_manage_no_gift,
    can_report_gift,
    can_see_all_gift_reports,
    can_view_no_gift,
)
from .views_common import record_form, record_or_none, requested_year, save_record


def _page_url(organization, fiscal_year: int) -> str:
    return (
        reverse("integrity-staff:no-gift", kwargs={"org": organization.slug})
        + f"?year={fiscal_year}"
    )


def _to_page(organization):
    return lambda record: _page_url(organization, record.fiscal_year)


def _render_form(request, form, heading: str, **context):
    return render(
        request,
        "integrity/no_gift_form.html",
        {"organization": request.organization, "form": form, "heading": heading}
        | context,
    )


@org_staff_view(can_view_no_gift)
def no_gift(request, organization):
    """The year's No Gift Policy: announcement, activities, gift reports."""
    fiscal_year = requested_year(request)
    user, membership = request.user, request.membership
    see_all = can_see_all_gift_reports(user, membership)
    current = thai_dates.fiscal_year(timezone.localdate())
    year = {"organization": organization, "fiscal_year": fiscal_year}
    return render(
        request,
        "integrity/no_gift.html",
        {
            **year,
            "years": [current + 1, current, current - 1, current - 2],
            "announcement": selectors.no_gift_announcement_get(**year),
            "activities": selectors.no_gift_activity_list(**year),
            "reports": selectors.gift_report_list(
                **year, reporter=None if see_all else membership
            ),
            "see_all_reports": see_all,
            "summary": selectors.gift_summary_get(**year) if see_all else None,
            "nil": selectors.gift_nil_statement_get(**year),
            "can_report_gift": can_report_gift(user, membership),
            "can_manage_no_gift": can_manage_no_gift(user, membership),
            "gift_limit": GIFT_LIMIT_BAHT,
        },
    )


@org_staff_view(can_manage_no_gift)
def no_gift_announcement_edit(request, organization, pk=None):
    """Prepare the year's announcement (prefilled), or edit it."""
    if pk is None:
        fiscal_year = requested_year(request)
        announcement = selectors.no_gift_announcement_get(
            organization=organization, fiscal_year=fiscal_year
        )
        if announcement is not None:
            return redirect(
                "integrity-staff:no-gift-announcement-edit",
                org=organization.slug,
                pk=announcement.pk,
            )
        initial = selectors.no_gift_announcement_get_initial(
            organization=organization, fiscal_year=fiscal_year
        )
    else:
        announcement = selectors.access_no_gift_announcement(
            organization=organization, pk=pk
        )
        fiscal_year, initial = announcement.fiscal_year, None
    form = record_form(request, NoGiftAnnouncementForm, announcement, initial=initial)
    response = save_record(
        request,
        form,
        announcement,
        create=partial(
            services.no_gift_announcement_create,
            organization=organization,
            fiscal_year=fiscal_year,
        ),
        update=partial(services.no_gift_announcement_update, announcement=announcement),
        success_message=_("The No Gift announcement was saved.")
        if announcement
        else _("The No Gift announcement was saved. Publish it when it is signed."),
        redirect_to=_to_page(organization),
    )
    return response or _render_form(
        request,
        form,
        _("No Gift announcement of fiscal year %(year)s") % {"year": fiscal_year},
        fiscal_year=fiscal_year,
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
        redirect_to=_page_url(organization, announcement.fiscal_year),
    )


@org_staff_view(can_manage_no_gift)
def no_gift_activity_edit(request, organization, pk=None):
    """Add a culture-building or awareness activity, or edit one."""
    activity = record_or_none(selectors.access_no_gift_activity, organization, pk)
    form = record_form(request, NoGiftActivityForm, activity)
    response = save_record(
        request,
        form,
        activity,
        create=partial(services.no_gift_activity_create, organization=organization),
        update=partial(services.no_gift_activity_update, activity=activity),
        success_message=_("The activity was saved.")
        if activity
        else _("The activity was added."),
        redirect_to=_to_page(organization),
    )
    if activity is None:
        return response or _render_form(request, form, _("Add a No Gift activity"))
    return response or _render_form(
        request,
        form,
        _("Edit the No Gift activity"),
        fiscal_year=activity.fiscal_year,
    )


@require_POST
@org_staff_view(can_manage_no_gift)
def no_gift_activity_delete(request, organization, pk):
    activity = selectors.access_no_gift_activity(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.no_gift_activity_delete(actor=request.user, activity=activity),
        success_message=_("The activity was removed."),
        redirect_to=_page_url(organization, activity.fiscal_year),
    )


@org_staff_view(can_report_gift)
def gift_report_create(request, organization):
    form = GiftReportForm(
        request.POST or None,
        organization=organization,
        membership=request.membership,
        manager=can_manage_no_gift(request.user, request.membership),
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
        redirect_to=_to_page(organization),
    )
    return response or _render_form(
        request, form, _("Report a gift received by custom"), gift_rules=True
    )


@require_POST
@org_staff_view(can_manage_no_gift)
def gift_nil_statement(request, organization):
    fiscal_year = requested_year(request)
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
        redirect_to=_page_url(organization, fiscal_year),
    )


@org_staff_view(can_view_no_gift)
def moved_from_plans(request, organization, rest=""):
    """The pages were under ``/<org>/staff/plans/no-gift/``: send bookmarks on."""
    url = reverse("integrity-staff:no-gift", kwargs={"org": organization.slug}) + rest
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
