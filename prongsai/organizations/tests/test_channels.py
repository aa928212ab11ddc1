"""The organisation's LINE and Facebook channels: page, service, migration, client."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.urls import reverse

from prongsai.complaints.tests.test_webhooks import body_of, line_event, post_line, text
from prongsai.core.fields import PREFIX, encrypt
from prongsai.core.models import AuditEvent
from prongsai.organizations import channels
from prongsai.organizations.models import ChannelSettings
from prongsai.organizations.roles import Role
from prongsai.organizations.services_channels import channel_settings_update
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.organizations.tests.line_edge import LineEdge

SECRETS = {
    "line_channel_secret": "line-secret-0123456789",
    "line_access_token": "line-token-0123456789",
    "facebook_app_secret": "fb-app-secret-0123456789",
    "facebook_page_token": "fb-page-token-0123456789",
    "facebook_verify_token": "fb-verify-0123456789",
    "line_login_channel_secret": "login-secret-0123456789",
}


def _url(organization) -> str:
    return reverse(
        "organizations-staff:channel-settings", kwargs={"org": organization.slug}
    )


@pytest.mark.django_db
class TestChannelSettingsPage:
    def test_admin_saves_every_secret_and_never_sees_them_again(
        self, client, organization, admin_user
    ):
        client.force_login(admin_user)
        response = client.post(
            _url(organization), {**SECRETS, "line_login_channel_id": "1657000000"}
        )
        assert response.status_code == 302
        row = ChannelSettings.objects.get(organization=organization)
        for name, value in SECRETS.items():
            assert getattr(row, name) == value, name
        assert row.line_configured and row.facebook_configured
        assert row.line_login_configured
        page = client.get(_url(organization)).content.decode()
        for value in SECRETS.values():
            assert value not in page
        assert reverse("line-webhook", kwargs={"org": organization.slug}) in page
        assert reverse("facebook-webhook", kwargs={"org": organization.slug}) in page
        assert f"/{organization.slug}/eservices/line/callback/" in page
        event = AuditEvent.objects.get(action="channel_settings.update")
        assert set(event.changes) >= set(SECRETS)
        for value in SECRETS.values():
            assert value not in str(event.changes)

    def test_empty_keeps_and_the_tick_removes_a_stored_secret(
        self, client, organization, admin_user
    ):
        channel_settings_update(actor=None, organization=organization, **SECRETS)
        client.force_login(admin_user)
        client.post(_url(organization), {"clear": ["facebook_page_token"]})
        row = ChannelSettings.objects.get(organization=organization)
        assert row.facebook_page_token == ""
        assert row.line_access_token == SECRETS["line_access_token"]
        assert row.facebook_app_secret == SECRETS["facebook_app_secret"]

    def test_bad_channel_id_is_a_thai_form_error(
        self, client, organization, admin_user
    ):
        client.force_login(admin_user)
        response = client.post(_url(organization), {"line_login_channel_id": "12ab"})
        assert response.status_code == 200
        assert "ตัวเลข" in response.content.decode()
        assert not ChannelSettings.objects.filter(
            organization=organization, line_login_channel_id="12ab"
        ).exists()

    def test_login_secret_without_channel_id_is_refused(
        self, client, organization, admin_user
    ):
        client.force_login(admin_user)
        response = client.post(
            _url(organization),
            {"line_login_channel_secret": SECRETS["line_login_channel_secret"]},
        )
        assert response.status_code == 200
        assert "พร้อมกับ Channel secret" in response.content.decode()
        assert (
            not ChannelSettings.objects.filter(organization=organization)
            .exclude(line_login_channel_secret="")
            .exists()
        )

    @pytest.mark.parametrize(
        "role",
        [
            Role.STAFF,
            Role.INTEGRITY_OFFICER,
            Role.EXECUTIVE,
            Role.SERVICE_OFFICER,
            Role.COMPLAINT_OFFICER,
        ],
    )
    def test_other_roles_are_refused(self, client, organization, role):
        from prongsai.accounts.tests.factories import UserFactory

        user = MembershipFactory(
            organization=organization, user=UserFactory(totp=True), roles=[role.value]
        ).user
        client.force_login(user)
        assert client.get(_url(organization)).status_code == 403
        response = client.post(_url(organization), SECRETS)
        assert response.status_code == 403
        assert not ChannelSettings.objects.filter(organization=organization).exists()

    def test_another_organisations_page_is_404(
        self, client, organization, other_organization, admin_user
    ):
        client.force_login(admin_user)
        assert client.get(_url(other_organization)).status_code == 404
        client.post(_url(other_organization), SECRETS)
        assert not ChannelSettings.objects.exists()

    def test_the_complaint_settings_no_longer_take_secrets(
        self, client, organization, admin_user
    ):
        client.force_login(admin_user)
        url = reverse("complaints-staff:settings", kwargs={"org": organization.slug})
        page = client.get(url).content.decode()
        assert 'name="line_channel_secret"' not in page
        assert _url(organization) in page


@pytest.mark.django_db
class TestWebhooksAndPushesThroughTheOneClient:
    def test_line_webhook_needs_only_the_organisations_channel(
        self, client, organization, monkeypatch
    ):
        from prongsai.complaints.models import ComplaintSettings, InboundEvent

        channel_settings_update(
            actor=None,
            organization=organization,
            line_channel_secret="s3cret",
            line_access_token="t0ken",
        )
        assert not ComplaintSettings.objects.exists()
        monkeypatch.setattr(channels, "_open", LineEdge())
        body = body_of(line_event("01HCHANNELS00000000000001", text("ไฟดับ")))
        assert post_line(client, organization, body, secret="wrong").status_code == 403
        assert post_line(client, organization, body, secret="s3cret").status_code == 200
        assert InboundEvent.objects.filter(organization=organization).count() == 1

    def test_removing_the_secret_closes_the_webhook(self, client, organization):
        channel_settings_update(
            actor=None, organization=organization, line_channel_secret="s3cret"
        )
        channel_settings_update(
            actor=None, organization=organization, clear=["line_channel_secret"]
        )
        body = body_of(line_event("01HCHANNELS00000000000002", text("ไฟดับ")))
        assert post_line(client, organization, body, secret="s3cret").status_code == 404


# --- The data migration ---------------------------------------------------------------
COMPLAINTS_COPY = "0007_copy_channel_secrets_to_organizations"
ESERVICES_COPY = "0009_copy_line_login_to_organizations"


def _raw(table: str, column: str, organization_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE organization_id = %s",  # noqa: S608
            [organization_id],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def before_the_move(transactional_db):
    """The schema with the old columns back; the latest schema again afterwards."""
    from django.db.migrations.executor import MigrationExecutor

    from prongsai.core.testing import migration_targets

    targets = migration_targets(
        ("complaints", COMPLAINTS_COPY), ("eservices", ESERVICES_COPY)
    )
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    yield executor.loader.project_state(targets).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migration(app: str, name: str):
    return importlib.import_module(f"prongsai.{app}.migrations.{name}")


@pytest.mark.django_db(transaction=True)
def test_migration_copies_every_stored_secret_unchanged(before_the_move, settings):
    from prongsai.organizations.tests.factories import OrganizationFactory

    old_apps = before_the_move
    organization = OrganizationFactory()
    only_login = OrganizationFactory()
    ComplaintSettings = old_apps.get_model("complaints", "ComplaintSettings")
    EServiceSettings = old_apps.get_model("eservices", "EServiceSettings")
    ComplaintSettings.objects.create(
        organization_id=organization.pk,
        receipt_salt="salt",
        **{k: v for k, v in SECRETS.items() if not k.startswith("line_login")},
    )
    EServiceSettings.objects.create(
        organization_id=organization.pk,
        line_login_channel_id="1657000000",
        line_login_channel_secret=SECRETS["line_login_channel_secret"],
    )
    # A secret no current key opens (stored under an old key) is kept as it is.
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = ["an-old-key-" + "o" * 40]
    lost = encrypt("login-secret-under-an-old-key")
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = ["the-current-key-" + "c" * 40]
    EServiceSettings.objects.create(organization_id=only_login.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE eservices_eservicesettings SET line_login_channel_id = %s, "
            "line_login_channel_secret = %s WHERE organization_id = %s",
            ["1657000001", lost, only_login.pk],
        )
    stored = {
        name: _raw("complaints_complaintsettings", name, organization.pk)
        for name in SECRETS
        if not name.startswith("line_login")
    }
    stored["line_login_channel_secret"] = _raw(
        "eservices_eservicesettings", "line_login_channel_secret", organization.pk
    )

    _migration("complaints", COMPLAINTS_COPY).copy_to_organizations(old_apps, None)
    _migration("eservices", ESERVICES_COPY).copy_to_organizations(old_apps, None)

    for name, value in stored.items():
        assert value.startswith(PREFIX)
        copied = _raw("organizations_channelsettings", name, organization.pk)
        assert copied == value, name  # the very same ciphertext
    assert (
        _raw(
            "organizations_channelsettings", "line_login_channel_secret", only_login.pk
        )
        == lost
    )
    # The reverse copies them back as they are.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE complaints_complaintsettings SET line_access_token = ''")
    _migration("complaints", COMPLAINTS_COPY).copy_back(old_apps, None)
    assert (
        _raw("complaints_complaintsettings", "line_access_token", organization.pk)
        == stored["line_access_token"]
    )
    # After the whole migration the secrets read back equal, with the same keys.
    settings.PRONGSAI_FIELD_ENCRYPTION_KEYS = [
        "the-current-key-" + "c" * 40,
        "an-old-key-" + "o" * 40,
    ]
    row = ChannelSettings.objects.get(organization=organization)
    for name, value in SECRETS.items():
        assert getattr(row, name) == value, name
    assert row.line_login_channel_id == "1657000000"
    other = ChannelSettings.objects.get(organization=only_login)
    assert other.line_login_channel_secret == "login-secret-under-an-old-key"
    assert other.line_login_channel_id == "1657000001"
    assert other.line_channel_secret == ""
