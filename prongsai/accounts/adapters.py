"""allauth adapter: staff accounts exist only by invitation."""

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from prongsai.core import sites
from prongsai.core.clientip import client_ip
from prongsai.core.ratelimit import client_scope
from prongsai.core.urls import absolute_url


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Nobody signs up freely; organisation admins invite their staff."""
        return False

    def get_login_redirect_url(self, request) -> str:
        return reverse("staff-home")

    def get_client_ip(self, request) -> str:
        """The real client address, the same one axes and Prongsai's limits use."""
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count wrong passwords per login name *and* visitor.

        allauth counts them per login name alone ("5/5m/key" in
        ``ACCOUNT_RATE_LIMITS``), so five wrong passwords from anyone would
        shut the account's owner out too. Like axes, count per visitor (a
        keyed hash of the real address); the per-address limit still bounds
        guessing across many accounts.
        """
        login_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{login_key}:{client_scope(request)}"

    def get_reset_password_from_key_url(self, key: str) -> str:
        """The reset link on PRONGSAI_BASE_URL, never on the request's Host."""
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        )
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def format_email_subject(self, subject: str) -> str:
        return f"[{sites.current_site().name}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context_: dict) -> None:
        """Account e-mails name the configured site, in Thai by default.

        A request in English gets English; a background job, which has no
        language, gets the site's language (Thai).
        """
        language = translation.get_language() or settings.LANGUAGE_CODE
        ctx = {"request": context.request, "email": email, **context_}
        ctx["current_site"] = sites.current_site()
        with translation.override(language):
            self.render_mail(template_prefix, email, ctx).send()
