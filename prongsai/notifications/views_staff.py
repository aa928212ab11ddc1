"""A member's notification settings and inbox in the back office."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prongsai.core.forms import handle_form
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services
from .forms import PreferenceForm

INBOX_SIZE = 100


@org_staff_view()
def preferences(request, organization):
    membership = request.membership
    form = None
    if membership is not None:
        current = selectors.preference_get(membership=membership)
        form = PreferenceForm(request.POST or None, instance=current)
        if response := handle_form(
            request,
            form,
            on_valid=lambda data: services.preference_update(
                membership=membership,
                email_enabled=data["email_enabled"],
                line_enabled=data["line_enabled"],
                inbox_enabled=data["inbox_enabled"],
                frequency=data["frequency"],
            ),
            success_message=_("Your notification settings were saved."),
            redirect_to=reverse(
                "notifications-staff:preferences", kwargs={"org": organization.slug}
            ),
        ):
            return response
    return render(
        request,
        "notifications/preferences.html",
        {"organization": organization, "membership": membership, "form": form},
    )


@require_GET
@org_staff_view()
def inbox(request, organization):
    """The member's notifications, newest first; showing them marks them read."""
    items = list(
        selectors.notification_list_inbox(user=request.user, organization=organization)[
            :INBOX_SIZE
        ]
    )
    unread = [item.pk for item in items if item.read_at is None]
    if unread:
        services.notification_mark_read(
            user=request.user, organization=organization, pks=unread
        )
    return render(
        request,
        "notifications/inbox.html",
        {"organization": organization, "items": items, "unread": set(unread)},
    )
