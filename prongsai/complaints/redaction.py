"""Remove personal data from text that will be published (pure functions).

``redact`` masks, in this order: e-mail addresses, 13-digit national ID
numbers, bank account numbers, Thai phone numbers (mobile and landline, with
dashes, en-dashes, spaces, dots, brackets, +66 or Thai digits), LINE ids,
Thai vehicle number plates, house numbers and names written after a Thai
title (นาย, นาง, นางสาว, น.ส., ด.ช., ด.ญ., คุณ, police and military ranks).

Village numbers (หมู่ที่ 5, ม.5), roads, dates and amounts are kept: a village
has hundreds of households and the place is what a public case is about.

The rules err on the side of masking too much (a surname-looking word after a
name is masked with it). An officer reviews and corrects the text before it
is published (``services.case_review_public_text``); this module only gives
the first draft. ``redact`` is idempotent: redacting twice changes nothing.
"""

from __future__ import annotations

import re

PHONE_MARK = "[เบอร์โทรศัพท์]"
ID_MARK = "[เลขประจำตัวประชาชน]"
HOUSE_MARK = "[บ้านเลขที่]"
EMAIL_MARK = "[อีเมล]"
NAME_MARK = "[ชื่อ]"
LINE_MARK = "[ไลน์]"
PLATE_MARK = "[ทะเบียนรถ]"
ACCOUNT_MARK = "[เลขบัญชี]"

