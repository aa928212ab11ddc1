from django import template

from prongsai.core.audit import action_label, change_rows, object_text

register = template.Library()


@register.filter
def audit_action(action: str) -> str:
    """The translated label of an audit action code."""
    return action_label(action)


@register.filter
def audit_changes(event) -> list[tuple[str, str]]:
    """The event's changes as ``(field label, text)`` rows."""
    return change_rows(event)


@register.filter
def audit_object(event) -> str:
    """The name of the record the event changed, dates in Buddhist era."""
    return object_text(event)
