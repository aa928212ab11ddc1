from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "prongsai.integrity"
    label = "integrity"
    verbose_name = _("Integrity registers")

    def ready(self) -> None:
        # The conflict-of-interest cross-check follows procurement's saves.
        from . import receivers_coi  # noqa: F401
