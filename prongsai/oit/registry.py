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

``depends_on`` names the models (``"app_label.ModelName"``) whose records
the provider reads. When one of them is saved or deleted, the open
checklists of that record's organisation are checked again and their item
statuses follow (``prongsai.oit.readiness``). Left empty, it is every
organisation-owned model of the app that declares the provider.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps

from prongsai.core.plugins import discover
from prongsai.core.tenancy import is_tenant_model


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
    depends_on: tuple[str, ...] = ()

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


def provider_models(provider: Provider) -> list[type]:
    """The models whose changes may change what ``provider`` says: its
    ``depends_on``, else the organisation-owned models of its app."""
    if provider.depends_on:
        return [apps.get_model(label) for label in provider.depends_on]
    app = apps.get_containing_app_config(provider.evidence.__module__)
    if app is None:
        return []
    return [model for model in app.get_models() if is_tenant_model(model)]


def dependency_models() -> list[type]:
    """Every model some registered provider depends on (each once)."""
    found: dict[str, type] = {}
    for provider in provider_list():
        for model in provider_models(provider):
            found.setdefault(model._meta.label, model)
    return [found[label] for label in sorted(found)]


def providers_for(*, item_key: str) -> list[Provider]:
    """Providers that serve the item with this framework key, by provider key
    (none for an item without a key)."""
    return [p for p in provider_list() if p.serves(item_key)]
