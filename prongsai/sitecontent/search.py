"""Site search with Thai word segmentation (PyThaiNLP, engine newmm).

Thai is written without spaces between words, so the query is cut into
words first; a document matches when it contains every word, and ranks by
how often the words occur, titles counting three times.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

MAX_QUERY = 200
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    pk: int | str
    title: str
    snippet: str
    date: datetime.datetime | None
    score: int


@lru_cache(maxsize=512)
def query_words(query: str) -> tuple[str, ...]:
    """The words of a query, lower-cased, without spaces, punctuation and
    Thai stop words (การ, ของ, ที่ ...) unless nothing else is left."""
    from pythainlp.corpus import thai_stopwords
    from pythainlp.tokenize import word_tokenize

    text = _SPACE.sub(" ", query.strip().lower())[:MAX_QUERY]
    if not text:
        return ()
    words = []
    for token in word_tokenize(text, engine="newmm", keep_whitespace=False):
        token = token.strip()
        if token and any(ch.isalnum() for ch in token) and token not in words:
            words.append(token)
    stopwords = thai_stopwords()
    meaningful = [w for w in words if w not in stopwords]
    return tuple(meaningful or words)


def _snippet(text: str, word: str, width: int = 160) -> str:
    position = text.lower().find(word)
    start = max(position - width // 3, 0) if position >= 0 else 0
    snippet = text[start : start + width].replace("\n", " ")
    return ("…" if start else "") + snippet + ("…" if start + width < len(text) else "")


def search_documents(docs: Iterable, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Rank documents (with kind, pk, title, text, date) against ``query``."""
    words = query_words(query)
    if not words:
        return []
    hits = []
    for doc in docs:
        title = (doc.title or "").lower()
        text = (doc.text or "").lower()
        score = 0
        for word in words:
            found = title.count(word) * 3 + text.count(word)
            if not found:
                break
            score += found
        else:
            hits.append(
                SearchHit(
                    kind=doc.kind,
                    pk=doc.pk,
                    title=doc.title,
                    snippet=_snippet(doc.text or "", words[0]),
                    date=doc.date,
                    score=score,
                )
            )
    hits.sort(key=lambda hit: (-hit.score, hit.title))
    return hits[:limit]
