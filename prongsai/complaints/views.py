"""Public pages of the complaint centre: forms, tracking, statistics.

The confidential channel's views keep nothing about the reporter: no session
data, nothing logged, responses not cached, and ``Referrer-Policy:
no-referrer``, so that neither the assets fetched by the page nor a link
followed from it carry the page's address (and, on tracking pages, the
tracking code) into a proxy's log. Their forms are protected by the CSRF
cookie and token only (``prongsai.core.csrf``), because a browser sends no
Referer and ``Origin: null`` from such a page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from prongsai.core import codes, thai_dates
from prongsai.core.csrf import csrf_protect_no_referrer, no_referrer
from prongsai.core.documents import CONTENT_TYPE_PDF, CONTENT_TYPE_XLSX, file_response
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error
from prongsai.core.ratelimit import FailureLimit, client_scope
from prongsai.organizations.selectors import access_organization

from . import reports, selectors, services
from .forms import (
    CaseForm,
    ConfidentialForm,
    FollowUpForm,
    RatingForm,
    ReceiptForm,
    TrackForm,
)
from .models import Channel, ExternalBody, Kind

KIND_TITLES = {
    Kind.COMPLAINT: gettext_lazy("File a complaint"),
    Kind.SUGGESTION: gettext_lazy("Make a suggestion"),
    Kind.PRAISE: gettext_lazy("Praise our work"),
}


RECEIPT_FAILURES_PER_MINUTE = 10
# Per visitor (a keyed hash of the real address, kept in the cache for two
# minutes at most, never in clear or in logs) and for every organisation at
# once: one visitor's wrong codes never block another reporter, and moving
# to the next organisation does not start a new count. Each look-up costs a
# deliberately slow hash; the cap keeps guessing (and its load) bounded.
RECEIPT_LOOKUPS = FailureLimit("complaints-receipt", RECEIPT_FAILURES_PER_MINUTE, 60)


def receipt_lookups_exhausted(request) -> bool:
    """Whether this visitor tried too many wrong receipt codes this minute."""
    return RECEIPT_LOOKUPS.exhausted(client_scope(request))


def receipt_lookup_failed(request) -> None:
    RECEIPT_LOOKUPS.failed(client_scope(request))


def _organization(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def _confidential_headers(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, noarchive"
    return no_referrer(response)


def home(request, org):
    organization = _organization(request, org)
    return render(
        request,
        "complaints/home.html",
        {
            "organization": organization,
            "track_form": TrackForm(),
            "settings_row": selectors.complaint_settings_for(organization=organization),
        },
    )


def privacy(request, org):
    organization = _organization(request, org)
    return render(
        request,
        "complaints/privacy.html",
        {
            "organization": organization,
            "settings_row": selectors.complaint_settings_for(organization=organization),
        },
    )


@require_http_methods(["GET", "POST"])
def case_new(request, org, kind):
    organization = _organization(request, org)
    form = CaseForm(
        request.POST or None, request.FILES or None, organization=organization
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photo = data.get("photo")
        try:
            case = services.case_submit(
                organization=organization,
                kind=kind,
                channel=Channel.WEB,
                category=data.get("category"),
                subject=data["subject"],
                description=data["description"],
                location_text=data.get("location_text", ""),
                latitude=data.get("latitude"),
                longitude=data.get("longitude"),
                complainant_name=data.get("complainant_name", ""),
                complainant_phone=data.get("complainant_phone", ""),
                complainant_email=data.get("complainant_email", ""),
                photos=[photo.read()] if photo else [],
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your case number is %(reference)s. Keep the "
                    "tracking code %(code)s to follow it."
                )
                % {"reference": case.reference, "code": case.tracking_code},
            )
            return redirect(
                "complaints-public:track", org=organization.slug, code=case.tracking_code
            )
    return render(
        request,
        "complaints/case_form.html",
        {
            "organization": organization,
            "form": form,
            "kind": kind,
            "title": KIND_TITLES[kind],
            "settings_row": selectors.complaint_settings_for(organization=organization),
        },
    )


def track_lookup(request, org):
    organization = _organization(request, org)
    form = TrackForm(request.GET or None)
    if (
        request.GET
        and form.is_valid()
        and selectors.tracking_lookup_key(form.cleaned_data["code"]) is None
    ):
        form.add_error("code", codes.mistyped_message())
    elif request.GET and form.is_valid():
        try:
            case = selectors.access_case_by_tracking_code(
                organization=organization, code=form.cleaned_data["code"]
            )
        except Http404:
            form.add_error(
                "code", _("No case has this tracking code. Check it and try again.")
            )
        else:
            return redirect(
                "complaints-public:track", org=organization.slug, code=case.tracking_code
            )
    return no_referrer(
        render(
            request,
            "complaints/track_lookup.html",
            {"organization": organization, "form": form},
        )
    )


@csrf_protect_no_referrer
@require_http_methods(["GET", "POST"])
def track(request, org, code):
    organization = _organization(request, org)
    case = selectors.access_case_by_tracking_code(organization=organization, code=code)
    rating_form = RatingForm(request.POST or None) if case.can_rate else None
    if request.method == "POST" and rating_form is not None and rating_form.is_valid():
        try:
            services.case_rate(
                case=case,
                satisfaction=rating_form.cleaned_data["satisfaction"],
                comment=rating_form.cleaned_data["comment"],
            )
        except DomainError as error:
            add_service_error(rating_form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect(
                "complaints-public:track", org=organization.slug, code=case.tracking_code
            )
    response = render(
        request,
        "complaints/track.html",
        {
            "organization": organization,
            "case": case,
            "entries": selectors.case_entries(case=case, public_only=True),
            "rating_form": rating_form,
        },
    )
    response["Cache-Control"] = "no-store"
    return no_referrer(response)


MIN_STATISTICS_YEAR = 2540


def _statistics_year(request, organization) -> tuple[int, list[int]]:
    years = selectors.statistics_years(organization=organization)
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        year = years[0]
    # Any past fiscal year may be asked for (the OIT links the previous year's
    # figures, which say "none" explicitly); not the future, nor nonsense.
    if not MIN_STATISTICS_YEAR <= year <= max(years):
        raise Http404
    if year not in years:
        years = sorted({year, *years}, reverse=True)
    return year, years


def statistics(request, org):
    organization = _organization(request, org)
    year, years = _statistics_year(request, organization)
    stats = selectors.complaint_statistics(organization=organization, fiscal_year=year)
    return render(
        request,
        "complaints/statistics.html",
        {
            "organization": organization,
            "years": years,
            "year": year,
            "year_label": thai_dates.fiscal_year_label(year),
            "stats": stats,
            "chart": reports.category_chart(stats) if stats["total"] else None,
            "board": selectors.public_case_board(organization=organization),
            "today": timezone.localdate(),
        },
    )


def statistics_pdf(request, org):
    organization = _organization(request, org)
    year, _years = _statistics_year(request, organization)
    return file_response(
        reports.statistics_pdf(organization=organization, fiscal_year=year),
        filename=f"สถิติเรื่องร้องเรียน-{organization.slug}-{year}.pdf",
        content_type=CONTENT_TYPE_PDF,
        attachment=False,
    )


def statistics_xlsx(request, org):
    organization = _organization(request, org)
    year, _years = _statistics_year(request, organization)
    return file_response(
        reports.statistics_xlsx(organization=organization, fiscal_year=year),
        filename=f"สถิติเรื่องร้องเรียน-{organization.slug}-{year}.xlsx",
        content_type=CONTENT_TYPE_XLSX,
    )


# --- Confidential channel -------------------------------------------------------------


def report_guideline(request, org):
    """How corruption and misconduct reports are handled (an OIT item)."""
    organization = _organization(request, org)
    return no_referrer(
        render(
            request,
            "complaints/report_guideline.html",
            {
                "organization": organization,
                "guideline": selectors.corruption_guideline(organization=organization),
            },
        )
    )


@csrf_protect_no_referrer
@never_cache
@require_http_methods(["GET", "POST"])
def report_new(request, org):
    organization = _organization(request, org)
    settings_row = selectors.complaint_settings_for(organization=organization)
    form = ConfidentialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photo = data.get("photo")
        try:
            case, code = services.confidential_submit(
                organization=organization,
                subject=data.get("subject", ""),
                description=data["description"],
                is_anonymous=data["mode"] == ConfidentialForm.MODE_ANONYMOUS,
                reporter_name=data.get("reporter_name", ""),
                reporter_phone=data.get("reporter_phone", ""),
                reporter_email=data.get("reporter_email", ""),
                concerns_executive=data.get("concerns_executive", False),
                photos=[photo.read()] if photo else [],
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            # Shown once, in this response only: no redirect, no session.
            return _confidential_headers(
                render(
                    request,
                    "complaints/report_receipt.html",
                    {
                        "organization": organization,
                        "case": case,
                        "receipt_code": codes.format_receipt_code(code),
                        "external_body": ExternalBody(case.external_body).label
                        if case.external_body
                        else "",
                    },
                )
            )
    return _confidential_headers(
        render(
            request,
            "complaints/report_form.html",
            {
                "organization": organization,
                "form": form,
                "settings_row": settings_row,
                "external_body": ExternalBody(settings_row.external_body).label,
            },
        )
    )


@csrf_protect_no_referrer
@never_cache
@require_http_methods(["GET", "POST"])
def report_follow_up(request, org):
    """Read replies and add information with the receipt code (no session)."""
    organization = _organization(request, org)
    case = None
    follow_form = None
    added = False
    if "text" in request.POST:
        follow_form = FollowUpForm(request.POST)
        code_form = ReceiptForm(request.POST)
    else:
        code_form = ReceiptForm(request.POST or None)
    if request.method == "POST" and code_form.is_valid():
        if receipt_lookups_exhausted(request):
            code_form.add_error(
                "receipt_code",
                _("Too many codes were tried just now. Please wait a minute."),
            )
        else:
            case = selectors.access_confidential_by_receipt(
                organization=organization,
                code=code_form.cleaned_data["receipt_code"],
            )
            if case is None:
                receipt_lookup_failed(request)
                code_form.add_error(
                    "receipt_code",
                    _(
                        "No report matches this code. Check the 16 digits and "
                        "try again."
                    ),
                )
            elif follow_form is not None and follow_form.is_valid():
                try:
                    services.confidential_follow_up(
                        case=case, text=follow_form.cleaned_data["text"]
                    )
                except ValidationError as error:
                    add_service_error(follow_form, error)
                else:
                    follow_form = None
                    added = True
        if case is None:
            follow_form = None
    if case is not None and follow_form is None:
        follow_form = FollowUpForm(
            initial={"receipt_code": code_form.cleaned_data["receipt_code"]}
        )
    return _confidential_headers(
        render(
            request,
            "complaints/report_follow_up.html",
            {
                "organization": organization,
                "code_form": code_form,
                "follow_form": follow_form,
                "case": case,
                "added": added,
                "entries": selectors.case_entries(case=case, public_only=True)
                if case
                else [],
            },
        )
    )
