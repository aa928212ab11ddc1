"""The ITAS survey links where people see them.

``{% eit_survey_banner current_organization %}`` in the public base template
shows the EIT survey link while its window is open; ``{% iit_survey_link
organization %}`` on the back-office dashboard shows the IIT link to staff.
"""

from django import template

from prongsai.ita.permissions import can_manage_ita
from prongsai.ita.selectors_years import eit_survey_get_open, itas_survey_get_current

register = template.Library()


@register.inclusion_tag("ita/_eit_banner.html")
def eit_survey_banner(organization):
    survey = eit_survey_get_open(organization=organization) if organization else None
    return {"survey": survey}


@register.inclusion_tag("ita/_iit_link.html", takes_context=True)
def iit_survey_link(context, organization):
    """The IIT link for staff; for the coordinator, where to enter it if missing."""
    survey = itas_survey_get_current(organization=organization)
    request = context.get("request")
    can_manage = bool(
        request is not None
        and can_manage_ita(request.user, getattr(request, "membership", None))
    )
    return {
        "survey": survey if survey and survey.iit_url else None,
        "organization": organization,
        "can_manage": can_manage,
    }
