from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OitConfig(AppConfig):
    name = "prongsai.oit"
    label = "oit"
    verbose_name = _("OIT disclosure")

    def ready(self):
        from . import readiness
        from .registry import discover_providers

        # Every app's oit_evidence.py: generated evidence for OIT items.
        discover_providers()
        # Item statuses follow the records those providers read.
        readiness.connect()
