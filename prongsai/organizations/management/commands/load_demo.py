"""Load the demo organisations, staff and records (safe to run again).

Only where the settings allow demo data (``PRONGSAI_DEMO_ALLOWED``: on in the
dev and test settings, off in production). ``--force`` loads it anyway, but
then no account gets the published password: each gets a random one,
printed once.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from prongsai.organizations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo

REFUSED = gettext_noop(
    "Demo data is not loaded on a production install (PRONGSAI_DEMO_ALLOWED is "
    "off): it adds demo organisations and accounts. Use the dev settings for a "
    "demo, or add --force to load it here with random passwords."
)


# Loggers that report every task the demo load runs eagerly: hundreds of lines
# that would push the logins off the screen.
QUIET_LOGGERS = ("celery", "kombu")


@contextmanager
def quiet_task_logs():
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Create demo organisations with staff in every role, and print the logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo on a production install too (random passwords).",
        )

    def handle(self, *args, force=False, **options):
        production = not getattr(settings, "PRONGSAI_DEMO_ALLOWED", False)
        with translation.override("th"):
            if production and not force:
                raise CommandError(_(REFUSED) + "\n" + REFUSED)
            with quiet_task_logs():
                organizations, logins = load_demo(random_passwords=production)
            self.stdout.write(self.style.SUCCESS(_("Demo data ready.")))
        self.stdout.write("")
        if production:
            self._print_random_logins(logins)
        else:
            self._print_demo_logins(logins)
        base = settings.PRONGSAI_BASE_URL.rstrip("/")
        for organization in organizations:
            self.stdout.write(f"Public site: {base}{organization.get_absolute_url()}")

    def _print_demo_logins(self, logins):
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for login in logins:
            mark = "  [TOTP]" if login.mfa else ""
            roles = ", ".join(login.roles)
            self.stdout.write(
                f"  {login.organization:<9} {login.email:<34} {roles}{mark}"
            )
        self.stdout.write("")
        self.stdout.write(
            "Accounts marked [TOTP] need a one-time code. Add the secret "
            f"{DEMO_TOTP_SECRET} to an authenticator app, or run "
            "'make demo-totp' for the current codes."
        )

    def _print_random_logins(self, logins):
        self.stdout.write(
            self.style.WARNING(
                "Production install: every demo account got a random password "
                "(and TOTP secret) shown only now. Accounts made earlier keep "
                "theirs."
            )
        )
        for login in logins:
            roles = ", ".join(login.roles)
            secret = f"  TOTP {login.totp_secret}" if login.totp_secret else ""
            password = login.password or "(unchanged)"
            self.stdout.write(
                f"  {login.organization:<9} {login.email:<34} {password}"
                f"  {roles}{secret}"
            )
