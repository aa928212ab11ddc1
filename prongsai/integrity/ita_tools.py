"""The integrity registers a weak ITA indicator calls for (see ``ita.tools``).

Indicator 3 (the use of authority: assignments, appraisal, promotion) leads
to the HR criteria and plan; indicator 4 (the use of government property) to
the asset register, loans and borrowing rules; indicator 5 (the fight against
corruption) to the No Gift Policy, the code of ethics and the conflicts of
interest.
"""

from django.utils.translation import gettext_lazy as _

from prongsai.ita.tools import IndicatorTool

ITA_TOOLS = (
    IndicatorTool(
        targets=("3",),
        label=_("HR criteria and HR plan"),
        url_name="integrity-staff:hr",
    ),
    IndicatorTool(
        targets=("4",),
        label=_("Asset register and loans"),
        url_name="integrity-staff:loan-list",
    ),
    IndicatorTool(
        targets=("4",),
        label=_("Borrowing rules"),
        url_name="integrity-staff:loan-rules",
    ),
    IndicatorTool(
        targets=("5",), label=_("No Gift Policy"), url_name="integrity-staff:no-gift"
    ),
    IndicatorTool(targets=("5",), label=_("Ethics"), url_name="integrity-staff:ethics"),
    IndicatorTool(
        targets=("5",),
        label=_("Conflicts of interest"),
        url_name="integrity-staff:coi-summary",
    ),
)
