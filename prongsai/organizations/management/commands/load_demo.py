"""Load the demo organisations, staff and records (safe to run again)."""

from django.core.management.base import BaseCommand

from prongsai.organizations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo


class Command(BaseCommand):
    help = "Create demo organisations with staff in every role, and print the logins."

    def handle(self, *args, **options):
        organizations, logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write("")
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
        for organization in organizations:
            self.stdout.write(
                f"Public site: http://127.0.0.1:8000{organization.get_absolute_url()}"
            )
