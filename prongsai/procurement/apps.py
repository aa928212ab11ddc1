from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "prongsai.procurement"
    label = "procurement"
    verbose_name = _("Procurement")

    def ready(self):
        from prongsai.opendata.registry import register

        from .opendata import PROVIDER

        register(PROVIDER)
        from prongsai.core.audit import register_action_labels
        from prongsai.organizations.demo import DEMO_LOADERS

        from .demo import load_procurement_demo

        register_action_labels(
            {
                "procurement.create": _("Procurement added"),
                "procurement.update": _("Procurement changed"),
                "procurement.delete": _("Procurement deleted"),
                "procurement.import": _("Procurements imported"),
                "procurement_document.create": _("Procurement document added"),
                "procurement_document.delete": _("Procurement document removed"),
                "procurement_plan_item.create": _("Plan item added"),
                "procurement_plan_item.update": _("Plan item changed"),
                "procurement_plan_item.delete": _("Plan item deleted"),
                "procurement_no_month.declare": _("Month without procurement declared"),
                "procurement_no_month.withdraw": _(
                    "Month without procurement withdrawn"
                ),
                "procurement_report_note.save": _("Annual report notes saved"),
                "procurement_settings.save": _("Procurement settings saved"),
                "supplier.create": _("Supplier added"),
                "supplier.update": _("Supplier changed"),
            }
        )
        if load_procurement_demo not in DEMO_LOADERS:
            DEMO_LOADERS.append(load_procurement_demo)
        from .providers import register_providers as register_oit_providers

        register_oit_providers()  # OIT evidence (prongsai.oit.registry)
