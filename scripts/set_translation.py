"""Set Thai translations from a small JSON map, clear fuzzy flags, compile .mo.

    .venv/bin/python scripts/set_translation.py translations.json

The JSON maps an English msgid to its Thai text. Used by maintainers when a
change adds a few strings. An entry with a context (``pgettext``) is keyed
``"context\u0004msgid"``, as in compiled catalogues; a plain msgid key
never fills an entry that has a context.
"""

import json
import sys
from pathlib import Path

import polib

PO = (
    Path(__file__).resolve().parent.parent
    / "locale"
    / "th"
    / "LC_MESSAGES"
    / "django.po"
)


def main(path: str) -> None:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO))
    for entry in po:
        key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
        if key in translations:
            text = translations[key]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: text}
            else:
                entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgctxt = None
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    missing = [
        f"{e.msgctxt}|{e.msgid}" if e.msgctxt else e.msgid
        for e in po.untranslated_entries() + po.fuzzy_entries()
        if e.msgid
    ]
    print("still missing:", missing if missing else "none")


if __name__ == "__main__":
    main(sys.argv[1])
