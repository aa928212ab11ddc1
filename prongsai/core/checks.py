"""System checks of the platform's own settings (run by ``check --deploy``)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.test import RequestFactory

from prongsai.core.clientip import client_ip, trusted_proxy_count


@checks.register(checks.Tags.security, deploy=True)
def field_encryption_key_check(app_configs, **kwargs):
    """Production keeps stored secrets under a key of their own, not SECRET_KEY's."""
    from .fields import configured_keys

    if configured_keys():
        return []
    return [
        checks.Warning(
            "PRONGSAI_FIELD_ENCRYPTION_KEYS is empty: stored LINE/Facebook secrets "
            "are encrypted with a key derived from DJANGO_SECRET_KEY.",
            hint="Set PRONGSAI_FIELD_ENCRYPTION_KEYS to a long random string, then "
            "run 'prongsai rotate_field_encryption'.",
            id="prongsai.W001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def field_encryption_keys_distinct_check(app_configs, **kwargs):
    keys = list(getattr(settings, "PRONGSAI_FIELD_ENCRYPTION_KEYS", []) or [])
    problems = []
    if len(set(keys)) != len(keys):
        problems.append(
            checks.Warning(
                "PRONGSAI_FIELD_ENCRYPTION_KEYS lists the same key twice.",
                id="prongsai.W002",
            )
        )
    if any(key and len(key) < 32 for key in keys):
        problems.append(
            checks.Warning(
                "A key in PRONGSAI_FIELD_ENCRYPTION_KEYS is shorter than 32 "
                "characters.",
                hint='python3 -c "import secrets; print(secrets.token_urlsafe(48))"',
                id="prongsai.W003",
            )
        )
    return problems


@checks.register()
def retention_days_check(app_configs, **kwargs):
    """Every term in PRONGSAI_RETENTION_DAYS names a registered kind of data."""
    from .retention import kind_get, kinds

    configured = getattr(settings, "PRONGSAI_RETENTION_DAYS", {}) or {}
    unknown = sorted(key for key in configured if kind_get(key) is None)
    if not unknown:
        return []
    return [
        checks.Warning(
            "PRONGSAI_RETENTION_DAYS names kinds of data that no app registers: "
            + ", ".join(unknown),
            hint="Known kinds: " + ", ".join(kind.key for kind in kinds()),
            id="prongsai.W010",
        )
    ]


# --- The visitor's address behind proxies ----------------------------------------
# Behind nginx every request comes from the proxy's address; unless the number
# of trusted proxies is set, lockouts and rate limits count every visitor as
# one, and one visitor can lock staff and citizens out (docs/deploy.md §6).

PROBE_PROXY = "127.0.0.1"


def _probe_request(proxies: int):
    """A request as a proxy passes it on, with more entries than trusted."""
    forwarded = ", ".join(f"192.0.2.{n}" for n in range(1, proxies + 3))
    return RequestFactory().get(
        "/", REMOTE_ADDR=PROBE_PROXY, HTTP_X_FORWARDED_FOR=forwarded
    )


def _addresses_seen(request) -> dict[str, object]:
    """The address each consumer reads from ``request`` (or the error)."""
    from allauth.account.adapter import get_adapter
    from axes.helpers import get_client_ip_address

    seen = {}
    for name, read in (
        ("axes", get_client_ip_address),
        ("allauth", lambda r: get_adapter(r).get_client_ip(r)),
    ):
        try:
            seen[name] = read(request)
        except Exception as error:  # reported as a finding, not raised
            seen[name] = f"{type(error).__name__}: {error}"
    return seen


@checks.register(checks.Tags.security, deploy=True)
def check_trusted_proxies(app_configs, **kwargs):
    configured = getattr(settings, "PRONGSAI_TRUSTED_PROXY_COUNT", 0)
    if not isinstance(configured, int) or configured < 0:
        return [
            checks.Error(
                "PRONGSAI_TRUSTED_PROXY_COUNT must be a whole number, 0 or more.",
                id="prongsai.E101",
            )
        ]
    proxies = trusted_proxy_count()
    behind_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None
    messages: list[checks.CheckMessage] = []
    if behind_proxy and proxies == 0:
        messages.append(
            checks.Warning(
                "DJANGO_BEHIND_TLS_PROXY is on but PRONGSAI_TRUSTED_PROXY_COUNT "
                "is 0: every visitor is seen as the proxy's address, so one "
                "visitor's failed sign-ins or wrong codes lock everyone out.",
                hint="Set PRONGSAI_TRUSTED_PROXY_COUNT to the number of proxies "
                "that append to X-Forwarded-For (nginx alone: 1).",
                id="prongsai.W101",
            )
        )
    if proxies > 0 and not behind_proxy:
        messages.append(
            checks.Warning(
                f"PRONGSAI_TRUSTED_PROXY_COUNT is {proxies} but "
                "DJANGO_BEHIND_TLS_PROXY is off: without a proxy that sets "
                "X-Forwarded-For, visitors choose their own address.",
                hint="Set PRONGSAI_TRUSTED_PROXY_COUNT=0, or turn "
                "DJANGO_BEHIND_TLS_PROXY on behind the proxy.",
                id="prongsai.W102",
            )
        )
    allauth_count = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    allauth_header = getattr(settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None)
    if allauth_count != proxies or allauth_header:
        messages.append(
            checks.Error(
                f"ALLAUTH_TRUSTED_PROXY_COUNT ({allauth_count}) or "
                f"ALLAUTH_TRUSTED_CLIENT_IP_HEADER ({allauth_header!r}) does "
                f"not match PRONGSAI_TRUSTED_PROXY_COUNT ({proxies}).",
                hint="Leave them as config/settings/base.py derives them.",
                id="prongsai.E102",
            )
        )
    request = _probe_request(proxies)
    expected = client_ip(request)
    for name, seen in _addresses_seen(request).items():
        if seen != expected:
            messages.append(
                checks.Error(
                    f"{name} reads the client address as {seen!r} where "
                    f"Prongsai reads {expected!r}: lockouts and rate limits "
                    "would count different addresses.",
                    hint="axes: AXES_CLIENT_IP_CALLABLE = "
                    '"prongsai.core.clientip.client_ip"; allauth: an '
                    "ACCOUNT_ADAPTER whose get_client_ip calls client_ip.",
                    id="prongsai.E103",
                )
            )
    return messages
