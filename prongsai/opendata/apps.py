from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "prongsai.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from prongsai.core.audit import register_action_labels
        from prongsai.organizations.demo import DEMO_LOADERS

        from .demo import load_opendata_demo

        register_action_labels(
            {
                "dataset.create": _("Dataset added to the open-data catalogue"),
                "dataset.sync": _("Dataset data refreshed"),
                "dataset.withdraw": _("Dataset withdrawn (no data)"),
                "dataset.update": _("Dataset metadata changed"),
                "catalogue_settings.update": _("Open-data catalogue settings changed"),
            }
        )
        if load_opendata_demo not in DEMO_LOADERS:
            DEMO_LOADERS.append(load_opendata_demo)
