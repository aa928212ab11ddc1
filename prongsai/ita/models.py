"""ITA frameworks per fiscal year (editable data) and organisations' results."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import BaseModel, OrganizationOwned, OrganizationSettings
from prongsai.core.tenancy import TenantManager

if TYPE_CHECKING:
    pass

from .analysis import MIN_PEERS_FOR_RANK
from .frameworks import Framework, framework_from_data
from .frameworks_validation import validate_framework_data

INDICATOR_NUMBERS = range(1, 11)
# Parsed frameworks by (pk, fiscal year, last change): parsing and validating
# a year's data costs milliseconds, and every analysis needs all the years.
_PARSED: dict[tuple, Framework] = {}


def score_field(verbose_name, *, optional: bool = False) -> models.DecimalField:
    """A 0-100 score with two decimals, as the NACC publishes them."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        null=optional,
        blank=optional,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


class IndicatorScores(models.Model):
    """Abstract: the ten indicator scores of one assessment result."""

    i1 = score_field(_("indicator 1"))
    i2 = score_field(_("indicator 2"))
    i3 = score_field(_("indicator 3"))
    i4 = score_field(_("indicator 4"))
    i5 = score_field(_("indicator 5"))
    i6 = score_field(_("indicator 6"))
    i7 = score_field(_("indicator 7"))
    i8 = score_field(_("indicator 8"))
    i9 = score_field(_("indicator 9"))
    i10 = score_field(_("indicator 10"))

    class Meta:
        abstract = True

    @property
    def indicators(self) -> dict:
        return {n: getattr(self, f"i{n}") for n in INDICATOR_NUMBERS}


