"""Redaction of personal data before anything is published (pure module)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.complaints import redaction
from prongsai.complaints.redaction import redact

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ORDINARY = [
    "30/09/2570",
    "1,500 บาท",
    "ถนนมิตรภาพ",
    "หมู่ที่ 5",
    "ม.5",
    "นายกเทศมนตรี",
    "นายอำเภอ",
    "คุณภาพน้ำ",
    "ขอบคุณ",
    "วันที่ 15 ต.ค. 2570",
    "เวลา 10.30 น.",
    "รถ 2 คัน",
    "งบ 1500 บาท",
    "ไฟดับ 4 ต้น",
]
FILLER = [
    "ร้องเรียน",
    "ถนนชำรุด",
    "เก็บเงิน",
    "ไม่มีใบเสร็จ",
    "เจ้าหน้าที่",
    "ขยะล้น",
    "น้ำไม่ไหล",
    "ช่วยตรวจสอบ",
    "ด่วน",
    "ติดต่อ",
]
FIRST_NAMES = ["สมชาย", "สมศรี", "กมล", "วิไล", "ประยุทธ", "มานี", "บุญมี", "อนันต์"]
SURNAMES = ["ใจดี", "รักไทย", "มาลัยทอง", "ศรีสุข", "บุญเรือง", "พรหมมา"]
TITLES = ["นาย", "นาง", "นางสาว", "น.ส.", "ด.ช.", "ด.ญ.", "คุณ", "ร.ต.อ.", "จ.ส.ต."]


def digits(n):
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


def _phone_formats(area: str, rest: str) -> list[str]:
    national = "0" + area + rest
    a, b = national[: 1 + len(area)], national[1 + len(area) :]
    mid, end = b[:-4], b[-4:]
    return [
        national,
        f"{a}-{mid}-{end}",
        f"{a}–{mid}–{end}",
        f"{a} {mid} {end}",
        f"{a}.{mid}.{end}",
        f"({a}) {mid} {end}",
        f"+66 {area} {mid} {end}",
        f"+66{area}{rest}",
        f"+66 (0) {area} {mid} {end}",
        f"{a}-{mid}-{end}".translate(THAI_DIGITS),
    ]


@st.composite
def phones(draw):
    if draw(st.booleans()):
        area = draw(st.sampled_from(["6", "8", "9"])) + draw(digits(1))
        rest = draw(digits(7))
    else:
        area = draw(st.sampled_from(["2", "3", "4", "5", "7"]))
        rest = draw(digits(7))
    written = draw(st.sampled_from(_phone_formats(area, rest)))
    prefix = draw(st.sampled_from(["โทร ", "เบอร์ ", "โทร.", ""]))
    return prefix + written, [area + rest]


@st.composite
def plates(draw):
    number = str(draw(st.integers(1, 9999)))
    tail = draw(st.sampled_from(["", " ขอนแก่น", " กรุงเทพมหานคร"]))
    if draw(st.booleans()):
        # Commercial plates are digits only, written after ทะเบียน.
        group = str(draw(st.integers(10, 99)))
        prefix = draw(st.sampled_from(["ทะเบียน ", "รถบรรทุกทะเบียน "]))
        return f"{prefix}{group}-{number}{tail}", [f"{group}-{number}"]
    letters = draw(st.sampled_from(["กข", "ขค", "ฆษ", "ษฎ", "1กข", "2ขฮ"]))
    sep = draw(st.sampled_from([" ", "", "-"]))
    prefix = draw(st.sampled_from(["ทะเบียน ", "รถทะเบียน ", "ป้าย "]))
    return f"{prefix}{letters}{sep}{number}{tail}", [f"{letters}{number}"]


@st.composite
def accounts(draw):
    a, b, c, d = draw(digits(3)), draw(digits(1)), draw(digits(5)), draw(digits(1))
    written = draw(
        st.sampled_from(
            [
                f"{a}-{b}-{c}-{d}",
                f"{a}{b}{c}{d}",
                f"{a} {b} {c} {d}",
                f"{a}–{b}–{c}–{d}",
            ]
        )
    )
    prefix = draw(st.sampled_from(["บัญชี ", "เลขบัญชี ", "โอนเข้าบัญชีกรุงไทย ", "บช. "]))
    return prefix + written, [a + b + c + d]


@st.composite
def national_ids(draw):
    n = draw(st.sampled_from("12345678")) + draw(digits(12))
    written = draw(
        st.sampled_from([n, f"{n[0]}-{n[1:5]}-{n[5:10]}-{n[10:12]}-{n[12]}"])
    )
    return "เลขบัตร " + written, [n]


@st.composite
def names(draw):
    title = draw(st.sampled_from(TITLES))
    first = draw(st.sampled_from(FIRST_NAMES))
    space = draw(st.sampled_from(["", " "]))
    secret = [first]
    text = title + space + first
    if draw(st.booleans()):
        surname = draw(st.sampled_from(SURNAMES))
        text += " " + surname
        secret.append(surname)
    return text, secret


@st.composite
def line_ids(draw):
    ident = draw(
        st.text(
            alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=4, max_size=10
        )
    ).join(["ln", ""])
    form = draw(
        st.sampled_from(
            ["ไลน์ {}", "ไลน์: {}", "ไลน์ไอดี {}", "line id: {}", "LINE ID {}", "@{}"]
        )
    )
    return form.format(ident), [ident]


@st.composite
def emails(draw):
    user = draw(st.text(alphabet="abcxyz019.", min_size=2, max_size=8)).strip(".")
    address = f"p{user}@mail-{draw(digits(3))}.example.org"
    return "อีเมล " + address, [address]


@st.composite
def houses(draw):
    number = f"{draw(st.integers(1, 999))}/{draw(st.integers(1, 99))}"
    prefix = draw(st.sampled_from(["บ้านเลขที่ ", "เลขที่ ", "บ้านเลขที่"]))
    return prefix + number, [number]


PERSONAL = st.one_of(
    phones(),
    plates(),
    accounts(),
    national_ids(),
    names(),
    line_ids(),
    emails(),
    houses(),
)


@st.composite
def sentences(draw):
    """Thai text mixing ordinary words, kept items and personal data."""
    parts, secrets, kept = [], [], []
    for _ in range(draw(st.integers(1, 6))):
        choice = draw(st.sampled_from(["filler", "ordinary", "personal"]))
        if choice == "filler":
            parts.append(draw(st.sampled_from(FILLER)))
        elif choice == "ordinary":
            item = draw(st.sampled_from(ORDINARY))
            parts.append(item)
            kept.append(item)
        else:
            text, secret = draw(PERSONAL)
            # Personal data is followed by a word, as in a written sentence.
            parts += [text, draw(st.sampled_from(FILLER))]
            secrets += secret
    return " ".join(parts), secrets, kept


def _compact(text: str) -> str:
    return re.sub(
        r"[\s\-–.()+]", "", text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    )


def _contains_number(text: str, number: str) -> bool:
    return re.search(rf"(?<![0-9/]){re.escape(number)}(?![0-9/])", text) is not None


@settings(max_examples=150, deadline=None)
@given(sentences())
def test_personal_data_never_survives_and_ordinary_text_stays(sample):
    """Inserted personal data is gone, in any format; dates, amounts, roads stay."""
    text, secrets, kept = sample
    out = redact(text)
    compact = _compact(out)
    for secret in secrets:
        if re.fullmatch(r"[0-9/]+", secret):
            assert not _contains_number(compact, secret), (secret, out)
            assert not _contains_number(out, secret), (secret, out)
        else:
            assert secret not in out, (secret, out)
            assert _compact(secret) not in compact, (secret, out)
    for item in kept:
        assert item in out, (item, out)


@settings(max_examples=150, deadline=None)
@given(sentences())
def test_redaction_is_idempotent(sample):
    """Redacting already redacted text changes nothing."""
    out = redact(sample[0])
    assert redact(out) == out


@pytest.mark.parametrize(
    ("text", "secret", "mark"),
    [
        ("โทร (02) 123 4567 ด่วน", "123 4567", redaction.PHONE_MARK),
        ("โทร 081–234–5678", "234–5678", redaction.PHONE_MARK),
        ("+66 81 234 5678", "234 5678", redaction.PHONE_MARK),
        ("โทร ๐๘๑-๒๓๔-๕๖๗๘", "๕๖๗๘", redaction.PHONE_MARK),
        ("รถทะเบียน 1กข 1234 ขอนแก่น", "1234", redaction.PLATE_MARK),
        ("ทะเบียน กข 1234", "กข", redaction.PLATE_MARK),
        ("รถขยะทะเบียน 82-1234 ขอนแก่น", "1234", redaction.PLATE_MARK),
        ("โอนเข้าบัญชี 123-4-56789-0", "56789", redaction.ACCOUNT_MARK),
        ("ไลน์ somchai99", "somchai99", redaction.LINE_MARK),
        ("line id: kanya.p", "kanya.p", redaction.LINE_MARK),
        ("แอดไลน์ @bandong_shop", "bandong_shop", redaction.LINE_MARK),
        ("นายสมชาย ใจดี เก็บเงิน", "ใจดี", redaction.NAME_MARK),
        ("ร.ต.อ.ประยุทธ ศรีสุข", "ประยุทธ", redaction.NAME_MARK),
        ("น.ส. วิไล", "วิไล", redaction.NAME_MARK),
        ("ส.ส.สมชาย มาประชุม", "สมชาย", redaction.NAME_MARK),
        ("ติดต่อนายกมล ศรีสุข ที่ร้าน", "กมล", redaction.NAME_MARK),
        ("บ้านเลขที่ 12/3 ม.5", "12/3", redaction.HOUSE_MARK),
    ],
)
def test_formats(text, secret, mark):
    """Each written form is masked with the mark of its kind."""
    out = redact(text)
    assert secret not in out
    assert mark in out


def test_village_number_and_officials_titles_stay():
    """Village numbers, roads and office titles are not personal data."""
    text = "นายกเทศมนตรีและนายอำเภอตรวจถนนมิตรภาพ หมู่ที่ 5 ม.5 คุณภาพน้ำดี ขอบคุณ"
    assert redact(text) == text
