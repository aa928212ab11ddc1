from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "prongsai.budget"
    label = "budget"
    verbose_name = _("Development plan and budget")

    def ready(self) -> None:
        # Budget-line suggestions follow procurement's saves.
        from . import receivers_budget  # noqa: F401
