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

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from prongsai.core import codes, thai_dates
from prongsai.core.csrf import csrf_protect_no_referrer, no_referrer
from prongsai.core.forms import handle_form
from prongsai.core.public_documents import public_document_response
from prongsai.core.ratelimit import (
    FailureLimit,
    RequestLimit,
    client_scope,
    limit_submissions,
)
from prongsai.core.storage import private_file_response
from prongsai.organizations.selectors import access_organization

from . import (
    reports,
    selectors,
    selectors_entries,
    selectors_statistics,
    services,
    services_confidential,
    services_intake,
    services_uploads,
)
from .forms import (
    MAX_FORM_PHOTOS,
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
# Reports one visitor (one address) may send per ten minutes, per form.
CASE_SUBMISSIONS = RequestLimit("complaints-case", limit=20, window=600)
REPORT_SUBMISSIONS = RequestLimit("complaints-report", limit=20, window=600)
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


def _track_url(case) -> str:
    return reverse(
        "complaints-public:track",
        kwargs={"org": case.organization.slug, "code": case.tracking_code},
    )


def _confidential_headers(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, noarchive"
    return no_referrer(response)


def _page(request, org, template: str, **context):
    """A public page of the complaint centre, with its settings."""
    organization = _organization(request, org)
    return render(
        request,
        template,
        {
            "organization": organization,
            "settings_row": selectors.complaint_settings_get(organization=organization),
            **context,
        },
    )


def home(request, org):
    return _page(request, org, "complaints/home.html", track_form=TrackForm())


def privacy(request, org):
    return _page(request, org, "complaints/privacy.html")


def _kept_form(request, form_class, **kwargs):
    """``form_class`` bound to the request, with the photos kept for this
    browser from its last try (``services_uploads``)."""
    organization = request.organization
    kept = services_uploads.kept_upload_list(
        organization=organization,
        owner=services_uploads.owner_of(request),
        tokens=request.POST.getlist("kept_photo"),
    )
    return form_class(request.POST or None, request.FILES or None, kept=kept, **kwargs)


def _keep_photos(request, form, *, keep_names: bool = True) -> None:
    """The form came back with errors: keep its readable photos for the next try."""
    if request.method != "POST":
        return
    selected = form.kept_selected()
    new = services_uploads.kept_upload_store(
        organization=request.organization,
        owner=services_uploads.owner_of(request),
        files=request.FILES.getlist("photos"),
        keep_names=keep_names,
        limit=MAX_FORM_PHOTOS - len(selected),
    )
    form.show_kept(selected + new)


@require_http_methods(["GET", "POST"])
@limit_submissions(CASE_SUBMISSIONS)
def case_new(request, org, kind):
    organization = _organization(request, org)
    # A link may suggest the subject (the accessibility statement's
    # "report a problem"); the visitor can change it.
    initial = {"subject": request.GET.get("subject", "")[:200]}
    form = _kept_form(request, CaseForm, organization=organization, initial=initial)

    def submit(_data):
        case = services_intake.case_submit(
            organization=organization,
            kind=kind,
            channel=Channel.WEB,
            **form.case_values(),
        )
        services_uploads.kept_upload_discard(form.kept_selected())
        return case

    response = handle_form(
        request,
        form,
        on_valid=submit,
        success_message=lambda case: (
            _(
                "Thank you. Your case number is %(reference)s. Keep the "
                "tracking code %(code)s to follow it."
            )
            % {"reference": case.reference, "code": case.tracking_code}
        ),
        redirect_to=_track_url,
    )
    if response:
        return response
    _keep_photos(request, form)
    return render(
        request,
        "complaints/case_form.html",
        {
            "organization": organization,
            "form": form,
            "kind": kind,
            "title": KIND_TITLES[kind],
            "settings_row": selectors.complaint_settings_get(organization=organization),
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
            return redirect(_track_url(case))
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
    if rating_form is not None and (
        rated := handle_form(
            request,
            rating_form,
            on_valid=lambda data: services.case_rate(
                case=case, satisfaction=data["satisfaction"], comment=data["comment"]
            ),
            success_message=_("Thank you for your rating."),
            redirect_to=_track_url,
        )
    ):
        return rated
    response = render(
        request,
        "complaints/track.html",
        {
            "organization": organization,
            "case": case,
            "entries": selectors_entries.case_entry_list_for_complainant(case=case),
            "surviving_entries": selectors.case_entry_list_surviving(case=case),
            "reopened": selectors_entries.case_get_reopen_entry(case=case),
            "rating_form": rating_form,
        },
    )
    response["Cache-Control"] = "no-store"
    return no_referrer(response)


def track_photo(request, org, code, pk):
    """A photo after the fix, for whoever holds the case's tracking code.

    The photos the complainant sent are never served here.
    """
    organization = _organization(request, org)
    case = selectors.access_case_by_tracking_code(organization=organization, code=code)
    item = selectors_entries.access_case_after_fix_photo(case=case, pk=pk)
    response = private_file_response(
        item.file, filename="after-fix.jpg", content_type="image/jpeg"
    )
    return no_referrer(response)


def after_photo(request, org, pk):
    """A photo after the fix that the officer let be shown publicly (the
    public map); nothing else of the case."""
    organization = _organization(request, org)
    item = selectors_entries.access_public_after_fix_photo(
        organization=organization, pk=pk
    )
    response = FileResponse(item.file.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


MIN_STATISTICS_YEAR = 2540


def _statistics_year(request, organization) -> tuple[int, list[int]]:
    years = selectors_statistics.statistics_year_list(organization=organization)
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
    stats = selectors_statistics.complaint_statistics_get(
        organization=organization, fiscal_year=year
    )
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
            "board": selectors_statistics.case_list_public_board(
                organization=organization
            ),
            "today": timezone.localdate(),
        },
    )


def _statistics_file(request, org, kind):
    """Complaint statistics of a year as a document, kept in storage and made
    again when cases change (``core.public_documents``)."""
    organization = _organization(request, org)
    year, _years = _statistics_year(request, organization)
    return public_document_response(
        request, organization=organization, kind=kind, params={"fiscal_year": year}
    )


def statistics_pdf(request, org):
    return _statistics_file(request, org, "complaints.statistics_pdf")


def statistics_xlsx(request, org):
    return _statistics_file(request, org, "complaints.statistics_xlsx")


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
                "guideline": selectors.corruption_guideline_get(
                    organization=organization
                ),
            },
        )
    )


