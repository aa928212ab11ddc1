"""The door into an organisation's back office."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .mfa import user_needs_mfa_setup
from .selectors import access_staff_organization


def org_staff_view(permission=None):
    """Decorate a back-office view taking ``org`` (the slug) from the URL.

    Non-members get 404 (an organisation's back office is invisible to
    outsiders), members whose role requires MFA are sent to set it up first,
    and members without ``permission(user, membership)`` get 403. The view is
    called as ``view(request, organization, ...)`` with ``request.organization``
    and ``request.membership`` set.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, org, *args, **kwargs):
            organization, membership = access_staff_organization(
                user=request.user, slug=org
            )
            if user_needs_mfa_setup(request.user):
                messages.warning(
                    request,
                    _(
                        "Your role requires two-factor authentication. Set up an "
                        "authenticator app to continue."
                    ),
                )
                return redirect(
                    reverse("mfa_activate_totp")
                    + "?"
                    + urlencode({"next": request.get_full_path()})
                )
            if permission is not None and not permission(request.user, membership):
                raise PermissionDenied
            request.organization = organization
            request.membership = membership
            return view(request, organization, *args, **kwargs)

        return wrapped

    return decorator
