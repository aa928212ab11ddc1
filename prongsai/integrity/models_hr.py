"""HR registers (OIT "การบริหารและพัฒนาทรัพยากรบุคคล"): the HR criteria in
force, the HR plan of each fiscal year with its projects, the training and
development records, and the year's HR report (narrative; the figures are
computed from the plan and the records)."""

from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

from .models import YearRecord

__all__ = [
    "HRCriterion",
    "HRPlan",
    "HRProject",
    "HRReport",
    "TrainingImport",
    "TrainingRecord",
]

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


def hr_path(instance, filename: str) -> str:
    return f"integrity/{instance.organization_id}/hr/{filename}"


class HRCriterion(OrganizationOwned):
    """A document of HR rules in force (recruitment, promotion, appraisal …).

    Several per organisation; an old document is kept with its end date
    (history), a new one of the same kind is added beside it.
    """

    class Kind(models.TextChoices):
        RECRUITMENT = "recruitment", _("Recruitment and appointment")
        PROMOTION = "promotion", _("Promotion and transfer")
        DEVELOPMENT = "development", _("Development")
        APPRAISAL = "appraisal", _("Performance appraisal")
        SALARY = "salary", _("Salary steps and rewards")
        OTHER = "other", _("Other")

    organization = organization_fk("+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    effective_from = ThaiDateField(_("in force from"))
    effective_to = ThaiDateField(_("in force until"), null=True, blank=True)
    document = models.FileField(
        _("document (PDF)"),
        upload_to=hr_path,
        blank=True,
        max_length=300,
        validators=[FileExtensionValidator(["pdf"])],
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    text = models.TextField(_("text"), blank=True)
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("HR criterion")
        verbose_name_plural = _("HR criteria")
        ordering = ["organization", "kind", "-effective_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="hr_criterion_dates_in_order",
                violation_error_message=_(
                    "The end date is before the date the criteria came into force."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def in_force_on(self, day) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or self.effective_to >= day
        )


class HRPlan(YearRecord):
    """The HR management and development plan of one fiscal year."""

    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    approved_on = ThaiDateField(_("approved on"), null=True, blank=True)
    approved_by_name = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_by_position = models.CharField(
        _("approver's position"), max_length=200, blank=True
    )
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("HR plan")
        verbose_name_plural = _("HR plans")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"], name="hr_plan_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return self.title


class HRProject(OrganizationOwned):
    """A project or activity of an HR plan, with its result for the report."""

    class Category(models.TextChoices):
        RECRUITMENT = "recruitment", _("Recruitment")
        DEVELOPMENT = "development", _("Development")
        APPRAISAL = "appraisal", _("Performance appraisal")
        RETENTION = "retention", _("Retention and morale")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NOT_REPORTED = "", _("Not reported yet")
        DONE = "done", _("Done")
        IN_PROGRESS = "in_progress", _("In progress")
        NOT_DONE = "not_done", _("Not done")
        CANCELLED = "cancelled", _("Cancelled")

    organization = organization_fk("+")
    plan = models.ForeignKey(
        HRPlan,
        verbose_name=_("HR plan"),
        on_delete=models.CASCADE,
        related_name="projects",
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    name = models.CharField(_("project or activity"), max_length=300)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    budget = models.DecimalField(_("planned budget (baht)"), default=0, **MONEY)
    start_month = models.PositiveSmallIntegerField(
        _("start month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    end_month = models.PositiveSmallIntegerField(
        _("end month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    indicator = models.CharField(_("indicator and target"), max_length=500, blank=True)
    # The result, for the year's report.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, blank=True, default=""
    )
    output = models.TextField(_("output"), blank=True)
    budget_used = models.DecimalField(
        _("budget used (baht)"), null=True, blank=True, **MONEY
    )
    problems = models.TextField(_("problems and obstacles"), blank=True)

    class Meta:
        verbose_name = _("HR plan project")
        verbose_name_plural = _("HR plan projects")
        ordering = ["plan", "number", "id"]

    def __str__(self) -> str:
        return self.name


class HRReport(YearRecord):
    """The narrative of the year's HR report (the figures are computed)."""

    summary = models.TextField(_("summary"), blank=True)
    problems = models.TextField(_("problems and obstacles"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    reported_by_name = models.CharField(_("reported by"), max_length=200, blank=True)
    reported_by_position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("HR report")
        verbose_name_plural = _("HR reports")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"], name="hr_report_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"HR report {self.fiscal_year}"


class TrainingImport(OrganizationOwned):
    """An uploaded training spreadsheet, checked and waiting for confirmation.

    The checked rows and every problem are kept on the batch (a training
    file is at most ``TRAINING_IMPORT_MAX_ROWS`` rows); the commit runs the
    same checks again and writes every row or none.
    """

    class State(models.TextChoices):
        PREVIEW = "preview", _("Awaiting confirmation")
        COMMITTED = "committed", _("Import completed")

    organization = organization_fk("+")
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PREVIEW
    )
    rows = models.JSONField(_("rows"), default=list, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_by = member_fk(_("uploaded by"))

    class Meta:
        verbose_name = _("training import")
        verbose_name_plural = _("training imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class TrainingRecord(YearRecord):
    """A course, seminar or study visit attended by one person (personal data)."""

    member = models.ForeignKey(
        "organizations.Membership",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_records",
    )
    person_name = models.CharField(_("name"), max_length=200, blank=True)
    person_position = models.CharField(_("position"), max_length=200, blank=True)
    course = models.CharField(_("course"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=300, blank=True)
    start_on = ThaiDateField(_("start date"))
    end_on = ThaiDateField(_("end date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    ethics = models.BooleanField(_("ethics content"), default=False)
    cost = models.DecimalField(_("cost (baht)"), null=True, blank=True, **MONEY)
    certificate = models.FileField(
        _("certificate"), upload_to=hr_path, blank=True, max_length=300
    )
    project = models.ForeignKey(
        HRProject,
        verbose_name=_("HR plan project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_records",
    )
    imported_from = models.ForeignKey(
        TrainingImport,
        verbose_name=_("imported from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
    )

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["organization", "-start_on", "-id"]
        indexes = [
            models.Index(
                fields=["organization", "fiscal_year"], name="training_record_year_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")),
                name="training_record_dates_in_order",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(person_name=""),
                name="training_record_has_person",
                violation_error_message=_(
                    "Choose a member, or give the name of someone who is not a member."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.course

    @property
    def display_name(self) -> str:
        if self.member_id is not None and self.member is not None:
            return self.member.user.display_name
        return self.person_name

    @property
    def display_position(self) -> str:
        if self.member_id is not None and self.member is not None:
            return self.member.position
        return self.person_position
