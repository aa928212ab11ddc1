"""OIT evidence generated from the procurement register.

Declared in ``PROVIDERS``, which ``prongsai.oit.registry`` discovers;
providers serve OIT items by their framework ``key``.
Evidence points at the public procurement pages under ``/<org>/procurement/``:
the monthly summaries (สขร.1 per month, the NACC table as XLSX/CSV) and the
annual report of the previous fiscal year.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai_dates import fiscal_year_bounds, format_date
from prongsai.oit.registry import (
    EvidenceResult,
    Provider,
    RequirementCheck,
)

from . import selectors


def _month_names(months) -> str:
    return ", ".join(format_date(row.month, style="month") for row in months)


def _required_months(coverage, today: datetime.date):
    """Every month of the year that has ended: each is owed its summary.

    Whether the first six months are all there is the separate "period"
    check, so a month that has not ended yet is never reported missing.
    """
    required = []
    for row in coverage:
        month_end = (row.month + datetime.timedelta(days=32)).replace(day=1)
        if month_end <= today:
            required.append(row)
    return required


def _coverage_checks(
    organization, fiscal_year: int, *, index: int | None, today: datetime.date
) -> tuple[list[RequirementCheck], bool]:
    """Checks that every required month is summarised or explicitly "none"."""
    coverage = selectors.month_coverage(
        organization=organization, fiscal_year=fiscal_year
    )
    required = _required_months(coverage, today)
    missing = [row for row in required if not row.covered]
    none_months = [row for row in coverage if row.no_procurement]
    first_half = coverage[:6]
    half_missing = [row for row in first_half if not row.covered]
    covered = [row for row in coverage if row.covered]
    if missing:
        message = (
            f"ยังไม่มีสรุปผลการจัดซื้อจัดจ้างหรือบันทึก “ไม่มีการจัดซื้อจัดจ้าง” "
            f"ของเดือน: {_month_names(missing)}"
        )
    elif not required:
        message = f"ปีงบประมาณ พ.ศ. {fiscal_year} ยังไม่มีเดือนที่สิ้นสุดและต้องสรุปผล"
    else:
        message = (
            f"มีสรุปผลการจัดซื้อจัดจ้างรายเดือนของปีงบประมาณ พ.ศ. {fiscal_year} "
            f"ครบ {len(required)} เดือน ({_month_names(required[:1])} – "
            f"{_month_names(required[-1:])})"
        )
    checks = [
        RequirementCheck(
            requirement_index=index, passed=not missing, message_th=message
        )
    ]
    checks.append(
        RequirementCheck(
            text="period",
            passed=not half_missing,
            message_th=(
                "ครอบคลุมหกเดือนแรกของปีงบประมาณ (ตุลาคม–มีนาคม) ครบแล้ว"
                if not half_missing
                else "ยังไม่ครอบคลุมหกเดือนแรกของปีงบประมาณ: ขาดเดือน "
                + _month_names(half_missing)
            ),
        )
    )
    if none_months:
        checks.append(
            RequirementCheck(
                text="none",
                passed=True,
                message_th="ระบุอย่างชัดเจนว่าไม่มีการจัดซื้อจัดจ้างในเดือน "
                + _month_names(none_months),
            )
        )
    return checks, bool(covered)


def _machine_readable_check(has_rows: bool, fiscal_year: int) -> RequirementCheck:
    return RequirementCheck(
        text="machine_readable",
        passed=has_rows,
        message_th=(
            "มีไฟล์ Excel (XLSX) และ CSV ที่ประมวลผลได้บนหน้าสรุปผลรายเดือน"
            if has_rows
            else "ยังไม่มีไฟล์ที่ประมวลผลได้ (Excel/CSV): ยังไม่มีข้อมูลการจัดซื้อจัดจ้าง"
            f"ของปีงบประมาณ พ.ศ. {fiscal_year}"
        ),
    )


def _monthly_url(organization, fiscal_year: int) -> str:
    path = reverse("procurement-public:monthly", kwargs={"org": organization.slug})
    return f"{path}?year={fiscal_year}"


def monthly_summary_evidence(
    organization, fiscal_year: int, *, today: datetime.date | None = None
) -> EvidenceResult:
    """The monthly สขร.1 summaries of the fiscal year being assessed."""
    today = today or timezone.localdate()
    checks, has_rows = _coverage_checks(organization, fiscal_year, index=0, today=today)
    checks.insert(
        1,
        RequirementCheck(
            requirement_index=1,
            passed=has_rows,
            message_th=(
                "แต่ละเดือนเผยแพร่ทั้งไฟล์ PDF และไฟล์ Excel (แบบ สขร.1)"
                if has_rows
                else "ยังไม่มีสรุปผลรายเดือนที่เผยแพร่เป็นไฟล์ PDF และ Excel"
            ),
        ),
    )
    checks.append(_machine_readable_check(has_rows, fiscal_year))
    return EvidenceResult(
        url=_monthly_url(organization, fiscal_year),
        title=str(_("Monthly procurement summaries of FY %(year)s"))
        % {"year": fiscal_year},
        last_updated=selectors.procurement_last_modified(
            organization=organization, fiscal_year=fiscal_year
        ),
        machine_readable=has_rows,
        checks=tuple(checks),
    )


def procurement_table_evidence(
    organization, fiscal_year: int, *, today: datetime.date | None = None
) -> EvidenceResult:
    """The NACC procurement table (one row per procurement) of the year."""
    today = today or timezone.localdate()
    checks, has_rows = _coverage_checks(organization, fiscal_year, index=2, today=today)
    count = selectors.year_procurements(
        organization=organization, fiscal_year=fiscal_year
    ).count()
    checks[0:0] = [
        RequirementCheck(
            requirement_index=0,
            passed=has_rows,
            message_th=(
                f"ตารางการจัดซื้อจัดจ้างตามแบบของสำนักงาน ป.ป.ช. {count} รายการ "
                "(งบลงทุนก่อน ช่องว่างแสดง “-”)"
                if has_rows
                else f"ยังไม่มีรายการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. {fiscal_year} ในทะเบียน"
            ),
        ),
        RequirementCheck(
            requirement_index=1,
            passed=bool(organization.district and organization.province),
            message_th=(
                "ตารางระบุชื่อหน่วยงาน อำเภอ จังหวัด กระทรวง และประเภทหน่วยงานครบ"
                if organization.district and organization.province
                else "ยังไม่ได้ระบุอำเภอหรือจังหวัดของหน่วยงาน: แก้ไขข้อมูลหน่วยงานก่อน"
            ),
        ),
    ]
    readable = _machine_readable_check(has_rows, fiscal_year)
    checks.append(
        RequirementCheck(
            requirement_index=3,
            passed=readable.passed,
            message_th=readable.message_th,
        )
    )
    checks.append(readable)
    return EvidenceResult(
        url=_monthly_url(organization, fiscal_year),
        title=str(_("Procurement table of FY %(year)s")) % {"year": fiscal_year},
        last_updated=selectors.procurement_last_modified(
            organization=organization, fiscal_year=fiscal_year
        ),
        machine_readable=has_rows,
        checks=tuple(checks),
    )


def _lacking_notes(note) -> list[str]:
    """Which parts of the officer's notes the annual report still lacks."""
    return [
        label
        for label, value in (
            ("ปัญหาอุปสรรค", note.problems.strip() if note else ""),
            ("ข้อเสนอแนะเพื่อการปรับปรุง", note.proposals.strip() if note else ""),
        )
        if not value
    ]


