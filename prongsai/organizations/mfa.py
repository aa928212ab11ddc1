"""Who must use two-factor authentication: a policy that follows roles."""

from django.conf import settings

from prongsai.accounts.security import user_has_totp

from .selectors import user_holds_any_role
from .selectors_regions import user_is_viewer


def user_requires_mfa(user) -> bool:
    """Whether the user's roles oblige them to use TOTP.

    Platform superusers always need it; so does anyone who holds, in any
    organisation, one of ``PRONGSAI_MFA_REQUIRED_ROLES``, and every viewer
    above organisations (a province, the DLA, the operator: they read the
    figures of many organisations at once).
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user_holds_any_role(
        user=user, roles=settings.PRONGSAI_MFA_REQUIRED_ROLES
    ) or user_is_viewer(user=user)


def user_needs_mfa_setup(user) -> bool:
    """Whether the user must set up TOTP before using the back office."""
    return user_requires_mfa(user) and not user_has_totp(user)
