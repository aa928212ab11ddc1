"""``{% ethics_acknowledgement_pending %}``: the code of ethics in force when
the current member has not acknowledged it yet (for the prompt in the
back-office menu and on the integrity pages), else ``None``."""

from django import template

from prongsai.integrity.selectors_ethics import ethics_acknowledgement_pending

register = template.Library()

_CACHE = "_ethics_acknowledgement_pending"


@register.simple_tag(takes_context=True)
def ethics_acknowledgement_pending_code(context):
    request = context.get("request")
    organization = context.get("current_organization")
    membership = context.get("current_membership")
    if request is None or organization is None or membership is None:
        return None
    if not hasattr(request, _CACHE):
        setattr(
            request,
            _CACHE,
            ethics_acknowledgement_pending(
                organization=organization, membership=membership
            ),
        )
    return getattr(request, _CACHE)
