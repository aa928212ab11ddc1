"""Where to act on a weak indicator 10 (corruption prevention): the
corruption risk assessment (see ``ita.tools``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.ita.tools import IndicatorTool

from .permissions import can_view_risks

ITA_TOOLS = (
    IndicatorTool(
        targets=("10",),
        label=_("Corruption risk assessment"),
        url_name="risks-staff:risk-assessment-list",
        allowed=can_view_risks,
    ),
)
