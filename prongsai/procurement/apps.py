from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _indicators_of_unrefreshed_years(
    sender, using="default", plan=None, **kwargs
) -> None:
    """After a migrate that applies procurement migrations, the fiscal years
    with records but no stored indicators yet (records from before
    ``procurement 0005``) are refreshed, in the background, so that an
    upgrade needs no extra step. A migrate that applies none of them (the
    usual deploy) skips the check; a flush (tests: no plan, empty tables)
    costs the check's one query."""
    from .services_indicators import indicators_missing_refresh

    if plan is not None and not any(
        migration.app_label == ProcurementConfig.label for migration, _back in plan
    ):
        return
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
