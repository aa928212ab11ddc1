"""Plans (integrity measures, anti-corruption plans), their measures, progress
and participation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned, OrganizationSettings

if TYPE_CHECKING:
    pass

FISCAL_YEAR_VALIDATORS = [MinValueValidator(2500), MaxValueValidator(2700)]
PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


def fiscal_year_field():
    return models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=FISCAL_YEAR_VALIDATORS,
        help_text=_("Buddhist-era fiscal year, e.g. 2569."),
    )


def kpi_number_field(verbose_name, *, optional: bool = True):
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        null=optional,
        blank=optional,
    )


class PlanSettings(OrganizationSettings):
    """How an organisation follows up its plans (one row per organisation)."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="plan_settings",
    )
    stale_after_days = models.PositiveSmallIntegerField(
        _("days without an update before a measure is at risk"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    remind_days_before_due = models.PositiveSmallIntegerField(
        _("days before the due date to remind owners"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    reminders_enabled = models.BooleanField(_("send reminders"), default=True)

    class Meta:
        verbose_name = _("plan settings")
        verbose_name_plural = _("plan settings")


class Plan(OrganizationOwned):
    """A plan of one organisation for one fiscal year."""

    class Kind(models.TextChoices):
        INTEGRITY = "integrity", _("Internal integrity and transparency measures")
        ANTI_CORRUPTION = "anti_corruption", _("Anti-corruption action plan")
        IMPROVEMENT = "improvement", _("Improvement plan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    organization = organization_fk("plans")
    fiscal_year = fiscal_year_field()
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    ita_fiscal_year = models.PositiveSmallIntegerField(
        _("ITA result analysed"),
        null=True,
        blank=True,
        validators=FISCAL_YEAR_VALIDATORS,
        help_text=_("The fiscal year of the ITA result this plan answers."),
    )
    created_by = member_fk(_("created by"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["organization", "-fiscal_year", "kind", "title"]
        indexes = [
            models.Index(
                fields=["organization", "fiscal_year"], name="plan_org_year_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_staff_url(self) -> str:
        return reverse(
            "plans-staff:plan-detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )

    def get_absolute_url(self) -> str:
        return reverse(
            "plans-public:plan-detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )

    @property
    def is_locked(self) -> bool:
        """Approved or awaiting approval: nobody edits until it is revised."""
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class PlanVersion(OrganizationOwned):
    """One version of a plan: why it was opened and, once approved, by whom.

    The approved content is frozen in ``snapshot``, which is what the public
    pages and later revisions show.
    """

    tenant_path = "plan__organization"

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    reason = models.TextField(_("reason for the revision"), blank=True)
    created_by = member_fk(_("opened by"))
    approved_by = member_fk(_("approved by"))
    approved_by_name = models.CharField(
        _("approver's name"), max_length=200, blank=True
    )
    approved_by_position = models.CharField(
        _("approver's position"), max_length=200, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    snapshot = models.JSONField(_("approved content"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="plan_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanReport(OrganizationOwned):
    """The narrative sections of a plan's report on one period (problems,
    obstacles, suggestions), written by staff. The report itself is computed
    from the plan; what the public sees is frozen in a publication
    (:mod:`prongsai.core.publications`)."""

    tenant_path = "plan__organization"

    class Period(models.TextChoices):
        Q1 = "q1", _("Quarter 1 (October-December)")
        Q2 = "q2", _("Quarter 2 (January-March)")
        Q3 = "q3", _("Quarter 3 (April-June)")
        Q4 = "q4", _("Quarter 4 (July-September)")
        H1 = "h1", _("Six-month report (October-March)")
        YEAR = "year", _("Annual implementation report")

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    period = models.CharField(
        pgettext_lazy("progress report", "Report"),
        max_length=8,
        choices=Period.choices,
    )
    problems = models.TextField(_("problems"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    updated_by = member_fk(_("written by"))

    class Meta:
        verbose_name = _("plan report")
        verbose_name_plural = _("plan reports")
        ordering = ["plan", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period"], name="plan_report_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.period}"


class PlanReview(OrganizationOwned):
    """A step of the approval path: submitted, approved, returned, revised."""

    tenant_path = "plan__organization"

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for approval")
        APPROVE = "approve", _("Approved")
        RETURN = "return", _("Returned for changes")
        REVISE = "revise", _("Revision opened")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reviews"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = member_fk(_("by"))
    actor_name = models.CharField(_("name"), max_length=200, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("plan review step")
        verbose_name_plural = _("plan review steps")
        ordering = ["plan", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan} v{self.version} {self.action}"


class WorkStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class KpiDirection(models.TextChoices):
    AT_LEAST = "at_least", _("At least (higher is better)")
    AT_MOST = "at_most", _("At most (lower is better)")


class WorkItem(OrganizationOwned):
    """What a measure and an activity share: who, when, how much, what target."""

    organization = organization_fk("+")
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.CharField(
        _("responsible unit"),
        max_length=200,
        blank=True,
        help_text=_("For example สำนักปลัด or กองคลัง."),
    )
    owner = models.ForeignKey(
        "organizations.Membership",
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    start_date = ThaiDateField(_("start date"))
    due_date = ThaiDateField(_("due date"))
    budget = models.DecimalField(
        _("budget (baht)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    kpi_name = models.CharField(
        _("indicator (KPI)"),
        max_length=300,
        blank=True,
        help_text=_("For example: complaints answered within 15 days."),
    )
    kpi_unit = models.CharField(
        pgettext_lazy("unit of measure", "unit"),
        max_length=50,
        blank=True,
        help_text=_("For example %, persons."),
    )
    kpi_baseline = kpi_number_field(_("baseline"))
    kpi_target = kpi_number_field(_("target value"))
    kpi_direction = models.CharField(
        _("direction"),
        max_length=16,
        choices=KpiDirection.choices,
        default=KpiDirection.AT_LEAST,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=WorkStatus.choices,
        default=WorkStatus.NOT_STARTED,
    )
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"), default=0, validators=PERCENT_VALIDATORS
    )
    kpi_value = kpi_number_field(_("KPI value reached"))
    last_update_on = ThaiDateField(_("last progress update"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError(
                {"due_date": _("The due date cannot be before the start date.")}
            )
        if self.kpi_name and self.kpi_target is None:
            raise ValidationError(
                {"kpi_target": _("Give the target value of the indicator.")}
            )
        if not self.kpi_name and self.kpi_target is not None:
            raise ValidationError(
                {"kpi_name": _("Name the indicator that the target value measures.")}
            )

    @property
    def has_kpi(self) -> bool:
        return bool(self.kpi_name) and self.kpi_target is not None


class Measure(WorkItem):
    """A measure of a plan, maybe answering one ITA weakness."""

    class ItaKind(models.TextChoices):
        NONE = "", _("None")
        TOOL = "tool", _("Assessment tool")
        INDICATOR = "indicator", _("Indicator")
        ITEM = "item", _("OIT item")

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    number = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "number"), default=1
    )
    steps = models.TextField(
        _("steps or method"),
        blank=True,
        help_text=_("How the measure is carried out, one step per line."),
    )
    ita_kind = models.CharField(
        _("addresses"), max_length=16, choices=ItaKind.choices, blank=True
    )
    ita_code = models.CharField(_("indicator or item code"), max_length=20, blank=True)
    ita_title = models.CharField(
        _("indicator or item title"), max_length=300, blank=True
    )
    ita_score = models.DecimalField(
        _("score when planned"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    due_date_reason = models.TextField(
        _("reason the due date is outside the fiscal year"),
        blank=True,
        help_text=_(
            "Needed only when the due date falls outside the plan's fiscal year "
            "(1 October – 30 September)."
        ),
    )
    cases = models.ManyToManyField(
        "complaints.Case",
        verbose_name=_("complaints addressed"),
        through="MeasureCase",
        related_name="plan_measures",
        blank=True,
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["plan", "number", "id"]
        indexes = [
            models.Index(
                fields=["organization", "due_date"], name="measure_org_due_idx"
            )
        ]

    def get_staff_url(self) -> str:
        return reverse(
            "plans-staff:measure-detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )


class MeasureCase(OrganizationOwned):
    """A complaint (or other case) that a measure addresses: who linked it, when."""

    organization = organization_fk("+")
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="case_links",
    )
    case = models.ForeignKey(
        "complaints.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="measure_links",
    )
    linked_by = member_fk(_("linked by"))

    class Meta:
        verbose_name = _("complaint linked to a measure")
        verbose_name_plural = _("complaints linked to measures")
        ordering = ["measure", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "case"], name="measure_case_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} – {self.case}"


class Activity(WorkItem):
    """An activity or project carried out under a measure."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activity")
        PROJECT = "project", _("Project")

    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.ACTIVITY
    )

    class Meta:
        verbose_name = _("activity or project")
        verbose_name_plural = _("activities and projects")
        ordering = ["measure", "start_date", "id"]


def evidence_path(instance, filename: str) -> str:
    return f"plans/{instance.organization_id}/evidence/{filename}"


class ProgressUpdate(OrganizationOwned):
    """An owner's dated report on a measure; kept, never edited."""

    organization = organization_fk("+")
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    reported_on = ThaiDateField(_("as of"))
    status = models.CharField(_("status"), max_length=16, choices=WorkStatus.choices)
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"), validators=PERCENT_VALIDATORS
    )
    kpi_value = kpi_number_field(_("KPI value reached"))
    narrative = models.TextField(_("what was done"))
    evidence_file = models.FileField(
        _("evidence file"), upload_to=evidence_path, blank=True, max_length=300
    )
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    reported_by = member_fk(_("reported by"))
    reported_by_name = models.CharField(_("reporter"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["measure", "-reported_on", "-id"]
        indexes = [
            models.Index(
                fields=["measure", "-reported_on"], name="progress_measure_date_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.reported_on}"


# Participation (proposals, support, comments).
from .models_participation import *  # noqa: E402, F403
