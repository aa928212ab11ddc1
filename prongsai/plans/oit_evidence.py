"""OIT evidence generated from plans, measures and participation.

Declared in ``PROVIDERS``, which ``prongsai.oit.registry`` discovers;
providers serve OIT items by their framework ``key``.
Evidence points at the public pages under ``/<org>/plans/``: published plans
(with their approval), their six-month and annual reports and the participation
page.

The item on using the ITA result (2569 O25, 2568 O27) is also served by
``ita.analysis``, which sorts first and so is the default: that item starts
with the analysis, which only the ITA app has. ``plans.integrity`` is offered
beside it for the approved measures plan.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai_dates import (
    fiscal_half_bounds,
    fiscal_year_bounds,
)
from prongsai.oit.registry import (
    EvidenceResult,
    Provider,
    RequirementCheck,
)

from . import selectors
from .models import Plan

KIND_THAI = {
    Plan.Kind.ANTI_CORRUPTION: "แผนปฏิบัติการป้องกันการทุจริต",
    Plan.Kind.INTEGRITY: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
}
MAX_NAMES = 5


def _url(name: str, organization, **kwargs) -> str:
    return reverse(name, kwargs={"org": organization.slug, **kwargs})


def _titles(items) -> str:
    names = [item.title for item in items[:MAX_NAMES]]
    more = len(items) - MAX_NAMES
    return ", ".join(names) + (f" และอีก {more} รายการ" if more > 0 else "")


def _ended(day: datetime.date, today: datetime.date) -> bool:
    return day < today


# --- plans of the fiscal year ------------------------------------------------------


def _plan_state(organization, fiscal_year: int, kind: str):
    """The published plan of the year, or why there is none (Thai)."""
    published = selectors.plan_list_published_of_year(
        organization=organization, fiscal_year=fiscal_year, kind=kind
    )
    if published:
        plan, version = published[0]
        return plan, version, ""
    name = KIND_THAI[kind]
    plans = selectors.plan_list_of_year(
        organization=organization, fiscal_year=fiscal_year, kind=kind
    )
    if not plans:
        return None, None, f"ยังไม่มี{name}ของปีงบประมาณ พ.ศ. {fiscal_year}"
    plan = plans[0]
    version = selectors.plan_version_get_latest_approved(plan)
    if version is None:
        return (
            None,
            None,
            f"{name}ปีงบประมาณ พ.ศ. {fiscal_year} ยังไม่ได้รับอนุมัติจากผู้บริหาร "
            f"(สถานะ: {plan.get_status_display()})",
        )
    return (
        None,
        version,
        f"{name}ปีงบประมาณ พ.ศ. {fiscal_year} อนุมัติแล้วแต่ยังไม่ได้เผยแพร่บนเว็บไซต์",
    )


def _approval_check(version) -> RequirementCheck:
    approved = version is not None and version.approved_at is not None
    return RequirementCheck(
        text="approval",
        passed=approved,
        message_th=(
            f"ผู้บริหารอนุมัติแล้ว: {version.approved_by_name}"
            + (
                f" ({version.approved_by_position})"
                if version.approved_by_position
                else ""
            )
            if approved
            else "ยังไม่ได้รับอนุมัติจากผู้บริหาร (ต้องบันทึกผู้อนุมัติและวันที่)"
        ),
    )


def _plan_content_check(plan) -> tuple[bool, str]:
    """Measures with their budget line and period (projects, budget, time)."""
    measures = list(plan.measures.order_by("number", "id"))
    if not measures:
        return False, "แผนยังไม่มีโครงการหรือมาตรการ"
    return True, (
        f"{plan.title}: {len(measures)} โครงการ/มาตรการ พร้อมงบประมาณ "
        "ผู้รับผิดชอบ และระยะเวลาดำเนินการ"
    )


def _plan_url(organization, plan) -> str:
    if plan is not None:
        return plan.get_absolute_url()
    return _url("plans-public:plan-list", organization)


def anti_corruption_plan_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The approved, published anti-corruption action plan of the year."""
    plan, version, problem = _plan_state(
        organization, fiscal_year, Plan.Kind.ANTI_CORRUPTION
    )
    if plan is not None:
        passed, message = _plan_content_check(plan)
    else:
        passed, message = False, problem
    return EvidenceResult(
        url=_plan_url(organization, plan),
        title=str(_("Anti-corruption action plan of FY %(year)s"))
        % {"year": fiscal_year},
        last_updated=plan.published_at if plan else None,
        placeholder=plan is None,
        checks=(
            RequirementCheck(requirement_index=0, passed=passed, message_th=message),
            _approval_check(version),
        ),
    )


