"""Views above organisations: viewer grants, the DLA's directory of LAOs and
the summaries the province and national pages read.

A viewer (a provincial office สถ.จ., the DLA, the platform operator) reads
every organisation of a scope and is a member of none. The summaries are
written by a scheduled task (``prongsai.portal.summaries``), so the pages
read one row per organisation and never aggregate per request.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import member_fk, organization_fk
from prongsai.core.models import BaseModel, OrganizationOwned

from .provinces import NAMES as PROVINCE_NAMES


def validate_province(value: str) -> None:
    if value not in PROVINCE_NAMES:
        raise ValidationError(
            _("“%(value)s” is not a province of Thailand."), params={"value": value}
        )


class ViewerGrant(BaseModel):
    """A user's read-only view of every organisation in a scope."""

    class Scope(models.TextChoices):
        PROVINCE = "province", _("Province (provincial local administration office)")
        NATIONAL = "national", _("Whole country (Department of Local Administration)")
        OPERATOR = "operator", _("Platform operator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="viewer_grants",
    )
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    province = models.CharField(
        _("province"),
        max_length=100,
        blank=True,
        validators=[validate_province],
        help_text=_("Only for a province scope."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    granted_by = member_fk(_("granted by"))

    class Meta:
        verbose_name = _("viewer grant")
        verbose_name_plural = _("viewer grants")
        ordering = ["scope", "province"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope", "province"], name="viewer_grant_unique"
            ),
            models.CheckConstraint(
                condition=(Q(scope="province") & ~Q(province=""))
                | (~Q(scope="province") & Q(province="")),
                name="viewer_grant_province_only_for_province_scope",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_scope_display()
        return f"{self.user} — {self.province or label}"

    def clean(self):
        super().clean()
        if self.scope == self.Scope.PROVINCE and not self.province:
            raise ValidationError({"province": _("Choose the province.")})
        if self.scope != self.Scope.PROVINCE:
            self.province = ""


class LaoKind(models.TextChoices):
    """The DLA's kinds of LAO (the values of ``Organization.Kind``)."""

    PAO = "pao", _("Provincial Administrative Organization")
    CITY_MUNICIPALITY = "city_municipality", _("City Municipality")
    TOWN_MUNICIPALITY = "town_municipality", _("Town Municipality")
    SUBDISTRICT_MUNICIPALITY = "tambon_municipality", _("Subdistrict Municipality")
    SAO = "sao", _("Subdistrict Administrative Organization")


class DirectoryEntry(BaseModel):
    """One LAO of the DLA's open list, on this platform or not.

    Platform-wide (the list of every LAO in the country), so not
    organisation-owned; ``organization`` is the organisation on the
    platform it was matched to (by DLA code, then by name and province).
    """

    dla_code = models.CharField(_("DLA code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, choices=LaoKind.choices)
    province = models.CharField(_("province"), max_length=100, db_index=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization on the platform"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_entry",
    )
    source = models.CharField(_("imported from"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("LAO directory entry")
        verbose_name_plural = _("LAO directory")
        ordering = ["province", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.province})"


class RegionSummary(OrganizationOwned):
    """What the province and national pages show of one organisation in one
    fiscal year: aggregates only, never a name, a contact or a confidential
    report. Written by ``portal.summaries.summary_refresh``."""

    organization = organization_fk("region_summaries")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    refreshed_at = models.DateTimeField(_("refreshed at"))
    # ITA: the latest recorded result and its change from the year before.
    ita_fiscal_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ita_total = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    ita_level = models.CharField(max_length=100, blank=True)
    ita_change = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    ita_indicators = models.JSONField(default=dict, blank=True)
    # OIT: the share of the latest checklist's items ready or submitted.
    oit_fiscal_year = models.PositiveSmallIntegerField(null=True, blank=True)
    oit_items_done = models.PositiveIntegerField(default=0)
    oit_items_total = models.PositiveIntegerField(default=0)
    oit_readiness = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    # E-Service requests received in the fiscal year.
    eservice_received = models.PositiveIntegerField(default=0)
    eservice_completed = models.PositiveIntegerField(default=0)
    eservice_in_time = models.PositiveIntegerField(default=0)
    eservice_in_time_percent = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True
    )
    # Complaints received in the fiscal year, confidential reports excluded.
    complaints_received = models.PositiveIntegerField(default=0)
    complaints_in_progress = models.PositiveIntegerField(default=0)
    complaints_completed = models.PositiveIntegerField(default=0)
    complaints_forwarded = models.PositiveIntegerField(default=0)
    # The ITA predicted from pulse surveys (empty under the minimum sample).
    prediction_total = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    prediction_respondents = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("region summary")
        verbose_name_plural = _("region summaries")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="region_summary_one_per_org_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.fiscal_year}"


class ProvinceSummary(BaseModel):
    """One province in one fiscal year: the national page's row, rolled up
    from the directory and the organisations' summaries."""

    province = models.CharField(_("province"), max_length=100)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    refreshed_at = models.DateTimeField(_("refreshed at"))
    lao_count = models.PositiveIntegerField(default=0)
    on_platform = models.PositiveIntegerField(default=0)
    ita_count = models.PositiveIntegerField(default=0)
    ita_average = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    oit_count = models.PositiveIntegerField(default=0)
    oit_average = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    eservice_received = models.PositiveIntegerField(default=0)
    complaints_received = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("province summary")
        verbose_name_plural = _("province summaries")
        ordering = ["province"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year"],
                name="province_summary_one_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.fiscal_year}"

    @property
    def off_platform(self) -> int:
        return max(self.lao_count - self.on_platform, 0)
