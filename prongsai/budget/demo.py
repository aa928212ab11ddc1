"""Demo money of Ban Dong: the five-year development plan ending in the
current fiscal year (six strategies, about sixty projects with locations, an
addition approved in the previous year), the budgets of the three years the
demo procurement covers, each investment line tied to its plan project, the
demo procurement committed against the lines, monthly disbursements, a
transfer and a supplementary budget, and each project's status and result.

Dates follow today like the procurement demo, so the demo always has a
closed year, a previous year and a year in progress.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.procurement.models import Procurement
from prongsai.procurement.vocab import BudgetCategory

from . import figures
from .demo_data import (
    CENTRAL,
    OPERATING,
    ORG,
    PERSONNEL,
    PROCUREMENT_PROGRAMME,
    PROJECT_OF_PROCUREMENT,
    PROJECTS,
    STRATEGIES,
    VILLAGE_WORKS,
    VILLAGES,
    WORKS_PREFIXES,
)
from .demo_publish import publish_demo
from .models import (
    Budget,
    BudgetChange,
    BudgetLine,
    DevelopmentPlan,
    PlanAmendment,
    Programme,
    Project,
    ProjectYear,
    Strategy,
)
from .models_spending import Commitment, Disbursement

# Ban Dong sits by the Ubolratana dam, Khon Kaen; villages around it.
CENTRE = (Decimal("16.7560"), Decimal("102.6180"))

STATUS_TEXT = {
    Project.Status.COMPLETED: (
        "ดำเนินการแล้วเสร็จตามสัญญา ตรวจรับงานเรียบร้อย",
        "ประชาชนได้รับประโยชน์ตามเป้าหมายของโครงการ",
    ),
    Project.Status.IN_PROGRESS: ("อยู่ระหว่างดำเนินการตามสัญญา", ""),
    Project.Status.CANCELLED: (
        "",
        "ยกเลิกเนื่องจากได้รับเงินอุดหนุนเฉพาะกิจจากกรมส่งเสริมการปกครองท้องถิ่นแทน",
    ),
}


def _spot(rng: random.Random) -> tuple[Decimal, Decimal]:
    lat = CENTRE[0] + Decimal(str(round(rng.uniform(-0.035, 0.035), 6)))
    lon = CENTRE[1] + Decimal(str(round(rng.uniform(-0.04, 0.04), 6)))
    return lat, lon


def load_budget_demo(organizations) -> None:
    for organization in organizations:
        if organization.slug != ORG:
            continue
        if DevelopmentPlan.objects.filter(organization=organization).exists():
            continue
        current = thai_dates.fiscal_year(datetime.date.today())
        rng = random.Random(f"{ORG}-budget")  # noqa: S311 - demo data
        plan = _load_plan(organization, current - 4, rng)
        for fiscal_year in (current - 2, current - 1, current):
            _load_budget(organization, plan, fiscal_year, rng)
        _load_past_results(organization, plan, current - 2, rng)
        publish_demo(organization, plan, current)


load_budget_demo.demo_order = 10  # after procurement, before the OIT demo


def _load_strategies(organization, plan: DevelopmentPlan) -> dict[str, Programme]:
    """The plan's strategies and their programmes, by programme name."""
    programmes: dict[str, Programme] = {}
    for number, name, goal, indicators, names in STRATEGIES:
        strategy = Strategy.objects.create(
            organization=organization,
            plan=plan,
            number=number,
            name=name,
            goal=goal,
            indicators=indicators,
        )
        for programme_name in names:
            programmes[programme_name] = Programme.objects.create(
                organization=organization, strategy=strategy, name=programme_name
            )
    return programmes


#: programme, name, objective, target, unit, amounts by year, located, amendment
_ProjectRow = tuple[str, str, str, str, str, list[int], bool, PlanAmendment | None]


