"""Fail when the Thai catalogue is incomplete or its compiled .mo is stale.

Runs ``makemessages`` (so strings added to code but not to the catalogue show
up as untranslated), then checks that every entry has a Thai translation, none
is fuzzy, and the committed ``django.mo`` holds exactly the ``.po``'s entries.
Run with ``make check-messages``.
"""

import os
import sys
from pathlib import Path

import django
import polib
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "th" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
IGNORE = [".venv/*", "var/*", "scripts/*", "bench/*", "docs/*"]


def main() -> int:
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    call_command(
        "makemessages",
        locale=["th"],
        no_obsolete=True,
        ignore_patterns=IGNORE,
        verbosity=0,
    )
    po = polib.pofile(str(PO))
    problems = []
    for entry in po.untranslated_entries():
        where = ", ".join(f for f, _ in entry.occurrences[:2])
        problems.append(f"untranslated: {entry.msgid!r} ({where})")
    for entry in po.fuzzy_entries():
        if entry.msgid:
            problems.append(f"fuzzy: {entry.msgid!r}")
    mo = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(MO))
    }
    for entry in po.translated_entries():
        got = mo.get((entry.msgctxt, entry.msgid))
        if got is None:
            problems.append(
                f"missing from django.mo (run 'make messages'): {entry.msgid!r}"
            )
        elif entry.msgstr_plural:
            if {int(k): v for k, v in got[1].items()} != {
                int(k): v for k, v in entry.msgstr_plural.items()
            }:
                problems.append(
                    f"django.mo is stale (run 'make messages'): {entry.msgid!r}"
                )
        elif got[0] != entry.msgstr:
            problems.append(
                f"django.mo is stale (run 'make messages'): {entry.msgid!r}"
            )
    if problems:
        print(f"Thai catalogue check failed ({len(problems)} problems):")
        print("\n".join("  " + p for p in problems))
        return 1
    count = len(po.translated_entries())
    print(f"Thai catalogue complete: {count} entries translated, .mo current.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
