"""Imports waiting for confirmation and the subjects of published reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

from .models import (
    Budget,
    DevelopmentPlan,
    fiscal_year_field,
)


class _UploadBatch(OrganizationOwned):
    """An uploaded spreadsheet, checked and waiting for confirmation: the
    checked rows and every problem are kept on the batch."""

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
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


# --- importing the plan (part: plan) ---------------------------------------------


class PlanImport(_UploadBatch):
    """An uploaded ผ.02 spreadsheet, checked and waiting for confirmation.

    The checked rows and every problem are kept on the batch; the commit
    writes every row into the plan (or into a new amendment) or none.
    ``amendment`` holds the amendment to create (kind, number, title,
    approved_on) when the file is an addition or change of the plan.
    """

    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("development plan"),
        on_delete=models.CASCADE,
        related_name="imports",
    )
    amendment = models.JSONField(_("amendment to create"), default=dict, blank=True)

    class Meta(_UploadBatch.Meta):
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")


# --- the budget part: imports and published documents ---------------------------


class BudgetImport(_UploadBatch):
    """An uploaded spreadsheet of budget lines or of monthly disbursements,
    checked and waiting for confirmation; the commit writes every row or none."""

    class Kind(models.TextChoices):
        LINES = "lines", _("Budget lines")
        DISBURSEMENTS = "disbursements", _("Disbursements")

    budget = models.ForeignKey(
        Budget,
        verbose_name=_("budget"),
        on_delete=models.CASCADE,
        related_name="imports",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    class Meta(_UploadBatch.Meta):
        verbose_name = _("budget import")
        verbose_name_plural = _("budget imports")


class OperationPlan(Budget):
    """The operation plan of a budget's year, as the subject of its
    publications (``core.publications``)."""

    class Meta:
        proxy = True
        verbose_name = _("operation plan")
        verbose_name_plural = _("operation plans")


class SixMonthReport(Budget):
    """The six-month spending report of a budget's year, as the subject of
    its publications (``core.publications``)."""

    class Meta:
        proxy = True
        verbose_name = _("six-month spending report")
        verbose_name_plural = _("six-month spending reports")


# --- results reports ------------------------------------------------------------


class ResultsReport(OrganizationOwned):
    """The narrative of a fiscal year's annual performance report (รายงานผลการ
    ดำเนินงานประจำปี) or plan follow-up report (ติดตามและประเมินผลแผนพัฒนา);
    the figures come from the records. Published through
    ``prongsai.core.publications`` (this row is the publication's subject)."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual performance report")
        FOLLOW_UP = "follow_up", _("Plan follow-up report")

    organization = organization_fk("+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    fiscal_year = fiscal_year_field()
    summary = models.TextField(_("summary"), blank=True)
    problems = models.TextField(_("problems and obstacles"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    reported_by_name = models.CharField(_("reported by"), max_length=200, blank=True)
    reported_by_position = models.CharField(
        _("position of the reporter"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("results report")
        verbose_name_plural = _("results reports")
        ordering = ["organization", "-fiscal_year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "fiscal_year"],
                name="budget_one_results_report_per_year",
                violation_error_message=_(
                    "There is already a report of this kind for this fiscal year."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.fiscal_year}"
