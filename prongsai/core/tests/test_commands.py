"""The ``prongsai`` console command and the operator commands."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from prongsai.complaints.selectors import external_recipient_get_in_force
from prongsai.organizations.models import (
    Invitation,
    Membership,
    Organization,
    RoleGrant,
)
from prongsai.organizations.permissions import can_read_confidential
from prongsai.organizations.roles import Role

ROOT = Path(__file__).resolve().parents[3]


def test_prongsai_console_command_runs_django_commands():
    script = Path(sys.executable).with_name("prongsai")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(  # noqa: S603
        [str(script), "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_console_command_refuses_to_start_without_a_secret_key():
    script = Path(sys.executable).with_name("prongsai")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_READ_DOT_ENV_FILE"] = "false"
    result = subprocess.run(  # noqa: S603
        [str(script), "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_load_demo_is_repeatable():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert Organization.objects.count() == 2
    for organization in Organization.objects.all():
        roles = {
            r
            for m in Membership.objects.filter(organization=organization)
            for r in m.roles
        }
        assert roles == set(Role.values)
        # Reports about executives go to a body on the operator's list.
        recipient = external_recipient_get_in_force(organization=organization)
        assert recipient is not None and recipient.source == "listed"
    # The demo's integrity officer reads confidential reports through a
    # two-person grant: requested by the operator, confirmed by the mayor.
    officer = Membership.objects.get(
        organization__slug="bandong", user__email="integrity@bandong.example"
    )
    assert can_read_confidential(officer)
    grant = RoleGrant.objects.in_force().get(
        organization=officer.organization, membership=officer
    )
    assert grant.confirmed_by.email == "mayor@bandong.example"
    assert grant.requested_by.is_superuser


@pytest.mark.django_db
def test_create_organization_invites_its_admin(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_organization",
            "--slug",
            "khokruat",
            "--name",
            "องค์การบริหารส่วนตำบลโคกกรวด",
            "--kind",
            "sao",
            "--dla-code",
            "6300101",
            "--province",
            "นครราชสีมา",
            "--district",
            "เมืองนครราชสีมา",
            "--admin-email",
            "palad@khokruat.example",
            "--admin-name",
            "สมศักดิ์ รักดี",
            stdout=io.StringIO(),
        )
    invitation = Invitation.objects.get()
    assert invitation.roles == [Role.ORG_ADMIN]
    assert mail.outbox[0].to == ["palad@khokruat.example"]


@pytest.mark.django_db
def test_create_organization_reports_bad_values_and_creates_nothing():
    with pytest.raises(CommandError) as info:
        call_command(
            "create_organization",
            "--slug",
            "staff",
            "--name",
            "x",
            "--kind",
            "sao",
            "--dla-code",
            "12",
            "--province",
            "p",
            "--district",
            "d",
            "--admin-email",
            "a@b.example",
            "--admin-name",
            "n",
        )
    assert "slug" in str(info.value) and "dla_code" in str(info.value)
    assert not Organization.objects.exists()


@pytest.fixture
def _no_demo_records(monkeypatch):
    """Accounts and organisations only: the apps' demo records take minutes."""
    from prongsai.organizations import demo

    monkeypatch.setattr(demo, "DEMO_LOADERS", [])


@pytest.mark.django_db
def test_load_demo_refuses_production_settings(settings):
    """Without the demo marker (production) the command stops, in Thai and English."""
    settings.PRONGSAI_DEMO_ALLOWED = False
    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=io.StringIO())
    assert "ระบบจริง" in str(error.value)
    assert "--force" in str(error.value)
    assert "production install" in str(error.value)
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_load_demo_forced_in_production_uses_random_passwords(
    settings, _no_demo_records
):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    from prongsai.accounts.models import User
    from prongsai.organizations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

    settings.PRONGSAI_DEMO_ALLOWED = False
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert Organization.objects.count() == 2
    superuser = User.objects.get(is_superuser=True)
    assert not superuser.check_password(DEMO_PASSWORD)
    assert not any(u.check_password(DEMO_PASSWORD) for u in User.objects.all())
    secrets = {
        decrypt(a.data["secret"])
        for a in Authenticator.objects.filter(type=Authenticator.Type.TOTP)
    }
    assert secrets and DEMO_TOTP_SECRET not in secrets
    printed = out.getvalue()
    assert DEMO_PASSWORD not in printed
    line = next(x for x in printed.splitlines() if superuser.email in x)
    password = line.split()[2]
    assert superuser.check_password(password)
    # Run again: nothing is reset, no password is printed twice.
    again = io.StringIO()
    call_command("load_demo", "--force", stdout=again)
    assert password not in again.getvalue()
    superuser.refresh_from_db()
    assert superuser.check_password(password)


@pytest.mark.django_db
def test_forced_demo_replaces_the_published_password_of_earlier_demo(
    settings, _no_demo_records
):
    """A demo loaded with dev settings, then the install goes live: --force fixes it."""
    from prongsai.accounts.models import User
    from prongsai.organizations.demo import DEMO_PASSWORD

    call_command("load_demo", stdout=io.StringIO())
    assert User.objects.get(is_superuser=True).check_password(DEMO_PASSWORD)
    settings.PRONGSAI_DEMO_ALLOWED = False
    call_command("load_demo", "--force", stdout=io.StringIO())
    assert not any(u.check_password(DEMO_PASSWORD) for u in User.objects.all())


def test_production_settings_do_not_allow_the_demo():
    from config.settings import base

    assert base.PRONGSAI_DEMO_ALLOWED is False


def test_make_demo_takes_a_port_and_keeps_demo_mail_in_memory():
    """`make demo PORT=8081` serves there, prints addresses for it, mails nothing."""
    import shutil
    import subprocess
    from pathlib import Path

    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parents[3]
    dry_run = subprocess.run(  # noqa: S603 - fixed arguments
        [make, "-n", "demo", "PORT=8081", "STAMP=Makefile"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    serve = next(line for line in dry_run.splitlines() if "runserver" in line)
    assert "127.0.0.1:8081" in serve
    assert "PRONGSAI_BASE_URL=http://127.0.0.1:8081" in serve
    load = next(line for line in dry_run.splitlines() if "load_demo" in line)
    assert "EMAIL_URL=memorymail://" in load
    assert "PRONGSAI_BASE_URL=http://127.0.0.1:8081" in load


def test_demo_load_quiets_task_logs_and_restores_them():
    import logging

    from prongsai.organizations.management.commands.load_demo import (
        quiet_task_logs,
    )

    trace = logging.getLogger("celery.app.trace")
    before = logging.getLogger("celery").level
    with quiet_task_logs():
        assert not trace.isEnabledFor(logging.INFO)
    assert logging.getLogger("celery").level == before
