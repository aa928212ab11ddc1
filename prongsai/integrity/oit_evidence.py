"""OIT evidence generated from the No Gift Policy and the gift register.

Declared in ``PROVIDERS``, which ``prongsai.oit.registry`` discovers;
providers serve OIT items by their framework ``key``. The provider keys keep
the ``plans.`` prefix they had before this app took the registers over: OIT
checklists store them.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai_dates import fiscal_year_bounds, format_date
from prongsai.oit.registry import EvidenceResult, Provider, RequirementCheck

from . import selectors, selectors_hr
from .models_hr import HRProject

# From 2569 the gift reports are the second requirement of the No Gift item;
# before, the activity was the second requirement and gifts had their own item.
NO_GIFT_MERGED_FROM = 2569
MAX_NAMES = 5


def _titles(items) -> str:
    names = [item.title for item in items[:MAX_NAMES]]
    more = len(items) - MAX_NAMES
    return ", ".join(names) + (f" และอีก {more} รายการ" if more > 0 else "")


def _no_gift_url(organization, announcement) -> str:
    if announcement is not None and announcement.published_at is not None:
        return announcement.get_absolute_url()
    return reverse("integrity-public:no-gift", kwargs={"org": organization.slug})


def _announcement_check(
    organization, fiscal_year: int, announcement
) -> RequirementCheck:
    """Published, for the year, by the current top executive."""
    executive = selectors.no_gift_executive_get(organization=organization)
    if announcement is None:
        message = f"ยังไม่มีประกาศเจตนารมณ์ No Gift Policy ของปีงบประมาณ พ.ศ. {fiscal_year}"
    elif announcement.published_at is None:
        message = (
            f"ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ พ.ศ. {fiscal_year} "
            "ยังไม่ได้เผยแพร่บนเว็บไซต์"
        )
    elif not (announcement.executive_name and announcement.executive_position):
        message = "ประกาศยังไม่ระบุชื่อและตำแหน่งของผู้บริหารสูงสุดที่ประกาศ"
    elif executive is not None and (
        announcement.executive_name.strip() != executive.user.display_name.strip()
    ):
        message = (
            f"ผู้ประกาศ ({announcement.executive_name}) ไม่ใช่ผู้บริหารสูงสุดคนปัจจุบัน "
            f"({executive.user.display_name}) ต้องประกาศใหม่โดยผู้บริหารคนปัจจุบัน"
        )
    else:
        return RequirementCheck(
            requirement_index=0,
            passed=True,
            message_th=(
                f"ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ พ.ศ. {fiscal_year} "
                f"โดย{announcement.executive_name} ({announcement.executive_position}) "
                f"ลงวันที่ {format_date(announcement.announced_on)}"
            ),
        )
    return RequirementCheck(requirement_index=0, passed=False, message_th=message)


def _activity_check(organization, fiscal_year: int, index: int) -> RequirementCheck:
    activities = selectors.no_gift_activity_list(
        organization=organization, fiscal_year=fiscal_year
    )
    if not activities:
        return RequirementCheck(
            requirement_index=index,
            passed=False,
            message_th=(
                f"ยังไม่มีกิจกรรมสร้างวัฒนธรรม No Gift ในปีงบประมาณ พ.ศ. {fiscal_year} "
                "(การประชุม การฝึกอบรม การรณรงค์ หรือหนังสือเวียน อย่างน้อย 1 กิจกรรม)"
            ),
        )
    return RequirementCheck(
        requirement_index=index,
        passed=True,
        message_th=(
            f"กิจกรรมสร้างวัฒนธรรม No Gift ปีงบประมาณ พ.ศ. {fiscal_year} "
            f"{len(activities)} กิจกรรม: {_titles(activities)}"
        ),
    )


def _awareness_check(organization, fiscal_year: int, index: int) -> RequirementCheck:
    """Staff taught the NACC 2563 rules on accepting property by custom."""
    taught = [
        a
        for a in selectors.no_gift_activity_list(
            organization=organization, fiscal_year=fiscal_year
        )
        if a.covers_gift_rules
    ]
    if not taught:
        return RequirementCheck(
            requirement_index=index,
            passed=False,
            message_th=(
                "ยังไม่มีกิจกรรมเสริมสร้างความรู้เรื่องหลักเกณฑ์การรับทรัพย์สิน"
                "หรือประโยชน์อื่นใดโดยธรรมจรรยา (ประกาศคณะกรรมการ ป.ป.ช. พ.ศ. 2563) "
                f"ในปีงบประมาณ พ.ศ. {fiscal_year}"
            ),
        )
    return RequirementCheck(
        requirement_index=index,
        passed=True,
        message_th=f"เสริมสร้างความรู้เรื่องหลักเกณฑ์การรับทรัพย์สินฯ: {_titles(taught)}",
    )


def _gift_check(organization, fiscal_year: int, index: int) -> RequirementCheck:
    summary = selectors.gift_summary_get(
        organization=organization, fiscal_year=fiscal_year
    )
    nil = selectors.gift_nil_statement_get(
        organization=organization, fiscal_year=fiscal_year
    )
    if summary.count:
        message = (
            "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา "
            f"ปีงบประมาณ พ.ศ. {fiscal_year}: {summary.count} รายการ "
            f"มูลค่ารวม {summary.total:,.2f} บาท"
        )
        passed = True
    elif nil is not None:
        message = (
            "ระบุอย่างชัดเจนว่าไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา"
            f"ในปีงบประมาณ พ.ศ. {fiscal_year}"
        )
        passed = True
    else:
        message = (
            "ยังไม่มีรายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา"
            f"ของปีงบประมาณ พ.ศ. {fiscal_year} (หากไม่มีการรับ ให้บันทึกว่าไม่มี)"
        )
        passed = False
    return RequirementCheck(requirement_index=index, passed=passed, message_th=message)


def no_gift_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The year's No Gift announcement, its activities and (from 2569) gifts."""
    announcement = selectors.no_gift_announcement_get(
        organization=organization, fiscal_year=fiscal_year
    )
    merged = fiscal_year >= NO_GIFT_MERGED_FROM
    checks = [
        _announcement_check(organization, fiscal_year, announcement),
        _activity_check(organization, fiscal_year, 0 if merged else 1),
    ]
    if merged:
        checks.append(_awareness_check(organization, fiscal_year, 1))
        checks.append(_gift_check(organization, fiscal_year, 1))
    return EvidenceResult(
        url=_no_gift_url(organization, announcement),
        title=str(_("No Gift Policy of FY %(year)s")) % {"year": fiscal_year},
        last_updated=announcement.updated_at if announcement else None,
        placeholder=announcement is None or announcement.published_at is None,
        checks=tuple(checks),
    )


