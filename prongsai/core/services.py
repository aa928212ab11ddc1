"""The one way a service changes a record's fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from prongsai.core.audit import diff, snapshot


class _Unset:
    """The default of an update's argument: leave that field as it is."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""Default of a partial update's keyword arguments: "not given, keep the field"."""


def given(**arguments: Any) -> dict[str, Any]:
    """The arguments the caller gave (not ``UNSET``), for ``model_update``."""
    return {name: value for name, value in arguments.items() if value is not UNSET}


def model_update(
    instance: models.Model,
    data: Mapping[str, Any],
    fields: Iterable[str],
    *,
    clean: bool = True,
) -> dict[str, dict[str, Any]]:
    """Set *fields* of *instance* from *data*, validate, save and return the diff.

    Only the names in *fields* that *data* carries are touched. The result is
    ``{field: {"old": ..., "new": ...}}`` for each field that changed, in the
    plain form ``audit_log(changes=...)`` keeps (``core.audit.diff``). Nothing
    is saved when nothing changed. ``full_clean()`` runs first unless
    ``clean=False`` (the caller validated already); its ``ValidationError``
    leaves the row unchanged in the database.
    """
    names = [name for name in fields if name in data]
    before = snapshot(instance, names)
    for name in names:
        setattr(instance, name, data[name])
    changes = diff(before, snapshot(instance, names))
    if not changes:
        return changes
    if clean:
        instance.full_clean()
    update_fields = list(changes)
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    return changes
