"""Remove personal data from text that will be published (pure functions).

Covers Thai phone numbers (mobile and landline, with or without separators,
with +66), 13-digit national ID numbers (with or without dashes) and house
numbers written after บ้านเลขที่ / เลขที่ / No.
"""

from __future__ import annotations

import re

PHONE_MARK = "[เบอร์โทรศัพท์]"
ID_MARK = "[เลขประจำตัวประชาชน]"
HOUSE_MARK = "[บ้านเลขที่]"
EMAIL_MARK = "[อีเมล]"

_DIGIT = "[0-9๐-๙]"
_SEP = r"[\s\-.]?"
# 13 digits: 1-2345-67890-12-3 or 1234567890123.
NATIONAL_ID = re.compile(
    rf"(?<![0-9๐-๙]){_DIGIT}{_SEP}{_DIGIT}{{4}}{_SEP}{_DIGIT}{{5}}{_SEP}"
    rf"{_DIGIT}{{2}}{_SEP}{_DIGIT}(?![0-9๐-๙])"
)
PHONE = re.compile(
    r"(?<![0-9๐-๙])(?:\+66[\s\-]?|[0๐])"
    r"(?:[0-9๐-๙][\s\-.]?){8,9}"
    r"(?![0-9๐-๙])"
)
HOUSE = re.compile(
    r"(บ้านเลขที่|เลขที่|บ้าน\s*เลขที่|No\.?)\s*[0-9๐-๙]+(?:/[0-9๐-๙]+)?",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def redact(text: str) -> str:
    """``text`` with phone numbers, ID numbers, house numbers and e-mails masked."""
    if not text:
        return ""
    text = NATIONAL_ID.sub(ID_MARK, text)
    text = EMAIL.sub(EMAIL_MARK, text)
    text = PHONE.sub(PHONE_MARK, text)
    text = HOUSE.sub(lambda m: m.group(1) + " " + HOUSE_MARK, text)
    return text
