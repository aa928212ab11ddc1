"""``{{ obj|localized:"title" }}``: see :mod:`prongsai.core.localized`."""

from django import template

from prongsai.core.localized import localized_lang, localized_value

register = template.Library()


@register.filter
def localized(obj, field: str):
    return localized_value(obj, field)


@register.filter
def localized_lang_of(obj, field: str) -> str:
    return localized_lang(obj, field)