def _project_rows(addition: PlanAmendment, rng: random.Random) -> list[_ProjectRow]:
    """The named projects, then village works spread over the five years
    (some of the last year's added by the amendment)."""
    rows: list[_ProjectRow] = []
    for programme, name, objective, target, unit, amounts, located in PROJECTS:
        rows.append((programme, name, objective, target, unit, amounts, located, None))
    for offset in range(5):
        for village in range(1, VILLAGES + 1):
            for programme, work, target, amount in VILLAGE_WORKS:
                if (village + offset + len(work)) % 5:
                    continue
                amounts = [0] * 5
                amounts[offset] = amount + rng.randint(-4, 8) * 10000
                rows.append(
                    (
                        programme,
                        f"{work} หมู่ที่ {village}",
                        "เพื่อให้ประชาชนได้รับความสะดวกและปลอดภัย",
                        target,
                        "กองช่าง",
                        amounts,
                        True,
                        addition if offset == 4 and village % 3 == 0 else None,
                    )
                )
    return rows


def _load_plan(organization, first_year: int, rng: random.Random) -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.create(
        organization=organization,
        title=f"แผนพัฒนาท้องถิ่น (พ.ศ. {first_year} - {first_year + 4})",
        first_year=first_year,
        last_year=first_year + 4,
        approved_on=thai_dates.fiscal_year_bounds(first_year)[0]
        - datetime.timedelta(days=45),
        vision="บ้านดงน่าอยู่ เศรษฐกิจพอเพียง ประชาชนมีส่วนร่วม บริหารโปร่งใส",
    )
    programmes = _load_strategies(organization, plan)
    addition = PlanAmendment.objects.create(
        organization=organization,
        plan=plan,
        kind=PlanAmendment.Kind.ADDITION,
        number=1,
        title=f"แผนพัฒนาท้องถิ่นเพิ่มเติม ครั้งที่ 1/{first_year + 3}",
        approved_on=thai_dates.fiscal_year_bounds(first_year + 3)[0]
        + datetime.timedelta(days=120),
    )
    rows = _project_rows(addition, rng)
    for number, row in enumerate(rows, start=1):
        programme, name, objective, target, unit, amounts, located, amendment = row
        lat, lon = _spot(rng) if located else (None, None)
        project = Project.objects.create(
            organization=organization,
            plan=plan,
            programme=programmes[programme],
            amendment=amendment,
            number=number,
            name=name,
            objective=objective,
            target=target,
            kpi="ร้อยละ 80 ของประชาชนกลุ่มเป้าหมายพึงพอใจ",
            expected_result="ประชาชนมีคุณภาพชีวิตที่ดีขึ้น",
            responsible_unit=unit,
            location=name.rsplit(" ", 1)[-1] if located and "หมู่ที่" in name else "",
            latitude=lat,
            longitude=lon,
        )
        ProjectYear.objects.bulk_create(
            ProjectYear(
                organization=organization,
                project=project,
                fiscal_year=first_year + offset,
                planned_amount=Decimal(amount),
            )
            for offset, amount in enumerate(amounts)
            if amount
        )
    return plan


def _project_named(organization, plan, name: str, programme: str, fiscal_year: int):
    """The plan project of a procurement's title; a works procurement that the
    plan does not name yet gets its project (as LAOs add them by amendment)."""
    project = Project.objects.filter(
        organization=organization, plan=plan, name=name
    ).first()
    if project is None:
        target = (
            Programme.objects.filter(
                organization=organization, strategy__plan=plan, name=programme
            ).first()
            or Programme.objects.filter(
                organization=organization, strategy__plan=plan
            ).first()
        )
        last = (
            Project.objects.filter(organization=organization, plan=plan)
            .order_by("-number")
            .first()
        )
        project = Project.objects.create(
            organization=organization,
            plan=plan,
            programme=target,
            number=(last.number if last else 0) + 1,
            name=name,
            objective="เพื่อให้ประชาชนได้รับความสะดวกและปลอดภัย",
            target=name,
            responsible_unit="กองช่าง",
        )
    ProjectYear.objects.get_or_create(
        organization=organization,
        project=project,
        fiscal_year=fiscal_year,
        defaults={"planned_amount": Decimal("0")},
    )
    return project


