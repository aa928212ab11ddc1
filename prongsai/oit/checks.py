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


def item_checks(
    spec: ItemSpec,
    evidence: Sequence[EvidenceFacts],
    generated: EvidenceResult | None = None,
) -> list[RequirementCheck]:
    """Every check of the item, requirement checks first, each with Thai text."""
    checks: list[RequirementCheck] = []
    generated_by_index: dict[int, list[RequirementCheck]] = {}
    if generated is not None:
        for check in generated.checks:
            if check.requirement_index is not None:
                generated_by_index.setdefault(check.requirement_index, []).append(check)
    for index, _text in enumerate(spec.requirements_th):
        number = index + 1
        covering = [
            e
            for e in evidence
            if not e.requirement_indexes or number in e.requirement_indexes
        ]
        from_provider = generated_by_index.get(index, [])
        if covering:
            titles = ", ".join(e.title for e in covering[:3])
            none = any(e.states_none for e in covering)
            message = (
                f"ข้อ {number}: ระบุอย่างชัดเจนว่าไม่มี ({titles})"
                if none
                else f"ข้อ {number}: มีหลักฐานแล้ว ({titles})"
            )
            checks.append(
                RequirementCheck(
                    requirement_index=index, passed=True, message_th=message
                )
            )
        elif from_provider:
            passed = all(c.passed for c in from_provider)
            checks.append(
                RequirementCheck(
                    requirement_index=index,
                    passed=passed,
                    message_th=f"ข้อ {number}: "
                    + "; ".join(c.message_th for c in from_provider),
                )
            )
        elif generated is not None and not generated.checks:
            checks.append(
                RequirementCheck(
                    requirement_index=index,
                    passed=True,
                    message_th=f"ข้อ {number}: มีหน้าที่ระบบสร้างให้ ({generated.title})",
                )
            )
        else:
            checks.append(
                RequirementCheck(
                    requirement_index=index,
                    passed=False,
                    message_th=f"ข้อ {number}: ยังไม่มีหลักฐาน",
                )
            )
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
    if spec.data_year and uploaded:
        right_year = [e for e in uploaded if e.covers_fiscal_year == spec.data_year]
        checks.append(
            RequirementCheck(
                passed=bool(right_year),
                text="fiscal_year",
                message_th=(
                    f"ปีงบประมาณถูกต้อง: หลักฐานเป็นของปีงบประมาณ พ.ศ. {spec.data_year}"
                    if right_year
                    else f"ปีงบประมาณไม่ตรง: ต้องมีหลักฐานของปีงบประมาณ พ.ศ. {spec.data_year}"
                ),
            )
        )
    if spec.period in HALF_YEAR_PERIODS:
        covered = [e for e in uploaded if e.period in ("h1", "full")]
        if uploaded or generated is None:
            checks.append(
                RequirementCheck(
                    passed=bool(covered),
                    text="period",
                    message_th=(
                        "ช่วงเวลาถูกต้อง: ครอบคลุมหกเดือนแรกของปีงบประมาณ"
                        if covered
                        else "ช่วงเวลายังไม่ครบ: ต้องครอบคลุมหกเดือนแรก (ตุลาคม–มีนาคม)"
                    ),
                )
            )
    if any(e.states_none for e in uploaded):
        checks.append(
            RequirementCheck(
                passed=True,
                text="none",
                message_th="มีการระบุอย่างชัดเจนว่า “ไม่มี” ในช่วงที่ไม่มีข้อมูล",
            )
        )
    if spec.needs_approval and "approval" not in provider_conditions:
        approved = [e for e in uploaded if e.approved or e.states_none]
        checks.append(
            RequirementCheck(
                passed=bool(approved),
                text="approval",
                message_th=(
                    "บันทึกการอนุมัติแล้ว"
                    if approved
                    else "ยังไม่ได้บันทึกการอนุมัติ/ลงนามของผู้บริหาร (ชื่อผู้อนุมัติและวันที่)"
                ),
            )
        )
    if spec.machine_readable and "machine_readable" not in provider_conditions:
        readable = [e for e in uploaded if e.machine_readable] or (
            [generated] if generated is not None and generated.machine_readable else []
        )
        checks.append(
            RequirementCheck(
                passed=bool(readable),
                text="machine_readable",
                message_th=(
                    "มีไฟล์ที่ประมวลผลได้ (Excel/CSV) แล้ว"
                    if readable
                    else "ยังไม่มีไฟล์ที่ประมวลผลได้ (เช่น Excel หรือ CSV) ตามที่กำหนด"
                ),
            )
        )
    return checks


def missing(checks: Sequence[RequirementCheck]) -> list[str]:
    return [c.message_th for c in checks if not c.passed]
