"""The public site's menu, breadcrumb and theme (``portal.navigation``)."""

from django import template
from django.utils import timezone

from prongsai.core import colours
from prongsai.core.templatetags.thai import thai_date
from prongsai.portal import navigation

register = template.Library()


def _slug_and_match(context):
    request = context.get("request")
    organization = context.get("current_organization")
    if request is None or organization is None:
        return None, None
    return organization.slug, getattr(request, "resolver_match", None)


@register.simple_tag(takes_context=True)
def public_menu(context) -> list[dict]:
    slug, match = _slug_and_match(context)
    return navigation.menu(slug=slug, match=match) if slug else []


@register.simple_tag(takes_context=True)
def public_breadcrumb(context) -> list[dict]:
    slug, match = _slug_and_match(context)
    return navigation.breadcrumb(slug=slug, match=match) if slug else []


@register.simple_tag
def public_sitemap(slug: str):
    return navigation.sitemap(slug=slug)


@register.simple_tag
def site_theme(organization) -> colours.Theme:
    return colours.theme(getattr(organization, "brand_colour", ""))


@register.filter
def event_day(value) -> str:
    """The day of the month of an event (local time), for its date badge."""
    if value is None:
        return ""
    return str(timezone.localtime(value).day)


@register.filter
def event_month(value) -> str:
    """The abbreviated month of an event (พ.ย. / Nov), for its date badge."""
    if value is None:
        return ""
    parts = thai_date(value, "medium").split()
    return parts[1] if len(parts) > 1 else ""
