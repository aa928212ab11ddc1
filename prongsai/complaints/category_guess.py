"""Guessing a complaint category from what a citizen wrote. Pure: no database.

Each category matches by its keywords (``Category.keywords``: Thai words the
officer edits, separated by commas or spaces) and by its name. Text and
keywords are cut into words with the one Thai tokeniser
(:mod:`prongsai.core.thai_words`), so ``บ่อ`` (a pothole) does not match
``บ่อย`` (often). A keyword also matches a part of a compound word (``น้ำ`` in
``น้ำประปา``), but only weakly: ``ไฟถนน`` is street lights, not roads, because
the whole word is a street-light keyword and ``ถนน`` only a part of it.

A category is guessed only when exactly one category matches clearly;
otherwise the citizen is asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from prongsai.core import thai_words

_SEPARATORS = re.compile(r"[,\s;/|()\[\]\"“”'‘’]+")
_NAME_STOP_WORDS = {"และ", "หรือ", "การ", "ของ", "ที่"}
MAX_KEYWORDS = 60


class CategoryChoice(NamedTuple):
    """A category as the chat sees it."""

    pk: int
    name: str
    keywords: str = ""


class _Match(NamedTuple):
    pk: int
    start: int
    end: int
    strong: bool


def keyword_list(text: str) -> list[str]:
    """The keywords of a category's ``keywords`` text, normalised, once each."""
    seen: dict[str, None] = {}
    for piece in _SEPARATORS.split(thai_words.normalize(text)):
        if piece:
            seen.setdefault(piece, None)
    return list(seen)[:MAX_KEYWORDS]


def _name_keywords(name: str) -> list[str]:
    """The whole name and its words (not numbers, not "and" or "or")."""
    pieces = [
        p
        for p in keyword_list(name)
        if p not in _NAME_STOP_WORDS and len(p) > 1 and not p.isdigit()
    ]
    whole = thai_words.normalize(name)
    return [whole, *pieces] if whole not in pieces else pieces


def _find(tokens: list[str], keyword: list[str], pk: int) -> Iterable[_Match]:
    size = len(keyword)
    for start in range(len(tokens) - size + 1):
        if tokens[start : start + size] == keyword:
            yield _Match(pk, start, start + size, True)
    if size == 1:
        for index, token in enumerate(tokens):
            if token != keyword[0] and keyword[0] in thai_words.parts(token):
                yield _Match(pk, index, index + 1, False)


def _dominated(match: _Match, others: list[_Match]) -> bool:
    """Another category's match covers this one and is longer or stronger."""
    for other in others:
        if other.pk == match.pk:
            continue
        covers = other.start <= match.start and match.end <= other.end
        longer = other.end - other.start > match.end - match.start
        if covers and (longer or (other.strong and not match.strong)):
            return True
    return False


def guess_category(text: str, categories: Iterable[CategoryChoice]) -> int | None:
    """The one category ``text`` is clearly about; None when none or several."""
    tokens = thai_words.words(text)
    if not tokens:
        return None
    matches: list[_Match] = []
    for choice in categories:
        for keyword in {*keyword_list(choice.keywords), *_name_keywords(choice.name)}:
            keyword_tokens = thai_words.words(keyword)
            if keyword_tokens:
                matches.extend(_find(tokens, keyword_tokens, choice.pk))
    clear = {m.pk for m in matches if not _dominated(m, matches)}
    return clear.pop() if len(clear) == 1 else None
