import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.fixture
def migration_apps():
    """The models as a data migration sees them: plain managers, so the
    migration's deliberate reads across organisations run as they do in
    ``migrate``."""
    return MigrationExecutor(connection).loader.project_state().apps


@pytest.fixture
def edge(monkeypatch):
    """LINE and Messenger answered by a stub at the network edge."""
    from prongsai.complaints.tests.test_webhooks import NetworkEdge
    from prongsai.organizations import channels

    stub = NetworkEdge()
    monkeypatch.setattr(channels, "_open", stub)
    return stub


@pytest.fixture
def configured(organization):
    """The organisation with its LINE and Messenger channels set up."""
    from prongsai.complaints.tests import test_webhooks as hooks
    from prongsai.organizations import services_channels as org_services

    org_services.channel_settings_update(
        actor=None,
        organization=organization,
        line_channel_secret=hooks.LINE_SECRET,
        line_access_token=hooks.LINE_TOKEN,
        facebook_app_secret=hooks.FB_SECRET,
        facebook_verify_token=hooks.FB_VERIFY,
        facebook_page_token=hooks.FB_TOKEN,
    )
    return organization
