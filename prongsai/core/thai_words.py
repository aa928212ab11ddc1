"""Thai words for search: the one tokeniser every search in Prongsai uses.

Thai is written without spaces between words, so text is cut into words with
PyThaiNLP (dictionary engine ``newmm``) both when a record is indexed and when
a visitor types a query; the two sides then meet word by word. Words are
lower-cased, Thai digits become Arabic ones (``๒๕๖๘`` finds ``2568``), and
punctuation, spaces and NUL characters are dropped.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from prongsai.core.thai_dates import to_arabic_digits

MAX_QUERY = 200
MAX_QUERY_WORDS = 12
# Letters and digits of any script plus Thai vowels and tone marks (combining
# characters that \w leaves out).
_NOT_WORD = re.compile(r"[^\w\u0e00-\u0e7f]+")
_SPACE = re.compile(r"\s+")
_THAI = re.compile(r"[\u0e01-\u0e2e]")


def normalize(text: str) -> str:
    """Lower-case, Arabic digits, one space between chunks, no NUL."""
    text = to_arabic_digits(str(text or "")).replace("\x00", " ").lower()
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def _cut(chunk: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    words = []
    for token in word_tokenize(chunk, engine="newmm", keep_whitespace=False):
        word = _NOT_WORD.sub("", token).replace("_", "")
        if word:
            words.append(word)
    return tuple(words)


def words(text: str) -> list[str]:
    """Every word of ``text`` in order (duplicates kept), normalised."""
    result: list[str] = []
    for chunk in normalize(text).split(" "):
        if chunk:
            result.extend(_cut(chunk))
    return result


_SPLIT_LOCK = threading.Lock()
_MIN_COMPOUND = 5


@lru_cache(maxsize=1)
def _dictionary():
    from pythainlp.corpus.common import thai_words
    from pythainlp.util import Trie

    return Trie(thai_words())


@lru_cache(maxsize=8192)
def parts(word: str, depth: int = 2) -> tuple[str, ...]:
    """The smaller dictionary words a compound word is made of.

    ``การไฟฟ้าส่วนภูมิภาค`` is one dictionary word for ``newmm``; cut again
    without that entry it gives ``การไฟฟ้า`` and ``ส่วนภูมิภาค``, and again
    ``การ`` and ``ไฟฟ้า``, so a search for ``ไฟฟ้า`` finds it.
    """
    if depth <= 0 or len(word) < _MIN_COMPOUND or not _THAI.search(word):
        return ()
    from pythainlp.tokenize import word_tokenize

    dictionary = _dictionary()
    with _SPLIT_LOCK:
        known = word in dictionary
        if known:
            dictionary.remove(word)
        try:
            pieces = word_tokenize(word, custom_dict=dictionary, engine="newmm")
        finally:
            if known:
                dictionary.add(word)
    # Keep a split only when every piece is itself a dictionary word, so
    # ``คลุก`` is not cut into ``ค`` + ``ลุก``.
    if len(pieces) < 2 or any(len(p) < 2 or p not in dictionary for p in pieces):
        return ()
    found: list[str] = []
    for piece in pieces:
        found.append(piece)
        found.extend(parts(piece, depth - 1))
    return tuple(dict.fromkeys(found))


def index_text(text: str) -> str:
    """The words of ``text`` joined by single spaces, framed by spaces.

    The parts of compound words follow the words themselves, so a query for
    a word inside a compound finds it too. The frame lets a plain
    ``LIKE '% word%'`` find a word at its start on databases without
    full-text search.
    """
    found = words(text)
    extra: dict[str, None] = {}
    for word in found:
        for part in parts(word):
            extra[part] = None
    found.extend(extra)
    return " " + " ".join(found) + " " if found else ""


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def query_words(query: str) -> list[str]:
    """The distinct words a query looks for, without Thai stop words.

    Stop words (การ, ของ, ที่ ...) are dropped unless nothing else is left;
    the query is cut at :data:`MAX_QUERY` characters and
    :data:`MAX_QUERY_WORDS` words.
    """
    found = list(dict.fromkeys(words(str(query or "")[:MAX_QUERY])))
    stopwords = _stopwords()
    meaningful = [word for word in found if word not in stopwords]
    return (meaningful or found)[:MAX_QUERY_WORDS]


def contains_all(text: str, query: str) -> bool:
    """Whether ``text`` holds every query word (substring match, in Python)."""
    haystack = normalize(text)
    return all(word in haystack for word in query_words(query))