class _YearBudget:
    """The budget of one demo year, built line by line."""

    def __init__(self, organization, plan, fiscal_year: int) -> None:
        self.organization, self.plan, self.fiscal_year = organization, plan, fiscal_year
        start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
        self.budget = Budget.objects.create(
            organization=organization,
            fiscal_year=fiscal_year,
            title=f"ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {fiscal_year}",
            enacted_on=start - datetime.timedelta(days=20),
            estimated_revenue=Decimal("48500000"),
        )
        self.position = 0
        self.operating: list[tuple[BudgetLine, str]] = []
        self.project_lines: dict[int, BudgetLine] = {}
        self.procurements = list(
            Procurement.objects.filter(
                organization=organization, fiscal_year=fiscal_year, cancelled=False
            ).order_by("procured_on", "id")
        )

    def line(self, **fields) -> BudgetLine:
        self.position += 1
        return BudgetLine.objects.create(
            organization=self.organization,
            budget=self.budget,
            position=self.position,
            **fields,
        )

    def personnel(self) -> None:
        raise_by = Decimal(str(1 + (self.fiscal_year % 3) * 0.02))
        for programme, work, expense_type, item, amount in PERSONNEL:
            self.line(
                programme=programme,
                work=work,
                category=BudgetCategory.PERSONNEL,
                expense_class=expense_type,
                expense_type=expense_type,
                item=item,
                amount=Decimal(amount) * raise_by,
                unit="สำนักปลัด",
            )

    def operating_lines(self) -> None:
        """Sized to what the year's procurement needs of them."""
        units = {"แผนงานบริหารงานทั่วไป": "สำนักปลัด", "แผนงานเคหะและชุมชน": "กองช่าง"}
        for (
            programme,
            work,
            expense_class,
            expense_type,
            item,
            prefix,
            amount,
        ) in OPERATING:
            needed = sum(
                (p.agreed_price or p.budget_amount)
                for p in self.procurements
                if p.title.startswith(prefix)
            )
            total = max(
                Decimal(amount), (needed * Decimal("1.15")).quantize(Decimal("1000"))
            )
            created = self.line(
                programme=programme,
                work=work,
                category=BudgetCategory.OPERATING,
                expense_class=expense_class,
                expense_type=expense_type,
                item=item,
                amount=total,
                unit=units.get(programme, "กองการศึกษา"),
            )
            self.operating.append((created, prefix))

    def plan_projects(self) -> None:
        """Projects funded this year: works and equipment as investment lines,
        the others as operating lines."""
        for year in ProjectYear.objects.filter(
            organization=self.organization,
            project__plan=self.plan,
            fiscal_year=self.fiscal_year,
            planned_amount__gt=0,
        ).select_related("project__programme"):
            project = year.project
            works = project.name.startswith(WORKS_PREFIXES)
            self.project_lines[project.pk] = self.line(
                programme=project.programme.name.replace(" (ทรัพยากรธรรมชาติ)", ""),
                work="งานก่อสร้างโครงสร้างพื้นฐาน" if works else "งานส่งเสริมและสนับสนุน",
                category=BudgetCategory.INVESTMENT
                if works
                else BudgetCategory.OPERATING,
                expense_class="ค่าที่ดินและสิ่งก่อสร้าง" if works else "ค่าใช้สอย",
                expense_type="ค่าก่อสร้างสิ่งสาธารณูปโภค"
                if works
                else "รายจ่ายเกี่ยวเนื่องกับการปฏิบัติราชการ",
                item=project.name,
                amount=year.planned_amount,
                unit=project.responsible_unit,
                project=project,
            )

    def _investment_line(self, procurement) -> BudgetLine:
        """The line of the plan project a works procurement carries out."""
        project = _project_named(
            self.organization,
            self.plan,
            procurement.title,
            PROCUREMENT_PROGRAMME.get(procurement.budget_plan, procurement.budget_plan),
            self.fiscal_year,
        )
        if project.pk not in self.project_lines:
            ProjectYear.objects.filter(
                organization=self.organization,
                project=project,
                fiscal_year=self.fiscal_year,
            ).update(planned_amount=procurement.budget_amount)
            self.project_lines[project.pk] = self.line(
                programme=procurement.budget_plan,
                work=procurement.budget_work,
                category=BudgetCategory.INVESTMENT,
                expense_class=procurement.expense_type,
                expense_type="ค่าก่อสร้างสิ่งสาธารณูปโภค"
                if procurement.procurement_type == "construction"
                else "ครุภัณฑ์",
                item=procurement.title,
                amount=procurement.budget_amount,
                unit="กองช่าง",
                project=project,
            )
        return self.project_lines[project.pk]

    def _line_of(self, procurement) -> BudgetLine | None:
        named = next(
            (
                name
                for prefix, name in PROJECT_OF_PROCUREMENT.items()
                if procurement.title.startswith(prefix)
            ),
            None,
        )
        if named is not None:
            project = _project_named(
                self.organization,
                self.plan,
                named,
                procurement.budget_plan,
                self.fiscal_year,
            )
            return self.project_lines.get(project.pk)
        if procurement.budget_category == BudgetCategory.INVESTMENT:
            return self._investment_line(procurement)
        return next(
            (
                line
                for line, prefix in self.operating
                if procurement.title.startswith(prefix)
            ),
            None,
        )

    def commit_procurement(self) -> list[Commitment]:
        """Signed contracts confirmed against their line; the others suggested."""
        commitments = []
        for procurement in self.procurements:
            target = self._line_of(procurement)
            if target is None:
                continue
            signed = procurement.agreed_price is not None
            commitments.append(
                Commitment(
                    organization=self.organization,
                    line=target,
                    procurement=procurement,
                    amount=procurement.agreed_price or procurement.budget_amount,
                    state=Commitment.State.CONFIRMED
                    if signed
                    else Commitment.State.SUGGESTED,
                    reason="ชื่อรายการตรงกับรายการในข้อบัญญัติ",
                    decided_at=timezone.now() if signed else None,
                )
            )
        return Commitment.objects.bulk_create(commitments)

    def central(self) -> None:
        for title, amount in CENTRAL:
            self.line(
                programme="งบกลาง",
                work="งบกลาง",
                category=BudgetCategory.CENTRAL,
                expense_class="งบกลาง",
                expense_type=title,
                item=title,
                amount=Decimal(amount),
                unit="สำนักปลัด",
            )


