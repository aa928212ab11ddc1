"""Writing the audit trail. Every service that changes state calls ``audit_log``."""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils.translation import pgettext_lazy

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
    public: bool = True,
) -> AuditEvent:
    """Record one state change.

    ``action`` is a dotted verb such as ``membership.invite``; ``target`` is the
    object changed; ``changes`` maps field names to values, or to the
    ``{"old", "new"}`` pairs that ``diff`` makes. Values of the fields named in
    ``sensitive`` are replaced by a marker, so the trail says that they changed
    without holding them.

    ``public`` says whether the change may show on the organisation's public
    pages; then the cached copies of those pages are dropped once the
    transaction commits (:mod:`prongsai.core.pagecache`). Pass
    ``public=False`` only for a change that no public page shows to every
    visitor alike: a citizen's filing, a staff note, a confidential report, a
    request's handling that only its own citizen follows by tracking code.
    Counts in live statistics pages do not make a change public: those pages
    are never page-cached (``portal/tests/test_page_cache.py`` keeps the list
    of cached pages). When in doubt, leave it public: a stale public page is
    a bug, a dropped cache only costs one rendering.
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
    if organization is not None and public:
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
# (``ACTION_LABELS``), labels for change keys that are not fields of the
# target model (``FIELD_LABELS``: ``{"added_items": _("Items added")}`` or
# ``{("oit.checklist", "urls"): ...}``), formatters for values that need more
# than the generic reading (``VALUE_FORMATTERS``, e.g. role codes) and roles
# that may read some of its events (``AUDIT_READERS``);
# ``discover_audit_labels`` collects them from CoreConfig.ready().
ACTION_LABELS: dict[str, Any] = {}
FIELD_LABELS: dict[str | tuple[str, str], Any] = {}
VALUE_FORMATTERS: dict[tuple[str, str], Any] = {}


def value_labels(labels: dict[str, Any]):
    """A value formatter showing codes (one, or a list) by their labels."""

    def show(value: Any) -> str:
        codes = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(code, code)) for code in codes)

    return show


LINE_STATES = {
    "linked": pgettext_lazy("LINE account", "Linked"),
    "unlinked": pgettext_lazy("LINE account", "Unlinked"),
}


def register_action_labels(labels: dict[str, Any]) -> None:
    ACTION_LABELS.update(labels)


def register_field_labels(labels: dict[str | tuple[str, str], Any]) -> None:
    FIELD_LABELS.update(labels)


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
    """Collect ``ACTION_LABELS``, ``FIELD_LABELS``, ``VALUE_FORMATTERS`` and
    ``AUDIT_READERS`` from every installed app's ``audit_labels.py``."""

    for _app, labels in discover("audit_labels", "ACTION_LABELS"):
        register_action_labels(labels)
    for _app, field_labels in discover("audit_labels", "FIELD_LABELS"):
        register_field_labels(field_labels)
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
    """The model field ``name`` of the target's model, else of another model
    of the same app (change keys often name a related record's field)."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return None
    for other in (model, *model._meta.app_config.get_models()):
        try:
            field = other._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(field, "verbose_name", None):
            return field
    return None


def field_label(object_type: str, name: str) -> str:
    """The translated label of a change key: the registry's, else the model
    field's verbose name, else the key itself."""
    label = FIELD_LABELS.get((object_type, name))
    field = _field(object_type, name) if label is None else None
    if label is None and field is not None and getattr(field, "verbose_name", None):
        label = field.verbose_name
    if label is None:
        label = FIELD_LABELS.get(name, name)
    text = str(label)
    return text[:1].upper() + text[1:]


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def format_audit_value(value: Any, *, choices: dict | None = None, labels=None) -> str:
    """One stored value as a Thai reader expects it: ใช่/ไม่ใช่, Buddhist-era
    dates, choice labels, nested keys by their labels."""
    from django.utils.translation import gettext, pgettext

    from . import thai_dates

    choices = choices or {}

    def show(v: Any) -> str:
        if v in (None, "", [], {}):
            return gettext("(empty)")
        if isinstance(v, bool):
            return pgettext("yes or no", "Yes") if v else pgettext("yes or no", "No")
        if v == REDACTED:
            return gettext("(hidden)")
        if isinstance(v, dict):
            return ", ".join(
                f"{labels(k) if labels else k}: {show(x)}" for k, x in v.items()
            )
        if isinstance(v, list):
            return ", ".join(show(x) for x in v)
        if isinstance(v, str | int) and v in choices:
            return str(choices[v])
        if isinstance(v, str) and ISO_DATE.match(v):
            try:
                return thai_dates.format_date(datetime.date.fromisoformat(v), "medium")
            except ValueError:
                return v
        if isinstance(v, str) and ISO_DATETIME.match(v):
            try:
                moment = datetime.datetime.fromisoformat(v)
            except ValueError:
                return v
            return thai_dates.format_datetime(moment, "medium")
        return str(v)

    return show(value)


def change_rows(event: AuditEvent) -> list[tuple[str, str]]:
    """``(field label, "old → new" or value)`` for each change, for display."""
    rows = []

    def label_of(key: Any) -> str:
        return field_label(event.object_type, str(key))

    def field_names(value: Any) -> str:
        names = value if isinstance(value, list) else [value]
        return ", ".join(label_of(n) for n in names)

    for name, value in (event.changes or {}).items():
        field = _field(event.object_type, name)
        formatter = VALUE_FORMATTERS.get((event.object_type, name))
        if formatter is None and name == "fields" and isinstance(value, list):
            formatter = field_names  # the names of the fields an admin changed
        choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}

        def show(v, formatter=formatter, choices=choices):
            if formatter is not None and v not in (None, "", [], {}):
                return str(formatter(v))
            return format_audit_value(v, choices=choices, labels=label_of)

        if is_change(value):
            text = f"{show(value['old'])} → {show(value['new'])}"
        else:
            text = show(value)
        rows.append((label_of(name), text))
    return rows


ISO_DATE_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def object_text(event: AuditEvent) -> str:
    """The record's name as stored, with ISO dates (``str()`` of a date in a
    model's ``__str__``) shown as Buddhist-era dates."""
    from . import thai_dates

    def thai(match: re.Match) -> str:
        try:
            day = datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return match.group(0)
        return thai_dates.format_date(day, "medium")

    return ISO_DATE_IN_TEXT.sub(thai, event.object_repr or "")
