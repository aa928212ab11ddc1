"""Tests for the ``thai`` template filter library.

These need Django settings (translation and localised formats); the filters
are called both directly and through a template engine.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.template import Context, Engine, engines
from django.utils import timezone, translation

from prongsai.core.templatetags import thai
from prongsai.core.thai_dates import BANGKOK

ENGINE = Engine(libraries={"thai": "prongsai.core.templatetags.thai"})

NOV_22 = date(2026, 11, 22)
# 2025-09-30T18:00Z is 1 October 2025, 01:00 in Bangkok.
AWARE_MIDNIGHT_CROSSING = datetime(2025, 9, 30, 18, 0, tzinfo=UTC)


def render(source: str, **context: Any) -> str:
    """Render *source* with the thai library loaded and return the output."""
    template = ENGINE.from_string("{% load thai %}" + source)
    return template.render(Context(context))


@pytest.fixture(autouse=True)
def _bangkok_time_zone():
    """Run every test with Asia/Bangkok as the current time zone."""
    with timezone.override(BANGKOK):
        yield


# ---------------------------------------------------------------------------
# thai_date
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("long", "22 พฤศจิกายน 2569"),
        ("medium", "22 พ.ย. 2569"),
        ("short", "22 พ.ย. 69"),
        ("numeric", "22/11/2569"),
        ("month", "พฤศจิกายน 2569"),
    ],
)
def test_thai_date_in_thai_shows_buddhist_era(style: str, expected: str) -> None:
    """With Thai active, dates are rendered in the BE style asked for."""
    with translation.override("th"):
        assert thai.thai_date(NOV_22, style) == expected


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("long", "22 November 2026"),
        ("medium", "22 Nov 2026"),
        ("short", "22 Nov 26"),
        ("numeric", "22/11/2026"),
        ("month", "November 2026"),
    ],
)
def test_thai_date_in_english_shows_gregorian(style: str, expected: str) -> None:
    """With English active, dates are rendered Gregorian, e.g. 22 November 2026."""
    with translation.override("en"):
        assert thai.thai_date(NOV_22, style) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("th", "22 พฤศจิกายน 2569"), ("en", "22 November 2026")],
)
def test_thai_date_defaults_to_long_style(language: str, expected: str) -> None:
    """Without an argument the long style is used in both languages."""
    with translation.override(language):
        assert thai.thai_date(NOV_22) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("th", "1 ตุลาคม 2568"), ("en", "1 October 2025")],
)
def test_thai_date_of_aware_datetime_uses_local_date(
    language: str, expected: str
) -> None:
    """2025-09-30T18:00Z is shown as 1 October 2025 (BE 2568) in Bangkok."""
    with translation.override(language):
        assert thai.thai_date(AWARE_MIDNIGHT_CROSSING) == expected


@pytest.mark.parametrize("language", ["th", "en"])
def test_thai_date_unknown_style_raises_value_error(language: str) -> None:
    """A misspelt style is a template bug and raises in either language."""
    with translation.override(language), pytest.raises(ValueError):
        thai.thai_date(NOV_22, "full")


# ---------------------------------------------------------------------------
# thai_datetime
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("th", datetime(2026, 11, 22, 14, 5), "22 พฤศจิกายน 2569 เวลา 14:05 น."),
        ("en", datetime(2026, 11, 22, 14, 5), "22 November 2026, 14:05"),
        (
            "th",
            datetime(2026, 11, 22, 7, 5, tzinfo=UTC),
            "22 พฤศจิกายน 2569 เวลา 14:05 น.",
        ),
        ("en", datetime(2026, 11, 22, 7, 5, tzinfo=UTC), "22 November 2026, 14:05"),
        ("th", AWARE_MIDNIGHT_CROSSING, "1 ตุลาคม 2568 เวลา 01:00 น."),
        ("en", AWARE_MIDNIGHT_CROSSING, "1 October 2025, 01:00"),
    ],
)
def test_thai_datetime_follows_the_active_language(
    language: str, value: datetime, expected: str
) -> None:
    """Thai gets "… เวลา HH:MM น." in BE; English gets "j F Y, H:i"."""
    with translation.override(language):
        assert thai.thai_datetime(value) == expected


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("th", "short", "22 พ.ย. 69 เวลา 14:05 น."),
        ("th", "numeric", "22/11/2569 เวลา 14:05 น."),
        ("en", "short", "22 Nov 26, 14:05"),
        ("en", "numeric", "22/11/2026 14:05"),
    ],
)
def test_thai_datetime_accepts_a_style(
    language: str, style: str, expected: str
) -> None:
    """The optional argument selects the date style in both languages."""
    with translation.override(language):
        assert thai.thai_datetime(datetime(2026, 11, 22, 14, 5), style) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("th", "22 พฤศจิกายน 2569"), ("en", "22 November 2026")],
)
def test_thai_datetime_of_plain_date_renders_the_date(
    language: str, expected: str
) -> None:
    """A date without a time is rendered as thai_date would render it."""
    with translation.override(language):
        assert thai.thai_datetime(NOV_22) == expected


# ---------------------------------------------------------------------------
# be_year, fiscal_year, thai_digits
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2025, 2568),
        ("2026", 2569),
        (date(2025, 10, 1), 2568),
        (datetime(2025, 12, 31, 17, 0, tzinfo=UTC), 2569),
        (datetime(2025, 12, 31, 16, 59, tzinfo=UTC), 2568),
    ],
)
def test_be_year_converts_years_and_dates(value: object, expected: int) -> None:
    """be_year adds 543 to a CE year or to a date's (Bangkok) year."""
    assert thai.be_year(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2026, 11, 22), 2570),
        (AWARE_MIDNIGHT_CROSSING, 2569),
    ],
)
def test_fiscal_year_filter_returns_be_fiscal_year(value: date, expected: int) -> None:
    """fiscal_year changes on 1 October: 1 Oct 2025 is fiscal 2569."""
    assert thai.fiscal_year(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2569, "๒๕๖๙"), ("22/11/2569", "๒๒/๑๑/๒๕๖๙"), (0, "๐"), ("ปี", "ปี")],
)
def test_thai_digits_filter_writes_thai_numerals(value: object, expected: str) -> None:
    """thai_digits turns 0-9 into ๐-๙ and leaves other text alone."""
    assert thai.thai_digits(value) == expected


