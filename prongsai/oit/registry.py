"""Evidence providers: how other apps offer generated OIT evidence.

``oit`` never imports the apps that produce evidence. Each app declares its
providers in its ``oit_evidence.py``, which ``OitConfig.ready()`` finds with
``autodiscover_modules`` (:func:`discover_providers`)::

    PROVIDERS = (
        Provider(
            key="procurement.monthly",
            label=_("Monthly procurement summary"),
            item_keys=("procurement.monthly_summary",),
            evidence=monthly_summary_evidence,
        ),
    )

A provider serves the OIT items whose stable ``key`` in the year's framework
data (``prongsai/ita/data/frameworks/fy*.yaml``) is one of its ``item_keys``,
in any year: item codes and Thai titles change between years, keys do not.
An item without a key is served by no provider.

``evidence(organization, fiscal_year)`` returns an :class:`EvidenceResult`
(or ``None`` when there is nothing to show yet). Its ``url`` is a path on
this site (``/bandong/...``) or an absolute URL; its ``checks`` say, per
requirement of the item, whether the records meet it and what is missing,
in Thai. A result whose record is missing but whose checks still say what
to do sets ``placeholder=True``: it is then never published as a link.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from prongsai.core.plugins import discover


@dataclass(frozen=True)
class RequirementCheck:
    """One requirement (by index into the item's requirements, or by text).

    ``requirement_index`` is 0-based; ``None`` marks a condition that is not
    one of the listed requirements (e.g. "covers the right fiscal year").
    """

    passed: bool
    message_th: str
    requirement_index: int | None = None
    text: str = ""


@dataclass(frozen=True)
class EvidenceResult:
    url: str
    title: str
    last_updated: datetime.datetime | datetime.date | None = None
    checks: tuple[RequirementCheck, ...] = ()
    machine_readable: bool = False
    # True when the record does not exist (yet) and ``url`` only points to
    # where it will appear (e.g. the list of plans): staff see it on the item
    # page, but it is not evidence on the public ITA/OIT page nor in the
    # submitted URL set.
    placeholder: bool = False

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)


@dataclass(frozen=True)
class Provider:
    """Generated evidence for the OIT items with one of ``item_keys``.

    ``item_keys`` are the stable item keys of the framework data (e.g.
    ``"procurement.monthly_summary"``), whatever the item's code or title in
    a given year.
    """

    key: str
    label: object
    evidence: Callable[..., EvidenceResult | None]
    item_keys: tuple[str, ...] = ()

    def serves(self, item_key: str) -> bool:
        return bool(item_key) and item_key in self.item_keys


_PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    """Add (or replace, by key) a provider. Safe to call more than once."""
    _PROVIDERS[provider.key] = provider
    return provider


def unregister(key: str) -> None:
    _PROVIDERS.pop(key, None)


def discover_providers() -> list[Provider]:
    """Register the ``PROVIDERS`` of every installed app's ``oit_evidence.py``
    (called from ``OitConfig.ready()``); returns them."""
    found = [
        provider
        for _app, providers in discover("oit_evidence", "PROVIDERS")
        for provider in providers
    ]
    for provider in found:
        register(provider)
    return found


def provider_get(key: str) -> Provider | None:
    return _PROVIDERS.get(key)


def provider_list() -> list[Provider]:
    return sorted(_PROVIDERS.values(), key=lambda p: p.key)


def providers_for(*, item_key: str) -> list[Provider]:
    """Providers that serve the item with this framework key, by provider key
    (none for an item without a key)."""
    return [p for p in provider_list() if p.serves(item_key)]
