"""Datasets of the open-data catalogue, with Thai government catalogue metadata.

The metadata fields follow the dataset schema of DGA's Thai GDC catalogue
(``ckanext-thai_gdc``), which data.go.th and provincial GD Catalogs use, so that
those catalogues can harvest ours field for field.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.core import model_fields
from prongsai.core.model_fields import ThaiDateField
from prongsai.core.models import OrganizationOwned, OrganizationSettings
from prongsai.core.tenancy import TenantQuerySet

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization


class DataType(models.TextChoices):
    RECORD = "record", _("Record data")
    STATISTIC = "statistic", _("Statistical data")
    GEOSPATIAL = "geospatial", _("Geospatial data")
    MULTIPLE = "multiple", _("Multiple types of data")
    OTHER = "other", _("Other type of data")


class Objective(models.TextChoices):
    MISSION = "mission", _("Organisation's mission")
    LAW = "law", _("Related law")
    PUBLIC_SERVICE = "public_service", _("Service to the public")
    OTHER = "other", _("Other")


class UpdateFrequency(models.TextChoices):
    YEAR = "year", _("Year")
    HALF_YEAR = "half_year", _("Half year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")
    WEEK = "week", _("Week")
    DAY = "day", _("Day")
    BUSINESS_DAY = "business_day", _("Business day")
    HOUR = "hour", _("Hour")
    REAL_TIME = "real_time", _("Real time")
    NO_UPDATE = "no_update", _("Not updated after collection")
    UNKNOWN = "unknown", _("Unknown")
    OTHER = "other", _("Other")


class GeoCoverage(models.TextChoices):
    COUNTRY = "country", _("Country")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Subdistrict")
    VILLAGE = "village", _("Village")
    LOCAL_GOVERNMENT = "local_government", _("Municipality / SAO")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    THAI = "th", _("Thai")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class DataCategory(models.TextChoices):
    PUBLIC = "public", _("Public data")
    PERSONAL = "personal", _("Personal data")
    SECURITY = "security", _("Security data")
    SECRET = "secret", _("Official secret")


class AccessLevel(models.TextChoices):
    OPEN = "open", _("Open (published)")
    INTERNAL = "internal", _("Internal use (not published)")


class License(models.TextChoices):
    OPEN_DATA_COMMON = "Open Data Common", _("Open Data Common")
    CC_BY = "cc-by", _("Creative Commons Attribution 4.0")
    CC_BY_SA = "cc-by-sa", _("Creative Commons Attribution Share-Alike 4.0")
    CC_ZERO = "cc-zero", _("Creative Commons CC0")


LICENSE_URLS = {
    License.OPEN_DATA_COMMON: "https://data.go.th/pages/dga-open-government-license",
    License.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    License.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    License.CC_ZERO: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class DatasetQuerySet(TenantQuerySet):
    def published(self):
        """Datasets the public, the API and harvesters may see."""
        return self.filter(
            is_active=True,
            access_level=AccessLevel.OPEN,
            organization__is_active=True,
        )


def _choice(verbose_name, choices, default, *, max_length: int = 20):
    """A metadata field with one of the catalogue's coded values."""
    return models.CharField(
        verbose_name, max_length=max_length, choices=choices.choices, default=default
    )


