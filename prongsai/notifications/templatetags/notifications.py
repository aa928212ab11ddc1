from django import template

from prongsai.notifications.selectors import notification_get_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """Unread inbox notifications of the signed-in member, for the bell."""
    request = context.get("request")
    return notification_get_unread_count(
        user=getattr(request, "user", None),
        organization=context.get("current_organization"),
    )
