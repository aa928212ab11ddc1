"""Glue between the login form, django-axes and allauth MFA."""

from allauth.mfa.models import Authenticator


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
