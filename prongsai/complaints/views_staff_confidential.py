"""Back-office views of the confidential channel: integrity officers, and
executives for the reports about an integrity officer (never the officers).

Every look at a report or the list is written to the audit trail; pages are
not cached. A report routed to an external body shows no content here and
cannot be handled here.
"""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.core.errors import DomainError
from prongsai.core.forms import run_action
from prongsai.organizations.decorators import org_staff_view

from . import links, selectors, services, services_confidential, workflow
from .forms import StatusForm, TextForm
from .permissions import can_open_confidential, confidential_audience
from .views_staff import status_change, text_entry


def _audience(request) -> str:
    audience = confidential_audience(request.user, request.membership)
    assert audience is not None  # the decorator let only readers in
    return audience


@org_staff_view(can_open_confidential)
def confidential_list(request, organization):
    status = request.GET.get("status", "")
    services_confidential.confidential_record_list_view(
        actor=request.user,
        organization=organization,
        status=status,
        about_officers=_audience(request) == selectors.AUDIENCE_EXECUTIVES,
    )
    return render(
        request,
        "complaints/staff/confidential_list.html",
        {
            "organization": organization,
            "cases": selectors.confidential_list(
                organization=organization, status=status, audience=_audience(request)
            ),
            "status": status,
            "executives": _audience(request) == selectors.AUDIENCE_EXECUTIVES,
        },
    )


@org_staff_view(can_open_confidential)
def confidential_detail(request, organization, pk):
    audience = _audience(request)
    case = selectors.access_confidential_case(
        organization=organization, pk=pk, audience=audience
    )
    services_confidential.confidential_record_view(actor=request.user, case=case)
    routed = bool(case.external_body)
    response = render(
        request,
        "complaints/staff/confidential_detail.html",
        {
            "organization": organization,
            "case": case,
            "routed": routed,
            "entries": [] if routed else selectors.case_entry_list(case=case),
            "attachments": [] if routed else case.attachments.all(),
            "status_form": StatusForm(allowed=workflow.CASES.allowed_next(case.status)),
            "reply_form": TextForm(),
            "note_form": TextForm(),
            "case_links": links.case_links(case),
            "can_forward": not routed and audience == selectors.AUDIENCE_EXECUTIVES,
            "external_body_label": selectors.complaint_settings_get(
                organization=organization
            ).get_external_body_display(),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _handling_view(handle):
    """A POST from a report's page: ``handle(request, case, url)`` runs only for
    a report handled here; one routed to an external body is refused."""

    @require_POST
    @org_staff_view(can_open_confidential)
    def view(request, organization, pk):
        case = selectors.access_confidential_case(
            organization=organization, pk=pk, audience=_audience(request)
        )
        url = reverse(
            "complaints-staff:confidential-case",
            kwargs={"org": organization.slug, "pk": case.pk},
        )
        if case.external_body:
            return run_action(request, _refuse_routed, redirect_to=url)
        return handle(request, case, url)

    return view


confidential_forward = _handling_view(
    lambda request, case, url: run_action(
        request,
        lambda: services_confidential.confidential_forward_external(
            actor=request.user, case=case
        ),
        success_message=_("The report was sent to the external body."),
        redirect_to=url,
    )
)


def _refuse_routed() -> None:
    raise DomainError(_("This report is handled by an external body."))


def _text_entry(service, success_message):
    return _handling_view(
        lambda request, case, url: text_entry(
            request, case, service, success_message=success_message, redirect_to=url
        )
    )


confidential_status = _handling_view(
    lambda request, case, url: status_change(request, case, redirect_to=url)
)
confidential_reply = _text_entry(
    services.case_reply,
    gettext_lazy("The reply is waiting for the reporter on the follow-up page."),
)
confidential_note = _text_entry(
    services.case_add_note, gettext_lazy("The note has been added.")
)


@org_staff_view(can_open_confidential)
def confidential_attachment(request, organization, pk):
    item = selectors.access_confidential_attachment(
        organization=organization, pk=pk, audience=_audience(request)
    )
    services_confidential.confidential_record_view(actor=request.user, case=item.case)
    response = FileResponse(item.file.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "no-store"
    return response
