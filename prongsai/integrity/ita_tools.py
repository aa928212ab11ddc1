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

# (indicator, label, staff page, who may open it)
_TOOLS = (
    ("3", _("HR criteria and HR plan"), "integrity-staff:hr", can_view_own_training),
    ("4", _("Asset register and loans"), "integrity-staff:loan-list", can_request_loan),
    ("4", _("Borrowing rules"), "integrity-staff:loan-rules", can_manage_assets),
    ("5", _("No Gift Policy"), "integrity-staff:no-gift", can_view_no_gift),
    ("5", _("Ethics"), "integrity-staff:ethics", can_view_ethics),
    (
        "5",
        _("Conflicts of interest"),
        "integrity-staff:coi-summary",
        can_view_coi_summary,
    ),
)

ITA_TOOLS = tuple(
    IndicatorTool(targets=(target,), label=label, url_name=url_name, allowed=allowed)
    for target, label, url_name, allowed in _TOOLS
)
