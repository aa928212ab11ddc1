"""Public survey pages: answering with a single-use link, and the public
EIT and satisfaction pages reached by QR code.

Answering never reads who is logged in and writes no log line: the IIT
answer page is the same for a logged-in member and for anyone. The link's
token is in the address only when the form is shown; the answers are sent
to an address without it (the token rides in the form's body).
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form
from prongsai.core.ratelimit import RequestLimit, limit_submissions
from prongsai.organizations.selectors import access_organization

from . import selectors, services
from .forms import AnswerForm
from .models import Survey

PUBLIC_ANSWERS = RequestLimit("surveys-public-answer", limit=10, window=3600)
"""Answers one connection may give on public survey pages in an hour."""


def _org(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def _page(request, organization, survey, form, *, action, token="", status=200):
    return render(
        request,
        "surveys/answer.html",
        {
            "organization": organization,
            "survey": survey,
            "form": form,
            "action": action,
            "token": token,
        },
        status=status,
    )


def _invalid_link(request, organization, message, *, status=404):
    return render(
        request,
        "surveys/link_invalid.html",
        {"organization": organization, "message": message},
        status=status,
    )


@never_cache
def token_answer(request, org, token):
    """The form of the survey whose single-use link this is."""
    organization = _org(request, org)
    try:
        link = services.token_get_usable(organization=organization, raw_token=token)
    except DomainError as error:
        return _invalid_link(request, organization, str(error))
    survey = link.survey
    form = AnswerForm(questions=selectors.survey_questions(survey))
    action = reverse("surveys-public:token-submit", kwargs={"org": organization.slug})
    return _page(request, organization, survey, form, action=action, token=token)


@require_POST
@never_cache
def token_submit(request, org):
    """Take the answers given with a single-use link (the token in the body)."""
    organization = _org(request, org)
    token = request.POST.get("token", "")
    try:
        link = services.token_get_usable(organization=organization, raw_token=token)
    except DomainError as error:
        return _invalid_link(request, organization, str(error))
    survey = link.survey
    form = AnswerForm(request.POST, questions=selectors.survey_questions(survey))
    action = reverse("surveys-public:token-submit", kwargs={"org": organization.slug})
    if response := handle_form(
        request,
        form,
        on_valid=lambda _data: services.response_submit_by_token(
            organization=organization, raw_token=token, answers=form.answers()
        ),
        redirect_to=reverse("surveys-public:thanks", kwargs={"org": organization.slug}),
    ):
        return response
    return _page(request, organization, survey, form, action=action, token=token)


@never_cache
@limit_submissions(PUBLIC_ANSWERS)
def survey_answer(request, org, pk):
    """The public page of an EIT pulse or a satisfaction survey (QR code on
    the counter, the public site): at most ``PUBLIC_ANSWERS`` per connection."""
    organization = _org(request, org)
    survey = selectors.access_public_survey(organization=organization, pk=pk)
    form = AnswerForm(
        request.POST or None, questions=selectors.survey_questions(survey)
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda _data: services.response_submit_public(
            survey=survey, answers=form.answers()
        ),
        redirect_to=reverse("surveys-public:thanks", kwargs={"org": organization.slug}),
    ):
        return response
    if survey.status != Survey.Status.OPEN and request.method != "POST":
        return _invalid_link(
            request,
            organization,
            _("This survey is not taking answers now."),
            status=200,
        )
    return _page(request, organization, survey, form, action=survey.get_public_url())


def thanks(request, org):
    organization = _org(request, org)
    return render(request, "surveys/thanks.html", {"organization": organization})
