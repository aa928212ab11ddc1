from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItaConfig(AppConfig):
    name = "prongsai.ita"
    label = "ita"
    verbose_name = _("ITA assessment")

    def ready(self):
        from prongsai.core.audit import register_action_labels
        from prongsai.organizations.demo import DEMO_LOADERS

        from .demo import load_ita_demo

        register_action_labels(
            {
                "ita_framework.load": _("ITA framework loaded"),
                "ita_framework.create": _("ITA framework added"),
                "ita_framework.update": _("ITA framework corrected"),
                "ita_result.create": _("ITA result recorded"),
                "ita_result.update": _("ITA result corrected"),
                "ita_rule.load": _("ITA recommendation rule loaded"),
                "ita_rule.create": _("ITA recommendation rule added"),
                "ita_rule.update": _("ITA recommendation rule changed"),
                "ita_settings.update": _("ITA settings changed"),
                "ita_peers.import": _("Peer results imported"),
                "ita_peers.delete": _("Peer results deleted"),
                "ita_report.create": _("ITA analysis report started"),
                "ita_report.update": _("ITA analysis report edited"),
                "ita_report.publish": _("ITA analysis report published"),
                "ita_report.unpublish": _("ITA analysis report unpublished"),
            }
        )
        if load_ita_demo not in DEMO_LOADERS:
            DEMO_LOADERS.append(load_ita_demo)
