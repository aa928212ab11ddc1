"""Where to act on a weak indicator 10 (corruption prevention) or IIT: the
integrity measures and action plans (see ``ita.tools``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.ita.tools import IndicatorTool

from .permissions import can_view_plans

ITA_TOOLS = (
    IndicatorTool(
        targets=("10",),
        label=_("Integrity measures and action plans"),
        url_name="plans-staff:plan-list",
        allowed=can_view_plans,
    ),
)
