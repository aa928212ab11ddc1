"""Encrypted fields: key rotation, secret-key changes, and the deploy check."""

import pytest
from django.core.management import call_command
from django.db import connection

from prongsai.complaints.tests.test_webhooks import (
    LINE_SECRET,
    NetworkEdge,
    body_of,
    line_event,
    post_line,
    text,
)
from prongsai.core import checks, fields
from prongsai.core.fields import PREFIX, UnreadableSecret
from prongsai.organizations import channels
from prongsai.organizations import services_channels as org_services
from prongsai.organizations.models import ChannelSettings

KEY_A = "a" * 40
KEY_B = "b" * 40


@pytest.fixture
def edge(monkeypatch):
    stub = NetworkEdge()
    monkeypatch.setattr(channels, "_open", stub)
    return stub


def raw_secret(organization) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT line_channel_secret FROM organizations_channelsettings "
            "WHERE organization_id = %s",
            [organization.pk],
        )
        return cursor.fetchone()[0]


def test_round_trip_and_unprefixed_plain_text(settings):
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_A]
    token = fields.encrypt("ความลับ")
    assert token.startswith(PREFIX) and "ความลับ" not in token
    assert fields.decrypt(token) == "ความลับ"
    assert fields.decrypt("plain") == "plain"
    assert fields.encrypt("") == ""


def test_older_keys_still_decrypt_and_the_first_encrypts(settings):
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_A]
    old = fields.encrypt("line-secret")
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    assert fields.decrypt(old) == "line-secret"
    new = fields.rotate(old)
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_B]
    assert fields.decrypt(new) == "line-secret"
    with pytest.raises(UnreadableSecret):
        fields.decrypt_strict(old)


def test_unreadable_value_reads_as_empty_and_logs_without_content(settings, caplog):
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_A]
    token = fields.encrypt("do-not-log-me")
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_B]
    assert fields.decrypt(token) == ""
    assert "cannot be decrypted" in caplog.text
    assert "do-not-log-me" not in caplog.text and token not in caplog.text


@pytest.mark.django_db
class TestRotationKeepsLineWorking:
    def test_new_key_in_front_then_rotate_then_drop_the_old_key(
        self, client, organization, settings, edge, django_capture_on_commit_callbacks
    ):
        settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_A]
        org_services.channel_settings_update(
            actor=None, organization=organization, line_channel_secret=LINE_SECRET
        )
        before = raw_secret(organization)
        assert before.startswith(PREFIX) and LINE_SECRET not in before

        settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
        body = body_of(line_event("01HROTATE00000000000000001", text("ไฟดับ")))
        with django_capture_on_commit_callbacks(execute=True):
            assert post_line(client, organization, body).status_code == 200

        call_command("rotate_field_encryption")
        after = raw_secret(organization)
        assert after != before and after.startswith(PREFIX)

        settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_B]
        assert (
            ChannelSettings.objects.get(organization=organization).line_channel_secret
            == LINE_SECRET
        )
        body = body_of(line_event("01HROTATE00000000000000002", text("ถนนพัง")))
        with django_capture_on_commit_callbacks(execute=True):
            assert post_line(client, organization, body).status_code == 200

    def test_dry_run_changes_nothing_and_reports(self, organization, settings):
        settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_A]
        org_services.channel_settings_update(
            actor=None, organization=organization, line_channel_secret=LINE_SECRET
        )
        before = raw_secret(organization)
        settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
        report = fields.rotate_stored_values(dry_run=True)
        assert report["organizations.ChannelSettings.line_channel_secret"] == {
            "rotated": 1,
            "unreadable": 0,
        }
        assert raw_secret(organization) == before


@pytest.mark.django_db
class TestSecretKeyChange:
    def configure_without_key(self, organization, settings):
        settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = []
        org_services.channel_settings_update(
            actor=None, organization=organization, line_channel_secret=LINE_SECRET
        )

    def test_old_secret_key_in_fallbacks_keeps_secrets(
        self, client, organization, settings, edge, django_capture_on_commit_callbacks
    ):
        self.configure_without_key(organization, settings)
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "a-brand-new-secret-key-" + "x" * 40
        body = body_of(line_event("01HNEWKEY000000000000000001", text("น้ำท่วม")))
        with django_capture_on_commit_callbacks(execute=True):
            assert post_line(client, organization, body).status_code == 200

    def test_lost_secret_key_is_no_server_error(
        self, client, organization, settings, admin_user, edge
    ):
        self.configure_without_key(organization, settings)
        settings.SECRET_KEY = "a-brand-new-secret-key-" + "y" * 40
        client.raise_request_exception = False
        body = body_of(line_event("01HLOSTKEY00000000000000001", text("ไฟดับ")))
        assert post_line(client, organization, body).status_code < 500
        client.force_login(admin_user)
        page = client.get(f"/{organization.slug}/staff/complaints/settings/")
        assert page.status_code == 200
        page = client.get(f"/{organization.slug}/staff/settings/channels/")
        assert page.status_code == 200


def test_deploy_check_requires_an_encryption_key(settings):
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = []
    assert [w.id for w in checks.field_encryption_key_check(None)] == ["prongsai.W001"]
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_A]
    assert checks.field_encryption_key_check(None) == []
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [KEY_A, KEY_A, "short"]
    ids = {w.id for w in checks.field_encryption_keys_distinct_check(None)}
    assert ids == {"prongsai.W002", "prongsai.W003"}
