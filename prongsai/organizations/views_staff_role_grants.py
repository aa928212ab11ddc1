"""Who reads confidential reports, and the grants waiting for a second person."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.forms import run_action

from . import services_role_grants
from .decorators import org_staff_view
from .permissions import can_manage_members, can_view_confidential_access
from .selectors_role_grants import (
    access_role_grant,
    confidential_readers,
    role_grant_list_pending,
)


def confidential_access_context(request, organization) -> dict:
    """The readers and the waiting grants, each with what the viewer may do."""
    pending = role_grant_list_pending(organization=organization)
    return {
        "confidential_readers": confidential_readers(organization=organization),
        "pending_grants": [
            {
                "grant": grant,
                "can_confirm": services_role_grants.can_confirm_grant(
                    request.user, grant
                ),
                "can_cancel": services_role_grants.can_cancel_grant(
                    request.user, grant
                ),
            }
            for grant in pending
        ],
    }


@org_staff_view(can_view_confidential_access)
def confidential_access(request, organization):
    return render(
        request,
        "organizations/confidential_access.html",
        {
            "organization": organization,
            "can_manage_members": can_manage_members(request.user, request.membership),
            **confidential_access_context(request, organization),
        },
    )


def _grant_action(request, organization, pk, service, message: str):
    grant = access_role_grant(organization=organization, pk=pk)
    back = reverse(
        "organizations-staff:confidential-access", kwargs={"org": organization.slug}
    )
    if request.POST.get("next") == "members":
        back = reverse(
            "organizations-staff:member-list", kwargs={"org": organization.slug}
        )
    return run_action(
        request,
        lambda: service(actor=request.user, grant=grant),
        success_message=message % {"name": grant.membership.user.display_name},
        redirect_to=back,
    )


@require_POST
@org_staff_view(can_view_confidential_access)
def role_grant_confirm(request, organization, pk):
    return _grant_action(
        request,
        organization,
        pk,
        services_role_grants.role_grant_confirm,
        _("%(name)s can now read confidential reports."),
    )


@require_POST
@org_staff_view(can_view_confidential_access)
def role_grant_cancel(request, organization, pk):
    return _grant_action(
        request,
        organization,
        pk,
        services_role_grants.role_grant_cancel,
        _("The grant to %(name)s was cancelled."),
    )
