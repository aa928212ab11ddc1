"""A cache server that is down degrades the site to "no cache", never to errors."""

import logging

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from config.settings.base import ACCOUNT_RATE_LIMITS
from prongsai.accounts.tests.factories import TEST_PASSWORD
from prongsai.complaints import services_confidential as complaint_confidential
from prongsai.conftest import totp_now
from prongsai.core import cache as cache_module
from prongsai.core.ratelimit import FailureLimit
from prongsai.core.tests.outage import (
    RAISING_CACHES,
    closed_port,
    failsafe_caches,
    redis_closed_caches,
)
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _fresh_outage_state():
    cache_module._outages.clear()
    yield
    cache_module._outages.clear()


@pytest.fixture
def rate_limits(settings):
    """allauth's rate limits as in production (the test settings turn them off)."""
    settings.ACCOUNT_RATE_LIMITS = ACCOUNT_RATE_LIMITS


@pytest.fixture
def data_officer(organization):
    return MembershipFactory(organization=organization, roles=[Role.DATA_OFFICER]).user


def _login(client, email, password=TEST_PASSWORD):
    return client.post(
        LOGIN, {"login": email, "password": password}, REMOTE_ADDR="10.0.0.7"
    )


def _cache_warnings(caplog):
    return [r for r in caplog.records if r.name == "prongsai.core.cache"]


class TestFailSafeCache:
    @override_settings(CACHES=RAISING_CACHES)
    def test_answers_like_no_cache_while_the_server_is_down(self):
        """Reads miss, add succeeds, writes vanish, incr finds no key."""
        assert cache.get("k", "default") == "default"
        assert cache.add("k", 1) is True
        cache.set("k", 1)
        assert cache.get_many(["k"]) == {}
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        with pytest.raises(ValueError):
            cache.incr("k")
        assert cache.get_or_set("k", 5) == 5
        assert cache.is_down is True

    @override_settings(CACHES=RAISING_CACHES)
    def test_one_warning_a_minute_without_personal_data(self, caplog):
        caplog.set_level(logging.WARNING)
        for _ in range(20):
            cache.get("ratelimit:x:10.0.0.7")
        (record,) = _cache_warnings(caplog)
        assert "ConnectionRefusedError" in record.getMessage()
        assert "10.0.0.7" not in record.getMessage()

    @override_settings(CACHES=RAISING_CACHES)
    def test_warns_again_after_a_minute(self, caplog, monkeypatch):
        caplog.set_level(logging.WARNING)
        cache.get("k")
        outage = next(iter(cache_module._outages.values()))
        outage.warned_at -= cache_module.WARN_EVERY_SECONDS
        outage.retry_at = 0  # try the server again at once
        cache.get("k")
        assert len(_cache_warnings(caplog)) == 2

    @override_settings(
        CACHES=failsafe_caches(
            "django.core.cache.backends.locmem.LocMemCache", "failsafe-test"
        )
    )
    def test_a_working_server_is_used(self):
        assert cache.add("k", 1) is True
        assert cache.add("k", 2) is False
        assert cache.incr("k") == 2
        assert cache.get("k") == 2
        assert cache.ping() is True
        assert cache.is_down is False

    def test_django_redis_on_a_closed_port_is_no_cache(self):
        with override_settings(CACHES=redis_closed_caches()):
            assert cache.add("lock", True) is True
            assert cache.get("k") is None
            assert cache.ping() is False


@override_settings(CACHES=RAISING_CACHES)
def test_code_guessing_limit_fails_open_and_logs(caplog):
    """Counters cannot be kept: the limit lets attempts through and says so."""
    caplog.set_level(logging.WARNING)
    limit = FailureLimit("test", limit=2)
    for _ in range(5):
        limit.failed("scope")
    assert limit.exhausted("scope") is False
    assert len(_cache_warnings(caplog)) == 1


@override_settings(CACHES=RAISING_CACHES)
def test_receipt_lookup_works_after_many_wrong_codes(client, organization, caplog):
    """The per-organisation guessing cap fails open while the cache is down."""
    from prongsai.complaints import views_public as views

    caplog.set_level(logging.WARNING)
    _case, code = complaint_confidential.confidential_submit(
        organization=organization, description="x"
    )
    url = f"/{organization.slug}/complaints/report/follow-up/"
    for n in range(views.RECEIPT_FAILURES_PER_MINUTE + 1):
        client.post(url, {"receipt_code": f"{n:016d}"})
    response = client.post(url, {"receipt_code": code})
    assert 'id="case-status"' in response.content.decode()
    assert _cache_warnings(caplog)


class TestSignIn:
    @override_settings(CACHES=RAISING_CACHES)
    def test_right_password_signs_in(self, client, data_officer, rate_limits, caplog):
        caplog.set_level(logging.WARNING)
        response = _login(client, data_officer.email)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(data_officer.pk)
        assert _cache_warnings(caplog)

    def test_right_password_signs_in_with_redis_on_a_closed_port(
        self, client, data_officer, rate_limits
    ):
        with override_settings(CACHES=redis_closed_caches()):
            response = _login(client, data_officer.email)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(data_officer.pk)

    @override_settings(CACHES=RAISING_CACHES)
    def test_two_step_sign_in_works(self, client, admin_user, rate_limits):
        """allauth marks a used TOTP code with ``cache.add``: it must succeed."""
        assert _login(client, admin_user.email).status_code == 302
        response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(admin_user.pk)

    @override_settings(CACHES=RAISING_CACHES)
    def test_wrong_password_is_refused_not_rate_limited(
        self, client, data_officer, rate_limits
    ):
        response = _login(client, data_officer.email, password="wrong-password")
        assert response.status_code == 200
        assert "ไม่ถูกต้อง" in response.content.decode()

    def test_why_ignore_exceptions_was_not_enough(
        self, client, data_officer, rate_limits
    ):
        """django-redis's IGNORE_EXCEPTIONS makes ``add`` answer None, which
        allauth's rate-limit lock reads as held: every sign-in got a 429."""
        caches = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed_port()}/11",
                "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
            }
        }
        with override_settings(CACHES=caches):
            assert cache.add("lock", True) is None
            response = _login(client, data_officer.email)
        assert response.status_code == 429


class TestPublicPages:
    def test_page_cache_serves_fresh_pages(self, client, organization, settings):
        settings.PUBLIC_PAGE_CACHE_SECONDS = 60
        with override_settings(CACHES=RAISING_CACHES):
            for _ in range(2):
                response = client.get(organization.get_absolute_url())
                assert response.status_code == 200
                assert response["X-Page-Cache"] == "miss"

    def test_own_host_name_is_looked_up_in_the_database(
        self, client, organization, django_capture_on_commit_callbacks
    ):
        from prongsai.organizations.tests.factories import verified_host_name

        with override_settings(CACHES=RAISING_CACHES):
            with django_capture_on_commit_callbacks(execute=True):
                verified_host_name(organization, "www.bandong.go.th")
            response = client.get("/", HTTP_HOST="www.bandong.go.th")
        assert response.status_code == 200
        assert response.context["organization"] == organization
