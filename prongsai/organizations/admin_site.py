"""Route the platform admin's sign-in through allauth, so MFA always applies."""

from functools import wraps
from urllib.parse import urlencode

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .mfa import user_needs_mfa_setup


def secure_admin_site(site: admin.AdminSite) -> None:
    """Sign in through allauth (with its MFA stage) and require TOTP set up."""
    original_has_permission = site.has_permission
    original_login = site.login

    def has_permission(request) -> bool:
        return original_has_permission(request) and not user_needs_mfa_setup(
            request.user
        )

    @wraps(original_login)
    def login(request, extra_context=None):
        if request.user.is_authenticated and user_needs_mfa_setup(request.user):
            return redirect(
                reverse("mfa_activate_totp")
                + "?"
                + urlencode({"next": reverse("admin:index")})
            )
        return secure_admin_login(original_login)(request, extra_context)

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.login = login  # type: ignore[method-assign]
