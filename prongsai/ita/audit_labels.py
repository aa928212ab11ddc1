"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "ita_framework.load": _("ITA framework loaded"),
    "ita_framework.create": _("ITA framework added"),
    "ita_framework.update": _("ITA framework corrected"),
    "ita_framework.start_provisional": _(
        "Fiscal year started with a provisional ITA framework"
    ),
    "ita_framework.confirm": _("Provisional ITA framework confirmed"),
    "ita_own_rule.create": _("Own recommendation added"),
    "ita_own_rule.update": _("Own recommendation changed"),
    "ita_own_rule.delete": _("Own recommendation deleted"),
    "ita_default_rule.switch_off": _("Recommendation switched off"),
    "ita_default_rule.switch_on": _("Recommendation switched on again"),
    "itas_survey.create": _("ITAS survey links entered"),
    "itas_survey.update": _("ITAS survey links changed"),
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
