"""Template filters of the citizen manual: ``{{ step|step_time }}``."""

from django import template

from prongsai.eservices import citizen_manual

register = template.Library()


@register.filter
def step_time(step) -> str:
    """The time of a citizen-manual step (``15 นาที``); empty for old texts."""
    return citizen_manual.step_time(step) if isinstance(step, dict) else ""
