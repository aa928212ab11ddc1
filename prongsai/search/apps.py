from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "prongsai.search"
    label = "search"
    verbose_name = _("Site search")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import registry

        # Every app's ``search.py`` registers its kinds of public record.
        autodiscover_modules("search")
        registry.connect_signals()
