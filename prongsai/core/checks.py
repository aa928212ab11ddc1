"""System checks of the platform's own settings (run by ``check --deploy``)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


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
