from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OitConfig(AppConfig):
    name = "prongsai.oit"
    label = "oit"
    verbose_name = _("OIT disclosure")

    def ready(self):
        from .registry import discover_providers

        # Every app's oit_evidence.py: generated evidence for OIT items.
        discover_providers()
