from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "prongsai.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401  (registers the system checks)
        from .audit import register_action_labels

        register_action_labels(
            {"retention.apply": _("Personal data removed at the end of retention")}
        )
        # Each app's retention.py registers the kinds of personal data it
        # keeps (prongsai.core.retention); personal_data.py registers how to
        # find, export and erase one person's data (prongsai.core.personal_data).
        autodiscover_modules("retention", "personal_data")
