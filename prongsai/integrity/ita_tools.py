"""The integrity registers a weak ITA indicator calls for (see ``ita.tools``).

Indicator 3 (the use of authority: assignments, appraisal, promotion) leads
to the HR criteria and plan; indicator 4 (the use of government property) to
the asset register, loans and borrowing rules; indicator 5 (the fight against
corruption) to the No Gift Policy, the code of ethics and the conflicts of
interest. Each link shows only to those who may open its page.
"""

from django.utils.translation import gettext_lazy as _

from prongsai.ita.tools import IndicatorTool

from .permissions import (
    can_manage_assets,
    can_request_loan,
    can_view_ethics,
    can_view_no_gift,
    can_view_own_training,
)
from .permissions_coi import can_view_coi_summary

ITA_TOOLS = (
    IndicatorTool(
        targets=("3",),
        label=_("HR criteria and HR plan"),
        url_name="integrity-staff:hr",
        allowed=can_view_own_training,
    ),
    IndicatorTool(
        targets=("4",),
        label=_("Asset register and loans"),
        url_name="integrity-staff:loan-list",
        allowed=can_request_loan,
    ),
    IndicatorTool(
        targets=("4",),
        label=_("Borrowing rules"),
        url_name="integrity-staff:loan-rules",
        allowed=can_manage_assets,
    ),
    IndicatorTool(
        targets=("5",),
        label=_("No Gift Policy"),
        url_name="integrity-staff:no-gift",
        allowed=can_view_no_gift,
    ),
    IndicatorTool(
        targets=("5",),
        label=_("Ethics"),
        url_name="integrity-staff:ethics",
        allowed=can_view_ethics,
    ),
    IndicatorTool(
        targets=("5",),
        label=_("Conflicts of interest"),
        url_name="integrity-staff:coi-summary",
        allowed=can_view_coi_summary,
    ),
)
