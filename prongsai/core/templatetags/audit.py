from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def audit_value(value) -> str:
    """Show an audit change: ``[old, new]`` as "old → new", anything else as is."""

    def show(v) -> str:
        if v in (None, "", []):
            return _("(empty)")
        if isinstance(v, list):
            return ", ".join(map(str, v))
        return str(v)

    if isinstance(value, list) and len(value) == 2:
        return f"{show(value[0])} → {show(value[1])}"
    return show(value)
