"""Template helpers of the development-plan pages."""

from django import template

from prongsai.budget.permissions import can_view_budget

register = template.Library()


@register.simple_tag(takes_context=True)
def may_view_budget(context) -> bool:
    """Whether the staff menu shows the budget links (``can_view_budget``)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return can_view_budget(user, context.get("current_membership"))
