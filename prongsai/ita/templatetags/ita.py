"""Template filters of the ITA pages and documents."""

from django import template

from prongsai.ita.wording import change_direction, change_text

register = template.Library()

register.filter("change_text", change_text)
register.filter("change_direction", change_direction)


@register.filter
def tools_for(links: dict | None, weakness) -> list:
    """The tool links of ``weakness`` in ``weakness_tool_links`` output."""
    if not links:
        return []
    return links.get(f"{weakness.kind}:{weakness.code}", [])
