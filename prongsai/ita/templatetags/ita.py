"""Template filters of the ITA pages and documents."""

from django import template

from prongsai.ita.wording import change_direction, change_text

register = template.Library()

register.filter("change_text", change_text)
register.filter("change_direction", change_direction)
