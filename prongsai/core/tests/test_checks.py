"""The deploy check for proxy settings and the visitor's address."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.core import checks

from prongsai.core.checks import check_trusted_proxies

BEHIND_PROXY = ("HTTP_X_FORWARDED_PROTO", "https")


def _ids(settings):
    return sorted(message.id for message in check_trusted_proxies(None))


def _consistent(settings, *, proxies, behind):
    settings.SECURE_PROXY_SSL_HEADER = BEHIND_PROXY if behind else None
    settings.PRONGSAI_TRUSTED_PROXY_COUNT = proxies
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies


def test_is_a_deploy_check():
    registry = checks.registry.registry
    assert check_trusted_proxies in registry.get_checks(include_deployment_checks=True)
    assert check_trusted_proxies not in registry.get_checks()


def test_consistent_settings_pass(settings):
    _consistent(settings, proxies=0, behind=False)
    assert _ids(settings) == []
    _consistent(settings, proxies=1, behind=True)
    assert _ids(settings) == []
    _consistent(settings, proxies=2, behind=True)
    assert _ids(settings) == []


def test_behind_the_tls_proxy_without_a_count_fails(settings):
    _consistent(settings, proxies=0, behind=True)
    assert _ids(settings) == ["prongsai.W101"]


def test_a_count_without_a_proxy_fails(settings):
    _consistent(settings, proxies=1, behind=False)
    assert _ids(settings) == ["prongsai.W102"]


def test_a_negative_count_fails(settings):
    _consistent(settings, proxies=-1, behind=True)
    assert _ids(settings) == ["prongsai.E101"]


def test_allauth_counting_differently_fails(settings):
    _consistent(settings, proxies=1, behind=True)
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert _ids(settings) == ["prongsai.E102"]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert "prongsai.E102" in _ids(settings)


def test_axes_reading_another_address_fails(settings):
    _consistent(settings, proxies=1, behind=True)
    settings.AXES_CLIENT_IP_CALLABLE = None  # axes falls back to REMOTE_ADDR
    messages = check_trusted_proxies(None)
    assert [m.id for m in messages] == ["prongsai.E103"]
    assert messages[0].msg.startswith("axes reads")


def test_allauth_adapter_reading_another_address_fails(settings):
    _consistent(settings, proxies=1, behind=True)
    settings.ACCOUNT_ADAPTER = "allauth.account.adapter.DefaultAccountAdapter"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # allauth's own reading agrees when counts agree ...
    assert _ids(settings) == []
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    # ... and not when they differ.
    assert _ids(settings) == ["prongsai.E102", "prongsai.E103"]


def _deploy_check(**extra):
    env = {
        **{name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ},
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "prongsai.example.go.th",
        "DATABASE_URL": "sqlite:///:memory:",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        **extra,
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_deploy_check_fails_until_the_proxies_are_counted():
    """As in docs/deploy.md and .ci/run: nginx in front, production settings."""
    ours = ("prongsai.W10", "prongsai.E10", "Traceback")
    uncounted = _deploy_check()
    assert uncounted.returncode != 0
    assert "prongsai.W101" in uncounted.stderr
    for counted in (
        _deploy_check(PRONGSAI_TRUSTED_PROXY_COUNT="1"),
        _deploy_check(AXES_PROXY_COUNT="1"),  # the old name
    ):
        output = counted.stdout + counted.stderr
        assert not any(marker in output for marker in ours), output
