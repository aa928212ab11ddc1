"""What the integrity registers' services share: saving a new record with its
audit row, changing one with its audit row, and deleting one after its audit row."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

from prongsai.core.audit import audit_log, snapshot
from prongsai.core.services import model_update

if TYPE_CHECKING:
    from prongsai.accounts.models import User

Record = TypeVar("Record", bound=models.Model)


def audited(changes: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The part of *changes* the audit trail shows (the fields named)."""
    shown = set(fields)
    return {name: change for name, change in changes.items() if name in shown}


def create_audited(
    record: Record,
    *,
    actor: User,
    action: str,
    fields: Iterable[str] = (),
    changes: dict[str, Any] | Callable[[Record], dict[str, Any]] | None = None,
) -> Record:
    """Validate and save a new *record*, then write its audit row: *changes*
    when given (a callable takes the saved record), else the snapshot of *fields*."""
    record.full_clean()
    record.save()
    if callable(changes):
        changes = changes(record)
    audit_log(
        actor=actor,
        organization=record.organization,  # type: ignore[attr-defined]  # every integrity record is owned
        action=action,
        target=record,
        changes=snapshot(record, fields) if changes is None else changes,
    )
    return record


def update_audited(
    record: models.Model,
    data: Mapping[str, Any],
    *,
    actor: User,
    action: str,
    fields: Iterable[str],
    extra: Mapping[str, Any] | None = None,
    uploaded: Iterable[str] = (),
) -> dict[str, Any]:
    """``model_update`` with every field of *data*, then the audit row of the
    changes to *fields*, then *extra*, with ``"uploaded"`` for each file named
    in *uploaded*."""
    changes = audited(model_update(record, data, list(data)), fields)
    changes.update(extra or {})
    for name in uploaded:
        changes[name] = "uploaded"
    audit_log(
        actor=actor,
        organization=record.organization,  # type: ignore[attr-defined]  # every integrity record is owned
        action=action,
        target=record,
        changes=changes,
    )
    return changes


def delete_audited(
    record: models.Model, *, actor: User, action: str, fields: Iterable[str]
) -> None:
    """Write the audit row of a deletion (the snapshot of *fields*), then delete."""
    audit_log(
        actor=actor,
        organization=record.organization,  # type: ignore[attr-defined]  # every integrity record is owned
        action=action,
        target=record,
        changes=snapshot(record, fields),
    )
    record.delete()
