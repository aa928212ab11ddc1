"""Properties of the parsers behind the API and the imports (hypothesis).

Whatever a client or a file sends, the parsers answer with a value or with
their own error type carrying a Thai message; they never raise anything
else (which would be a server error where they are used).
"""

import datetime

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.core import codes, thai_dates
from prongsai.core.tests.fuzz import CELL, csv_bytes, xlsx_bytes
from prongsai.eservices.selectors import tracking_lookup_key
from prongsai.ita import importing
from prongsai.procurement import parsing
from prongsai.procurement.tests.test_parsing import EGP_HEADER, egp_row

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FILES = settings(BOUNDED, max_examples=25)


def _thai(text: str) -> bool:
    return any("\u0e00" <= char <= "\u0e7f" for char in text)


# --- Thai dates ------------------------------------------------------------------

MONTH_WORDS = st.sampled_from(
    [*thai_dates.THAI_MONTHS, *thai_dates.THAI_MONTHS_ABBR, "มกรา", "Jan", ""]
)
ERAS = st.sampled_from(["", "พ.ศ.", "ค.ศ.", "พ.ศ", "BE"])
PREFIXES = st.sampled_from(["", "วันที่ ", "วันจันทร์ที่ ", "วันพฤหัสที่ ", "วัน"])
NUMBERS = st.one_of(
    st.integers(min_value=-5, max_value=99_999).map(str),
    st.integers(min_value=0, max_value=9999).map(thai_dates.to_thai_digits),
    st.sampled_from(["", "00", "٣", "1e3", "9" * 30]),
)


@st.composite
def thai_date_texts(draw):
    """Text shaped like a Thai date, right or wrong in every part."""
    day, year = draw(NUMBERS), draw(NUMBERS)
    if draw(st.booleans()):
        separator = draw(st.sampled_from(["/", "-", ".", " ", "//"]))
        body = separator.join([day, draw(NUMBERS), year])
    else:
        body = f"{day} {draw(MONTH_WORDS)} {draw(ERAS)} {year}"
    return draw(PREFIXES) + body + draw(st.sampled_from(["", " ", "\u200b", "x"]))


@BOUNDED
@given(st.one_of(st.text(max_size=60), thai_date_texts()))
def test_thai_dates_parse_or_refuse_in_thai(text):
    try:
        value = thai_dates.parse_thai_date(text)
    except ValueError as error:
        assert _thai(str(error))
    else:
        assert isinstance(value, datetime.date)


@BOUNDED
@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2400, 1, 1)),
    st.sampled_from(["long", "medium", "numeric"]),
    st.booleans(),
)
def test_a_formatted_thai_date_reads_back(value, style, thai_digits):
    text = thai_dates.format_date(value, style, thai_digits=thai_digits)
    assert thai_dates.parse_thai_date(text) == value


# --- tracking codes --------------------------------------------------------------

CODE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=codes.ALPHABET + " -.ๅ/_-ภถุึคตจขช", max_size=16),
)


@BOUNDED
@given(CODE_TEXT)
def test_any_typed_code_is_a_key_or_a_typing_mistake(text):
    key = codes.lookup_key(text)
    assert key is None or codes.is_valid(key)
    legacy = tracking_lookup_key(text)
    assert legacy is None or isinstance(legacy, str)


@BOUNDED
@given(st.sampled_from([" ", "-", ".", ""]))
def test_a_new_code_is_found_however_it_is_spaced(separator):
    code = codes.new_tracking_code()
    typed = separator.join([code[:4], code[4:8], code[8:]]).lower()
    assert codes.lookup_key(typed) == code


@BOUNDED
@given(st.integers(min_value=0, max_value=11), st.sampled_from(codes.ALPHABET))
def test_one_wrong_character_is_a_typing_mistake(place, replacement):
    code = codes.new_tracking_code()
    changed = code[:place] + replacement + code[place + 1 :]
    if changed != code:
        assert codes.lookup_key(changed) is None


# --- the procurement import ------------------------------------------------------

ROWS = st.lists(st.lists(CELL, max_size=len(EGP_HEADER)), max_size=6)


@FILES
@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "a.xlsx", "a.pdf"]))
def test_any_bytes_are_a_procurement_table_or_thai_problems(content, name):
    with translation.override("th"):
        result = parsing.parse_file(name, content)
    assert isinstance(result, parsing.ParseResult)
    if not result.rows:
        assert result.problems
        assert all(_thai(problem.message) for problem in result.problems)


@FILES
@given(ROWS, st.sampled_from(["csv", "xlsx"]))
def test_any_cells_under_the_egp_header_parse_or_name_their_problem(rows, kind):
    table = [EGP_HEADER, egp_row(), *rows]
    content = csv_bytes(table) if kind == "csv" else xlsx_bytes(table)
    with translation.override("th"):
        result = parsing.parse_file(f"register.{kind}", content)
    assert isinstance(result, parsing.ParseResult)
    for problem in result.problems:
        assert _thai(problem.message)


# --- the ITA import --------------------------------------------------------------

RESULT_HEADER = ["fiscal_year", *[f"i{n}" for n in range(1, 11)], "notes", "O1"]
PEER_HEADER = ["name", "code", "province", "kind", *[f"i{n}" for n in range(1, 11)]]


@FILES
@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_any_bytes_are_an_ita_table_or_an_import_file_error(content, name):
    with translation.override("th"):
        try:
            rows = importing.read_table(content, name)
        except importing.ImportFileError as error:
            assert error.messages and all(_thai(m) for m in error.messages)
            return
    assert isinstance(rows, list)


@pytest.mark.parametrize(
    ("header", "parse"),
    [
        (RESULT_HEADER, lambda rows: importing.parse_results(rows, item_codes={"O1"})),
        (PEER_HEADER, importing.parse_peers),
    ],
)
def test_any_cells_under_the_ita_headers_parse_or_name_their_problem(header, parse):
    @FILES
    @given(st.lists(st.lists(CELL, max_size=len(header) + 2), max_size=6))
    def check(rows):
        with translation.override("th"):
            parsed = parse([header, *rows])
        assert isinstance(parsed, importing.ParsedRows)
        assert all(_thai(message) for message in parsed.errors)

    check()
