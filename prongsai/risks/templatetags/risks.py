"""Risk levels on the register's pages: the band of a risk, its label and colour
(one band table: ``core.risk_bands``; one set of labels: ``core.charts``)."""

from django import template

from prongsai.core.charts_risk import risk_level_label
from prongsai.core.risk_bands import BANDS

from .. import risk_matrix

register = template.Library()

LEVEL_CLASSES = {band.key: f"risk-{band.key}" for band in BANDS}


@register.filter
def risk_level(risk) -> str:
    return risk_matrix.level(risk.likelihood, risk.impact)


@register.filter
def level_label(level: str) -> str:
    return str(risk_level_label(level))


@register.filter
def level_class(level: str) -> str:
    return LEVEL_CLASSES.get(level, "text-bg-light")


@register.filter
def risk_code(codes: dict, risk) -> str:
    """The register code (R1, R2, ...) of ``risk``."""
    return codes.get(risk.pk, "")
