"""What other apps link to a case, shown on the case page.

Apps above complaints (plans links measures to cases) declare ``CASE_LINKS``
in their ``case_links.py``, which ``ComplaintsConfig.ready()`` discovers
(:func:`discover_case_links`); this app never imports them. A provider takes
the case and returns ``(label, url)`` pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from prongsai.core.plugins import discover

CaseLinkProvider = Callable[[object], Iterable[tuple[str, str]]]

_providers: list[CaseLinkProvider] = []


def register_case_link_provider(provider: CaseLinkProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def discover_case_links() -> list[CaseLinkProvider]:
    """Register the ``CASE_LINKS`` of every installed app's ``case_links.py``;
    returns them."""
    found = [provider for _app, provider in discover("case_links", "CASE_LINKS")]
    for provider in found:
        register_case_link_provider(provider)
    return found


def case_links(case) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for provider in _providers:
        links.extend(provider(case))
    return links
