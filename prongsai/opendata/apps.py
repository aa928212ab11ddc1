from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "prongsai.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from .registry import discover_datasets

        # Every app's datasets.py: the datasets it publishes in the catalogue.
        discover_datasets()
