"""Stored risk indicators: one row per indicator and record, and one row per
fiscal year with the counts and a data version (see ``services_indicators``).

Pages read these instead of recomputing a whole year on each request.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import organization_fk
from prongsai.core.models import OrganizationOwned

from .fields import fiscal_year_field
from .indicators import IndicatorCode


class ProcurementYear(OrganizationOwned):
    """One fiscal year of an organisation's register: its indicator counts and
    a version that grows whenever the year's data changes (the key of the
    stored annual report files)."""

    organization = organization_fk("procurement_years")
    fiscal_year = fiscal_year_field()
    version = models.PositiveIntegerField(_("data version"), default=0)
    indicator_counts = models.JSONField(_("indicators by code"), default=dict)
    flagged_records = models.PositiveIntegerField(
        _("records with indicators"), default=0
    )
    refreshed_at = models.DateTimeField(_("indicators computed at"), null=True)

    class Meta:
        verbose_name = _("procurement fiscal year")
        verbose_name_plural = _("procurement fiscal years")
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="procurement_year_unique",
            )
        ]

    def __str__(self) -> str:
        return str(self.fiscal_year)

    @property
    def indicator_total(self) -> int:
        return sum(self.indicator_counts.values())


class RiskIndicator(OrganizationOwned):
    """One indicator (ข้อสังเกต) as it concerns one record. An indicator over
    several records (a split purchase) has one row per record, sharing
    ``number``; ``params`` holds the figures its sentence is written from."""

    organization = organization_fk("procurement_risk_indicators")
    fiscal_year = fiscal_year_field()
    procurement = models.ForeignKey(
        "procurement.Procurement",
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name="risk_indicators",
    )
    code = models.CharField(_("indicator"), max_length=40, choices=IndicatorCode)
    number = models.PositiveIntegerField(_("number in the year"), default=0)
    params = models.JSONField(_("figures"), default=dict)
    related_ids = models.JSONField(_("records concerned"), default=list)

    class Meta:
        verbose_name = _("risk indicator")
        verbose_name_plural = _("risk indicators")
        ordering = ["number", "id"]
        indexes = [
            models.Index(
                fields=["organization", "fiscal_year", "code"],
                name="proc_indicator_year_idx",
            ),
            models.Index(
                fields=["procurement", "code"], name="proc_indicator_record_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.procurement_id}"
