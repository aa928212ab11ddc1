"""Checking published ITA figures against the computed ones.

Pure module: no ORM, no request, no Django settings. Messages are English
msgids translated with Django's ``gettext`` (Thai by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from .scoring import (
    TOOL_KEYS,
    ScoreResult,
    ScoringInputError,
    parse_number,
    tool_label,
)

__all__ = ["PUBLISHED_TOLERANCE", "compare_published"]

PUBLISHED_TOLERANCE = Decimal("0.01")
"""Largest accepted gap between a published figure and the computed one."""

_TOOL_KEYS_PUBLISHED = (*TOOL_KEYS, "total")


def compare_published(
    computed: ScoreResult, published: Mapping[str, object]
) -> list[str]:
    """Warn (translated) where a published figure disagrees with the computed one.

    ``published`` may hold ``iit``, ``eit``, ``oit``, ``total`` (numbers; a
    difference above 0.01 from the rounded computed value is reported) and
    ``level`` (a level code or Thai label). ``None`` values are skipped. An
    unknown key or a non-numeric score raises :class:`ScoringInputError`.
    """
    warnings: list[str] = []
    errors: list[str] = []
    for raw_key, raw_value in published.items():
        key = str(raw_key).lower()
        if raw_value is None:
            continue
        if key == "level":
            accepted = {computed.level.code, computed.level.label_th}
            if str(raw_value).strip() not in accepted:
                warnings.append(
                    _(
                        "The published level (%(published)s) differs from the "
                        "computed level (%(code)s %(label)s)"
                    )
                    % {
                        "published": raw_value,
                        "code": computed.level.code,
                        "label": computed.level.label_th,
                    }
                )
            continue
        if key not in _TOOL_KEYS_PUBLISHED:
            errors.append(
                _(
                    "Unknown entry %(key)s: only iit, eit, oit, total and level "
                    "are accepted"
                )
                % {"key": raw_key}
            )
            continue
        value = parse_number(raw_value)
        if value is None:
            errors.append(
                _("The published %(label)s must be a number (%(value)s)")
                % {"label": tool_label(key), "value": raw_value}
            )
            continue
        mine: Decimal = getattr(computed, key)
        difference = abs(value - mine)
        if difference > PUBLISHED_TOLERANCE:
            warnings.append(
                _(
                    "The published %(label)s (%(value)s) differs from the computed "
                    "value (%(computed)s) by %(difference)s points, more than the "
                    "accepted ±%(tolerance)s"
                )
                % {
                    "label": tool_label(key),
                    "value": value,
                    "computed": mine,
                    "difference": difference,
                    "tolerance": PUBLISHED_TOLERANCE,
                }
            )
    if errors:
        raise ScoringInputError(errors)
    return warnings
