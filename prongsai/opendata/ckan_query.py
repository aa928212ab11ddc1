"""The part of Solr's query language that CKAN clients and harvesters send
to ``package_search`` as ``q`` and ``fq``, turned into a ``Q`` on ``Dataset``.

Understood:

- words and ``"quoted phrases"`` (searched like the catalogue's search box);
- ``field:value``, ``field:"a phrase"``, ``field:prefix*``, ``field:*``,
  ``field:(a OR b)`` and ranges ``field:[low TO high]`` (``{`` ``}`` exclude
  the bound; ``*`` is open) with dates in ISO 8601 or Solr's ``NOW-1DAY/DAY``;
- ``OR``, ``AND``, ``NOT``, ``+`` / ``-`` prefixes and parentheses.

Clauses side by side must all match (CKAN's default operator is AND);
``OR`` joins its neighbours only, so the CKAN harvester's
``organization:a OR organization:b metadata_modified:[... TO *]`` means
"(a or b) and modified since". Explicit ``AND`` binds tighter than ``OR``.

Fields: ``name``, ``title``, ``notes``, ``text``, ``tags``, ``organization``,
``owner_org``, ``id``, ``res_format``, ``license_id``, ``fiscal_year``,
``metadata_modified``, ``metadata_created``, ``groups`` (none), and the
constant ``type``/``dataset_type``, ``capacity``, ``state``. Anything else is
a :class:`SearchQueryError` (CKAN's "Search Query Error"), never a guess.
"""

from __future__ import annotations

import calendar
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from . import ckan
from .models import Dataset
from .selectors import search_datasets

MAX_CLAUSES = 100
MAX_DEPTH = 20
# Not ``Q()``: an empty ``Q`` vanishes from ``Q() | x``, which would be ``x``.
ALL = Q(pk__isnull=False)
NONE = Q(pk__in=[])


class SearchQueryError(ValueError):
    """The ``q``, ``fq`` or ``sort`` parameter cannot be understood."""


# --- tokens ---------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<open>\()
      | (?P<close>\))
      | (?P<op>AND|OR|NOT|&&|\|\|)(?=[\s()]|$)
      | (?P<sign>[+\-!])(?=[^\s])
      | (?P<field>[A-Za-z_][A-Za-z0-9_]*|\*):(?=[^\s])
      | (?P<phrase>"[^"]*")
      | (?P<range>[\[{][^\]}]*[\]}])
      | (?P<word>[^\s()"\[\]{}]+)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    position = 0
    while position < len(text):
        if not text[position:].strip():
            break
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise SearchQueryError(f"cannot read the query at: {text[position:]!r}")
        kind = match.lastgroup or ""
        value = match[kind]
        if kind == "op":
            value = {"&&": "AND", "||": "OR"}.get(value, value)
        tokens.append((kind, value))
        position = match.end()
    return tokens


# --- parser ---------------------------------------------------------------------


class _Parser:
    """Recursive descent over the tokens; see the module docstring."""

    def __init__(self, text: str, term: Callable[[str | None, str], Q]) -> None:
        if "\x00" in text:
            raise SearchQueryError("null characters are not allowed")
        self.tokens = _tokens(text)
        self.position = 0
        self.term = term
        self.clauses = 0

    def parse(self) -> Q:
        if not self.tokens:
            return ALL
        q = self._sequence(None, 0)
        if self.position != len(self.tokens):
            raise SearchQueryError(f"unexpected {self.tokens[self.position][1]!r}")
        return q

    def _peek(self) -> tuple[str, str] | None:
        if self.position < len(self.tokens):
            return self.tokens[self.position]
        return None

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if token is None:
            raise SearchQueryError("the query ends too early")
        self.position += 1
        return token

    def _sequence(self, field: str | None, depth: int) -> Q:
        """Clauses side by side: all must match."""
        q = self._or(field, depth)
        while (token := self._peek()) is not None and token[0] != "close":
            q &= self._or(field, depth)
        return q

    def _or(self, field: str | None, depth: int) -> Q:
        q = self._and(field, depth)
        while self._peek() == ("op", "OR"):
            self.position += 1
            q |= self._and(field, depth)
        return q

    def _and(self, field: str | None, depth: int) -> Q:
        q = self._unary(field, depth)
        while self._peek() == ("op", "AND"):
            self.position += 1
            q &= self._unary(field, depth)
        return q

    def _unary(self, field: str | None, depth: int) -> Q:
        kind, value = self._take()
        if (kind, value) == ("op", "NOT") or (kind == "sign" and value in "-!"):
            return ~self._unary(field, depth)
        if kind == "sign":
            return self._unary(field, depth)
        if kind == "open":
            return self._group(field, depth)
        if kind == "field":
            if field is not None:
                raise SearchQueryError("a field inside a field's group")
            if self._peek() == ("open", "("):
                self.position += 1
                return self._group(value, depth)
            kind, value_text = self._take()
            if kind not in {"word", "phrase", "range"}:
                raise SearchQueryError(f"{value}: needs a value")
            return self._clause(value, value_text)
        if kind in {"word", "phrase", "range"}:
            return self._clause(field, value)
        raise SearchQueryError(f"unexpected {value!r}")

    def _group(self, field: str | None, depth: int) -> Q:
        if depth >= MAX_DEPTH:
            raise SearchQueryError("parentheses nested too deeply")
        if self._peek() == ("close", ")"):
            raise SearchQueryError("empty parentheses")
        q = self._sequence(field, depth + 1)
        if self._take() != ("close", ")"):
            raise SearchQueryError("a parenthesis is not closed")
        return q

    def _clause(self, field: str | None, value: str) -> Q:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise SearchQueryError(f"more than {MAX_CLAUSES} clauses")
        return self.term(field, value)


def parse(text: str, term: Callable[[str | None, str], Q]) -> Q:
    """``text`` as a ``Q``; ``term(field or None, raw value)`` makes each clause."""
    return _Parser(text or "", term).parse()


# --- values ---------------------------------------------------------------------

_RANGE = re.compile(
    r"^(?P<open>[\[{])\s*(?P<low>\S+)\s+TO\s+(?P<high>\S+)\s*(?P<close>[\]}])$"
)
_DATE = re.compile(
    r"^(?P<anchor>NOW|\d{4}-\d{2}-\d{2}"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[+-]\d{2}:\d{2})?)?Z?)"
    r"(?P<math>(?:[/+-]\d*[A-Z]+)*)$"
)
_MATH = re.compile(r"(?P<op>[/+-])(?P<number>\d*)(?P<unit>[A-Z]+?)S?(?=[/+-]|$)")
_UNITS = ("YEAR", "MONTH", "DAY", "DATE", "HOUR", "MINUTE", "SECOND", "MILLI")


def unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def is_range(value: str) -> bool:
    return value[:1] in "[{"


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _round(moment: datetime, unit: str) -> datetime:
    fields = ["month", "day", "hour", "minute", "second", "microsecond"]
    keep = {"YEAR": 0, "MONTH": 1, "DAY": 2, "DATE": 2, "HOUR": 3, "MINUTE": 4}
    keep.update(SECOND=5, MILLI=6)
    reset = {name: (1 if name in {"month", "day"} else 0) for name in fields}
    for name in fields[: keep[unit]]:
        reset.pop(name)
    if unit == "MILLI":
        reset = {"microsecond": moment.microsecond // 1000 * 1000}
    return moment.replace(**reset)


def _date_math(moment: datetime, math: str) -> datetime:
    for step in _MATH.finditer(math):
        unit = step["unit"]
        if unit not in _UNITS:
            raise SearchQueryError(f"unknown date unit {unit!r}")
        if step["op"] == "/":
            if step["number"]:
                raise SearchQueryError("rounding takes no number")
            moment = _round(moment, unit)
            continue
        number = int(step["number"] or "1") * (-1 if step["op"] == "-" else 1)
        if unit == "YEAR":
            moment = _add_months(moment, 12 * number)
        elif unit == "MONTH":
            moment = _add_months(moment, number)
        else:
            seconds = {"DAY": 86400, "DATE": 86400, "HOUR": 3600, "MINUTE": 60}
            seconds.update(SECOND=1, MILLI=0.001)
            moment += timedelta(seconds=number * seconds[unit])
    return moment


def parse_time(value: str) -> datetime | None:
    """A range bound: ``*`` (open), ISO 8601 in UTC or Solr date maths."""
    text = unquote(value)
    if text == "*":
        return None
    match = _DATE.match(text)
    if match is None:
        raise SearchQueryError(f"not a date: {value}")
    try:
        if match["anchor"] == "NOW":
            moment = timezone.now().astimezone(UTC)
        else:
            moment = datetime.fromisoformat(match["anchor"].removesuffix("Z"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
        rebuilt = "".join(m.group(0) for m in _MATH.finditer(match["math"]))
        if rebuilt != match["math"]:
            raise SearchQueryError(f"cannot read the date maths of {value}")
        return _date_math(moment, match["math"])
    except (ValueError, OverflowError) as error:
        if isinstance(error, SearchQueryError):
            raise
        raise SearchQueryError(f"not a date: {value}") from None


def range_q(column: str, value: str, convert: Callable[[str], object]) -> Q:
    """``[low TO high]`` / ``{low TO high}`` on ``column``; bounds via ``convert``
    (``None`` for ``*``)."""
    match = _RANGE.match(value)
    if not match:
        raise SearchQueryError(f"cannot read the range {value}")
    q = ALL
    low, high = convert(match["low"]), convert(match["high"])
    if low is not None:
        lookup = "gte" if match["open"] == "[" else "gt"
        q &= Q(**{f"{column}__{lookup}": low})
    if high is not None:
        lookup = "lte" if match["close"] == "]" else "lt"
        q &= Q(**{f"{column}__{lookup}": high})
    return q


def as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


# --- fields of a dataset ---------------------------------------------------------


def _text_q(value: str) -> Q:
    words = unquote(value)
    if words == "*":
        return ALL
    matching = search_datasets(Dataset.objects.all_organizations(), words)
    return Q(pk__in=matching.values("pk"))


def _prefix(value: str) -> tuple[str, bool]:
    """``(text, is_prefix)``: ``abc*`` (unquoted) asks for a prefix."""
    if value.endswith("*") and not value.startswith('"'):
        return value.rstrip("*"), True
    return unquote(value), False


def _organization_q(value: str) -> Q:
    text, prefix = _prefix(value)
    if prefix:
        return Q(organization__slug__startswith=text)
    if as_uuid(text) is None:
        return Q(organization__slug=text)
    # Organisation ids are derived from primary keys; resolve by comparison.
    from prongsai.organizations.models import Organization

    pks = [
        o.pk
        for o in Organization.objects.filter(datasets__isnull=False).distinct()
        if ckan.organization_id(o) == text
    ]
    return Q(organization__pk__in=pks)


def _tags_q(value: str) -> Q:
    text, prefix = _prefix(value)
    return Q(tag_index__contains="\n" + text + ("" if prefix else "\n"))


def _exact(column: str) -> Callable[[str], Q]:
    def q(value: str) -> Q:
        text, prefix = _prefix(value)
        return Q(**{f"{column}__startswith" if prefix else column: text})

    return q


def _contains(column: str) -> Callable[[str], Q]:
    def q(value: str) -> Q:
        text = unquote(value).strip("*")
        return Q(**{f"{column}__icontains": text}) if text else ALL

    return q


def _constant(expected: str) -> Callable[[str], Q]:
    return lambda value: ALL if unquote(value).lower() == expected else NONE


def _id_q(value: str) -> Q:
    pk = as_uuid(unquote(value))
    return NONE if pk is None else Q(pk=pk)


def _format_q(value: str) -> Q:
    return ALL if unquote(value).upper() in ckan.FORMAT_NAMES else NONE


def _year(value: str) -> int | None:
    text = unquote(value)
    if text == "*":
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 4:
        raise SearchQueryError(f"not a fiscal year: {value}")
    return int(text)


def _fiscal_year_q(value: str) -> Q:
    if is_range(value):
        return range_q("fiscal_year", value, _year)
    return Q(fiscal_year=_year(value))


def _time_q(column: str) -> Callable[[str], Q]:
    def q(value: str) -> Q:
        if is_range(value):
            return range_q(column, value, parse_time)
        moment = parse_time(value)
        return ALL if moment is None else Q(**{column: moment})

    return q


FIELDS: dict[str, Callable[[str], Q]] = {
    "text": _text_q,
    "name": _exact("name"),
    "title": _contains("title"),
    "notes": _contains("description"),
    "tags": _tags_q,
    "organization": _organization_q,
    "owner_org": _organization_q,
    "id": _id_q,
    "res_format": _format_q,
    "license_id": _exact("license_id"),
    "fiscal_year": _fiscal_year_q,
    "metadata_modified": _time_q("modified_at"),
    "metadata_created": _time_q("created_at"),
    "groups": lambda value: NONE,
    "type": _constant("dataset"),
    "dataset_type": _constant("dataset"),
    "capacity": _constant("public"),
    "state": _constant("active"),
}


def dataset_term(field: str | None, value: str) -> Q:
    """One clause of a query on ``Dataset``; ``field`` ``None`` is free text."""
    if field in {None, "*"}:
        return _text_q(value)
    handler = FIELDS.get(field)
    if handler is None:
        raise SearchQueryError(f"unknown field: {field}")
    if is_range(value) and field not in {
        "metadata_modified",
        "metadata_created",
        "fiscal_year",
    }:
        raise SearchQueryError(f"{field} cannot take a range")
    if value == "*":
        return ALL
    return handler(value)


def dataset_q(text: str) -> Q:
    """A ``q`` or ``fq`` parameter as a ``Q`` on ``Dataset``."""
    return parse(text, dataset_term)


# --- sort -----------------------------------------------------------------------

SORT_FIELDS = {
    "score": None,
    "rank": None,
    "id": "id",
    "name": "name",
    "title_string": "title",
    "title": "title",
    "metadata_modified": "modified_at",
    "metadata_created": "created_at",
}


def parse_sort(sort: str) -> list[str]:
    """``"metadata_modified desc, name asc"`` -> ORM ``order_by`` arguments."""
    order: list[str] = []
    for part in (sort or "").split(","):
        part = part.strip()
        if not part:
            continue
        pieces = part.split()
        field = pieces[0]
        direction = pieces[1].lower() if len(pieces) > 1 else "asc"
        if (
            field not in SORT_FIELDS
            or direction not in {"asc", "desc"}
            or len(pieces) > 2
        ):
            raise SearchQueryError(f"cannot sort by {part!r}")
        column = SORT_FIELDS[field]
        if column is None:
            continue
        order.append(("-" if direction == "desc" else "") + column)
    return order


def is_plain(text: str) -> bool:
    """Whether ``text`` is only words (no fields, phrases, operators or
    groups): the catalogue's search box answers it directly."""
    if not text or "\x00" in text:
        return False
    try:
        return all(kind == "word" for kind, _value in _tokens(text))
    except SearchQueryError:
        return False