_D = "[0-9๐-๙]"
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Not part of a longer number: no digit before, nor "1/", "1,", "1." (dates,
# amounts, decimals).
_NO_NUMBER_BEFORE = r"(?<![0-9๐-๙])(?<![0-9๐-๙][/,.:])"
_SEP = r"[\s\-–—.]"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# 13 digits: 1-2345-67890-12-3, 1 2345 67890 12 3 or 1234567890123.
NATIONAL_ID = re.compile(
    rf"{_NO_NUMBER_BEFORE}{_D}{_SEP}?{_D}{{4}}{_SEP}?{_D}{{5}}{_SEP}?"
    rf"{_D}{{2}}{_SEP}?{_D}(?![0-9๐-๙])"
)

# Bank accounts: the 3-1-5-1 pattern anywhere, or 9 to 15 digits after a word
# saying it is an account (บัญชี, เลขบัญชี, บช., account no.).
ACCOUNT_PATTERN = re.compile(
    rf"{_NO_NUMBER_BEFORE}{_D}{{3}}[\-–\s]{_D}[\-–\s]{_D}{{5}}[\-–\s]{_D}"
    r"(?![0-9๐-๙])"
)
ACCOUNT_AFTER_WORD = re.compile(
    r"(บัญชี|บช\.|account(?:\s*no\.?)?)([^0-9๐-๙\n]{0,40}?)"
    rf"({_D}(?:[\s\-–.]?{_D}){{8,14}})(?![0-9๐-๙])",
    re.IGNORECASE,
)

# Phone candidates start with 0, "(0" or +66; ``_phone`` checks the length.
PHONE = re.compile(
    rf"{_NO_NUMBER_BEFORE}(?:\+\s?[6๖][6๖]|\(\s?[0๐]|[0๐])"
    rf"(?:[\s\-–—.()]{{1,3}}{_D}|{_D})*"
)

# LINE ids: after ไลน์ / ไอดีไลน์ / line id / line:, or a bare @id.
LINE_ID = re.compile(
    r"((?:ไอดี\s*ไลน์|ไลน์\s*ไอดี|ไลน์|(?<![A-Za-z])(?:line\s*id|id\s*line|line))"
    r"\s*[:：]?\s*)(?!(?:id|line)\b)@?[A-Za-z0-9][A-Za-z0-9._\-]*",
    re.IGNORECASE,
)
LINE_AT = re.compile(r"(?<![\w.@])@[A-Za-z0-9][A-Za-z0-9._\-]{2,}")

# Thai plates: กข 1234, 1กข 1234, กข-1234, ทะเบียน ก 12. Common short words
# followed by a number (รถ 2 คัน, งบ 1500 บาท) and quantities are left alone.
_NOT_PLATE_WORDS = "ณ|ม|ซ|ถ|ต|อ|จ|ผม|คน|รถ|งบ|พศ|คศ|กม|ชม|กก|ตร|มม|ซม|ลบ"
_UNITS = (
    "บาท|คน|คัน|ต้น|ปี|วัน|เดือน|ครั้ง|ราย|หลัง|แห่ง|จุด|เมตร|ม\\.|กม|ไร่|ชั่วโมง|นาที|ลิตร|ตัว|ชิ้น|%"
)
PLATE = re.compile(
    r"(?:(?<=ทะเบียน)|(?<=ทะเบียนรถ)|(?<![\u0e01-\u0e4eA-Za-z0-9๐-๙]))"
    rf"(?!(?:{_NOT_PLATE_WORDS})[\s\-]?[0-9๐-๙])"
    r"(?:[0-9๐-๙]\s?)?[ก-ฮ]{1,2}\s?-?\s?[0-9๐-๙]{1,4}"
    rf"(?![0-9๐-๙/,.:])(?!\s*(?:{_UNITS}))"
)

# Commercial plates are digits only (82-1234); only after the word ทะเบียน.
PLATE_DIGITS_AFTER_WORD = re.compile(
    r"(ทะเบียน(?:รถ)?\s*[:：]?\s*)[0-9๐-๙]{1,2}\s?-\s?[0-9๐-๙]{1,4}(?![0-9๐-๙])"
)

HOUSE = re.compile(
    r"(บ้านเลขที่|เลขที่|บ้าน\s*เลขที่|No\.?)\s*[0-9๐-๙]+(?:/[0-9๐-๙]+)?",
    re.IGNORECASE,
)
HOUSE_SLASH = re.compile(r"(บ้าน)\s*[0-9๐-๙]+/[0-9๐-๙]+(?![0-9๐-๙/])")

# Names after a title. Words that merely start like a title (นายก, นายอำเภอ,
# คุณภาพ, ขอบคุณ, นางพยาบาล) are not names.
_RANKS = sorted(
    [
        "น.ส.",
        "นส.",
        "ด.ช.",
        "ด.ญ.",
        "นพ.",
        "พญ.",
        "ดร.",
        "ผศ.",
        "รศ.",
        "ศ.",
        "ร.ต.อ.",
        "ร.ต.ท.",
        "ร.ต.ต.",
        "พ.ต.อ.",
        "พ.ต.ท.",
        "พ.ต.ต.",
        "พล.ต.อ.",
        "พล.ต.ท.",
        "พล.ต.ต.",
        "ด.ต.",
        "จ.ส.ต.",
        "ส.ต.อ.",
        "ส.ต.ท.",
        "ส.ต.ต.",
        "จ.ส.อ.",
        "ร.อ.",
        "ร.ท.",
        "ร.ต.",
        "พ.อ.",
        "พ.ท.",
        "จ.ส.ท.",
        "ส.อ.",
        "ส.ส.",
        "ส.ว.",
        "ส.จ.",
        "ส.ท.",
        "ส.อบต.",
        "Mr.",
        "Mrs.",
        "Ms.",
    ],
    key=len,
    reverse=True,
)
_NAI_NOT = (
    "ก(?:เทศ|อบ|รัฐ|องค์|สมาคม|สภา|ฯ|คน|ของ|ได้|ที่|และ|ท่าน|เป็น|ไม่|[^\u0e01-\u0e4e]|$)|"
    "อำเภอ|ช่าง|จ้าง|หน้า|ทุน|ตรวจ|ทะเบียน|ประกัน|ด่าน|ท้าย|สิบ|ร้อย|พล|พัน|"
    "เรือ|อากาศ|งาน|ห้าง|บ่อน|ตำรวจ|ทหาร|ประตู|แบบ|ความ"
)
_NANG_NOT = "พยาบาล|งาม|ฟ้า|รำ|แบบ|เอก|กำนัล|ใน|ไม้|เงือก|สนม|ข้าหลวง"
_KHUN_NOT = (
    "ภาพ|ค่า|สมบัติ|ธรรม|ประโยชน์|ลักษณะ|วุฒิ|ครู|หมอ|พ่อ|แม่|ตา|ยาย|ป้า|ลุง|น้า|"
    "อา|ปู่|ย่า|ท่าน|ความ|งาม|ภาพ"
)
_TITLE = (
    "(?:"
    + "|".join(re.escape(r) for r in _RANKS)
    + "|นางสาว|เด็กชาย|เด็กหญิง|นายแพทย์|แพทย์หญิง"
    + f"|(?<!เจ้า)นาย(?!{_NAI_NOT})"
    + f"|นาง(?!{_NANG_NOT})"
    + f"|(?<!ขอบ)(?<!บุญ)(?<!พระ)(?<!เป็น)คุณ(?!{_KHUN_NOT})"
    + ")"
)
_WORD = "[\u0e01-\u0e2e\u0e40-\u0e44][\u0e01-\u0e3a\u0e40-\u0e4e]*"
_LATIN_WORD = "[A-Z][A-Za-z'\\-]*"
# A word after the name that starts like one of these is not a surname.
_NOT_SURNAME = (
    "ถนน|ถ\\.|ซอย|ซ\\.|หมู่|ม\\.|บ้าน|เลขที่|เบอร์|โทร|ไลน์|อีเมล|ทะเบียน|บัญชี|"
    "ตำบล|ต\\.|อำเภอ|อ\\.|จังหวัด|จ\\.|วันที่|เวลา|นาย|นาง|คุณ|ขอบคุณ|ที่|ได้|และ|"
    "หรือ|กับ|ซึ่ง|เป็น|ว่า|จาก|ของ|ใน|เมื่อ|ครับ|ค่ะ|คะ"
)
_RANK_ALTERNATIVES = "|".join(re.escape(r) for r in _RANKS)
NAME = re.compile(
    rf"{_TITLE}\s?(?:{_WORD}|{_LATIN_WORD})"
    rf"(?:\s+(?!{_NOT_SURNAME}|{_RANK_ALTERNATIVES})(?:{_WORD}(?!\.)|{_LATIN_WORD}))?"
)


def _phone_digits_needed(digits: str, international: bool) -> int | None:
    """How many digits the number has in total, or None if it is no phone."""
    if international:
        if not digits.startswith("66"):
            return None
        national = digits[2:]
        prefix = 2
        if national.startswith("0"):  # +66 (0) 81 ...
            national = national[1:]
            prefix += 1
        if not national or national[0] == "0":
            return None
        return prefix + (9 if national[0] in "689" else 8)
    if len(digits) < 2 or digits[0] != "0" or digits[1] == "0":
        return None
    return 10 if digits[1] in "689" else 9


def _phone(match: re.Match) -> str:
    return _phone_text(match.group(0))


def _phone_text(text: str) -> str:
    """Mask the phone number at the start of ``text``, then look at the rest."""
    positions = [i for i, ch in enumerate(text) if ch in "0123456789๐๑๒๓๔๕๖๗๘๙"]
    digits = "".join(text[i] for i in positions).translate(_THAI_DIGITS)
    needed = _phone_digits_needed(digits, text.lstrip("( ").startswith("+"))
    if needed is not None and len(digits) >= needed:
        cut = positions[needed - 1] + 1
        if cut >= len(text) or not text[cut].translate(_THAI_DIGITS).isdigit():
            return PHONE_MARK + PHONE.sub(_phone, text[cut:])
    if needed is not None and 9 <= len(digits) <= 11:
        # Close enough to a phone number (a digit too many or too few).
        return PHONE_MARK
    # Not a phone number here: keep the first group, look at what follows.
    end = positions[0] + 1
    while end < len(text) and text[end].translate(_THAI_DIGITS).isdigit():
        end += 1
    return text[:end] + PHONE.sub(_phone, text[end:])


def redact(text: str) -> str:
    """``text`` with the personal data described in the module docstring masked."""
    if not text:
        return ""
    text = EMAIL.sub(EMAIL_MARK, text)
    text = NATIONAL_ID.sub(ID_MARK, text)
    text = ACCOUNT_AFTER_WORD.sub(
        lambda m: m.group(1) + m.group(2) + ACCOUNT_MARK, text
    )
    text = ACCOUNT_PATTERN.sub(ACCOUNT_MARK, text)
    text = PHONE.sub(_phone, text)
    text = LINE_ID.sub(lambda m: m.group(1) + LINE_MARK, text)
    text = LINE_AT.sub(LINE_MARK, text)
    text = PLATE_DIGITS_AFTER_WORD.sub(lambda m: m.group(1) + PLATE_MARK, text)
    text = PLATE.sub(PLATE_MARK, text)
    text = HOUSE.sub(lambda m: m.group(1) + " " + HOUSE_MARK, text)
    text = HOUSE_SLASH.sub(lambda m: m.group(1) + " " + HOUSE_MARK, text)
    text = NAME.sub(NAME_MARK, text)
    return text
