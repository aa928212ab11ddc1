from django import template

from prongsai.organizations.roles import Role

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    """The translated label of a role value."""
    try:
        return str(Role(value).label)
    except ValueError:
        return value
