"""Glue between the login form, django-axes and allauth MFA."""

from allauth.mfa.models import Authenticator
from django.conf import settings


def axes_username(request, credentials: dict | None = None) -> str:
    """Return the login name axes keys its lockout on, whatever form sent it.

    allauth authenticates with ``email=``; its form field is ``login``; the
    platform admin's form uses ``username``.
    """
    for source in (credentials or {}, getattr(request, "POST", {}) or {}):
        for key in ("email", "login", "username"):
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return ""


def user_has_totp(user) -> bool:
    """Whether the user has set up an authenticator app."""
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def user_requires_mfa(user) -> bool:
    """Whether the user's roles oblige them to use TOTP.

    Platform superusers always need it; so does anyone who holds, in any
    organisation, one of ``PRONGSAI_MFA_REQUIRED_ROLES``.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    from prongsai.organizations.selectors import user_holds_any_role

    return user_holds_any_role(user=user, roles=settings.PRONGSAI_MFA_REQUIRED_ROLES)


def user_needs_mfa_setup(user) -> bool:
    """Whether the user must set up TOTP before using the back office."""
    return user_requires_mfa(user) and not user_has_totp(user)
