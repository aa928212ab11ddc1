"""How ITA pages and documents put a change of score into words.

One helper for every page, PDF and DOCX: "เพิ่มขึ้น 3.10", "ลดลง 5.44",
"เท่าเดิม", never a bare signed number such as "-5.44".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

NO_VALUE = "–"


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def change_text(value: object) -> str:
    """ "เพิ่มขึ้น 3.10", "ลดลง 5.44" or "เท่าเดิม"; a dash when unknown."""
    number = _decimal(value)
    if number is None:
        return NO_VALUE
    if number > 0:
        return _("up %(points)s") % {"points": number}
    if number < 0:
        return _("down %(points)s") % {"points": -number}
    return _("unchanged")


def change_direction(value: object) -> str:
    """``up``, ``down``, ``same`` or ``""`` (unknown), for styling."""
    number = _decimal(value)
    if number is None:
        return ""
    return "up" if number > 0 else "down" if number < 0 else "same"


def total_change_sentence(previous_year: object, change: object) -> str:
    """The sentence on the total against the previous year, or ``""``."""
    number = _decimal(change)
    if previous_year is None or number is None:
        return ""
    if number == 0:
        return _("Against fiscal year %(previous)s the total stayed the same.") % {
            "previous": previous_year
        }
    return _("Against fiscal year %(previous)s the total went %(change)s points.") % {
        "previous": previous_year,
        "change": change_text(number),
    }
