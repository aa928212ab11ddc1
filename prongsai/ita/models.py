"""ITA frameworks per fiscal year (editable data) and organisations' results."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel

from .frameworks import Framework, framework_from_data, validate_framework_data

INDICATOR_NUMBERS = range(1, 11)


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


class FrameworkVersion(BaseModel):
    """The assessment framework of one fiscal year, as loaded from its data file.

    Platform administrators may correct it (the domain notes mark several facts
    as unverified); every change is validated as a whole.
    """

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        unique=True,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
    )
    data = models.JSONField(_("framework data"))
    source = models.CharField(_("loaded from"), max_length=200, blank=True)

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
        return framework_from_data(self.data)


class ItaResult(BaseModel):
    """An organisation's ITA result for one fiscal year."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="ita_results",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
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
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

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
    def indicators(self) -> dict:
        return {n: getattr(self, f"i{n}") for n in INDICATOR_NUMBERS}

    @property
    def published(self) -> dict:
        return {
            key: getattr(self, f"published_{key}")
            for key in ("iit", "eit", "oit", "total")
            if getattr(self, f"published_{key}") is not None
        }
