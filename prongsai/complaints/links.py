"""What other apps link to a case, shown on the case page.

Apps above complaints (plans links measures to cases) register a provider in
their ``AppConfig.ready()``; this app never imports them. A provider takes the
case and returns ``(label, url)`` pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

CaseLinkProvider = Callable[[object], Iterable[tuple[str, str]]]

_providers: list[CaseLinkProvider] = []


def register_case_link_provider(provider: CaseLinkProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def case_links(case) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for provider in _providers:
        links.extend(provider(case))
    return links
