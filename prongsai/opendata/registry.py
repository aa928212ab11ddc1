"""The registry through which other apps publish datasets in the catalogue.

An app that owns data (procurement, e-services, complaints, ...) describes one
kind of dataset as a :class:`DatasetProvider` and lists it in ``DATASETS`` in
its ``datasets.py``, which ``OpendataConfig.ready()`` discovers
(:func:`discover_datasets`). The catalogue creates one dataset per organisation,
provider and fiscal year that has data (``services.dataset_sync``) and serves
the rows the provider yields as CSV, XLSX and JSON. Providers must return only
data that may be published: the catalogue does not filter columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.functional import Promise

from prongsai.core.plugins import discover

FIELD_TYPES = ("text", "integer", "number", "date")
"""Column types a provider may declare."""


class RegistryError(ValueError):
    """A provider is malformed or its key is already taken."""


@dataclass(frozen=True)
class DatasetProvider:
    """One kind of dataset, published once per organisation and fiscal year.

    ``fields`` lists ``(key, Thai column title, type)`` in column order; the
    type is one of :data:`FIELD_TYPES`. ``years(organization=...)`` returns
    the fiscal years (BE) with data; ``rows(organization=..., fiscal_year=...)``
    yields one dict per row keyed by field key; ``last_modified(...)`` returns
    when that year's data last changed (aware datetime), or ``None``.
    """

    key: str
    title: Promise | str
    description: Promise | str
    fields: Sequence[tuple[str, str, str]]
    years: Callable[..., list[int]]
    rows: Callable[..., Iterable[dict]]
    last_modified: Callable[..., datetime | None]
    category: str = "การเงินการคลัง"
    """Catalogue group (theme) the datasets belong to."""
    tags: Sequence[str] = field(default_factory=tuple)
    """Default keywords (คำสำคัญ) of every dataset of this provider."""
    data_type: str = "record"
    """Thai GDC data type: record, statistic, geospatial, multiple or other."""
    update_frequency: str = "month"
    """Default update frequency unit (see ``models.UpdateFrequency``)."""

    def field_keys(self) -> list[str]:
        return [key for key, _title, _type in self.fields]


_PROVIDERS: dict[str, DatasetProvider] = {}


def _check(provider: DatasetProvider) -> None:
    if not provider.key or not provider.key.replace("-", "").isalnum():
        raise RegistryError(f"provider key {provider.key!r} must be a slug")
    if provider.key != provider.key.lower():
        raise RegistryError(f"provider key {provider.key!r} must be lower case")
    if not provider.fields:
        raise RegistryError(f"provider {provider.key!r} declares no fields")
    seen = set()
    for item in provider.fields:
        if len(item) != 3:
            raise RegistryError(f"provider {provider.key!r}: bad field {item!r}")
        key, _title, kind = item
        if kind not in FIELD_TYPES:
            raise RegistryError(
                f"provider {provider.key!r}: field {key!r} has unknown type {kind!r}"
            )
        if key in seen:
            raise RegistryError(f"provider {provider.key!r}: field {key!r} twice")
        seen.add(key)


def register(provider: DatasetProvider) -> None:
    """Add a provider; registering the same object twice is harmless."""
    _check(provider)
    existing = _PROVIDERS.get(provider.key)
    if existing is not None and existing is not provider:
        raise RegistryError(f"a provider with key {provider.key!r} is registered")
    _PROVIDERS[provider.key] = provider


def discover_datasets() -> list[DatasetProvider]:
    """Register the ``DATASETS`` of every installed app's ``datasets.py``
    (called from ``OpendataConfig.ready()``); returns them."""
    found = [
        provider
        for _app, datasets in discover("datasets", "DATASETS")
        for provider in datasets
    ]
    for provider in found:
        register(provider)
    return found


def unregister(key: str) -> None:
    """Remove a provider (used by tests)."""
    _PROVIDERS.pop(key, None)


def providers() -> list[DatasetProvider]:
    """Registered providers, in key order."""
    return [_PROVIDERS[key] for key in sorted(_PROVIDERS)]


def get(key: str) -> DatasetProvider | None:
    """The provider registered under ``key``, or ``None``."""
    return _PROVIDERS.get(key)
