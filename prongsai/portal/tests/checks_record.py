"""Writes the figures of the last CI-style accessibility run into the data file
the accessibility statement reads (``portal/data/accessibility_checks.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import timezone

from prongsai.portal.accessibility import CHECKS_FILE


def _update(key: str, value: dict) -> None:
    data = json.loads(CHECKS_FILE.read_text()) if CHECKS_FILE.exists() else {}
    data[key] = value
    CHECKS_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _axe_version() -> str:
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    first = script.read_text(encoding="utf-8")[:40]
    return first.split("axe v", 1)[1].split()[0] if "axe v" in first else ""


def record_axe(*, pages, widths, violations: int, seconds: float) -> None:
    _update(
        "axe",
        {
            "date": timezone.localdate().isoformat(),
            "axe_version": _axe_version(),
            "rules": "WCAG 2.0/2.1 A and AA",
            "widths": list(widths),
            "pages": len(pages),
            "violations": violations,
            "seconds": round(seconds),
        },
    )


def record_keyboard(*, paths, passed: bool) -> None:
    _update(
        "keyboard",
        {
            "date": timezone.localdate().isoformat(),
            "paths": list(paths),
            "passed": passed,
        },
    )
