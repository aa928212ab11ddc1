from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EservicesConfig(AppConfig):
    name = "prongsai.eservices"
    label = "eservices"
    verbose_name = _("E-Service")

    def ready(self):
        from prongsai.opendata.registry import register

        from .opendata import PROVIDER

        register(PROVIDER)
        from prongsai.core.audit import register_action_labels
        from prongsai.organizations.demo import DEMO_LOADERS

        from .demo import load_eservices_demo

        register_action_labels(
            {
                "eservice.adopt": _("E-Service adopted from a template"),
                "eservice.create": _("E-Service added"),
                "eservice.update": _("E-Service changed"),
                "eservice_form.publish": _("E-Service form version published"),
                "eservice_request.file": _("Service request filed"),
                "eservice_request.transition": _("Service request status changed"),
                "eservice_request.assign": _("Service request assigned"),
                "eservice_request.note": _("Internal note added to a service request"),
                "eservice_request.rate": _("Service request rated"),
                "eservice_reopen.decide": _("Reopen request decided"),
                "eservice_settings.update": _("E-Service settings changed"),
                "eservice_settings.api_key": _("Open311 API key issued"),
                "eservice_request.line_link": _(
                    "Citizen chose LINE updates for a service request"
                ),
                "eservice_request.line_unlink": _(
                    "Citizen stopped LINE updates for a service request"
                ),
                "eservice_request.remove_personal_data": _(
                    "Personal data of a service request removed"
                ),
            }
        )
        if load_eservices_demo not in DEMO_LOADERS:
            DEMO_LOADERS.append(load_eservices_demo)
        from .providers import register_providers as register_oit_providers

        register_oit_providers()  # OIT evidence (prongsai.oit.registry)
