from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "prongsai.complaints"
    label = "complaints"
    verbose_name = _("Complaints and feedback")

    def ready(self):
        from .links import discover_case_links

        # Every app's case_links.py: what it links to a case (plans: measures).
        discover_case_links()
        from . import receivers  # noqa: F401  (connects the signal receivers)