# ---------------------------------------------------------------------------
# Empty and unexpected values
# ---------------------------------------------------------------------------

ALL_FILTERS = [
    thai.thai_date,
    thai.thai_datetime,
    thai.be_year,
    thai.fiscal_year,
    thai.thai_digits,
]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("value", [None, ""])
@pytest.mark.parametrize("filter_func", ALL_FILTERS, ids=lambda f: f.__name__)
def test_filters_render_empty_values_as_empty_string(
    filter_func: Any, value: object, language: str
) -> None:
    """None and "" give "" from every filter, without raising."""
    with translation.override(language):
        assert filter_func(value) == ""


@pytest.mark.parametrize("value", ["not a date", 2026, [], object()])
@pytest.mark.parametrize(
    "filter_func",
    [thai.thai_date, thai.thai_datetime, thai.fiscal_year],
    ids=lambda f: f.__name__,
)
def test_date_filters_render_non_dates_as_empty_string(
    filter_func: Any, value: object
) -> None:
    """Values that are not dates give "" instead of raising."""
    with translation.override("th"):
        assert filter_func(value) == ""


@pytest.mark.parametrize("value", ["abc", True, [], "25.5"])
def test_be_year_renders_non_years_as_empty_string(value: object) -> None:
    """be_year gives "" for values that are neither years nor dates."""
    assert thai.be_year(value) == ""


# ---------------------------------------------------------------------------
# Through the template engine
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("th", "22 พ.ย. 69|22 พฤศจิกายน 2569 เวลา 14:05 น.|2569|2570|๒๕๗๐"),
        ("en", "22 Nov 26|22 November 2026, 14:05|2569|2570|๒๕๗๐"),
    ],
)
def test_filters_render_in_templates(language: str, expected: str) -> None:
    """The filters chain and take arguments inside a template."""
    source = (
        '{{ d|thai_date:"short" }}|{{ dt|thai_datetime }}|{{ d|be_year }}'
        "|{{ d|fiscal_year }}|{{ d|fiscal_year|thai_digits }}"
    )
    with translation.override(language):
        output = render(source, d=NOV_22, dt=datetime(2026, 11, 22, 14, 5))
    assert output == expected


@pytest.mark.parametrize("language", ["th", "en"])
def test_missing_variables_render_empty_in_templates(language: str) -> None:
    """An undefined or None variable renders as nothing, not an error."""
    source = (
        "[{{ missing|thai_date }}][{{ none|thai_datetime }}][{{ none|be_year }}]"
        "[{{ none|fiscal_year }}][{{ none|thai_digits }}]"
    )
    with translation.override(language):
        assert render(source, none=None) == "[][][][][]"


def test_thai_digits_keeps_safe_input_safe() -> None:
    """thai_digits is marked is_safe, so already-safe markup is not re-escaped."""
    output = render(
        "{{ html|safe|thai_digits }}|{{ html|thai_digits }}", html="<b>1</b>"
    )
    assert output == "<b>๑</b>|&lt;b&gt;๑&lt;/b&gt;"


def test_library_loads_through_the_project_template_engine() -> None:
    """{% load thai %} works in project templates because prongsai.core is an app."""
    template = engines["django"].from_string("{% load thai %}{{ d|thai_date }}")
    with translation.override("th"):
        assert template.render({"d": NOV_22}) == "22 พฤศจิกายน 2569"