def integrity_plan_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The approved, published integrity measures built on last year's ITA."""
    plan, version, problem = _plan_state(organization, fiscal_year, Plan.Kind.INTEGRITY)
    analysed_year = fiscal_year - 1
    if plan is None:
        checks = [
            RequirementCheck(requirement_index=0, passed=False, message_th=problem),
            RequirementCheck(requirement_index=1, passed=False, message_th=problem),
        ]
    else:
        from_analysis = plan.ita_fiscal_year == analysed_year
        measures = list(plan.measures.order_by("number", "id"))
        incomplete = [m for m in measures if not (m.responsible_unit or m.owner_id)]
        checks = [
            RequirementCheck(
                requirement_index=0,
                passed=from_analysis,
                message_th=(
                    f"มาตรการจัดทำจากผลการวิเคราะห์การประเมิน ITA ปี {analysed_year}"
                    if from_analysis
                    else "แผนมาตรการยังไม่ได้อ้างอิงผลการประเมิน ITA "
                    f"ปี {analysed_year} (ระบุปีผลการประเมินที่วิเคราะห์ในแผน)"
                ),
            ),
            RequirementCheck(
                requirement_index=1,
                passed=bool(measures) and not incomplete,
                message_th=(
                    f"{len(measures)} มาตรการ ระบุผู้รับผิดชอบ ระยะเวลา และตัวชี้วัด"
                    if measures and not incomplete
                    else (
                        "ยังไม่ได้ระบุผู้รับผิดชอบของมาตรการ: " + _titles(incomplete)
                        if measures
                        else "แผนยังไม่มีมาตรการ"
                    )
                ),
            ),
        ]
    checks.append(
        RequirementCheck(
            requirement_index=2,
            passed=plan is not None,
            message_th=(
                "ได้รับความเห็นชอบจากผู้บริหารและเผยแพร่ให้เจ้าหน้าที่รับทราบแล้ว"
                if plan is not None
                else problem
            ),
        )
    )
    checks.append(_approval_check(version))
    return EvidenceResult(
        url=_plan_url(organization, plan),
        title=str(_("Integrity and transparency measures of FY %(year)s"))
        % {"year": fiscal_year},
        last_updated=plan.published_at if plan else None,
        placeholder=plan is None,
        checks=tuple(checks),
    )


def _report_evidence(
    organization, fiscal_year: int, kind: str, *, title, today: datetime.date | None
) -> EvidenceResult:
    """The report on the previous fiscal year's plan of ``kind``: annual once
    that year has ended, the six-month report before."""
    today = today or timezone.localdate()
    report_year = fiscal_year - 1
    plan, _version, problem = _plan_state(organization, report_year, kind)
    _start, year_end = fiscal_year_bounds(report_year)
    _start, half_end = fiscal_half_bounds(report_year, 1)
    year_over = _ended(year_end, today)
    name = KIND_THAI[kind]
    if plan is None:
        content = RequirementCheck(
            requirement_index=0, passed=False, message_th=problem
        )
        url = _url("plans-public:plan-list", organization)
    else:
        silent = selectors.measure_list_without_progress(plan=plan)
        total = plan.measures.count()
        content = RequirementCheck(
            requirement_index=0,
            passed=total > 0 and not silent,
            message_th=(
                f"รายงานผลการดำเนินการตาม{name}ปีงบประมาณ พ.ศ. {report_year} "
                f"ครบ {total} โครงการ/มาตรการ (ผลผลิต งบประมาณที่ใช้ ปัญหาอุปสรรค)"
                if total and not silent
                else (
                    "ยังไม่มีรายงานความก้าวหน้าของ: " + _titles(silent)
                    if total
                    else "แผนยังไม่มีโครงการหรือมาตรการ"
                )
            ),
        )
        url = _url(
            "plans-public:plan-annual-report"
            if year_over
            else "plans-public:plan-six-month-report",
            organization,
            pk=plan.pk,
        )
    if year_over:
        period = RequirementCheck(
            text="period",
            passed=True,
            message_th=f"รายงานผลรอบ 12 เดือนของปีงบประมาณ พ.ศ. {report_year}",
        )
    else:
        period = RequirementCheck(
            text="period",
            passed=False,
            message_th=(
                f"ปีงบประมาณ พ.ศ. {report_year} ยังไม่สิ้นสุด: "
                + (
                    "มีเพียงรายงานรอบ 6 เดือน ต้องใช้รายงานผลรอบ 12 เดือน"
                    if _ended(half_end, today)
                    else "ยังไม่ครบรอบ 6 เดือน"
                )
            ),
        )
    return EvidenceResult(
        url=url,
        title=str(title) % {"year": report_year},
        last_updated=plan.updated_at if plan else None,
        checks=(content, period),
        placeholder=plan is None,
    )


