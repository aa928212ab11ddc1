"""OIT evidence of the plan part (gathered by oit_evidence): O5 แผนยุทธศาสตร์
หรือแผนพัฒนาหน่วยงาน (item key ``organization.strategic_plan``, 2568 and
2569), from the published development plan."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.oit.registry import EvidenceResult, Provider, RequirementCheck

from . import selectors_plan

# 2569 has one requirement (a multi-year plan covering the year, with
# strategies, goals and indicators); 2568 has two (the plan covering the
# year; its strategies, goals and indicators).
ONE_REQUIREMENT_FROM = 2569


def _url(organization, plan=None) -> str:
    if plan is None:
        return reverse("budget-public:plan", kwargs={"org": organization.slug})
    return reverse(
        "budget-public:plan-year",
        kwargs={"org": organization.slug, "first_year": plan.first_year},
    )


def _content_check(snapshot: dict, index: int) -> RequirementCheck:
    """Strategies, each with its goal and its indicators."""
    strategies = snapshot["strategies"]
    if not strategies:
        return RequirementCheck(
            requirement_index=index,
            passed=False,
            message_th="แผนพัฒนาท้องถิ่นที่เผยแพร่ยังไม่มียุทธศาสตร์การพัฒนา",
        )
    no_goal = [str(s["number"]) for s in strategies if not s["goal"].strip()]
    no_indicators = [
        str(s["number"]) for s in strategies if not s["indicators"].strip()
    ]
    missing = []
    if no_goal:
        missing.append(f"เป้าประสงค์ของยุทธศาสตร์ที่ {', '.join(no_goal)}")
    if no_indicators:
        missing.append(f"ตัวชี้วัดของยุทธศาสตร์ที่ {', '.join(no_indicators)}")
    if missing:
        return RequirementCheck(
            requirement_index=index,
            passed=False,
            message_th="แผนพัฒนาท้องถิ่นที่เผยแพร่ยังไม่มี"
            + " และ".join(missing)
            + " (บันทึกแล้วเผยแพร่แผนอีกครั้ง)",
        )
    return RequirementCheck(
        requirement_index=index,
        passed=True,
        message_th=(
            f"ยุทธศาสตร์การพัฒนา {len(strategies)} ยุทธศาสตร์ "
            "พร้อมเป้าประสงค์และตัวชี้วัด "
            f"โครงการ {snapshot['project_count']} โครงการ"
        ),
    )


def development_plan_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The published development plan covering the assessed fiscal year."""
    found = selectors_plan.published_plan_for_year(
        organization=organization, fiscal_year=fiscal_year
    )
    one = fiscal_year >= ONE_REQUIREMENT_FROM
    if found is None:
        return EvidenceResult(
            url=_url(organization),
            title="แผนพัฒนาท้องถิ่น",
            placeholder=True,
            checks=(
                RequirementCheck(
                    requirement_index=0,
                    passed=False,
                    message_th=(
                        f"ยังไม่ได้เผยแพร่แผนพัฒนาท้องถิ่นที่ครอบคลุมปีงบประมาณ พ.ศ. {fiscal_year}"
                    ),
                ),
            ),
        )
    plan, publication = found
    snapshot = publication.snapshot
    first, last = snapshot["first_year"], snapshot["last_year"]
    cover = RequirementCheck(
        requirement_index=0,
        passed=last > first,
        message_th=(
            f"{snapshot['title']} ครอบคลุมปีงบประมาณ พ.ศ. {fiscal_year}"
            f" (พ.ศ. {first}-{last})"
            if last > first
            else f"{snapshot['title']} มีระยะเวลาเพียง 1 ปี ต้องเป็นแผนระยะหลายปี"
        ),
    )
    content = _content_check(snapshot, 0 if one else 1)
    if one:
        checks: tuple[RequirementCheck, ...] = (
            RequirementCheck(
                requirement_index=0,
                passed=cover.passed and content.passed,
                message_th=f"{cover.message_th}; {content.message_th}",
            ),
        )
    else:
        checks = (cover, content)
    return EvidenceResult(
        url=_url(organization, plan),
        title=snapshot["title"],
        last_updated=publication.published_at,
        checks=checks,
    )


PROVIDERS: tuple = (
    Provider(
        key="budget.development_plan",
        label=_("Local development plan (published)"),
        item_keys=("organization.strategic_plan",),
        evidence=development_plan_evidence,
        depends_on=("budget.DevelopmentPlan", "core.Publication"),
    ),
)