def _annual_summary(
    report_year: int, count: int, *, analysed: bool, lacking: list[str]
) -> str:
    if not analysed:
        return (
            f"ยังไม่มีข้อมูลการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. {report_year} "
            "ให้วิเคราะห์ (จำนวนโครงการและวงเงินจำแนกตามวิธีการ)"
        )
    if lacking:
        return (
            f"มีการวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {report_year} แล้ว "
            "แต่ยังขาด" + " และ".join(lacking)
        )
    return (
        f"รายงานสรุปผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {report_year} "
        f"({count} รายการ จำแนกตามวิธีการ ประเภทงบประมาณ และเดือน) "
        "พร้อมปัญหาอุปสรรคและข้อเสนอแนะ"
    )


def annual_report_evidence(
    organization, fiscal_year: int, *, today: datetime.date | None = None
) -> EvidenceResult:
    """The annual procurement report of the previous fiscal year, with analysis."""
    today = today or timezone.localdate()
    report_year = fiscal_year - 1
    _start, end = fiscal_year_bounds(report_year)
    ended = end < today
    count = selectors.year_procurements(
        organization=organization, fiscal_year=report_year
    ).count()
    coverage = selectors.month_coverage(
        organization=organization, fiscal_year=report_year
    )
    missing_months = [row for row in coverage if not row.covered]
    note = selectors.report_note(organization=organization, fiscal_year=report_year)
    lacking = _lacking_notes(note)
    analysed = count > 0 or not missing_months
    summary = _annual_summary(report_year, count, analysed=analysed, lacking=lacking)
    recorded = count > 0 or note is not None or len(missing_months) < len(coverage)
    url = (
        reverse(
            "procurement-public:annual",
            kwargs={"org": organization.slug, "fiscal_year": report_year},
        )
        if ended and recorded
        else _monthly_url(organization, report_year)
    )
    checks = (
        RequirementCheck(
            requirement_index=0,
            passed=analysed and not lacking,
            message_th=summary,
        ),
        RequirementCheck(
            requirement_index=1,
            passed=not lacking,
            message_th=(
                "มีปัญหาอุปสรรคและข้อเสนอแนะเพื่อการปรับปรุง"
                if not lacking
                else "ยังไม่ได้บันทึก" + " และ".join(lacking) + " ของรายงานประจำปี"
            ),
        ),
        RequirementCheck(
            text="fiscal_year",
            passed=ended,
            message_th=(
                f"รายงานเป็นของปีงบประมาณ พ.ศ. {report_year} ซึ่งสิ้นสุดแล้ว"
                if ended
                else f"ปีงบประมาณ พ.ศ. {report_year} ยังไม่สิ้นสุด: รายงานประจำปียังเผยแพร่ไม่ได้"
            ),
        ),
        RequirementCheck(
            text="period",
            passed=not missing_months,
            message_th=(
                "สรุปผลรายเดือนครบ 12 เดือน (PDF และ Excel)"
                if not missing_months
                else "สรุปผลรายเดือนยังไม่ครบ 12 เดือน: ขาดเดือน "
                + _month_names(missing_months)
            ),
        ),
        _machine_readable_check(count > 0 or not missing_months, report_year),
    )
    return EvidenceResult(
        url=url,
        title=str(_("Annual procurement report of FY %(year)s"))
        % {"year": report_year},
        last_updated=note.updated_at
        if note
        else selectors.procurement_last_modified(
            organization=organization, fiscal_year=report_year
        ),
        machine_readable=analysed,
        checks=checks,
    )


PROVIDERS = (
    Provider(
        key="procurement.monthly",
        label=_("Monthly procurement summaries (สขร.1)"),
        item_keys=("procurement.monthly_summary",),
        evidence=monthly_summary_evidence,
    ),
    Provider(
        key="procurement.table",
        label=_("Procurement table in the NACC layout"),
        item_keys=("procurement.list",),
        evidence=procurement_table_evidence,
    ),
    Provider(
        key="procurement.annual",
        label=_("Annual procurement report"),
        item_keys=("procurement.annual_report",),
        evidence=annual_report_evidence,
    ),
)
