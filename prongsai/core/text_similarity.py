"""How alike two short Thai texts are (pure): character trigrams and Jaccard.

Thai is written without spaces between words, so word-based measures need a
dictionary; character trigrams need none and tolerate the small differences
that two people typing the same title make (spacing, a missing vowel, a
different abbreviation). Used to find likely duplicate complaints and to
recognise the same purchase coming from two sources.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def trigrams(text: str) -> set[str]:
    """Character trigrams: work for Thai, which has no spaces between words."""
    text = _SPACE.sub(" ", (text or "").lower()).strip()
    if len(text) < 3:
        return {text} if text else set()
    return {text[i : i + 3] for i in range(len(text) - 2)}


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 when either set is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the trigram sets, 0..1."""
    return jaccard(trigrams(a), trigrams(b))
