"""The operation plan and what the lines spend: commitments and disbursements."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

from .models import (
    BudgetLine,
    Project,
    fiscal_year_field,
    money,
)

# --- the operation plan ---------------------------------------------------------


class OperationItem(OrganizationOwned):
    """A row of the year's operation plan (แผนการดำเนินงาน): a project or
    activity with its budget and the months it runs (1 = October ... 12 =
    September, the months of the fiscal year)."""

    organization = organization_fk("+")
    fiscal_year = fiscal_year_field()
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="operation_items",
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="operation_items",
    )
    title = models.CharField(_("project or activity"), max_length=500)
    details = models.TextField(_("details"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    amount = money(_("budget (baht)"))
    unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    months = models.JSONField(
        _("months"),
        default=list,
        blank=True,
        help_text=_(
            "Months of the fiscal year it runs, 1 (October) to 12 (September)."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("operation plan item")
        verbose_name_plural = _("operation plan items")
        ordering = ["fiscal_year", "position", "id"]
        indexes = [models.Index(fields=["organization", "fiscal_year"])]

    def __str__(self) -> str:
        return self.title


# --- spending ---------------------------------------------------------------------


class Commitment(OrganizationOwned):
    """A procurement committed against a budget line (the contract's amount).

    Suggested automatically when a procurement matches a line or a project,
    confirmed (or rejected) by an officer; only confirmed ones count.
    """

    class State(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    organization = organization_fk("+")
    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    procurement = models.ForeignKey(
        "procurement.Procurement",
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name="budget_commitments",
    )
    amount = money(_("committed amount (baht)"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SUGGESTED
    )
    reason = models.CharField(_("why suggested"), max_length=300, blank=True)
    decided_by = member_fk(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["line_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "line", "procurement"],
                name="budget_commitment_unique",
                violation_error_message=_(
                    "This procurement is already linked to this budget line."
                ),
            )
        ]
        indexes = [models.Index(fields=["organization", "procurement"])]

    def __str__(self) -> str:
        return f"{self.line} <- {self.procurement}"


class Disbursement(OrganizationOwned):
    """What was paid from a budget line in one month (entered or imported)."""

    organization = organization_fk("+")
    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        on_delete=models.CASCADE,
        related_name="disbursements",
    )
    month = ThaiDateField(_("month"), help_text=_("The first day of the month."))
    amount = money(_("disbursed (baht)"))
    entered_by = member_fk(_("entered by"))
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["line_id", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "line", "month"],
                name="budget_disbursement_month_unique",
                violation_error_message=_(
                    "This line already has a disbursement for this month."
                ),
            )
        ]
        indexes = [models.Index(fields=["organization", "month"])]

    def __str__(self) -> str:
        return f"{self.line} {self.month:%Y-%m}"
