from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _indicators_of_unrefreshed_years(sender, using="default", **kwargs) -> None:
    """After every migrate, the fiscal years with records but no stored
    indicators yet (records from before ``procurement 0005``) are refreshed,
    in the background, so that an upgrade needs no extra step."""
    from .services_indicators import indicators_missing_refresh

    indicators_missing_refresh(using=using)


class ProcurementConfig(AppConfig):
    name = "prongsai.procurement"
    label = "procurement"
    verbose_name = _("Procurement")

    def ready(self) -> None:
        post_migrate.connect(
            _indicators_of_unrefreshed_years,
            sender=self,
            dispatch_uid="prongsai.procurement.indicators_after_migrate",
        )
