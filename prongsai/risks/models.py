"""The corruption risk register: one assessment per organisation and fiscal
year, its risk events rated on the 5 x 5 matrix, and their follow-up."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

FISCAL_YEAR_VALIDATORS = [MinValueValidator(2500), MaxValueValidator(2700)]
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class RiskAssessment(OrganizationOwned):
    """The corruption risk assessment of one organisation for one fiscal year."""

    organization = organization_fk("risk_assessments")
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=FISCAL_YEAR_VALIDATORS,
        help_text=_("Buddhist-era fiscal year, e.g. 2569."),
    )
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    notes = models.TextField(_("method and notes"), blank=True)
    created_by = member_fk(_("created by"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="risk_assessment_one_per_year",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_staff_url(self) -> str:
        return reverse(
            "risks-staff:risk-assessment-detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )


class Risk(OrganizationOwned):
    """A risk event in one of the organisation's processes."""

    class Process(models.TextChoices):
        PERMITS = "permits", _("Permits and approvals")
        PROCUREMENT = "procurement", _("Procurement")
        AUTHORITY = "authority", _("Use of authority")
        HR = "hr", _("Human resources")
        ASSETS = "assets", _("Use of government property")
        OTHER = "other", _("Other")

    class FollowUp(models.TextChoices):
        PENDING = "", _("Not yet followed up")
        CONTROLLED = "controlled", _("Controlled; risk reduced")
        PARTLY = "partly", _("Partly controlled")
        NOT_CONTROLLED = "not_controlled", _("Not controlled; carried over")

    organization = organization_fk("+")
    assessment = models.ForeignKey(
        RiskAssessment,
        verbose_name=_("risk assessment"),
        on_delete=models.CASCADE,
        related_name="risks",
    )
    process = models.CharField(_("process"), max_length=16, choices=Process.choices)
    event = models.CharField(_("risk event"), max_length=500)
    cause = models.TextField(_("causes"), blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood (1-5)"), validators=LEVEL_VALIDATORS
    )
    impact = models.PositiveSmallIntegerField(
        _("impact (1-5)"), validators=LEVEL_VALIDATORS
    )
    existing_controls = models.TextField(_("existing controls"), blank=True)
    control_measures = models.TextField(_("control measures"), blank=True)
    measure = models.ForeignKey(
        "plans.Measure",
        verbose_name=_("plan measure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks",
    )
    responsible_unit = models.CharField(
        _("responsible unit"), max_length=200, blank=True
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("same risk last year"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    follow_up = models.CharField(
        _("follow-up"), max_length=16, choices=FollowUp.choices, blank=True
    )
    follow_up_note = models.TextField(_("follow-up result"), blank=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["assessment", "-likelihood", "-impact", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5)
                & Q(impact__gte=1, impact__lte=5),
                name="risk_levels_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.event

    @property
    def score(self) -> int:
        return self.likelihood * self.impact
