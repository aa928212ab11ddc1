"""Where in Prongsai to act on a weak ITA tool or indicator.

An app that keeps the records a weakness calls for (the asset register for
indicator 4, the HR criteria for indicator 3, ...) declares ``ITA_TOOLS`` in
its ``ita_tools.py``; ``ItaConfig.ready()`` collects them (see
docs/development.md, "Plugin registries") and the analysis page shows each
weakness's tools next to its recommendations, as links to the staff pages.
This app never imports the apps that declare them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from prongsai.core.plugins import discover


@dataclass(frozen=True)
class IndicatorTool:
    """A staff page that acts on weak ``targets`` (``"IIT"``, ``"4"``, ...).

    ``url_name`` is a staff URL that takes the organisation's slug as ``org``;
    ``allowed(user, membership)`` is the permission of the page behind it (the
    link is shown only to those who may open it).
    """

    targets: tuple[str, ...]
    label: str | Promise
    url_name: str
    allowed: Callable[..., bool]
    kind: str = "indicator"  # "tool" for IIT/EIT/OIT


@dataclass(frozen=True)
class ToolLink:
    label: str
    url: str


_tools: list[IndicatorTool] = []


def discover_tools() -> list[IndicatorTool]:
    """Collect the ``ITA_TOOLS`` of every installed app's ``ita_tools.py``."""
    found = [
        tool for _app, tools in discover("ita_tools", "ITA_TOOLS") for tool in tools
    ]
    _tools[:] = found
    return found


def tools_for(kind: str, code: str) -> list[IndicatorTool]:
    return [tool for tool in _tools if tool.kind == kind and code in tool.targets]


def weakness_tool_links(
    organization, weaknesses: Iterable, *, user, membership
) -> dict[str, list[ToolLink]]:
    """``{"indicator:4": [ToolLink, ...]}`` for the weaknesses that have tools
    the user may open."""
    links: dict[str, list[ToolLink]] = {}
    for weakness in weaknesses:
        found = [
            ToolLink(
                label=str(tool.label),
                url=reverse(tool.url_name, kwargs={"org": organization.slug}),
            )
            for tool in tools_for(weakness.kind, weakness.code)
            if tool.allowed(user, membership)
        ]
        if found:
            links[f"{weakness.kind}:{weakness.code}"] = found
    return links
