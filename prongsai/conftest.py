"""Fixtures shared by every app's tests."""

import os
import shutil
import socket
from pathlib import Path

import pytest

from prongsai.accounts.tests.factories import TEST_TOTP_SECRET
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

CHROMIUM = os.environ.get("PRONGSAI_CHROMIUM", "/usr/bin/chromium")
# CI sets this so that a missing browser, Redis or PostgreSQL fails instead of
# silently skipping the tests that need them.
STRICT = os.environ.get("PRONGSAI_STRICT_TEST_SERVICES") == "1"


# The second run of the suite in CI (on PostgreSQL) runs only the tests that
# touch the database: the others (parsers, documents, pure functions) do the
# same on any database and already ran in the first (SQLite) run.
DATABASE_TESTS_ONLY = os.environ.get("PRONGSAI_DATABASE_TESTS_ONLY") == "1"
_DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def pytest_collection_modifyitems(config, items):
    if not DATABASE_TESTS_ONLY:
        return
    keep, drop = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or bool(
            _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        (keep if uses_database else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def skip_or_fail(reason: str):
    if STRICT:
        pytest.fail(reason + " (PRONGSAI_STRICT_TEST_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    """Settings as deployed behind one nginx (docs/deploy.md §6).

    Requests then come from REMOTE_ADDR 127.0.0.1 with the visitor's address
    as the last X-Forwarded-For entry; see ``via_proxy``.
    """
    settings.PRONGSAI_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    return settings


def via_proxy(address: str, *, spoofed: str = "") -> dict:
    """Request META for a visitor at ``address`` as nginx passes it on."""
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def latest_migrations():
    """Leave the schema at the latest migrations after a data-migration test."""
    from prongsai.core.testing import migrate_to_latest

    yield
    migrate_to_latest()


@pytest.fixture
def organization(db):
    return OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(slug="nongbua", name="เทศบาลตำบลหนองบัว")


@pytest.fixture
def admin_membership(organization):
    from prongsai.accounts.tests.factories import UserFactory

    user = UserFactory(email="admin@bandong.example", full_name="สมชาย ใจดี", totp=True)
    return MembershipFactory(
        organization=organization, user=user, roles=[Role.ORG_ADMIN.value]
    )


@pytest.fixture
def admin_user(admin_membership):
    return admin_membership.user


@pytest.fixture
def staff_membership(organization):
    return MembershipFactory(organization=organization, roles=[Role.STAFF.value])


def totp_now(secret: str = TEST_TOTP_SECRET) -> str:
    """The current one-time code for ``secret`` (as an authenticator app shows).

    Waits out the last seconds of a 30-second window so that the code is still
    current when a slow test submits it.
    """
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _chromium_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return (
            f"Chromium not found at {CHROMIUM}: install it (apt-get install -y "
            "chromium) to run browser tests"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _chromium_missing_reason()
    if reason:
        skip_or_fail(reason)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-gpu",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(*, width=1280, height=900, locale="th-TH", bypass_csp=False):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale=locale,
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_available():
    from urllib.parse import urlparse

    parsed = urlparse(redis_url())
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), 1):
            pass
    except OSError:
        skip_or_fail(f"Redis is not reachable at {redis_url()}: start redis-server")
    return redis_url()


def browser_login(page, user, base_url: str) -> None:
    """Sign ``user`` in to the browser page by handing it a server-side session."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


@pytest.fixture
def postgres_only(db):
    """Skip unless the suite runs on PostgreSQL (CI runs it on both databases)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: run with TEST_DATABASE_URL=postgres://... "
            f"(the suite is running on {connection.vendor})"
        )
