"""Public pages of the E-Service: catalogue, manuals, filing, tracking, statistics."""

from __future__ import annotations

import functools
import logging
import secrets
import time

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import codes, thai_dates
from prongsai.core.forms import handle_form, run_action
from prongsai.core.manuals import manual_get, manual_response, manual_url, manuals_for
from prongsai.core.params import bounded_int
from prongsai.core.ratelimit import (
    FailureLimit,
    RequestLimit,
    client_scope,
    limit_submissions,
)
from prongsai.core.storage import private_file_response
from prongsai.organizations import channels
from prongsai.organizations.selectors import access_organization, channel_settings_get

from . import selectors, services_filing, services_workflow
from .forms import RatingForm, RequestForm, TrackForm
from .models import Rating, Status

# Requests one visitor (one address) may send per ten minutes.
REQUEST_SUBMISSIONS = RequestLimit("eservices-request", limit=20, window=600)


def _org(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def statistics_context(request, organization) -> dict:
    """The statistics of the fiscal year in ``?year=`` (Buddhist era), with
    the years to choose from; the public and the staff page show the same."""
    current = thai_dates.fiscal_year(timezone.localdate())
    try:
        fiscal_year = bounded_int(
            request.GET.get("year"), default=current, low=2500, high=2700
        )
    except ValueError:
        fiscal_year = current
    years = selectors.eservice_dataset_list_years(organization=organization)
    if current not in years:
        years = [current, *years]
    return {
        "organization": organization,
        "report": selectors.eservice_statistics_get(
            organization=organization, fiscal_year=fiscal_year
        ),
        "fiscal_year": fiscal_year,
        "years": years,
        "fiscal_year_label": thai_dates.fiscal_year_label(fiscal_year),
    }


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
@limit_submissions(REQUEST_SUBMISSIONS)
def service_apply(request, org, code):
    organization = _org(request, org)
    service = selectors.access_public_service(organization=organization, code=code)
    if service.apply_path:  # filed on its register's own page
        return redirect(service.apply_path)
    version = selectors.service_get_current_form(service=service)
    form = RequestForm(
        request.POST or None, request.FILES or None, definition=version.fields
    )

    def file(data):
        filing = form.filing()
        filed = services_filing.request_file(
            organization=organization, service=service, version=version, **filing
        )
        if filing["files"]:  # nothing else to open with the session
            _remember_filed(request, organization, filed)
        return filed

    if response := handle_form(
        request,
        form,
        on_valid=file,
        redirect_to=lambda filed: reverse(
            "eservices-public:track-confirmation",
            kwargs={"org": organization.slug, "code": filed.tracking_code},
        ),
    ):
        return response
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


# The requests this browser filed with files, per organisation: their owner
# may download the files sent with them (the tracking code alone does not give
# that). A filing without files starts no session: no second write.
FILED_SESSION_KEY = "eservices_filed"
FILED_REMEMBERED = 20


def _remember_filed(request, organization, service_request) -> None:
    filed = dict(request.session.get(FILED_SESSION_KEY) or {})
    ids = [*filed.get(str(organization.pk), []), service_request.pk]
    filed[str(organization.pk)] = ids[-FILED_REMEMBERED:]
    request.session[FILED_SESSION_KEY] = filed


def _filed_ids(request, organization) -> list[int]:
    return (request.session.get(FILED_SESSION_KEY) or {}).get(str(organization.pk), [])


def _too_many_codes_message():
    from django.utils.translation import gettext

    return gettext(
        "Too many wrong tracking codes were tried from this connection. "
        "Please wait ten minutes and try again."
    )


def _request_by_code(request, organization, code):
    """The request with ``code``; 404 (and a counted failure) when none.

    A visitor who has tried too many wrong codes gets 429 before any look-up.
    A code with a typing mistake (its check character does not match) is
    404 too, but without a look-up and without counting as a guess.
    """
    scope = client_scope(request)
    if TRACKING_LOOKUPS.exhausted(scope):
        raise TooManyAttempts
    key = selectors.tracking_lookup_key(code)
    if key is None:
        raise MistypedCode
    try:
        return selectors.access_request_by_code(organization=organization, code=key)
    except Http404:
        TRACKING_LOOKUPS.failed(scope)
        raise


class TooManyAttempts(Exception):
    pass


class MistypedCode(Http404):
    """A tracking code that cannot exist (see ``core.codes``)."""


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


def _by_tracking_code(view):
    """Give *view* the organisation and the request whose tracking code is in
    the URL; 404 for a wrong code, 429 after too many wrong codes."""

    @functools.wraps(view)
    def wrapped(request, org, code, **kwargs):
        organization = _org(request, org)
        try:
            service_request = _request_by_code(request, organization, code)
        except TooManyAttempts:
            return _too_many(request, organization)
        return view(request, organization, service_request, **kwargs)

    return wrapped


def track_lookup(request, org):
    organization = _org(request, org)
    form = TrackForm(request.GET or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        try:
            found = _request_by_code(request, organization, code)
        except TooManyAttempts:
            form.add_error("code", _too_many_codes_message())
        except MistypedCode:
            form.add_error("code", codes.mistyped_message())
        except Http404:
            form.add_error("code", _no_such_code_message())
        else:
            return redirect(
                "eservices-public:track-detail",
                org=organization.slug,
                code=found.tracking_code,
            )
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
    line_settings = channel_settings_get(organization=organization)
    rated = Rating.objects.filter(
        request=service_request, completion=service_request.completion_count
    ).first()
    return {
        "organization": organization,
        "service_request": service_request,
        "position": selectors.request_get_queue_position(request=service_request),
        "history": selectors.request_list_public_history(request=service_request),
        "rating": rated,
        "can_rate": service_request.status == Status.COMPLETED and rated is None,
        "line_login": line_settings.line_login_configured,
    }


@_by_tracking_code
def track_confirmation(request, organization, service_request):
    return render(
        request,
        "eservices/track_confirmation.html",
        _tracking_context(organization, service_request),
    )


@require_http_methods(["GET", "POST"])
@_by_tracking_code
def track_detail(request, organization, service_request):
    form = RatingForm(request.POST or None)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_workflow.request_rate(
            request=service_request, score=data["score"], comment=data["comment"]
        ),
        redirect_to=service_request.get_tracking_url() + "#rating",
    ):
        return response
    context = _tracking_context(organization, service_request)
    context["rating_form"] = form
    context["attachments"] = selectors.attachment_list_for_citizen(
        request=service_request,
        filed_ids=_filed_ids(request, organization),
        line_user_id=session_line_user(request, organization),
    )
    return render(request, "eservices/track_detail.html", context)


def _is_service_staff(request, organization) -> bool:
    """Whether the signed-in user works this organisation's E-Service queue."""
    from prongsai.organizations.mfa import user_needs_mfa_setup
    from prongsai.organizations.selectors import access_staff_organization

    from .permissions import can_work_requests

    if not request.user.is_authenticated or user_needs_mfa_setup(request.user):
        return False
    try:
        _, membership = access_staff_organization(
            user=request.user, slug=organization.slug
        )
    except Http404:
        return False
    return can_work_requests(request.user, membership)


@_by_tracking_code
def track_attachment(request, organization, service_request, attachment_pk):
    """A file of a request, for the citizen who filed it or service staff.

    Anyone else (the tracking code alone, another citizen, staff of another
    organisation or without a service role) gets 404.
    """
    attachment = selectors.access_citizen_attachment(
        request=service_request,
        pk=attachment_pk,
        filed_ids=_filed_ids(request, organization),
        line_user_id=session_line_user(request, organization),
        is_service_staff=_is_service_staff(request, organization),
    )
    return private_file_response(
        attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


def statistics_public(request, org):
    organization = _org(request, org)
    return render(
        request, "eservices/statistics.html", statistics_context(request, organization)
    )


# --- Staff work manuals (คู่มือการปฏิบัติงาน) ---------------------------------

MANUAL_FORMATS = ("pdf", "docx")


def manuals(request, org):
    """Every staff work manual the organisation's apps offer, with downloads."""
    organization = _org(request, org)
    found = manuals_for(organization)
    return render(
        request,
        "eservices/manuals.html",
        {
            "organization": organization,
            "manuals": [(manual, manual_url(manual)) for manual in found],
        },
    )


def manuals_volume(request, org, fmt):
    """All manuals of the organisation as one volume (PDF or DOCX)."""
    organization = _org(request, org)
    found = manuals_for(organization)
    if fmt not in MANUAL_FORMATS or not found:
        raise Http404
    return manual_response(
        found, organization=organization, fmt=fmt, name=organization.name
    )


def manual_document(request, org, source, pk, fmt):
    """One staff work manual (PDF or DOCX)."""
    organization = _org(request, org)
    manual = manual_get(organization, source, pk)
    if manual is None or fmt not in MANUAL_FORMATS:
        raise Http404
    return manual_response(
        [manual], organization=organization, fmt=fmt, name=manual.title
    )


# --- LINE Login: updates on LINE and "my requests" ----------------------------

logger = logging.getLogger(__name__)

LOGIN_SESSION_KEY = "eservices_line_login"
USER_SESSION_KEY = "eservices_line_users"
LOGIN_VALID_SECONDS = 10 * 60


def _callback_url(request, organization) -> str:
    return request.build_absolute_uri(
        reverse("eservices-public:line-callback", kwargs={"org": organization.slug})
    )


def _my_requests_url(organization) -> str:
    return reverse("eservices-public:my-requests", kwargs={"org": organization.slug})


def session_line_user(request, organization) -> str:
    """The LINE user id this browser signed in with for ``organization``."""
    return (request.session.get(USER_SESSION_KEY) or {}).get(str(organization.pk), "")


def line_login_start(request, org):
    """Send the citizen to LINE Login, for one request (``?track=``) or all."""
    organization = _org(request, org)
    code = request.GET.get("track", "")
    try:
        service_request = (
            _request_by_code(request, organization, code) if code else None
        )
    except TooManyAttempts:
        return _too_many(request, organization)
    back = (
        service_request.get_tracking_url()
        if service_request
        else _my_requests_url(organization)
    )
    row = channel_settings_get(organization=organization)
    if not row.line_login_configured:
        messages.info(
            request, _("This organisation does not offer updates on LINE yet.")
        )
        return redirect(back)
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    request.session[LOGIN_SESSION_KEY] = {
        "org": organization.pk,
        "state": state,
        "nonce": nonce,
        "track": service_request.tracking_code if service_request else "",
        "at": int(time.time()),
    }
    return redirect(
        channels.login_authorize_url(
            channel_id=row.line_login_channel_id,
            redirect_uri=_callback_url(request, organization),
            state=state,
            nonce=nonce,
        )
    )


def line_login_callback(request, org):
    """LINE sends the citizen back here with a code; verify and remember them."""
    organization = _org(request, org)
    pending = request.session.pop(LOGIN_SESSION_KEY, None) or {}
    service_request = None
    if pending.get("org") == organization.pk and pending.get("track"):
        service_request = selectors.access_request_by_code(
            organization=organization, code=pending["track"]
        )
    back = (
        service_request.get_tracking_url()
        if service_request
        else _my_requests_url(organization)
    )
    failed = _("Signing in with LINE did not work. Please try again.")
    state = request.GET.get("state", "")
    if (
        pending.get("org") != organization.pk
        or not state
        or not constant_time_compare(state, pending.get("state", ""))
        or time.time() - pending.get("at", 0) > LOGIN_VALID_SECONDS
    ):
        messages.error(request, failed)
        return redirect(back)
    if request.GET.get("error") or not request.GET.get("code"):
        messages.info(request, _("Signing in with LINE was cancelled."))
        return redirect(back)
    row = channel_settings_get(organization=organization)
    if not row.line_login_configured:
        messages.error(request, failed)
        return redirect(back)
    try:
        id_token = channels.login_exchange_code(
            code=request.GET["code"],
            redirect_uri=_callback_url(request, organization),
            channel_id=row.line_login_channel_id,
            channel_secret=row.line_login_channel_secret,
        )
        line_user_id = channels.login_verify_id_token(
            id_token=id_token,
            channel_id=row.line_login_channel_id,
            nonce=pending.get("nonce", ""),
        )
    except channels.LineLoginError as error:
        logger.warning("LINE Login failed: %s", error.reason)
        messages.error(request, failed)
        return redirect(back)
    users = dict(request.session.get(USER_SESSION_KEY) or {})
    request.session.cycle_key()
    users[str(organization.pk)] = line_user_id
    request.session[USER_SESSION_KEY] = users
    if service_request is not None:
        services_filing.request_line_link(
            request=service_request, line_user_id=line_user_id
        )
        messages.success(
            request,
            _(
                "Done: updates of this request will come to your LINE. Add the "
                "organisation's LINE Official Account as a friend to receive them."
            ),
        )
    else:
        messages.success(request, _("You are signed in with LINE."))
    return redirect(back)


def _line_sign_out(request, organization) -> None:
    users = dict(request.session.get(USER_SESSION_KEY) or {})
    users.pop(str(organization.pk), None)
    request.session[USER_SESSION_KEY] = users


@require_http_methods(["GET", "POST"])
def my_requests(request, org):
    """Requests of this organisation that the signed-in LINE user follows."""
    organization = _org(request, org)
    if request.method == "POST":
        return run_action(
            request,
            lambda: _line_sign_out(request, organization),
            success_message=_("You have signed out of LINE on this site."),
            redirect_to=_my_requests_url(organization),
        )
    line_user_id = session_line_user(request, organization)
    return render(
        request,
        "eservices/my_requests.html",
        {
            "organization": organization,
            "signed_in": bool(line_user_id),
            "requests": selectors.request_list_for_line_user(
                organization=organization, line_user_id=line_user_id
            ),
            "line_login": channel_settings_get(
                organization=organization
            ).line_login_configured,
        },
    )


@require_POST
@_by_tracking_code
def line_updates_stop(request, organization, service_request):
    """Stop LINE updates of one request; only the LINE user who chose them."""
    return run_action(
        request,
        lambda: services_filing.request_line_unlink(
            request=service_request,
            line_user_id=session_line_user(request, organization),
        ),
        success_message=_("LINE updates of this request are off."),
        redirect_to=service_request.get_tracking_url(),
    )