def gift_report_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The year's gift reports (counts and values) or its "none" statement."""
    announcement = selectors.no_gift_announcement_get(
        organization=organization, fiscal_year=fiscal_year
    )
    published = announcement is not None and announcement.published_at is not None
    url = _no_gift_url(organization, announcement)
    return EvidenceResult(
        url=f"{url}#gifts" if published else url,
        title=str(_("Gifts received by custom in FY %(year)s")) % {"year": fiscal_year},
        last_updated=announcement.updated_at if announcement else None,
        placeholder=not published,
        checks=(_gift_check(organization, fiscal_year, 0),),
    )


# --- HR criteria, plan and report ---------------------------------------------------

# From 2569 the HR item asks for the criteria in force beside the plan.
HR_CRITERIA_FROM = 2569
# The 2568 item names the kinds of project the plan must have.
HR_PLAN_CATEGORIES = (
    (HRProject.Category.RECRUITMENT, "การสรรหา"),
    (HRProject.Category.DEVELOPMENT, "การพัฒนา"),
    (HRProject.Category.APPRAISAL, "การประเมินผลการปฏิบัติงาน"),
    (HRProject.Category.RETENTION, "การรักษาบุคลากรและการสร้างขวัญกำลังใจ"),
)
HR_DEPENDS_ON = (
    "integrity.HRCriterion",
    "integrity.HRPlan",
    "integrity.HRProject",
    "integrity.HRReport",
    "integrity.TrainingRecord",
    "core.Publication",
)


def _hr_url(organization, fiscal_year: int, report: bool = False) -> str:
    name = "integrity-public:hr-report" if report else "integrity-public:hr-year"
    return reverse(name, kwargs={"org": organization.slug, "fiscal_year": fiscal_year})


def _criteria_check(organization, fiscal_year: int) -> RequirementCheck:
    _start, end = fiscal_year_bounds(fiscal_year)
    criteria = selectors_hr.hr_criterion_list_in_force(
        organization=organization, on=min(timezone.localdate(), end)
    )
    if not criteria:
        return RequirementCheck(
            requirement_index=0,
            passed=False,
            message_th="ยังไม่มีหลักเกณฑ์การบริหารทรัพยากรบุคคลที่ใช้บังคับ "
            "(การสรรหาและบรรจุแต่งตั้ง การเลื่อนตำแหน่ง การประเมินผลการปฏิบัติงาน "
            "การเลื่อนขั้นเงินเดือน)",
        )
    kinds = []
    for criterion in criteria:
        label = str(criterion.get_kind_display())
        if label not in kinds:
            kinds.append(label)
    return RequirementCheck(
        requirement_index=0,
        passed=True,
        message_th=f"หลักเกณฑ์การบริหารทรัพยากรบุคคลที่ใช้บังคับ {len(criteria)} ฉบับ: "
        + ", ".join(kinds),
    )


