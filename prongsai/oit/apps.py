from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OitConfig(AppConfig):
    name = "prongsai.oit"
    label = "oit"
    verbose_name = _("OIT disclosure")

    def ready(self):
        from prongsai.core.audit import register_action_labels
        from prongsai.organizations.demo import DEMO_LOADERS

        from .demo import load_oit_demo
        from .providers import register_providers

        register_providers()
        register_action_labels(
            {
                "oit_officer.appoint": _("Data officer appointed"),
                "oit_checklist.open": _("OIT checklist opened"),
                "oit_checklist.update": _("OIT checklist completed with new items"),
                "oit_checklist.submit": _("OIT checklist submitted"),
                "oit_item.update": _("OIT item edited"),
                "oit_item.status": _("OIT item status changed"),
                "oit_evidence.add": _("OIT evidence added"),
                "oit_evidence.remove": _("OIT evidence removed"),
                "oit_scores.preliminary": _("Preliminary OIT scores recorded"),
                "oit_scores.final": _("Final OIT scores recorded"),
            }
        )
        if load_oit_demo not in DEMO_LOADERS:
            DEMO_LOADERS.append(load_oit_demo)
