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


def filter_by_words(queryset: QuerySet, query: str, field: str = "search_text"):
    """Rows containing every word of ``query``, each at the start of a word."""
    for word in query_words(query):
        queryset = queryset.filter(
            Q(**{f"{field}__contains": f" {word}"}) | Q(**{"egp_project_number": word})
        )
    return queryset
