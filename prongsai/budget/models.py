"""Follow the money: the five-year local development plan (แผนพัฒนาท้องถิ่น),
the annual budget (ข้อบัญญัติงบประมาณรายจ่ายประจำปี) with its transfers and
supplementary budgets, the operation plan of each year, what is committed
(procurement contracts) and disbursed against each budget line, and what each
project achieved.

The chain a citizen can follow: budget line -> development-plan project ->
procurement -> contract -> result. Every row carries its organisation.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned
from prongsai.procurement.vocab import BudgetCategory

MONEY = {"max_digits": 15, "decimal_places": 2}
PLAN_YEARS = 5


def fiscal_year_field(verbose_name=None, **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name or _("fiscal year"),
        validators=[MinValueValidator(2540), MaxValueValidator(2700)],
        help_text=_("Buddhist-era year in which the fiscal year ends, e.g. 2569."),
        **kwargs,
    )


def money(verbose_name, **kwargs) -> models.DecimalField:
    kwargs.setdefault("default", Decimal("0"))
    return models.DecimalField(
        verbose_name,
        validators=[MinValueValidator(Decimal("0"))],
        **MONEY,
        **kwargs,
    )


def budget_path(instance, filename: str) -> str:
    return f"budget/{instance.organization_id}/{filename}"


# --- the development plan ------------------------------------------------------------


class DevelopmentPlan(OrganizationOwned):
    """The five-year local development plan (แผนพัฒนาท้องถิ่น พ.ศ. first-last)."""

    organization = organization_fk("development_plans")
    title = models.CharField(_("title"), max_length=300)
    first_year = fiscal_year_field(_("first fiscal year"))
    last_year = fiscal_year_field(_("last fiscal year"))
    approved_on = ThaiDateField(_("approved on"), null=True, blank=True)
    vision = models.TextField(_("vision"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["organization_id", "-first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "first_year"],
                name="budget_one_plan_per_first_year",
                violation_error_message=_(
                    "There is already a development plan starting in this fiscal year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")),
                name="budget_plan_years_in_order",
                violation_error_message=_(
                    "The last fiscal year is before the first fiscal year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    def covers(self, fiscal_year: int) -> bool:
        return self.first_year <= fiscal_year <= self.last_year


class PlanAmendment(OrganizationOwned):
    """An addition to or change of the plan (แผนพัฒนาเพิ่มเติม/เปลี่ยนแปลง)."""

    class Kind(models.TextChoices):
        ADDITION = "addition", _("Addition (แผนพัฒนาเพิ่มเติม)")
        CHANGE = "change", _("Change (แผนพัฒนาเปลี่ยนแปลง)")

    organization = organization_fk("+")
    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("development plan"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number (ครั้งที่)"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    approved_on = ThaiDateField(_("approved on"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("plan amendment")
        verbose_name_plural = _("plan amendments")
        ordering = ["plan_id", "approved_on", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "plan", "kind", "number"],
                name="budget_amendment_number_unique",
                violation_error_message=_(
                    "This plan already has an amendment of this kind and number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Strategy(OrganizationOwned):
    """A development strategy (ยุทธศาสตร์) of the plan, with its goal and indicators."""

    organization = organization_fk("+")
    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("development plan"),
        on_delete=models.CASCADE,
        related_name="strategies",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("strategy"), max_length=300)
    goal = models.TextField(_("goal (เป้าประสงค์)"), blank=True)
    indicators = models.TextField(_("indicators"), blank=True)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["plan_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "plan", "number"],
                name="budget_strategy_number_unique",
                violation_error_message=_(
                    "The plan already has a strategy with this number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Programme(OrganizationOwned):
    """A programme (แผนงาน) under a strategy, e.g. แผนงานเคหะและชุมชน."""

    organization = organization_fk("+")
    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="programmes",
    )
    name = models.CharField(_("programme"), max_length=200)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["strategy_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "strategy", "name"],
                name="budget_programme_name_unique",
                violation_error_message=_(
                    "The strategy already has a programme of this name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Project(OrganizationOwned):
    """A project of the plan in the ผ.02 layout; its budget per year is in
    :class:`ProjectYear`, with that year's status and result."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    organization = organization_fk("development_projects")
    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("development plan"),
        on_delete=models.CASCADE,
        related_name="projects",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    amendment = models.ForeignKey(
        PlanAmendment,
        verbose_name=_("added or changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        help_text=_("Empty for a project of the plan as first approved."),
    )
    number = models.PositiveIntegerField(_("number (ลำดับ)"))
    name = models.CharField(_("project"), max_length=500)
    objective = models.TextField(_("objective"), blank=True)
    target = models.TextField(_("target (output)"), blank=True)
    kpi = models.TextField(_("indicator (KPI)"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    responsible_unit = models.CharField(
        _("responsible unit"), max_length=200, blank=True
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    import_key = models.CharField(
        _("import key"), max_length=64, blank=True, editable=False
    )
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("development project")
        verbose_name_plural = _("development projects")
        ordering = ["plan_id", "programme__strategy__number", "programme_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "plan", "number"],
                name="budget_project_number_unique",
                violation_error_message=_(
                    "The plan already has a project with this number."
                ),
            )
        ]
        indexes = [models.Index(fields=["organization", "plan"])]

    def __str__(self) -> str:
        return self.name


class ProjectYear(OrganizationOwned):
    """One fiscal year of a project: the budget the plan sets for it (a ผ.02
    column), and what happened that year (status, output, result)."""

    organization = organization_fk("+")
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="years",
    )
    fiscal_year = fiscal_year_field()
    planned_amount = money(_("planned budget (baht)"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Project.Status.choices,
        default=Project.Status.NOT_STARTED,
    )
    output = models.TextField(_("output"), blank=True)
    result = models.TextField(_("result"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    status_changed_at = models.DateTimeField(
        _("status changed at"), null=True, blank=True
    )
    status_changed_by = member_fk(_("status changed by"))

    class Meta:
        verbose_name = _("project year")
        verbose_name_plural = _("project years")
        ordering = ["project_id", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "project", "fiscal_year"],
                name="budget_project_year_unique",
                violation_error_message=_("The project already has this fiscal year."),
            )
        ]
        indexes = [models.Index(fields=["organization", "fiscal_year"])]

    def __str__(self) -> str:
        return f"{self.project} ({self.fiscal_year})"


class ProjectPhoto(OrganizationOwned):
    """A photo of a project's work (before, during, done)."""

    organization = organization_fk("+")
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    fiscal_year = fiscal_year_field(null=True, blank=True)
    image = models.ImageField(_("photo"), upload_to=budget_path, max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    taken_on = ThaiDateField(_("taken on"), null=True, blank=True)
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")
        ordering = ["project_id", "taken_on", "id"]

    def __str__(self) -> str:
        return self.caption or str(self.project)


# --- the annual budget ---------------------------------------------------------------


class Budget(OrganizationOwned):
    """The budget ordinance of one fiscal year (ข้อบัญญัติงบประมาณรายจ่าย)."""

    organization = organization_fk("budgets")
    fiscal_year = fiscal_year_field()
    title = models.CharField(_("title"), max_length=300)
    enacted_on = ThaiDateField(_("enacted on"), null=True, blank=True)
    estimated_revenue = money(_("estimated revenue (baht)"))
    notes = models.TextField(_("notes"), blank=True)
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("annual budget")
        verbose_name_plural = _("annual budgets")
        ordering = ["organization_id", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="budget_one_budget_per_year",
                violation_error_message=_(
                    "There is already a budget for this fiscal year."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title


class BudgetLine(OrganizationOwned):
    """A line of the budget: แผนงาน / งาน / งบ / หมวด / ประเภท / รายการ.

    ``amount`` is the amount the ordinance set (zero for a line a transfer or a
    supplementary budget created); the amount in force adds the changes
    (:class:`BudgetChange`). An investment line names its plan project.
    """

    organization = organization_fk("budget_lines")
    budget = models.ForeignKey(
        Budget, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="lines"
    )
    code = models.CharField(
        _("code"),
        max_length=40,
        blank=True,
        help_text=_("The line's number in the ordinance, if it has one."),
    )
    programme = models.CharField(_("programme (แผนงาน)"), max_length=200)
    work = models.CharField(_("work (งาน)"), max_length=200, blank=True)
    category = models.CharField(
        _("budget category (งบ)"), max_length=20, choices=BudgetCategory.choices
    )
    expense_class = models.CharField(
        _("expense class (หมวด)"), max_length=200, blank=True
    )
    expense_type = models.CharField(
        _("expense type (ประเภท)"), max_length=200, blank=True
    )
    item = models.CharField(_("item (รายการ)"), max_length=500)
    amount = money(_("amount in the ordinance (baht)"))
    unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    project = models.ForeignKey(
        Project,
        verbose_name=_("development-plan project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    import_key = models.CharField(
        _("import key"), max_length=64, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget_id", "position", "id"]
        indexes = [
            models.Index(fields=["organization", "budget", "category"]),
            models.Index(fields=["organization", "project"]),
        ]

    def __str__(self) -> str:
        return self.item


class BudgetChange(OrganizationOwned):
    """A transfer between lines (โอนงบประมาณ) or a supplementary budget
    (งบประมาณรายจ่ายเพิ่มเติม) adding to a line; each with its approval date.

    A transfer takes ``amount`` from ``from_line`` and adds it to ``to_line``;
    a supplementary budget adds it to ``to_line`` only.
    """

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("Transfer (โอนงบประมาณ)")
        SUPPLEMENTARY = "supplementary", _("Supplementary budget (งบเพิ่มเติม)")

    organization = organization_fk("+")
    budget = models.ForeignKey(
        Budget,
        verbose_name=_("budget"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=40, blank=True)
    approved_on = ThaiDateField(_("approved on"))
    from_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("from line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_out",
    )
    to_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("to line"),
        on_delete=models.PROTECT,
        related_name="changes_in",
    )
    amount = money(_("amount (baht)"), default=None)
    reason = models.TextField(_("reason"), blank=True)
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("budget change")
        verbose_name_plural = _("budget changes")
        ordering = ["budget_id", "approved_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="supplementary", from_line__isnull=True)
                | Q(kind="transfer", from_line__isnull=False),
                name="budget_change_lines_match_kind",
                violation_error_message=_(
                    "A transfer takes from a line; a supplementary budget does not."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="budget_change_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


# The operation plan, spending, imports and the subjects of published reports.
from .models_documents import *  # noqa: E402, F403
from .models_spending import *  # noqa: E402, F403
