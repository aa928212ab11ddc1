"""Public pages of the E-Service: catalogue, manuals, filing, tracking, statistics."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from prongsai.core import thai_dates
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error
from prongsai.core.ratelimit import FailureLimit, client_scope
from prongsai.organizations.selectors import access_organization

from . import selectors, services
from .forms import RatingForm, RequestForm, TrackForm
from .models import Rating, Status


def _org(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def _fiscal_year_param(request, organization) -> int:
    current = thai_dates.fiscal_year(timezone.localdate())
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        return current
    if 2500 <= year <= 2700:  # a Buddhist-era year
        return year
    return current


def catalogue(request, org):
    organization = _org(request, org)
    return render(
        request,
        "eservices/catalogue.html",
        {
            "organization": organization,
            "services": selectors.service_list(
                organization=organization, published_only=True
            ),
            "track_form": TrackForm(),
        },
    )


def service_detail(request, org, code):
    organization = _org(request, org)
    service = selectors.access_public_service(organization=organization, code=code)
    if request.GET.get("format") == "pdf":
        from .documents import manual_pdf_response

        return manual_pdf_response(service)
    return render(
        request,
        "eservices/service_detail.html",
        {"organization": organization, "service": service},
    )


@require_http_methods(["GET", "POST"])
def service_apply(request, org, code):
    organization = _org(request, org)
    service = selectors.access_public_service(organization=organization, code=code)
    version = selectors.service_current_form(service=service)
    form = RequestForm(
        request.POST or None, request.FILES or None, definition=version.fields
    )
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.request_file(
                organization=organization,
                service=service,
                answers=form.answers(),
                files=form.uploads(),
                citizen_name=form.cleaned_data["citizen_name"],
                citizen_phone=form.cleaned_data["citizen_phone"],
                citizen_email=form.cleaned_data["citizen_email"],
                privacy_accepted=form.cleaned_data["privacy_accepted"],
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            return redirect(
                reverse(
                    "eservices:track-confirmation",
                    kwargs={"org": organization.slug, "code": filed.tracking_code},
                )
            )
    return render(
        request,
        "eservices/service_apply.html",
        {
            "organization": organization,
            "service": service,
            "form": form,
            "privacy_notice": selectors.eservice_settings_get(
                organization=organization
            ).privacy_notice,
        },
    )


# Wrong tracking codes a visitor may try before waiting: enough for typing
# mistakes, far too few to find other people's requests by guessing.
TRACKING_LOOKUPS = FailureLimit("eservices-tracking", limit=20, window=600)


def _too_many_codes_message():
    from django.utils.translation import gettext

    return gettext(
        "Too many wrong tracking codes were tried from this connection. "
        "Please wait ten minutes and try again."
    )


def _request_by_code(request, organization, code):
    """The request with ``code``; 404 (and a counted failure) when none.

    A visitor who has tried too many wrong codes gets 429 before any look-up.
    """
    scope = client_scope(request, organization)
    if TRACKING_LOOKUPS.exhausted(scope):
        raise TooManyAttempts
    try:
        return selectors.access_request_by_code(organization=organization, code=code)
    except Http404:
        TRACKING_LOOKUPS.failed(scope)
        raise


class TooManyAttempts(Exception):
    pass


def _too_many(request, organization):
    return render(
        request,
        "eservices/track_lookup.html",
        {
            "organization": organization,
            "form": TrackForm(),
            "blocked_message": _too_many_codes_message(),
        },
        status=429,
    )


def track_lookup(request, org):
    organization = _org(request, org)
    form = TrackForm(request.GET or None)
    if form.is_valid():
        code = services.normalize_tracking_code(form.cleaned_data["code"])
        try:
            _request_by_code(request, organization, code)
        except TooManyAttempts:
            form.add_error("code", _too_many_codes_message())
        except Http404:
            form.add_error("code", _no_such_code_message())
        else:
            return redirect("eservices:track-detail", org=organization.slug, code=code)
    return render(
        request,
        "eservices/track_lookup.html",
        {"organization": organization, "form": form},
    )


def _no_such_code_message():
    from django.utils.translation import gettext

    return gettext(
        "No request has this tracking code. Check the code on your confirmation "
        "page or e-mail."
    )


def _tracking_context(organization, service_request):
    rated = Rating.objects.filter(
        request=service_request, completion=service_request.completion_count
    ).first()
    return {
        "organization": organization,
        "service_request": service_request,
        "position": selectors.request_queue_position(request=service_request),
        "history": selectors.request_public_history(request=service_request),
        "rating": rated,
        "can_rate": service_request.status == Status.COMPLETED and rated is None,
    }


def track_confirmation(request, org, code):
    organization = _org(request, org)
    try:
        service_request = _request_by_code(request, organization, code)
    except TooManyAttempts:
        return _too_many(request, organization)
    return render(
        request,
        "eservices/track_confirmation.html",
        _tracking_context(organization, service_request),
    )


@require_http_methods(["GET", "POST"])
def track_detail(request, org, code):
    organization = _org(request, org)
    try:
        service_request = _request_by_code(request, organization, code)
    except TooManyAttempts:
        return _too_many(request, organization)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_rate(
                request=service_request,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            return redirect(service_request.get_tracking_url() + "#rating")
    context = _tracking_context(organization, service_request)
    context["rating_form"] = form
    return render(request, "eservices/track_detail.html", context)


def statistics_public(request, org):
    organization = _org(request, org)
    fiscal_year = _fiscal_year_param(request, organization)
    report = selectors.eservice_statistics(
        organization=organization, fiscal_year=fiscal_year
    )
    years = selectors.eservice_dataset_years(organization=organization)
    current = thai_dates.fiscal_year(timezone.localdate())
    if current not in years:
        years = [current, *years]
    return render(
        request,
        "eservices/statistics.html",
        {
            "organization": organization,
            "report": report,
            "fiscal_year": fiscal_year,
            "years": years,
            "fiscal_year_label": thai_dates.fiscal_year_label(fiscal_year),
        },
    )
