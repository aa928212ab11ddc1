"""Thai word search: PyThaiNLP splits Thai text (written without spaces) into
words at index time and at query time, so a search for ``ถนน`` finds
``โครงการก่อสร้างถนนคอนกรีต`` on any database."""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.models import Q, QuerySet

_NON_WORD = re.compile(r"[^\w\u0e00-\u0e7f]+")


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, engine="newmm", keep_whitespace=False)
    return tuple(t.lower() for t in (_NON_WORD.sub("", token) for token in tokens) if t)


def tokenize_for_index(text: str) -> str:
    """`` word word word `` with a leading and trailing space, for matching."""
    words = _words(text or "")
    return " " + " ".join(words) + " " if words else ""


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(_words((query or "").strip()[:200])))


def uses_full_text(connection) -> bool:
    """PostgreSQL answers with its full-text index; others use LIKE."""
    return connection.vendor == "postgresql"


def filter_by_words(queryset: QuerySet, query: str, field: str = "search_text"):
    """Rows containing every word of ``query``, each at the start of a word."""
    from django.db import connections

    words = query_words(query)
    if not words:
        return queryset
    if uses_full_text(connections[queryset.db]):
        from django.contrib.postgres.search import SearchQuery, SearchVectorField
        from django.db.models import F, Func

        # The same expression as the GIN index of migration 0002 (no COALESCE,
        # unlike SearchVector), so PostgreSQL can use the index. Words hold
        # only letters, digits and Thai characters (see _NON_WORD).
        vector = Func(
            F(field),
            function="to_tsvector",
            template="%(function)s('simple', %(expressions)s)",
            output_field=SearchVectorField(),
        )
        terms = " & ".join(f"'{word}':*" for word in words)
        return queryset.alias(words_vector=vector).filter(
            Q(words_vector=SearchQuery(terms, search_type="raw", config="simple"))
            | Q(egp_project_number=query.strip())
        )
    for word in words:
        queryset = queryset.filter(
            Q(**{f"{field}__contains": f" {word}"}) | Q(**{"egp_project_number": word})
        )
    return queryset
