"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit import LINE_STATES, value_labels

ACTION_LABELS = {
    "eservice.adopt": _("E-Service adopted from a template"),
    "eservice.create": _("E-Service added"),
    "eservice.update": _("E-Service changed"),
    "eservice_form.publish": _("E-Service form version published"),
    "eservice.procedure": _("Staff work manual of an E-Service changed"),
    "eservice_request.file": _("Service request filed"),
    "eservice_request.transition": _("Service request status changed"),
    "eservice_request.assign": _("Service request assigned"),
    "eservice_request.note": _("Internal note added to a service request"),
    "eservice_request.rate": _("Service request rated"),
    "eservice_reopen.decide": _("Reopen request decided"),
    "eservice_settings.update": _("E-Service settings changed"),
    "eservice_settings.api_key": _("Open311 API key issued"),
    "eservice_request.line_link": _("Citizen chose LINE updates for a service request"),
    "eservice_request.line_unlink": _(
        "Citizen stopped LINE updates for a service request"
    ),
    "eservice_request.remove_personal_data": _(
        "Personal data of a service request removed"
    ),
}

FIELD_LABELS = {("eservices.service", "fields"): _("Questions on the form")}

VALUE_FORMATTERS = {("eservices.servicerequest", "line"): value_labels(LINE_STATES)}