def _load_budget(organization, plan, fiscal_year: int, rng: random.Random) -> None:
    _start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    today = datetime.date.today()
    year = _YearBudget(organization, plan, fiscal_year)
    year.personnel()
    year.operating_lines()
    year.plan_projects()
    commitments = year.commit_procurement()
    year.central()
    _load_changes(
        organization, year.budget, fiscal_year, year.operating, year.project_lines
    )
    _load_disbursements(organization, year.budget, commitments, fiscal_year, today)
    _load_results(organization, plan, fiscal_year, commitments, end, today, rng)


def _load_changes(organization, budget, fiscal_year, operating, investment_for) -> None:
    """A transfer from office supplies to roads mid-year, and a supplementary
    budget for the food supplement in the year before the current one."""
    start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
    supplies = operating[0][0]
    works = [line for line in investment_for.values() if line.category == "investment"]
    if works:
        BudgetChange.objects.create(
            organization=organization,
            budget=budget,
            kind=BudgetChange.Kind.TRANSFER,
            number=f"1/{fiscal_year}",
            approved_on=start + datetime.timedelta(days=150),
            from_line=supplies,
            to_line=works[0],
            amount=Decimal("30000"),
            reason="ราคาวัสดุก่อสร้างสูงขึ้น โอนเพิ่มเพื่อให้ก่อสร้างได้ตามแบบ",
        )
    milk = next((line for line in investment_for.values() if "นม" in line.item), None)
    if milk is not None:
        BudgetChange.objects.create(
            organization=organization,
            budget=budget,
            kind=BudgetChange.Kind.SUPPLEMENTARY,
            number=f"ฉบับที่ 1/{fiscal_year}",
            approved_on=start + datetime.timedelta(days=200),
            to_line=milk,
            amount=Decimal("45000"),
            reason="จำนวนนักเรียนเพิ่มขึ้นจากที่ประมาณการไว้",
        )


