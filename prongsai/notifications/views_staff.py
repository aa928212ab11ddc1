"""A member's notification settings and inbox in the back office."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prongsai.organizations.decorators import org_staff_view

from . import selectors, services
from .forms import PreferenceForm

INBOX_SIZE = 100


@org_staff_view()
def preferences(request, organization):
    membership = request.membership
    form = None
    if membership is not None:
        current = services.preference_for(membership)
        form = PreferenceForm(request.POST or None, instance=current)
        if request.method == "POST" and form.is_valid():
            services.preference_update(
                membership=membership,
                email_enabled=form.cleaned_data["email_enabled"],
                line_enabled=form.cleaned_data["line_enabled"],
                inbox_enabled=form.cleaned_data["inbox_enabled"],
                frequency=form.cleaned_data["frequency"],
            )
            messages.success(request, _("Your notification settings were saved."))
            return redirect("notifications-staff:preferences", org=organization.slug)
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
        selectors.inbox_for(user=request.user, organization=organization)[:INBOX_SIZE]
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
