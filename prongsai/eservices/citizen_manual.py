"""The structured parts of a citizen manual (คู่มือสำหรับประชาชน).

``Service.steps`` is a list of ``{"text", "time_amount", "time_unit",
"responsible"}`` and ``Service.documents`` a list of ``{"text", "originals",
"copies", "note"}``, as in the official template. Staff type them one per
line, parts separated by ``|``::

    ยื่นคำขอและเอกสาร | 15 นาที | สำนักปลัด
    สำเนาบัตรประจำตัวประชาชน | 0 | 1 | พร้อมรับรองสำเนาถูกต้อง

Older data (plain texts) is read as steps and documents without time or
counts, so nothing typed before is lost.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.errors import DomainError
from prongsai.core.manuals import parse_time, time_label
from prongsai.core.manuals import total_time as manual_total_time
from prongsai.core.thai_dates import to_arabic_digits

MAX_COPIES = 99


def step_of(item: Any) -> dict:
    """One step as a dict, from a dict or an old plain text."""
    if isinstance(item, dict):
        return {
            "text": str(item.get("text", "")).strip(),
            "time_amount": item.get("time_amount") or None,
            "time_unit": item.get("time_unit") or "",
            "responsible": str(item.get("responsible", "")).strip(),
        }
    return {
        "text": str(item).strip(),
        "time_amount": None,
        "time_unit": "",
        "responsible": "",
    }


def document_of(item: Any) -> dict:
    """One required document as a dict, from a dict or an old plain text."""
    if isinstance(item, dict):
        return {
            "text": str(item.get("text", "")).strip(),
            "originals": int(item.get("originals") or 0),
            "copies": int(item.get("copies") or 0),
            "note": str(item.get("note", "")).strip(),
        }
    return {"text": str(item).strip(), "originals": 0, "copies": 0, "note": ""}


def steps_of(items) -> list[dict]:
    return [step_of(item) for item in items or [] if step_of(item)["text"]]


def documents_of(items) -> list[dict]:
    return [document_of(item) for item in items or [] if document_of(item)["text"]]


def step_time(step: dict) -> str:
    return time_label(step.get("time_amount"), step.get("time_unit", ""))


def total_time(steps) -> str:
    """The steps' times added up per unit (``1 วันทำการ 30 นาที``)."""
    return manual_total_time(
        (step["time_amount"], step["time_unit"]) for step in steps_of(steps)
    )


# --- One per line -------------------------------------------------------------


def _parts(line: str) -> list[str]:
    return [part.strip() for part in line.split("|")]


def step_line(step: dict) -> str:
    step = step_of(step)
    parts = [step["text"], step_time(step), step["responsible"]]
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    return " | ".join(parts)


def document_line(document: dict) -> str:
    document = document_of(document)
    parts = [document["text"]]
    if document["originals"] or document["copies"] or document["note"]:
        parts += [str(document["originals"]), str(document["copies"])]
    if document["note"]:
        parts.append(document["note"])
    return " | ".join(parts)


def parse_step_lines(text: str) -> list[dict]:
    """Steps typed one per line: ``what | time | responsible unit``."""
    steps = []
    for number, line in enumerate(_lines(text), start=1):
        parts = _parts(line)
        if len(parts) > 3:
            raise DomainError(
                _("Line %(line)s: write at most 3 parts separated by |.")
                % {"line": number},
                field="steps",
            )
        parts += [""] * (3 - len(parts))
        if not parts[0]:
            raise DomainError(
                _("Line %(line)s: the step itself is missing.") % {"line": number},
                field="steps",
            )
        try:
            amount, unit = parse_time(parts[1])
        except DomainError as error:
            raise DomainError(
                _("Line %(line)s: %(error)s")
                % {"line": number, "error": error.message},
                field="steps",
            ) from None
        steps.append(
            {
                "text": parts[0],
                "time_amount": amount,
                "time_unit": unit,
                "responsible": parts[2],
            }
        )
    return steps


def _count(value: str, *, line: int) -> int:
    value = to_arabic_digits(value).strip()
    if not value:
        return 0
    if not value.isdigit() or int(value) > MAX_COPIES:
        raise DomainError(
            _("Line %(line)s: “%(value)s” is not a number of copies (0 to 99).")
            % {"line": line, "value": value},
            field="documents",
        )
    return int(value)


def parse_document_lines(text: str) -> list[dict]:
    """Documents one per line: ``document | originals | copies | note``."""
    documents = []
    for number, line in enumerate(_lines(text), start=1):
        parts = _parts(line)
        if len(parts) > 4:
            raise DomainError(
                _("Line %(line)s: write at most 4 parts separated by |.")
                % {"line": number},
                field="documents",
            )
        parts += [""] * (4 - len(parts))
        if not parts[0]:
            raise DomainError(
                _("Line %(line)s: the document itself is missing.") % {"line": number},
                field="documents",
            )
        documents.append(
            {
                "text": parts[0],
                "originals": _count(parts[1], line=number),
                "copies": _count(parts[2], line=number),
                "note": parts[3],
            }
        )
    return documents


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