def anti_corruption_report_evidence(
    organization, fiscal_year: int, *, today: datetime.date | None = None
) -> EvidenceResult:
    return _report_evidence(
        organization,
        fiscal_year,
        Plan.Kind.ANTI_CORRUPTION,
        title=_("Report on the anti-corruption action plan of FY %(year)s"),
        today=today,
    )


def integrity_report_evidence(
    organization, fiscal_year: int, *, today: datetime.date | None = None
) -> EvidenceResult:
    return _report_evidence(
        organization,
        fiscal_year,
        Plan.Kind.INTEGRITY,
        title=_("Report on the integrity measures of FY %(year)s"),
        today=today,
    )


# --- participation -----------------------------------------------------------------


def participation_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """Proposals and comments on the year's published plans, and their use."""
    entries = selectors.participation_list_of_year(
        organization=organization, fiscal_year=fiscal_year
    )
    proposals = [p for entry in entries for p in entry.proposals]
    decided = [p for entry in entries for p in entry.decided]
    adopted = [p for entry in entries for p in entry.adopted]
    people = sum(entry.participants for entry in entries)
    if not entries:
        message = f"ยังไม่มีแผนของปีงบประมาณ พ.ศ. {fiscal_year} ที่เผยแพร่"
        passed = False
    elif not proposals:
        message = f"แผนปีงบประมาณ พ.ศ. {fiscal_year} ยังไม่มีข้อเสนอหรือความคิดเห็นจากผู้มีส่วนร่วม"
        passed = False
    elif not decided:
        message = (
            f"มีข้อเสนอ {len(proposals)} เรื่อง แต่ยังไม่ได้พิจารณา "
            "(ต้องแสดงผลการดำเนินการและการนำผลไปใช้)"
        )
        passed = False
    else:
        message = (
            f"ประเด็นที่เปิดให้มีส่วนร่วม {len(entries)} แผน ผู้เข้าร่วม {people} คน "
            f"ข้อเสนอ {len(proposals)} เรื่อง พิจารณาแล้ว {len(decided)} เรื่อง "
            f"นำไปใช้เป็นมาตรการ {len(adopted)} เรื่อง"
        )
        passed = True
    path = _url("plans-public:participation", organization)
    return EvidenceResult(
        url=f"{path}?year={fiscal_year}",
        title=str(_("Participation in the plans of FY %(year)s"))
        % {"year": fiscal_year},
        checks=(
            RequirementCheck(requirement_index=0, passed=passed, message_th=message),
        ),
    )


PROVIDERS = (
    Provider(
        key="plans.participation",
        label=_("Participation in the plans (proposals and comments)"),
        item_keys=("participation.opportunities",),
        evidence=participation_evidence,
    ),
    Provider(
        key="plans.anti_corruption",
        label=_("Approved anti-corruption action plan"),
        item_keys=("anti_corruption.plan",),
        evidence=anti_corruption_plan_evidence,
    ),
    Provider(
        key="plans.anti_corruption_report",
        label=_("Report on last year's anti-corruption action plan"),
        item_keys=("anti_corruption.annual_report",),
        evidence=anti_corruption_report_evidence,
    ),
    Provider(
        key="plans.integrity",
        label=_("Approved integrity and transparency measures"),
        item_keys=(
            "integrity.measures",
            "integrity.ita_result_use",
        ),
        evidence=integrity_plan_evidence,
    ),
    Provider(
        key="plans.integrity_report",
        label=_("Report on last year's integrity measures"),
        item_keys=("integrity.report",),
        evidence=integrity_report_evidence,
    ),
)
