"""Searching the platform directory (``/``): what a visitor types, in Thai,
turned into search words (pure; no database).

Each word must match the name, province, district or subdistrict. The usual
abbreviations of LAO kinds are spelt out (``อบต.บ้านดง`` finds
``องค์การบริหารส่วนตำบลบ้านดง``), the words "province", "district" and
"subdistrict" (``จังหวัด``, ``จ.``, ``อำเภอ``, ``อ.``, ``ตำบล``, ``ต.``) in front
of a place name are dropped, as are Thai digits and extra spaces.
"""

from __future__ import annotations

import re
import unicodedata

from prongsai.core.thai_dates import to_arabic_digits

MAX_QUERY_LENGTH = 100
MAX_WORDS = 5

ABBREVIATIONS = (
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ทน.", "เทศบาลนคร"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทต.", "เทศบาลตำบล"),
)
# A place-kind word in front of a name ("จังหวัดขอนแก่น", "อ.เมือง").
PLACE_WORDS = re.compile(r"^(?:จังหวัด|จ\.|อำเภอ|อ\.|เขต|ตำบล|ต\.|แขวง)(?=\S)")


def search_words(query: str) -> list[str]:
    """The words to look for, at most :data:`MAX_WORDS`; ``[]`` for none."""
    text = unicodedata.normalize("NFC", to_arabic_digits(query or ""))
    text = text[:MAX_QUERY_LENGTH]
    for short, full in ABBREVIATIONS:
        text = text.replace(short, full + " ")
    undotted = {short.rstrip("."): full for short, full in ABBREVIATIONS}
    words = []
    for word in text.split():
        word = undotted.get(word, word)
        if word in ("จังหวัด", "จ.", "อำเภอ", "อ.", "ตำบล", "ต.", "เขต", "แขวง"):
            continue
        word = PLACE_WORDS.sub("", word)
        if word and word not in words:
            words.append(word)
    return words[:MAX_WORDS]
