"""Reads of the search index: the one query mechanism of the site search.

PostgreSQL matches and ranks with full-text search over the pre-cut words
(configuration ``simple``: the words are already Thai words, lower-cased),
helped by a GIN index (migration 0002). Other databases, SQLite in the
embedded install, match each word at the start of an indexed word with
``LIKE`` and score title hits three times body hits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    Exists,
    Expression,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.fields import AutoFieldMixin
from django.db.models.functions import Cast
from django.utils import timezone

from prongsai.core.thai_words import query_words

from . import registry
from .models import SearchEntry

_QS = TypeVar("_QS", bound=QuerySet)

PAGE_SIZE = 20
MAX_PAGES = 50


def full_text_search(connection) -> bool:
    """Whether the database ranks with its own full-text search."""
    return connection.vendor == "postgresql"


def _tsquery(words: list[str]) -> SearchQuery:
    # Words hold only letters, digits and Thai characters (thai_words), so
    # quoting each one is enough; ``:*`` matches a word at its start.
    terms = " & ".join(f"'{word}':*" for word in words)
    return SearchQuery(terms, search_type="raw", config="simple")


def _visible(entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    return entries.filter(
        Q(public_from__isnull=True) | Q(public_from__lte=timezone.now())
    )


def search_entry_list_matching(
    *, query: str, organization=None, kinds: list[str] | tuple[str, ...] = ()
) -> QuerySet[SearchEntry]:
    """Public entries holding every word of ``query`` (none for no words)."""
    words = query_words(query)
    if organization is None:  # a platform-wide list (the open-data catalogue)
        entries = _visible(SearchEntry.objects.all_organizations())
    else:
        entries = _visible(SearchEntry.objects.for_organization(organization))
    if kinds:
        entries = entries.filter(kind__in=kinds)
    if not words:
        return entries.none()
    if full_text_search(connections[entries.db]):
        return entries.filter(words_vector=_tsquery(words))
    for word in words:
        entries = entries.filter(
            Q(title_words__contains=" " + word) | Q(body_words__contains=" " + word)
        )
    return entries


def _ranked(entries: QuerySet[SearchEntry], query: str) -> QuerySet[SearchEntry]:
    words = query_words(query)
    if full_text_search(connections[entries.db]):
        return entries.annotate(
            score=SearchRank(F("words_vector"), _tsquery(words))
        ).order_by("-score", F("date").desc(nulls_last=True), "-id")
    score: Expression = Value(0, output_field=IntegerField())
    for word in words:
        score = (
            score
            + Case(
                When(title_words__contains=" " + word, then=Value(3)),
                default=Value(0),
            )
            + Case(
                When(body_words__contains=" " + word, then=Value(1)),
                default=Value(0),
            )
        )
    return entries.annotate(score=score).order_by(
        "-score", F("date").desc(nulls_last=True), "-id"
    )


def search_entry_list_ranked(
    *, organization, query: str, kind: str = ""
) -> QuerySet[SearchEntry]:
    """The organisation's public records matching ``query``, best first.

    ``kind`` narrows to one registered kind; an unknown kind finds nothing.
    """
    kinds = (kind,) if kind else ()
    entries = search_entry_list_matching(
        query=query, organization=organization, kinds=kinds
    )
    return _ranked(entries, query)


def search_entry_get_kind_counts(*, organization, query: str) -> dict[str, int]:
    """How many matches each kind has, for the filter chips."""
    rows = (
        search_entry_list_matching(query=query, organization=organization)
        .order_by()
        .values("kind")
        .annotate(n=Count("id"))
    )
    return {row["kind"]: row["n"] for row in rows}


def _pk_type(model: type[Model]):
    pk = model._meta.pk
    if isinstance(pk, AutoFieldMixin):
        return BigIntegerField()
    return pk.__class__()


def filter_by_search(queryset: _QS, *, kind: str, query: str, organization=None) -> _QS:
    """Rows of ``queryset`` whose index entry of ``kind`` matches ``query``.

    The per-app search boxes (procurement register, news, open data) use this
    to keep their own filters and order while searching the one index.
    """
    entries = search_entry_list_matching(
        query=query, organization=organization, kinds=(kind,)
    )
    if isinstance(queryset.model._meta.pk, AutoFieldMixin):
        # A correlated EXISTS on the (organisation, kind, record) index: the
        # database may walk the caller's ordered index and stop at the page's
        # LIMIT instead of reading every match (``IN`` hashes them all).
        return queryset.filter(
            Exists(entries.filter(object_id=Cast(OuterRef("pk"), CharField())))
        )
    ids = entries.annotate(record=Cast("object_id", _pk_type(queryset.model)))
    return queryset.filter(pk__in=ids.values("record"))


class _Capped:
    """Ranked entries whose count is taken without ranking, capped."""

    def __init__(self, entries: QuerySet[SearchEntry], limit: int):
        self.entries = entries
        self.limit = limit

    def count(self) -> int:
        # Counting needs no ranking: the ordering (and its rank) is dropped.
        return min(self.entries.order_by().count(), self.limit)

    def __getitem__(self, key):
        return self.entries[key]


def bounded_page(entries: QuerySet[SearchEntry], number) -> Page:
    """One page of results; at most :data:`MAX_PAGES` pages, any ``number``.

    A missing, non-numeric or too large page number gives the first or the
    last page, never an error, and deep pages cost no more than page 50.
    """
    # Paginator only needs count() and slicing, which _Capped provides; the
    # stubs' protocol also asks for __len__ and __iter__.
    capped = _Capped(entries, PAGE_SIZE * MAX_PAGES)
    paginator: Paginator[SearchEntry] = Paginator(capped, PAGE_SIZE)  # type: ignore[arg-type]
    return paginator.get_page(str(number or "1")[:6])


@dataclass(frozen=True)
class Fragment:
    text: str
    match: bool


def highlight(text: str, query: str, *, width: int = 200) -> list[Fragment]:
    """A piece of ``text`` around the first query word, words marked."""
    words = sorted(query_words(query), key=len, reverse=True)
    text = " ".join(str(text or "").split())
    if not words:
        return [Fragment(text[:width], False)] if text else []
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(first.start() - width // 3, 0) if first else 0
    piece = text[start : start + width]
    fragments = [Fragment("…", False)] if start else []
    position = 0
    for found in pattern.finditer(piece):
        if found.start() > position:
            fragments.append(Fragment(piece[position : found.start()], False))
        fragments.append(Fragment(found.group(0), True))
        position = found.end()
    if position < len(piece):
        fragments.append(Fragment(piece[position:], False))
    if start + width < len(text):
        fragments.append(Fragment("…", False))
    return fragments


def kind_labels() -> dict[str, str]:
    return {kind.key: str(kind.label) for kind in registry.kinds()}