class Dataset(OrganizationOwned):
    """One provider's data of one organisation for one fiscal year.

    Rows are created by ``services.dataset_sync`` from the provider registry;
    the data officer edits the catalogue metadata. ``is_active`` is false when
    the provider no longer has data for the year (or is no longer installed):
    the dataset then disappears from the public catalogue but keeps its
    metadata and its name.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization: models.ForeignKey[Organization, Organization] = (
        model_fields.organization_fk("datasets")
    )
    provider_key = models.CharField(_("data source in the system"), max_length=50)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=[MinValueValidator(2400), MaxValueValidator(2800)],
    )
    name = models.SlugField(
        _("URL name"),
        max_length=100,
        unique=True,
        help_text=_("Unique on the whole site; part of the dataset's permanent URL."),
    )
    title = models.CharField(_("dataset title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    tags = models.JSONField(_("keywords"), default=list, blank=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    data_type = _choice(_("data type"), DataType, DataType.RECORD)
    objective = _choice(_("objective"), Objective, Objective.MISSION)
    license_id = _choice(_("licence"), License, License.OPEN_DATA_COMMON, max_length=40)
    update_frequency_unit = _choice(
        _("update frequency"), UpdateFrequency, UpdateFrequency.MONTH
    )
    update_frequency_interval = models.PositiveSmallIntegerField(
        _("update every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text=_("For example 1 with the unit month means every month."),
    )
    geo_coverage = _choice(
        _("geographic coverage"),
        GeoCoverage,
        GeoCoverage.LOCAL_GOVERNMENT,
    )
    temporal_start = ThaiDateField(_("data covers from"), null=True, blank=True)
    temporal_end = ThaiDateField(_("data covers until"), null=True, blank=True)
    data_source = models.CharField(_("source"), max_length=300, blank=True)
    language = _choice(_("language"), Language, Language.THAI, max_length=10)
    data_category = _choice(_("data classification"), DataCategory, DataCategory.PUBLIC)
    access_level = _choice(_("access level"), AccessLevel, AccessLevel.OPEN)
    accessible_condition = models.TextField(_("conditions of access"), blank=True)
    owner_unit = models.CharField(
        _("data owner"),
        max_length=200,
        blank=True,
        help_text=_("The unit that owns the data, for example กองคลัง."),
    )
    maintainer = models.CharField(_("contact name"), max_length=200)
    maintainer_email = models.EmailField(_("contact e-mail"), blank=True)
    allow_harvest = models.BooleanField(
        _("allow government data catalogues to harvest"), default=True
    )
    is_active = models.BooleanField(_("has data"), default=True)
    data_modified_at = models.DateTimeField(
        _("data last changed"), null=True, blank=True
    )
    modified_at = models.DateTimeField(_("last modified"), db_index=True)
    tag_index = models.TextField(editable=False, blank=True)

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["organization", "provider_key", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "provider_key", "fiscal_year"],
                name="dataset_one_per_provider_year",
            ),
            models.CheckConstraint(
                condition=Q(temporal_end__isnull=True)
                | Q(temporal_start__isnull=True)
                | Q(temporal_end__gte=models.F("temporal_start")),
                name="dataset_temporal_range",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "access_level", "is_active"],
                name="dataset_org_public_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if not isinstance(self.tags, list) or not all(
            isinstance(t, str) for t in self.tags
        ):
            raise ValidationError({"tags": _("Keywords must be a list of words.")})
        if (
            self.temporal_start
            and self.temporal_end
            and self.temporal_end < self.temporal_start
        ):
            raise ValidationError(
                {
                    "temporal_end": _(
                        "The end of the period covered is before its start."
                    )
                }
            )

    @property
    def license_url(self) -> str:
        return LICENSE_URLS.get(self.license_id, "")

    def get_absolute_url(self) -> str:
        return reverse(
            "opendata-public:dataset-detail",
            kwargs={"org": self.organization.slug, "name": self.name},
        )

    def download_url(self, fmt: str) -> str:
        return reverse(
            f"opendata-public:dataset-{fmt}",
            kwargs={"org": self.organization.slug, "name": self.name},
        )


class CatalogueSettings(OrganizationSettings):
    """An organisation's defaults for the datasets of its catalogue."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="catalogue_settings",
    )
    maintainer = models.CharField(
        _("contact name"),
        max_length=200,
        blank=True,
        help_text=_("A unit rather than a person, e.g. งานประชาสัมพันธ์ สำนักปลัด."),
    )
    maintainer_email = models.EmailField(_("contact e-mail"), blank=True)
    owner_unit = models.CharField(_("data owner"), max_length=200, blank=True)
    license_id = _choice(_("licence"), License, License.OPEN_DATA_COMMON, max_length=40)
    allow_harvest = models.BooleanField(
        _("allow government data catalogues to harvest"), default=True
    )

    class Meta:
        verbose_name = _("catalogue settings")
        verbose_name_plural = _("catalogue settings")
