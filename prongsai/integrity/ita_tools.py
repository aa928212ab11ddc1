"""The integrity registers a weak ITA indicator calls for (see ``ita.tools``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.ita.tools import IndicatorTool

ITA_TOOLS = (
    # Indicator 5: the fight against corruption inside the organisation.
    IndicatorTool(
        targets=("5",), label=_("No Gift Policy"), url_name="integrity-staff:no-gift"
    ),
)
