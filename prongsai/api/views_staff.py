"""Back-office pages of the API tokens: make one (shown once) and revoke it."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from prongsai.core.errors import DomainError
from prongsai.core.forms import run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services
from .forms import ApiTokenForm
from .permissions import can_manage_api_tokens


@never_cache
@org_staff_view(can_manage_api_tokens)
def token_list(request, organization):
    """The tokens; a POST makes one and shows its text on this page, once."""
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.api_token_create(
                actor=request.user,
                organization=organization,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "api/token_list.html",
        {
            "organization": organization,
            "form": form,
            "new_token": new_token,
            "tokens": selectors.api_token_list(organization=organization),
        },
    )


@require_POST
@org_staff_view(can_manage_api_tokens)
def token_revoke(request, organization, pk):
    token = selectors.access_api_token(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.api_token_revoke(actor=request.user, token=token),
        success_message=_("The token was revoked; it no longer works."),
        redirect_to=reverse("api-staff:token-list", kwargs={"org": organization.slug}),
    )
