"""Form definitions of services: plain data in, checked plain data out.

A form is a list of fields, each a dict::

    {"code": "liters", "label": "ปริมาณน้ำ (ลิตร)", "type": "number",
     "required": True, "choices": [], "help": ""}

Types: text, number, date, choice, multichoice, file, location. A location
answer is a map point (``lat``/``lng``) or a Thai address (หมู่ที่, ตำบล,
อำเภอ, จังหวัด).
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELD_TYPES = {
    "text": gettext_lazy("Text"),
    "number": gettext_lazy("Number"),
    "date": gettext_lazy("Date"),
    "choice": gettext_lazy("One choice"),
    "multichoice": gettext_lazy("Several choices"),
    "file": gettext_lazy("File or photo"),
    "location": gettext_lazy("Location (map point or Thai address)"),
}
# Open311 GeoReport v2 datatypes of our field types.
OPEN311_DATATYPES = {
    "text": "text",
    "number": "number",
    "date": "datetime",
    "choice": "singlevaluelist",
    "multichoice": "multivaluelist",
    "file": "string",
    "location": "string",
}
ADDRESS_PARTS = ("moo", "subdistrict", "district", "province")
CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_FIELDS = 40


class FormDefinitionError(ValueError):
    """The definition is not usable; ``messages`` say what and where, in Thai."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def clean_fields(raw: Any) -> list[dict]:
    """Check a form definition and return it normalised.

    Raises ``FormDefinitionError`` listing every problem with its field number.
    """
    if not isinstance(raw, list):
        raise FormDefinitionError([_("The form must be a list of fields.")])
    if len(raw) > MAX_FIELDS:
        raise FormDefinitionError(
            [_("A form may have at most %(max)s fields.") % {"max": MAX_FIELDS}]
        )
    errors: list[str] = []
    cleaned: list[dict] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        where = {"n": index}
        if not isinstance(item, dict):
            errors.append(_("Field %(n)s: must be an object.") % where)
            continue
        code = str(item.get("code", "")).strip()
        label = str(item.get("label", "")).strip()
        kind = str(item.get("type", "")).strip()
        if not CODE_RE.match(code):
            errors.append(
                _(
                    "Field %(n)s: the code must start with a letter and use only "
                    "a-z, 0-9 and _ (at most 40)."
                )
                % where
            )
        elif code in seen:
            errors.append(
                _("Field %(n)s: the code “%(code)s” is used twice.")
                % {"n": index, "code": code}
            )
        seen.add(code)
        if not label:
            errors.append(_("Field %(n)s: the label is missing.") % where)
        if kind not in FIELD_TYPES:
            errors.append(
                _("Field %(n)s: unknown type “%(type)s”; use one of %(types)s.")
                % {"n": index, "type": kind, "types": ", ".join(FIELD_TYPES)}
            )
        choices = item.get("choices") or []
        if not isinstance(choices, list) or not all(
            isinstance(c, str) and c.strip() for c in choices
        ):
            errors.append(_("Field %(n)s: choices must be a list of texts.") % where)
            choices = []
        choices = [c.strip() for c in choices]
        if kind in ("choice", "multichoice") and len(choices) < 2:
            errors.append(_("Field %(n)s: give at least two choices.") % where)
        if len(set(choices)) != len(choices):
            errors.append(_("Field %(n)s: a choice is listed twice.") % where)
        cleaned.append(
            {
                "code": code,
                "label": label,
                "type": kind,
                "required": bool(item.get("required", False)),
                "choices": choices if kind in ("choice", "multichoice") else [],
                "help": str(item.get("help", "") or "").strip(),
            }
        )
    if errors:
        raise FormDefinitionError(errors)
    return cleaned


def location_text(value: dict | None) -> str:
    """A one-line Thai rendering of a location answer."""
    if not value:
        return ""
    parts = [value["address"]] if value.get("address") else []
    if value.get("moo"):
        parts.append(_("Moo %(moo)s") % {"moo": value["moo"]})
    for key, label in (
        ("subdistrict", _("Subdistrict %(name)s")),
        ("district", _("District %(name)s")),
        ("province", _("Province %(name)s")),
    ):
        if value.get(key):
            parts.append(label % {"name": value[key]})
    if value.get("lat") not in (None, "") and value.get("lng") not in (None, ""):
        parts.append(f"({value['lat']}, {value['lng']})")
    return " ".join(parts)


def answer_text(field: dict, value: Any) -> str:
    """How an answer reads on a page or in an export."""
    if value in (None, "", []):
        return ""
    if field["type"] == "location" and isinstance(value, dict):
        return location_text(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
