"""The Solr query subset of package_search, parsed without a database."""

import datetime

import pytest
import time_machine
from django.db.models import Q

from prongsai.opendata import ckan_query
from prongsai.opendata.ckan_query import SearchQueryError, parse, parse_time

UTC = datetime.UTC


def term(field, value):
    return Q(**{field or "text": value})


def t(value, field=None):
    return term(field, value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", t("a")),
        ("a b", t("a") & t("b")),
        ("a OR b", t("a") | t("b")),
        ("a OR b c", (t("a") | t("b")) & t("c")),
        ("a AND b OR c", (t("a") & t("b")) | t("c")),
        ("a && b || c", (t("a") & t("b")) | t("c")),
        ("-a", ~t("a")),
        ("NOT a", ~t("a")),
        ("!a", ~t("a")),
        ("+a -b", t("a") & ~t("b")),
        ("(a OR b) c", (t("a") | t("b")) & t("c")),
        ("name:x", t("x", "name")),
        ('title:"two words"', t('"two words"', "title")),
        ("tags:(a OR b)", t("a", "tags") | t("b", "tags")),
        (
            "metadata_modified:[2024-01-01T00:00:00Z TO *]",
            t("[2024-01-01T00:00:00Z TO *]", "metadata_modified"),
        ),
        (
            "-organization:x -organization:y",
            ~t("x", "organization") & ~t("y", "organization"),
        ),
        ("10:30", t("10:30")),
        ("", ckan_query.ALL),
    ],
)
def test_structure(text, expected):
    assert parse(text, term) == expected


@pytest.mark.parametrize(
    "text",
    [
        "(a",
        "a)",
        "()",
        "a OR",
        "AND a",
        "NOT",
        "name:(tags:x)",
        "name:-x",
        "]",
        "a\x00b",
        "(" * 30 + "a" + ")" * 30,
        " ".join(["a"] * 101),
    ],
)
def test_unreadable(text):
    with pytest.raises(SearchQueryError):
        parse(text, term)


@time_machine.travel(datetime.datetime(2025, 4, 20, 12, 34, 56, tzinfo=UTC), tick=False)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*", None),
        ("NOW", datetime.datetime(2025, 4, 20, 12, 34, 56, tzinfo=UTC)),
        ("NOW/DAY", datetime.datetime(2025, 4, 20, tzinfo=UTC)),
        ("NOW-1DAY/DAY", datetime.datetime(2025, 4, 19, tzinfo=UTC)),
        ("NOW/DAY-1DAY", datetime.datetime(2025, 4, 19, tzinfo=UTC)),
        ("NOW-2MONTHS/MONTH", datetime.datetime(2025, 2, 1, tzinfo=UTC)),
        ("NOW-1YEAR/YEAR", datetime.datetime(2024, 1, 1, tzinfo=UTC)),
        ("NOW+3HOURS/HOUR", datetime.datetime(2025, 4, 20, 15, tzinfo=UTC)),
        ("2024-03-31T00:00:00Z-1MONTH", datetime.datetime(2024, 2, 29, tzinfo=UTC)),
        ("2024-01-01", datetime.datetime(2024, 1, 1, tzinfo=UTC)),
        (
            "2024-01-01T07:00:00+07:00",
            datetime.datetime(2024, 1, 1, tzinfo=UTC),
        ),
        (
            "2024-01-01T00:00:00.123456789Z",
            datetime.datetime(2024, 1, 1, 0, 0, 0, 123456, tzinfo=UTC),
        ),
        ('"2024-01-01T00:00:00Z"', datetime.datetime(2024, 1, 1, tzinfo=UTC)),
    ],
)
def test_dates(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "NOW-1FORTNIGHT",
        "NOW/2DAY",
        "2024-13-01",
        "9999-12-31T00:00:00Z+1YEAR",
        "0001-01-01T00:00:00Z-1DAY",
        "NOW+99999999999YEARS",
        "2024-01-01T00:00:00ZZ",
    ],
)
def test_unreadable_dates(text):
    with pytest.raises(SearchQueryError):
        parse_time(text)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("id asc", ["id"]),
        ("score desc, metadata_modified desc", ["-modified_at"]),
        ("title_string asc,name desc", ["title", "-name"]),
        ("", []),
    ],
)
def test_sort(sort, order):
    assert ckan_query.parse_sort(sort) == order


def test_plain_text_is_recognised():
    assert ckan_query.is_plain("ถนน หนองบัว")
    assert not ckan_query.is_plain("a OR b")
    assert not ckan_query.is_plain('"a b"')
    assert not ckan_query.is_plain("name:x")
    assert not ckan_query.is_plain("-x")
