"""Labels and colours for measure states and their flags."""

from django import template
from django.utils.translation import gettext_lazy as _

from prongsai.plans import monitoring

register = template.Library()

STATE_LABELS = {
    "done": _("Done"),
    "cancelled": _("Cancelled"),
    "not_started": _("Not started yet"),
    "on_track": _("On track"),
    "at_risk": _("At risk"),
}
STATE_CLASSES = {
    "done": "text-bg-success",
    "cancelled": "text-bg-secondary",
    "not_started": "text-bg-light border",
    "on_track": "text-bg-primary",
    "at_risk": "text-bg-danger",
}
FLAG_LABELS = {
    monitoring.OVERDUE: _("Overdue"),
    monitoring.STALE: _("No update for too long"),
    monitoring.KPI_BEHIND: _("KPI behind its trajectory"),
}


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASSES.get(state, "text-bg-light")


@register.filter
def flag_label(flag: str) -> str:
    return str(FLAG_LABELS.get(flag, flag))


@register.filter
def baht(value) -> str:
    """A amount of baht with thousands separators and two decimals."""
    if value in (None, ""):
        return "—"
    return f"{value:,.2f}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")
