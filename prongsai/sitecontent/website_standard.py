"""The website standard checklist (DGA v3.0, NCSA 2568) as data.

``data/website_standard.yaml`` is the one source: the staff page
``sitecontent-staff:website-standard`` shows it and
``docs/website-standard.md`` is generated from it::

    python -m prongsai.sitecontent.website_standard > docs/website-standard.md
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).with_name("data") / "website_standard.yaml"
STANDARDS = {"DGA": "DGA v3.0", "NCSA": "NCSA 2568"}
STATUS_LABELS_EN = {
    "met": "met by Prongsai",
    "shared": "Prongsai + the organisation",
    "organisation": "the organisation",
}


@dataclass(frozen=True)
class Item:
    id: str
    standard: str
    topic: str
    requirement: str
    prongsai: str
    organisation: str
    status: str


@cache
def checklist() -> tuple[list[dict], list[Item]]:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return data["sources"], [Item(**row) for row in data["items"]]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def checklist_markdown() -> str:
    sources, items = checklist()
    lines = [
        "# Website standard checklist",
        "",
        "<!-- Generated from prongsai/sitecontent/data/website_standard.yaml:",
        "     python -m prongsai.sitecontent.website_standard "
        "> docs/website-standard.md -->",
        "",
        "Staff see the same list at `/<org>/staff/site/website-standard/`.",
        "The ids (W = DGA website standard, S = NCSA security standard) are",
        "Prongsai's own: the official item numbers could not be checked against",
        "the standards' full text when this list was written; check each item",
        "against the official documents before an audit.",
        "",
        "## Sources",
        "",
    ]
    lines += [f"- {s['name']} <{s['url']}>: {s['note']}" for s in sources]
    lines += [
        "",
        "## Items",
        "",
        "| id | standard | topic | requirement | how Prongsai meets it "
        "| what the organisation does | who |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        "| "
        + " | ".join(
            _cell(v)
            for v in (
                item.id,
                STANDARDS[item.standard],
                item.topic,
                item.requirement,
                item.prongsai,
                item.organisation,
                STATUS_LABELS_EN[item.status],
            )
        )
        + " |"
        for item in items
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(checklist_markdown(), end="")
