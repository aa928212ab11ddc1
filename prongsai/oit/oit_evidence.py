"""OIT evidence of apps below ``oit`` (ITA), declared in ``PROVIDERS`` like
every app's ``oit_evidence.py``: the published analysis of last year's ITA
result serves the item on using the ITA result (2568 O27, 2569 O25).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.ita import selectors as ita_selectors

from .registry import EvidenceResult, Provider, RequirementCheck


def ita_analysis_evidence(organization, fiscal_year: int) -> EvidenceResult | None:
    """The published analysis of the previous year's ITA result.

    The checks say what is really missing: a draft that already has its
    measures and approver only needs publishing.
    """
    analysed_year = fiscal_year - 1
    report = ita_selectors.analysis_report_get(
        organization=organization, fiscal_year=analysed_year
    )
    published = report is not None and report.is_published
    has_measures = report is not None and bool(report.measures)
    approved = report is not None and bool(report.approver_name)
    url = (
        reverse(
            "ita-public:report",
            kwargs={"org": organization.slug, "fiscal_year": analysed_year},
        )
        if published
        else reverse("ita-public:list", kwargs={"org": organization.slug})
    )
    if report is None:
        published_th = (
            f"ยังไม่มีรายงานการวิเคราะห์ผลการประเมิน ITA ปี {analysed_year} "
            "(ผู้รับผิดชอบ ITA จัดทำและเผยแพร่)"
        )
    elif published:
        published_th = f"เผยแพร่รายงานการวิเคราะห์ผลการประเมิน ITA ปี {analysed_year} แล้ว"
    else:
        published_th = (
            f"รายงานการวิเคราะห์ผลการประเมิน ITA ปี {analysed_year} ยังเป็นฉบับร่าง "
            "ยังไม่ได้เผยแพร่"
        )
    if has_measures and approved:
        measures_th = "รายงานมีมาตรการพร้อมผู้รับผิดชอบและผู้อนุมัติ" + (
            "" if published else " (รอเผยแพร่)"
        )
    elif has_measures:
        measures_th = "รายงานมีมาตรการแล้ว แต่ยังไม่ได้ระบุผู้อนุมัติ"
    elif approved:
        measures_th = "รายงานยังไม่มีมาตรการ"
    else:
        measures_th = "รายงานยังไม่มีมาตรการหรือผู้อนุมัติ"
    return EvidenceResult(
        url=url,
        title=str(_("Published analysis of the ITA result of FY %(year)s"))
        % {"year": analysed_year},
        last_updated=report.published_at if published else None,
        placeholder=not published,
        checks=(
            RequirementCheck(
                requirement_index=0, passed=published, message_th=published_th
            ),
            RequirementCheck(
                requirement_index=1,
                passed=published and has_measures and approved,
                message_th=measures_th,
            ),
            RequirementCheck(
                passed=approved,
                text="approval",
                message_th=(
                    f"บันทึกการอนุมัติแล้ว ({report.approver_name})"
                    if approved
                    else "ยังไม่ได้บันทึกผู้อนุมัติรายงาน"
                ),
            ),
        ),
    )


PROVIDERS = (
    Provider(
        key="ita.analysis",
        label=_("Published ITA analysis report"),
        item_keys=("integrity.ita_result_use",),
        evidence=ita_analysis_evidence,
        depends_on=("ita.AnalysisReport",),
    ),
)