class FrameworkVersion(BaseModel):
    """The assessment framework of one fiscal year, as loaded from its data file.

    Platform administrators may correct it (the domain notes mark several facts
    as unverified); every change is validated as a whole. Platform-wide: the
    NACC sets one framework a year for every organisation, so this model is
    not organisation-owned and its queries need no scope.
    """

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        unique=True,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
    )
    data = models.JSONField(_("framework data"))
    source = models.CharField(_("loaded from"), max_length=200, blank=True)
    is_provisional = models.BooleanField(
        _("Provisional, awaiting the NACC manual"),
        default=False,
        help_text=_(
            "A copy of an earlier year used until the NACC publishes the "
            "manual of this year; the platform operator confirms it."
        ),
    )
    based_on_year = models.PositiveSmallIntegerField(
        _("copied from fiscal year"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = member_fk(_("confirmed by"))

    class Meta:
        verbose_name = _("ITA framework")
        verbose_name_plural = _("ITA frameworks")
        ordering = ["-fiscal_year"]

    def __str__(self) -> str:
        return f"ITA {self.fiscal_year}"

    def clean(self):
        super().clean()
        errors = validate_framework_data(
            self.data if isinstance(self.data, dict) else {}
        )
        if not errors and self.data.get("fiscal_year") != self.fiscal_year:
            errors = [
                _("The data is for fiscal year %(data)s, not %(year)s.")
                % {"data": self.data.get("fiscal_year"), "year": self.fiscal_year}
            ]
        if errors:
            raise ValidationError({"data": errors})

    def framework(self) -> Framework:
        """The validated framework, parsed once per saved version per process."""
        key = (self.pk, self.fiscal_year, self.updated_at)
        cached = _PARSED.get(key)
        if cached is None or self.pk is None:
            cached = framework_from_data(self.data)
            if self.pk is not None:
                _PARSED[key] = cached
        return cached


class ItaResult(OrganizationOwned, IndicatorScores):
    """An organisation's ITA result for one fiscal year."""

    organization = organization_fk("ita_results")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    published_iit = score_field(_("published IIT"), optional=True)
    published_eit = score_field(_("published EIT"), optional=True)
    published_oit = score_field(_("published OIT"), optional=True)
    published_total = score_field(_("published total"), optional=True)
    item_results = models.JSONField(
        _("OIT item results"),
        default=dict,
        blank=True,
        help_text=_("Item code to 0 or 100, as the assessors scored it."),
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = member_fk(_("recorded by"))

    class Meta:
        verbose_name = _("ITA result")
        verbose_name_plural = _("ITA results")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="ita_result_one_per_org_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ITA {self.fiscal_year}"

    @property
    def published(self) -> dict:
        return {
            key: getattr(self, f"published_{key}")
            for key in ("iit", "eit", "oit", "total")
            if getattr(self, f"published_{key}") is not None
        }


class ItaSettings(OrganizationSettings):
    """What an organisation decides about its own analysis."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="ita_settings",
    )
    weakness_threshold = models.DecimalField(
        _("weakness threshold"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("85"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Scores below this are listed as weaknesses."),
    )

    class Meta:
        verbose_name = _("ITA settings")
        verbose_name_plural = _("ITA settings")


class RecommendationRule(BaseModel):
    """A measure recommended for a weak tool, indicator or OIT item.

    Shipped rules come from ``data/recommendations.yaml``; platform
    administrators edit them in the admin. They are the defaults of every
    organisation's analysis (so not organisation-owned); an organisation
    switches one off (:class:`RuleSwitchOff`) or writes its own
    (:class:`OrganizationRule`).
    """

    class Scope(models.TextChoices):
        TOOL = "tool", _("Tool")
        INDICATOR = "indicator", _("Indicator")
        ITEM = "item", _("OIT item")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    scope = models.CharField(_("applies to"), max_length=10, choices=Scope.choices)
    target = models.CharField(
        _("target"),
        max_length=60,
        help_text=_(
            "IIT, EIT or OIT for a tool; 1-10 for an indicator; an OIT item "
            "key such as procurement.plan (the same in every year), an item "
            "code such as O12, or * for every missing OIT item."
        ),
    )
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.CharField(
        _("responsible unit"), max_length=200, blank=True
    )
    steps = models.TextField(_("steps"), blank=True, help_text=_("One step a line."))
    kpi = models.CharField(_("indicator of success"), max_length=300, blank=True)
    below = models.DecimalField(
        _("applies below"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Leave empty to use each organisation's weakness threshold."),
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("recommendation rule")
        verbose_name_plural = _("recommendation rules")
        ordering = ["priority", "scope", "target"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        _check_rule_target(self.scope, self.target)


class PeerDataset(OrganizationOwned):
    """Other organisations' results imported for comparison."""

    class Scope(models.TextChoices):
        PROVINCE = "province", _("Province")
        KIND = "kind", _("Organization type")
        COUNTRY = "country", _("Whole country")
        OTHER = "other", _("Other group")

    organization = organization_fk("ita_peer_datasets")
    name = models.CharField(_("name"), max_length=200)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the figures come from: a web address or the publisher."),
    )
    source_date = ThaiDateField(
        _("date of the source"),
        null=True,
        blank=True,
        help_text=_("When the source published the figures (or when you took them)."),
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    imported_by = member_fk(_("imported by"))

    class Meta:
        verbose_name = _("peer results")
        verbose_name_plural = _("peer results")
        ordering = ["-fiscal_year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"

    # Pages show a rank only in a group at least this large.
    min_for_rank = MIN_PEERS_FOR_RANK


class PeerResult(IndicatorScores):
    """One other organisation's result in a peer dataset (owned through it).

    Agencies often publish only the tool scores and the total, so the ten
    indicators and the tool scores are optional; the total is always kept.
    """

    tenant_path = "dataset__organization"

    i1 = score_field(_("indicator 1"), optional=True)
    i2 = score_field(_("indicator 2"), optional=True)
    i3 = score_field(_("indicator 3"), optional=True)
    i4 = score_field(_("indicator 4"), optional=True)
    i5 = score_field(_("indicator 5"), optional=True)
    i6 = score_field(_("indicator 6"), optional=True)
    i7 = score_field(_("indicator 7"), optional=True)
    i8 = score_field(_("indicator 8"), optional=True)
    i9 = score_field(_("indicator 9"), optional=True)
    i10 = score_field(_("indicator 10"), optional=True)
    iit = score_field("IIT", optional=True)
    eit = score_field("EIT", optional=True)
    oit = score_field("OIT", optional=True)

    dataset = models.ForeignKey(
        PeerDataset, on_delete=models.CASCADE, related_name="rows"
    )
    name = models.CharField(_("organization name"), max_length=255)
    code = models.CharField(_("code"), max_length=20, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    kind = models.CharField(_("type"), max_length=100, blank=True)
    total = score_field(_("total"))

    objects = TenantManager()

    class Meta:
        verbose_name = _("peer result")
        verbose_name_plural = _("peer results")
        indexes = [models.Index(fields=["dataset", "total"])]

    def __str__(self) -> str:
        return self.name


class AnalysisReport(OrganizationOwned):
    """The coordinator's analysis report of one fiscal year: the working draft.

    Scores, weaknesses and recommendations come from the recorded result;
    the coordinator adds the summary, the measures with responsible units,
    steps and timeline, and the names for the approval block. What the
    public sees is never this draft but its latest publication
    (:mod:`prongsai.core.publications`), frozen when the coordinator published.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    organization = organization_fk("ita_reports")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    summary = models.TextField(_("summary"), blank=True)
    measures = models.JSONField(
        _("measures"),
        default=list,
        blank=True,
        help_text=_("Title, responsible unit, steps and timeline of each measure."),
    )
    prepared_by_name = models.CharField(_("prepared by"), max_length=200, blank=True)
    prepared_by_position = models.CharField(
        _("position of the preparer"), max_length=200, blank=True
    )
    approver_name = models.CharField(_("approver"), max_length=200, blank=True)
    approver_position = models.CharField(
        _("position of the approver"), max_length=200, blank=True
    )
    thai_digits = models.BooleanField(_("Thai digits in documents"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ITA analysis report")
        verbose_name_plural = _("ITA analysis reports")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="ita_report_one_per_org_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ITA {self.fiscal_year}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def _check_rule_target(scope: str, target: str) -> None:
    """The one check of a rule's target, for shipped and organisations' rules."""
    target = (target or "").strip()
    valid = {
        RecommendationRule.Scope.TOOL: target in ("IIT", "EIT", "OIT"),
        RecommendationRule.Scope.INDICATOR: target.isdigit() and 1 <= int(target) <= 10,
        RecommendationRule.Scope.ITEM: bool(target),
    }.get(scope, True)
    if not valid:
        raise ValidationError(
            {"target": _("This target does not fit what the rule applies to.")}
        )


class OrganizationRule(OrganizationOwned):
    """A recommendation rule an organisation wrote for its own analysis.

    The shipped rules (:class:`RecommendationRule`) stay the defaults for
    everyone; an organisation adds its own here and switches defaults off
    with :class:`RuleSwitchOff`.
    """

    organization = organization_fk("ita_rules")
    scope = models.CharField(
        _("applies to"), max_length=10, choices=RecommendationRule.Scope.choices
    )
    target = models.CharField(
        _("target"),
        max_length=60,
        help_text=_(
            "IIT, EIT or OIT for a tool; 1-10 for an indicator; an OIT item "
            "key such as procurement.plan (the same in every year), an item "
            "code such as O12, or * for every missing OIT item."
        ),
    )
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.CharField(
        _("responsible unit"), max_length=200, blank=True
    )
    steps = models.TextField(_("steps"), blank=True, help_text=_("One step a line."))
    kpi = models.CharField(_("indicator of success"), max_length=300, blank=True)
    below = models.DecimalField(
        _("applies below"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Leave empty to use the organisation's weakness threshold."),
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    replaces = models.ForeignKey(
        RecommendationRule,
        verbose_name=_("adapted from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("organisation's recommendation rule")
        verbose_name_plural = _("organisation's recommendation rules")
        ordering = ["priority", "scope", "target"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        _check_rule_target(self.scope, self.target)


class RuleSwitchOff(OrganizationOwned):
    """A shipped recommendation rule an organisation does not want to see."""

    organization = organization_fk("ita_rules_switched_off")
    rule = models.ForeignKey(
        RecommendationRule,
        verbose_name=_("recommendation rule"),
        on_delete=models.CASCADE,
        related_name="switch_offs",
    )
    switched_off_by = member_fk(_("switched off by"))

    class Meta:
        verbose_name = _("switched-off recommendation rule")
        verbose_name_plural = _("switched-off recommendation rules")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "rule"], name="ita_rule_switch_off_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.rule}"


class ItasSurvey(OrganizationOwned):
    """The organisation's ITAS survey links of one fiscal year.

    The NACC's ITAS system gives each organisation an IIT survey for its
    staff and an EIT survey for the public; the coordinator enters both
    here. The public site shows the EIT link during the survey window; the
    back office shows the IIT link to staff.
    """

    organization = organization_fk("itas_surveys")
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
    )
    iit_code = models.CharField(_("IIT survey code"), max_length=40, blank=True)
    iit_url = models.URLField(_("IIT survey link"), max_length=500, blank=True)
    eit_code = models.CharField(_("EIT survey code"), max_length=40, blank=True)
    eit_url = models.URLField(_("EIT survey link"), max_length=500, blank=True)
    eit_opens_on = ThaiDateField(_("EIT survey opens on"), null=True, blank=True)
    eit_closes_on = ThaiDateField(_("EIT survey closes on"), null=True, blank=True)
    updated_by = member_fk(_("updated by"))

    class Meta:
        verbose_name = _("ITAS survey links")
        verbose_name_plural = _("ITAS survey links")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="ita_itas_survey_one_per_org_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ITAS {self.fiscal_year}"

    def eit_open_on(self, day) -> bool:
        """Whether the EIT survey is open to the public on ``day``."""
        return bool(
            self.eit_url
            and self.eit_opens_on
            and self.eit_closes_on
            and self.eit_opens_on <= day <= self.eit_closes_on
        )
