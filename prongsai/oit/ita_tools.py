"""Where to act on a weak OIT score or indicator 9 (disclosure): the OIT
checklist of the year (see ``ita.tools``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.ita.tools import IndicatorTool

from .permissions import can_read_oit

ITA_TOOLS = (
    IndicatorTool(
        targets=("OIT",),
        kind="tool",
        label=_("OIT checklist"),
        url_name="oit-staff:index",
        allowed=can_read_oit,
    ),
    IndicatorTool(
        targets=("9",),
        label=_("OIT checklist"),
        url_name="oit-staff:index",
        allowed=can_read_oit,
    ),
)
