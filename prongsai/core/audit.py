"""Writing the audit trail. Every service that changes state calls ``audit_log``."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditEvent

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


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return ``{field: [old, new]}`` for the fields whose value changed."""
    return {
        key: [before.get(key), value]
        for key, value in after.items()
        if before.get(key) != value
    }


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
    object changed. Values of the fields named in ``sensitive`` are replaced by a
    marker, so the trail says that they changed without holding them.
    """
    payload = {k: _plain(v) for k, v in (changes or {}).items()}
    for key in sensitive:
        if key in payload:
            payload[key] = REDACTED
    user = actor if getattr(actor, "is_authenticated", False) else None
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
