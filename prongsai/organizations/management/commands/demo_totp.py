"""Print the current one-time code of the demo accounts (never real ones)."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand

from prongsai.organizations.demo import DEMO_EMAIL_DOMAIN


class Command(BaseCommand):
    help = "Print the current TOTP code for demo accounts (e-mail ending in .example)."

    def handle(self, *args, **options):
        authenticators = Authenticator.objects.filter(
            type=Authenticator.Type.TOTP, user__email__endswith=DEMO_EMAIL_DOMAIN
        ).select_related("user")
        counter = int(time.time()) // 30
        seconds_left = 30 - int(time.time()) % 30
        for authenticator in authenticators.order_by("user__email"):
            code = format_hotp_value(
                hotp_value(decrypt(authenticator.data["secret"]), counter)
            )
            self.stdout.write(f"{authenticator.user.email:<34} {code}")
        self.stdout.write(f"(valid for about {seconds_left} more seconds)")
