"""The registry through which apps make their public records searchable.

An app that publishes records describes each kind in its own ``search.py``
(found by ``autodiscover_modules("search")`` when Django starts)::

    register(Kind(key="news", label=_("News"), model=NewsItem,
                  document=news_document, queryset=NewsItem.objects.all))

``document(record)`` returns the :class:`Document` the public may see, or
``None`` when the record is not public (a draft, withdrawn, hidden); the index
then drops it. ``queryset()`` gives every record that may be indexed, for
``prongsai rebuild_search_index``. The search app never imports the apps.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.functional import Promise


class RegistryError(ValueError):
    """A kind is malformed or its key is already taken."""


@dataclass(frozen=True)
class Document:
    """What the index keeps of one public record."""

    title: str
    text: str
    url: str
    date: datetime.datetime | datetime.date | None = None
    # A scheduled record is found only from this time on.
    public_from: datetime.datetime | None = None


@dataclass(frozen=True)
class Kind:
    """One kind of public record (news, procurement, e-service, ...)."""

    key: str
    label: Promise | str
    model: type[models.Model]
    document: Callable[[models.Model], Document | None]
    queryset: Callable[[], models.QuerySet]
    # Position of the kind's filter chip on the search page.
    order: int = 100


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind; registering the same kind again is a no-op."""
    if not kind.key or len(kind.key) > 40:
        raise RegistryError(f"bad kind key: {kind.key!r}")
    existing = _KINDS.get(kind.key)
    if existing is not None and existing.model is not kind.model:
        raise RegistryError(f"kind {kind.key!r} is already registered")
    _KINDS[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    """Remove a kind (tests)."""
    _KINDS.pop(key, None)


def kinds() -> list[Kind]:
    """Every registered kind, in chip order."""
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.key))


def get(key: str) -> Kind | None:
    return _KINDS.get(key)


def kinds_of(model: type[models.Model]) -> list[Kind]:
    """The kinds a model's rows are indexed as."""
    return [kind for kind in _KINDS.values() if kind.model is model]


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .services import entry_refresh

    for kind in kinds_of(sender):
        entry_refresh(kind=kind, instance=instance)


def _deleted(sender, instance, **kwargs):
    from .services import entry_remove

    for kind in kinds_of(sender):
        entry_remove(kind=kind, instance=instance)


def connect_signals() -> None:
    """Keep the index current: every save or delete of a registered model."""
    for model in {kind.model for kind in _KINDS.values()}:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-{model._meta}")
        post_delete.connect(
            _deleted, sender=model, dispatch_uid=f"search-del-{model._meta}"
        )
