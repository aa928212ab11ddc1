"""Panels other apps add to a procurement's staff page (e.g. the budget line
it spends), so this app never imports the apps above it.

An app declares ``PROCUREMENT_PANELS`` in its ``procurement_panels.py``: a
sequence of callables ``provider(*, request, procurement) -> Panel | None``
(None when it has nothing to show or the user may not see it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prongsai.core.plugins import discover


@dataclass(frozen=True)
class Panel:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (text, url or "")
    note: str = ""


def panels_for(*, request, procurement) -> list[Panel]:
    found = []
    for _app, providers in discover("procurement_panels", "PROCUREMENT_PANELS"):
        for provider in providers:
            panel = provider(request=request, procurement=procurement)
            if panel is not None:
                found.append(panel)
    return found
