"""The figures behind the accessibility statement (``/<org>/accessibility/``).

The browser tests ``portal/tests/test_public_pages_browser.py`` and
``test_public_keyboard.py`` record their last CI-style run (run with
``PRONGSAI_RECORD_CHECKS=1``) in ``data/accessibility_checks.json``; the
statement shows those figures as they are, never a claim of its own.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

CHECKS_FILE = Path(__file__).with_name("data") / "accessibility_checks.json"
CONFORMANCE_TARGET = "WCAG 2.1 AA"


@dataclass(frozen=True)
class AxeRun:
    date: datetime.date
    axe_version: str
    widths: tuple[int, ...]
    pages: int
    violations: int


@dataclass(frozen=True)
class KeyboardRun:
    date: datetime.date
    paths: tuple[str, ...]
    passed: bool


@dataclass(frozen=True)
class Checks:
    axe: AxeRun | None
    keyboard: KeyboardRun | None

    @property
    def last_date(self) -> datetime.date | None:
        dates = [run.date for run in (self.axe, self.keyboard) if run]
        return max(dates) if dates else None


def _date(value) -> datetime.date:
    return datetime.date.fromisoformat(str(value))


def checks_load(path: Path = CHECKS_FILE) -> Checks:
    """The recorded runs; a missing or unreadable file means none recorded."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        axe = data.get("axe")
        keyboard = data.get("keyboard")
        return Checks(
            axe=AxeRun(
                date=_date(axe["date"]),
                axe_version=str(axe["axe_version"]),
                widths=tuple(int(w) for w in axe["widths"]),
                pages=int(axe["pages"]),
                violations=int(axe["violations"]),
            )
            if axe
            else None,
            keyboard=KeyboardRun(
                date=_date(keyboard["date"]),
                paths=tuple(str(p) for p in keyboard["paths"]),
                passed=bool(keyboard["passed"]),
            )
            if keyboard
            else None,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Checks(axe=None, keyboard=None)
