"""The ``prongsai`` console command and the operator commands."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from prongsai.complaints.selectors import external_recipient_in_force
from prongsai.organizations.models import Invitation, Membership, Organization
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
        recipient = external_recipient_in_force(organization=organization)
        assert recipient is not None and recipient.source == "listed"


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
