"""Field declarations the register's models share (money, fiscal years, owner)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import ThaiDateField

if TYPE_CHECKING:
    pass

MONEY = {"max_digits": 15, "decimal_places": 2}


def fiscal_year_field(**kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=[MinValueValidator(2540), MaxValueValidator(2700)],
        help_text=_("Buddhist-era year in which the fiscal year ends, e.g. 2568."),
        **kwargs,
    )


def money_field(verbose_name, *, optional: bool = False, **kwargs):
    return models.DecimalField(
        verbose_name,
        null=optional,
        blank=optional,
        validators=[MinValueValidator(Decimal("0"))],
        **MONEY,
        **kwargs,
    )


def optional_date(verbose_name) -> models.DateField:
    return ThaiDateField(verbose_name, null=True, blank=True)
