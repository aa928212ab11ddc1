"""OIT evidence generated from the corruption risk register.

Declared in ``PROVIDERS``, which ``prongsai.oit.registry`` discovers. The
provider keys stay ``plans.*``: checklist rows store them
(``ChecklistItem.provider_key``) from the time the register was part of the
plans. Evidence points at the published assessments under
``/<org>/plans/risks/``.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai_dates import fiscal_year_bounds
from prongsai.oit.registry import EvidenceResult, Provider, RequirementCheck

from . import selectors

MAX_NAMES = 5


def _published_assessment(organization, fiscal_year: int):
    assessment = selectors.risk_assessment_get_of_year(
        organization=organization, fiscal_year=fiscal_year
    )
    if assessment is None:
        return None, (f"ยังไม่มีการประเมินความเสี่ยงการทุจริตของปีงบประมาณ พ.ศ. {fiscal_year}")
    if assessment.published_at is None:
        return None, (f"การประเมินความเสี่ยงปีงบประมาณ พ.ศ. {fiscal_year} ยังไม่ได้เผยแพร่")
    return assessment, ""


def _risk_url(organization, assessment, anchor: str = "") -> str:
    if assessment is None:
        return reverse("plans-public:plan-list", kwargs={"org": organization.slug})
    return (
        reverse(
            "risks-public:risk-detail",
            kwargs={"org": organization.slug, "pk": assessment.pk},
        )
        + anchor
    )


def risk_assessment_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The published corruption risk assessment of the year."""
    assessment, problem = _published_assessment(organization, fiscal_year)
    risks = list(assessment.risks.all()) if assessment else []
    uncontrolled = [r for r in risks if not r.control_measures.strip()]
    if assessment is None:
        found, controls = problem, problem
    elif not risks:
        found = controls = "การประเมินความเสี่ยงยังไม่มีเหตุการณ์ความเสี่ยง"
    else:
        found = (
            f"ระบุเหตุการณ์ความเสี่ยง {len(risks)} เหตุการณ์ พร้อมระดับและลำดับความเสี่ยง "
            f"ปีงบประมาณ พ.ศ. {fiscal_year}"
        )
        controls = (
            "ทุกความเสี่ยงมีมาตรการควบคุม"
            if not uncontrolled
            else "ยังไม่มีมาตรการควบคุมความเสี่ยง: "
            + ", ".join(r.event for r in uncontrolled[:MAX_NAMES])
        )
    ok = bool(risks)
    return EvidenceResult(
        url=_risk_url(organization, assessment),
        title=str(_("Corruption risk assessment of FY %(year)s"))
        % {"year": fiscal_year},
        last_updated=assessment.published_at if assessment else None,
        placeholder=assessment is None,
        checks=(
            RequirementCheck(
                requirement_index=0,
                passed=ok and not uncontrolled,
                message_th=found if not uncontrolled else f"{found}; {controls}",
            ),
            RequirementCheck(
                requirement_index=1, passed=ok and not uncontrolled, message_th=controls
            ),
        ),
    )


def risk_report_evidence(
    organization, fiscal_year: int, *, today: datetime.date | None = None
) -> EvidenceResult:
    """What was done about the previous year's risks (follow-up results)."""
    today = today or timezone.localdate()
    report_year = fiscal_year - 1
    assessment, problem = _published_assessment(organization, report_year)
    risks = list(assessment.risks.all()) if assessment else []
    pending = [r for r in risks if not r.follow_up]
    if assessment is None:
        message = problem
    elif not risks:
        message = "การประเมินความเสี่ยงปีก่อนไม่มีเหตุการณ์ความเสี่ยงให้รายงาน"
    elif pending:
        message = "ยังไม่ได้บันทึกผลการดำเนินการของความเสี่ยง: " + ", ".join(
            r.event for r in pending[:MAX_NAMES]
        )
    else:
        message = (
            f"รายงานผลการจัดการความเสี่ยงปีงบประมาณ พ.ศ. {report_year} "
            f"ครบ {len(risks)} เหตุการณ์"
        )
    _start, end = fiscal_year_bounds(report_year)
    year_over = end < today
    return EvidenceResult(
        url=_risk_url(organization, assessment, "#results" if risks else ""),
        title=str(_("Report on managing the corruption risks of FY %(year)s"))
        % {"year": report_year},
        last_updated=assessment.updated_at if assessment else None,
        placeholder=assessment is None,
        checks=(
            RequirementCheck(
                requirement_index=0,
                passed=bool(risks) and not pending,
                message_th=message,
            ),
            RequirementCheck(
                text="period",
                passed=year_over,
                message_th=(
                    f"รายงานครอบคลุมทั้งปีงบประมาณ พ.ศ. {report_year}"
                    if year_over
                    else f"ปีงบประมาณ พ.ศ. {report_year} ยังไม่สิ้นสุด"
                ),
            ),
        ),
    )


PROVIDERS = (
    Provider(
        key="plans.risk_assessment",
        label=_("Published corruption risk assessment"),
        item_keys=("risk.assessment",),
        evidence=risk_assessment_evidence,
    ),
    Provider(
        key="plans.risk_report",
        label=_("Follow-up of last year's corruption risks"),
        item_keys=("risk.report",),
        evidence=risk_report_evidence,
    ),
)