def _plan_check(snapshot, fiscal_year: int, index: int) -> RequirementCheck:
    if snapshot is None:
        message = (
            f"ยังไม่ได้เผยแพร่แผนการบริหารและพัฒนาทรัพยากรบุคคล ปีงบประมาณ พ.ศ. {fiscal_year}"
        )
        return RequirementCheck(
            requirement_index=index, passed=False, message_th=message
        )
    if not snapshot["projects"]:
        return RequirementCheck(
            requirement_index=index,
            passed=False,
            message_th="แผนที่เผยแพร่ยังไม่มีโครงการหรือกิจกรรม",
        )
    missing = [
        label
        for category, label in HR_PLAN_CATEGORIES
        if category not in snapshot["categories"]
    ]
    if fiscal_year < HR_CRITERIA_FROM and missing:
        return RequirementCheck(
            requirement_index=index,
            passed=False,
            message_th="แผนที่เผยแพร่ยังไม่มีโครงการด้าน" + " ".join(missing),
        )
    return RequirementCheck(
        requirement_index=index,
        passed=True,
        message_th=f"{snapshot['title']} ({len(snapshot['projects'])} โครงการ/กิจกรรม"
        + (f" อนุมัติเมื่อ {snapshot['approved_on']}" if snapshot["approved_on"] else "")
        + ")",
    )


def _hr_approval_check(snapshot) -> RequirementCheck:
    """The plan's approval by the executive (replaces the checklist's own)."""
    if snapshot is None or not (
        snapshot["approved_by_name"] and snapshot["approved_on"]
    ):
        return RequirementCheck(
            text="approval",
            passed=False,
            message_th="ยังไม่ได้บันทึกการอนุมัติแผนของผู้บริหาร (ชื่อผู้อนุมัติและวันที่)",
        )
    position = snapshot["approved_by_position"]
    return RequirementCheck(
        text="approval",
        passed=True,
        message_th=f"ผู้บริหารอนุมัติแล้ว: {snapshot['approved_by_name']}"
        + (f" ({position})" if position else "")
        + f" เมื่อ {snapshot['approved_on']}",
    )


def hr_plan_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """2569: the criteria in force and the year's published plan; 2568: the
    published plan with recruitment, development, appraisal and retention."""
    publication = selectors_hr.hr_published_plan_get(
        organization=organization, fiscal_year=fiscal_year
    )
    snapshot = publication.snapshot if publication else None
    checks = []
    if fiscal_year >= HR_CRITERIA_FROM:
        checks.append(_criteria_check(organization, fiscal_year))
        checks.append(_plan_check(snapshot, fiscal_year, 1))
    else:
        checks.append(_plan_check(snapshot, fiscal_year, 0))
    checks.append(_hr_approval_check(snapshot))
    return EvidenceResult(
        url=_hr_url(organization, fiscal_year),
        title=f"แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. {fiscal_year}",
        last_updated=publication.published_at if publication else None,
        placeholder=publication is None,
        checks=tuple(checks),
    )


def hr_report_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The published HR report of the previous fiscal year."""
    year = fiscal_year - 1
    publication = selectors_hr.hr_published_report_get(
        organization=organization, fiscal_year=year
    )
    if publication is None:
        check = RequirementCheck(
            requirement_index=0,
            passed=False,
            message_th=(
                f"ยังไม่ได้เผยแพร่รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ปีงบประมาณ พ.ศ. {year}"
            ),
        )
    else:
        s = publication.snapshot
        check = RequirementCheck(
            requirement_index=0,
            passed=True,
            message_th=(
                f"รายงานผลปีงบประมาณ พ.ศ. {year}: {s['project_count']} โครงการ/กิจกรรม "
                f"ผู้ผ่านการพัฒนา {s['people_trained']} คน "
                f"รวม {s['training_hours']} ชั่วโมง"
            ),
        )
    return EvidenceResult(
        url=_hr_url(organization, year, report=True)
        if publication
        else _hr_url(organization, year),
        title=f"รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. {year}",
        last_updated=publication.published_at if publication else None,
        placeholder=publication is None,
        checks=(check,),
    )


PROVIDERS = (
    Provider(
        key="plans.gift_reports",
        label=_("Report on gifts received by custom"),
        item_keys=("no_gift.gift_reports",),
        evidence=gift_report_evidence,
    ),
    Provider(
        key="plans.no_gift",
        label=_("No Gift announcement, activities and gift reports"),
        item_keys=(
            "no_gift.announcement",
            "no_gift.policy",
        ),
        evidence=no_gift_evidence,
    ),
    Provider(
        key="integrity.hr_plan",
        label=_("HR criteria and HR plan"),
        item_keys=("hr.plan",),
        evidence=hr_plan_evidence,
        depends_on=HR_DEPENDS_ON,
    ),
    Provider(
        key="integrity.hr_report",
        label=_("HR report of the previous year"),
        item_keys=("hr.annual_report",),
        evidence=hr_report_evidence,
        depends_on=HR_DEPENDS_ON,
    ),
)
