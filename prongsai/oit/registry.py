"""Evidence providers: how other apps offer generated OIT evidence.

``oit`` never imports the apps that produce evidence. An app registers a
:class:`Provider` from its ``AppConfig.ready()``::

    from prongsai.oit.registry import Provider, register

    register(Provider(
        key="procurement.monthly",
        label=_("Monthly procurement summary"),
        items={2569: ("O11",)},
        evidence=monthly_summary_evidence,
    ))

``evidence(organization, fiscal_year)`` returns an :class:`EvidenceResult`
(or ``None`` when there is nothing to show yet). Its ``url`` is a path on
this site (``/bandong/...``) or an absolute URL; its ``checks`` say, per
requirement of the item, whether the records meet it and what is missing,
in Thai. A result whose record is missing but whose checks still say what
to do sets ``placeholder=True``: it is then never published as a link.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


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
    """Generated evidence for OIT items.

    ``items`` maps a fiscal year to the item codes served that year;
    ``matcher(title_th, requirements_th)`` may serve items of any year by
    their wording (used when ``items`` has no entry for the year).
    """

    key: str
    label: object
    evidence: Callable[..., EvidenceResult | None]
    items: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    matcher: Callable[[str, tuple[str, ...]], bool] | None = None

    def serves(self, *, fiscal_year: int, code: str, title_th: str, requirements):
        if fiscal_year in self.items:
            return code in self.items[fiscal_year]
        if self.matcher is not None:
            return bool(self.matcher(title_th, tuple(requirements)))
        return False


_PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    """Add (or replace, by key) a provider. Safe to call more than once."""
    _PROVIDERS[provider.key] = provider
    return provider


def unregister(key: str) -> None:
    _PROVIDERS.pop(key, None)


def provider_get(key: str) -> Provider | None:
    return _PROVIDERS.get(key)


def provider_list() -> list[Provider]:
    return sorted(_PROVIDERS.values(), key=lambda p: p.key)


def providers_for(
    *, fiscal_year: int, code: str, title_th: str, requirements=()
) -> list[Provider]:
    """Providers that can serve an item of a fiscal year, by key."""
    return [
        p
        for p in provider_list()
        if p.serves(
            fiscal_year=fiscal_year,
            code=code,
            title_th=title_th,
            requirements=requirements,
        )
    ]


def title_matcher(*patterns: str, exclude: str = "") -> Callable:
    """A matcher true when the item title matches any regular expression."""
    compiled = [re.compile(p) for p in patterns]
    excluded = re.compile(exclude) if exclude else None

    def match(title_th: str, requirements: tuple[str, ...]) -> bool:
        if excluded is not None and excluded.search(title_th):
            return False
        return any(p.search(title_th) for p in compiled)

    return match
