"""Requirement checks of one OIT item (pure: plain data in, checks out).

An item passes when every requirement is met by some evidence and every
condition the item carries holds: the right fiscal year, the right period,
approval recorded for plans, a machine-readable file where the NACC asks
for one. A statement that there was none counts for a requirement when
the evidence says so explicitly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .registry import EvidenceResult, RequirementCheck

HALF_YEAR_PERIODS = ("half-year-current", "half-year-previous")
_APPROVAL = re.compile(r"ความเห็นชอบ|อนุมัติ|ลงนาม")
_PLAN = re.compile(r"^(แผน|หลักเกณฑ์และแผน|ประกาศเจตนารมณ์)")


@dataclass(frozen=True)
class ItemSpec:
    code: str
    title_th: str
    requirements_th: tuple[str, ...]
    period: str = ""
    data_year: int | None = None
    machine_readable: bool = False

    @property
    def needs_approval(self) -> bool:
        return bool(_PLAN.search(self.title_th)) or any(
            _APPROVAL.search(text) for text in self.requirements_th
        )


@dataclass(frozen=True)
class EvidenceFacts:
    """What the checks need to know about one uploaded or linked evidence."""

    title: str
    covers_fiscal_year: int | None = None
    period: str = ""
    states_none: bool = False
    approved: bool = False
    machine_readable: bool = False
    requirement_indexes: tuple[int, ...] = ()


def _requirement_check(
    index: int,
    evidence: Sequence[EvidenceFacts],
    from_provider: Sequence[RequirementCheck],
    generated: EvidenceResult | None,
) -> RequirementCheck:
    """Whether requirement ``index`` (0-based) is met, by evidence or provider."""
    number = index + 1
    covering = [
        e
        for e in evidence
        if not e.requirement_indexes or number in e.requirement_indexes
    ]
    if covering:
        titles = ", ".join(e.title for e in covering[:3])
        none = any(e.states_none for e in covering)
        message = (
            f"ข้อ {number}: ระบุอย่างชัดเจนว่าไม่มี ({titles})"
            if none
            else f"ข้อ {number}: มีหลักฐานแล้ว ({titles})"
        )
        return RequirementCheck(
            requirement_index=index, passed=True, message_th=message
        )
    if from_provider:
        return RequirementCheck(
            requirement_index=index,
            passed=all(c.passed for c in from_provider),
            message_th=f"ข้อ {number}: "
            + "; ".join(c.message_th for c in from_provider),
        )
    if generated is not None and not generated.checks:
        return RequirementCheck(
            requirement_index=index,
            passed=True,
            message_th=f"ข้อ {number}: มีหน้าที่ระบบสร้างให้ ({generated.title})",
        )
    return RequirementCheck(
        requirement_index=index, passed=False, message_th=f"ข้อ {number}: ยังไม่มีหลักฐาน"
    )


def _condition(passed: bool, text: str, yes: str, no: str) -> RequirementCheck:
    return RequirementCheck(passed=passed, text=text, message_th=yes if passed else no)


def _conditions(
    spec: ItemSpec,
    uploaded: Sequence[EvidenceFacts],
    generated: EvidenceResult | None,
    provider_conditions: set[str],
) -> list[RequirementCheck]:
    """The year, period, "none", approval and file-format checks of the item."""
    checks = []
    if spec.data_year and uploaded:
        year = spec.data_year
        checks.append(
            _condition(
                any(e.covers_fiscal_year == year for e in uploaded),
                "fiscal_year",
                f"ปีงบประมาณถูกต้อง: หลักฐานเป็นของปีงบประมาณ พ.ศ. {year}",
                f"ปีงบประมาณไม่ตรง: ต้องมีหลักฐานของปีงบประมาณ พ.ศ. {year}",
            )
        )
    if spec.period in HALF_YEAR_PERIODS and (uploaded or generated is None):
        checks.append(
            _condition(
                any(e.period in ("h1", "full") for e in uploaded),
                "period",
                "ช่วงเวลาถูกต้อง: ครอบคลุมหกเดือนแรกของปีงบประมาณ",
                "ช่วงเวลายังไม่ครบ: ต้องครอบคลุมหกเดือนแรก (ตุลาคม–มีนาคม)",
            )
        )
    if any(e.states_none for e in uploaded):
        checks.append(
            _condition(True, "none", "มีการระบุอย่างชัดเจนว่า “ไม่มี” ในช่วงที่ไม่มีข้อมูล", "")
        )
    if spec.needs_approval and "approval" not in provider_conditions:
        checks.append(
            _condition(
                any(e.approved or e.states_none for e in uploaded),
                "approval",
                "บันทึกการอนุมัติแล้ว",
                "ยังไม่ได้บันทึกการอนุมัติ/ลงนามของผู้บริหาร (ชื่อผู้อนุมัติและวันที่)",
            )
        )
    if spec.machine_readable and "machine_readable" not in provider_conditions:
        checks.append(
            _condition(
                any(e.machine_readable for e in uploaded)
                or (generated is not None and generated.machine_readable),
                "machine_readable",
                "มีไฟล์ที่ประมวลผลได้ (Excel/CSV) แล้ว",
                "ยังไม่มีไฟล์ที่ประมวลผลได้ (เช่น Excel หรือ CSV) ตามที่กำหนด",
            )
        )
    return checks


def item_checks(
    spec: ItemSpec,
    evidence: Sequence[EvidenceFacts],
    generated: EvidenceResult | None = None,
) -> list[RequirementCheck]:
    """Every check of the item, requirement checks first, each with Thai text."""
    generated_by_index: dict[int, list[RequirementCheck]] = {}
    for check in generated.checks if generated else ():
        if check.requirement_index is not None:
            generated_by_index.setdefault(check.requirement_index, []).append(check)
    checks = [
        _requirement_check(
            index, evidence, generated_by_index.get(index, []), generated
        )
        for index in range(len(spec.requirements_th))
    ]
    uploaded = list(evidence)
    approved_upload = any(e.approved for e in uploaded)
    provider_conditions = set()
    for check in generated.checks if generated else ():
        if check.requirement_index is not None:
            continue
        if check.text == "approval" and approved_upload:
            continue  # the uploaded, approved document settles it
        checks.append(check)
        provider_conditions.add(check.text)
    return checks + _conditions(spec, uploaded, generated, provider_conditions)


def missing(checks: Sequence[RequirementCheck]) -> list[str]:
    return [c.message_th for c in checks if not c.passed]
