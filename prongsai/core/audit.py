"""Writing the audit trail. Every service that changes state calls ``audit_log``."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from . import pagecache
from .models import AuditEvent
from .plugins import discover

REDACTED = "[redacted]"


def _plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold and a person can read."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "name"):  # files
        return getattr(value, "name", "") or ""
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Return the current values of ``fields`` on ``obj`` in plain form."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return ``{field: {"old": ..., "new": ...}}`` for the fields that changed."""
    return {
        key: {"old": before.get(key), "new": value}
        for key, value in after.items()
        if before.get(key) != value
    }


def is_change(value: Any) -> bool:
    """Whether a stored value is an old/new pair made by ``diff``."""
    return isinstance(value, dict) and set(value) == {"old", "new"}


def audit_log(
    *,
    actor,
    organization,
    action: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    sensitive: Iterable[str] = (),
) -> AuditEvent:
    """Record one state change.

    ``action`` is a dotted verb such as ``membership.invite``; ``target`` is the
    object changed; ``changes`` maps field names to values, or to the
    ``{"old", "new"}`` pairs that ``diff`` makes. Values of the fields named in
    ``sensitive`` are replaced by a marker, so the trail says that they changed
    without holding them.
    """
    payload = {k: _plain(v) for k, v in (changes or {}).items()}
    for key in sensitive:
        if key in payload:
            payload[key] = (
                {"old": REDACTED, "new": REDACTED}
                if is_change(payload[key])
                else REDACTED
            )
    user = actor if getattr(actor, "is_authenticated", False) else None
    if organization is not None:
        # Cached public pages of the organisation are stale once this commits.
        slug = organization.slug
        transaction.on_commit(lambda: pagecache.organization_changed(slug))
    return AuditEvent.objects.create(
        organization=organization,
        actor=user,
        actor_name=(user.display_name if user else "")[:200],
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_repr=(str(target) if target is not None else "")[:300],
        changes=payload,
    )


# --- Presenting the trail ---------------------------------------------------------
# Each app's ``audit_labels.py`` declares human labels for its actions
# (``ACTION_LABELS``) and, when needed, formatters for values that need more
# than ``str`` (``VALUE_FORMATTERS``, e.g. role codes) and roles that may read
# some of its events (``AUDIT_READERS``); ``discover_audit_labels`` collects
# them from CoreConfig.ready().
ACTION_LABELS: dict[str, Any] = {}
VALUE_FORMATTERS: dict[tuple[str, str], Any] = {}


def register_action_labels(labels: dict[str, Any]) -> None:
    ACTION_LABELS.update(labels)


def register_value_formatter(object_type: str, field: str, formatter) -> None:
    VALUE_FORMATTERS[(object_type, field)] = formatter


# Roles that see part of the trail without administering the organisation:
# ``{role: {action, ...}}``. The complaints app lets integrity officers and
# executives see who opened the confidential reports.
AUDIT_READERS: dict[str, set[str]] = {}


def register_audit_readers(*, roles: Iterable[str], actions: Iterable[str]) -> None:
    """Let members with one of ``roles`` read the events of ``actions``."""
    for role in roles:
        AUDIT_READERS.setdefault(str(role), set()).update(actions)


def audit_actions_for_roles(roles: Iterable[str]) -> set[str]:
    """The actions whose events members holding ``roles`` may read."""
    allowed: set[str] = set()
    for role in roles:
        allowed |= AUDIT_READERS.get(role, set())
    return allowed


def discover_audit_labels() -> None:
    """Collect ``ACTION_LABELS``, ``VALUE_FORMATTERS`` and ``AUDIT_READERS``
    from every installed app's ``audit_labels.py``."""

    for _app, labels in discover("audit_labels", "ACTION_LABELS"):
        register_action_labels(labels)
    for _app, formatters in discover("audit_labels", "VALUE_FORMATTERS"):
        for (object_type, field), formatter in formatters.items():
            register_value_formatter(object_type, field, formatter)
    for _app, readers in discover("audit_labels", "AUDIT_READERS"):
        for roles, actions in readers:
            register_audit_readers(roles=roles, actions=actions)


def action_label(action: str) -> str:
    """The translated label of an action code, or the code itself."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def _field(object_type: str, name: str):
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(object_type)
        return model._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def change_rows(event: AuditEvent) -> list[tuple[str, str]]:
    """``(field label, "old → new" or value)`` for each change, for display."""
    from django.utils.translation import gettext

    rows = []
    for name, value in (event.changes or {}).items():
        field = _field(event.object_type, name)
        label = str(field.verbose_name) if field is not None else name
        formatter = VALUE_FORMATTERS.get((event.object_type, name))
        choices = dict(field.flatchoices) if field is not None and field.choices else {}

        def show(v, formatter=formatter, choices=choices):
            if v in (None, "", [], {}):
                return gettext("(empty)")
            if formatter is not None:
                return formatter(v)
            if isinstance(v, dict):
                return ", ".join(f"{k}: {show(x)}" for k, x in v.items())
            if isinstance(v, list):
                return ", ".join(
                    show(x) if isinstance(x, dict | list) else str(choices.get(x, x))
                    for x in v
                )
            return str(choices.get(v, v))

        if is_change(value):
            text = f"{show(value['old'])} → {show(value['new'])}"
        else:
            text = show(value)
        rows.append((label[:1].upper() + label[1:], text))
    return rows
