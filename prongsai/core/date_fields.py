"""Date entry the way Thai staff type it: one form field, one widget.

``ThaiDateFormField`` accepts ``30/09/2570``, ``30 ก.ย. 70``,
``30 กันยายน 2570``, Thai digits and ISO (``2027-09-30``; a four-digit year of
2400 or more is Buddhist era, so ``2570-09-30`` is 30 September 2027, never the
year 3113) through :func:`prongsai.core.thai_dates.parse_thai_date`.
``ThaiDateInput`` shows a date as ``30/09/2570`` and carries the
``data-thai-date`` hook of the picker in ``static/js/prongsai.js`` (Thai month
names, Buddhist-era years). Model date fields get both through
:func:`prongsai.core.model_fields.date_field`.
"""

from __future__ import annotations

import datetime
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates

WEEKDAYS = ("จ", "อ", "พ", "พฤ", "ศ", "ส", "อา")  # Monday first

# Dates outside these years are typing mistakes (a CE year typed as BE twice).
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)


class ThaiDateInput(forms.TextInput):
    """A text box showing ``dd/mm/BBBB`` (Buddhist era), with the Thai picker."""

    def __init__(self, attrs=None):
        defaults = {
            "data-thai-date": "",
            "autocomplete": "off",
            "placeholder": _("dd/mm/yyyy (B.E.), e.g. 30/09/2570"),
            "size": 14,
        }
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Dates read in Thai whatever the interface language (official usage).
        context["widget"]["attrs"].update(
            {
                "data-months": json.dumps(thai_dates.THAI_MONTHS, ensure_ascii=False),
                "data-weekdays": json.dumps(WEEKDAYS, ensure_ascii=False),
                "data-picker-label": str(_("Calendar")),
                "data-prev-label": str(_("Previous month")),
                "data-next-label": str(_("Next month")),
            }
        )
        return context

    def format_value(self, value):
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return (
                f"{value.day:02d}/{value.month:02d}/{thai_dates.to_be_year(value.year)}"
            )
        return super().format_value(value)


class ThaiDateFormField(forms.DateField):
    """A date typed as Thai staff write it; a clear Thai message otherwise."""

    widget = ThaiDateInput
    default_error_messages = {
        "invalid": _(
            "Enter the date as day/month/Buddhist-era year, e.g. 30/09/2570 or "
            "30 ก.ย. 70."
        ),
        "out_of_range": _("The year %(year)s is not plausible: check the year."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            parsed = thai_dates.parse_thai_date(str(value))
        except (ValueError, TypeError):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        if not EARLIEST <= parsed <= LATEST:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"year": thai_dates.to_be_year(parsed.year)},
            )
        return parsed
