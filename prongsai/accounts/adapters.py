"""allauth adapter: staff accounts exist only by invitation."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Nobody signs up freely; organisation admins invite their staff."""
        return False

    def get_login_redirect_url(self, request) -> str:
        return reverse("staff-home")