def _load_disbursements(organization, budget, commitments, fiscal_year, today) -> None:
    """Each paid contract in the month it was inspected; salaries and the
    central budget month by month up to today."""
    paid: dict[tuple[int, datetime.date], Decimal] = defaultdict(Decimal)
    for commitment in commitments:
        procurement = commitment.procurement
        day = procurement.inspection_date or procurement.payment_date
        if commitment.state == Commitment.State.CONFIRMED and day and day <= today:
            paid[(commitment.line_id, day.replace(day=1))] += commitment.amount
    monthly_lines = BudgetLine.objects.filter(
        organization=organization,
        budget=budget,
        category__in=[BudgetCategory.PERSONNEL, BudgetCategory.CENTRAL],
    )
    for month in range(1, figures.FISCAL_MONTHS + 1):
        first = figures.month_start(fiscal_year, month)
        if first > today.replace(day=1) or (
            first == today.replace(day=1) and today.day < 25
        ):
            break
        for budget_line in monthly_lines:
            if budget_line.expense_type == "เงินสำรองจ่าย":
                continue
            paid[(budget_line.pk, first)] += (budget_line.amount / 12).quantize(
                Decimal("0.01")
            )
    Disbursement.objects.bulk_create(
        Disbursement(
            organization=organization, line_id=line_id, month=month, amount=amount
        )
        for (line_id, month), amount in sorted(paid.items())
    )


def _load_results(
    organization, plan, fiscal_year, commitments, end, today, rng
) -> None:
    """The status of each project funded in ``fiscal_year``: works by their
    contract, other projects done by the year's end (one cancelled)."""
    contracts: dict[int, list[Procurement]] = defaultdict(list)
    for commitment in commitments:
        if (
            commitment.line.project_id
            and commitment.state == Commitment.State.CONFIRMED
        ):
            contracts[commitment.line.project_id].append(commitment.procurement)
    closed = end < today
    cancelled_one = False
    for year in ProjectYear.objects.filter(
        organization=organization, project__plan=plan, fiscal_year=fiscal_year
    ).select_related("project"):
        works = contracts.get(year.project_id)
        if works:
            done = all(p.inspection_date and p.inspection_date <= today for p in works)
            status = Project.Status.COMPLETED if done else Project.Status.IN_PROGRESS
        elif year.planned_amount and closed:
            if not cancelled_one and year.project.name.startswith("โครงการก่อสร้าง"):
                status, cancelled_one = Project.Status.CANCELLED, True
            elif year.project.name.startswith(("โครงการก่อสร้าง", "โครงการขยายเขต")):
                status = Project.Status.NOT_STARTED
            else:
                status = Project.Status.COMPLETED
        elif year.planned_amount and not closed:
            status = (
                Project.Status.IN_PROGRESS
                if rng.random() < 0.5
                else Project.Status.NOT_STARTED
            )
        else:
            continue
        output, result = STATUS_TEXT.get(status, ("", ""))
        year.status = status
        year.output = (
            output
            if status != Project.Status.COMPLETED
            else (f"{year.project.target} แล้วเสร็จ")
        )
        year.result = result
        year.problems = (
            "ฝนตกต่อเนื่องทำให้ต้องขยายเวลาก่อสร้าง"
            if status == Project.Status.IN_PROGRESS and works
            else ""
        )
        year.status_changed_at = timezone.now()
        year.save()


def _load_past_results(organization, plan, before: int, rng) -> None:
    """Years of the plan before the demo budgets: most projects done."""
    for year in ProjectYear.objects.filter(
        organization=organization, project__plan=plan, fiscal_year__lt=before
    ).select_related("project"):
        roll = rng.random()
        if roll < 0.8:
            year.status = Project.Status.COMPLETED
            year.output = f"{year.project.target} แล้วเสร็จ"
            year.result = STATUS_TEXT[Project.Status.COMPLETED][1]
        elif roll < 0.95:
            year.status = Project.Status.NOT_STARTED
            year.problems = "งบประมาณไม่เพียงพอ เลื่อนไปดำเนินการในปีถัดไป"
        else:
            year.status = Project.Status.CANCELLED
            year.result = STATUS_TEXT[Project.Status.CANCELLED][1]
        year.status_changed_at = timezone.now()
        year.save()


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_budget_demo