@csrf_protect_no_referrer
@never_cache
@require_http_methods(["GET", "POST"])
@limit_submissions(REPORT_SUBMISSIONS)
def report_new(request, org):
    organization = _organization(request, org)
    settings_row = selectors.complaint_settings_get(organization=organization)
    form = _kept_form(request, ConfidentialForm)
    submitted: list = []

    def submit(data):
        submitted.extend(
            services_confidential.confidential_submit(
                organization=organization,
                subject=data.get("subject", ""),
                description=data["description"],
                is_anonymous=data["mode"] == ConfidentialForm.MODE_ANONYMOUS,
                reporter_name=data.get("reporter_name", ""),
                reporter_phone=data.get("reporter_phone", ""),
                reporter_email=data.get("reporter_email", ""),
                concerns_executive=data.get("concerns_executive", False),
                concerns_integrity_officer=data.get(
                    "concerns_integrity_officer", False
                ),
                photos=form.photo_bytes(),
            )
        )
        services_uploads.kept_upload_discard(form.kept_selected())

    # The receipt is shown once, in this response only: the redirect that
    # handle_form returns is not followed (no session keeps the code).
    if handle_form(request, form, on_valid=submit, redirect_to=request.path):
        case, code = submitted
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
    # A photo's own file name may name the reporter: kept photos go unnamed.
    _keep_photos(request, form, keep_names=False)
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
            elif follow_form is not None and handle_form(
                request,
                follow_form,
                on_valid=lambda data: services_confidential.confidential_follow_up(
                    case=case, text=data["text"]
                ),
                # Not followed: the page answers at once, with no session.
                redirect_to=request.path,
            ):
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
                "entries": selectors.case_entry_list(case=case, public_only=True)
                if case
                else [],
            },
        )
    )
