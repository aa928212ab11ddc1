from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "prongsai.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from .demo import discover_demo_loaders

        # Every app's demo.py: its DEMO_LOADER for ``prongsai load_demo``.
        discover_demo_loaders()
