"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "procurement.create": _("Procurement added"),
    "procurement.update": _("Procurement changed"),
    "procurement.delete": _("Procurement deleted"),
    "procurement.import": _("Procurements imported"),
    "procurement.merge": _("Purchase merged from another source"),
    "procurement.import_decide": _("Import decisions saved"),
    "procurement_document.create": _("Procurement document added"),
    "procurement_document.delete": _("Procurement document removed"),
    "procurement_plan_item.create": _("Plan item added"),
    "procurement_plan_item.update": _("Plan item changed"),
    "procurement_plan_item.delete": _("Plan item deleted"),
    "procurement_no_month.declare": _("Month without procurement declared"),
    "procurement_no_month.withdraw": _("Month without procurement withdrawn"),
    "procurement_report_note.save": _("Annual report notes saved"),
    "procurement_settings.save": _("Procurement settings saved"),
    "procurement_settings.indicators": _("Public risk indicators switched"),
    "procurement.egp_fetch": _("Purchases fetched from e-GP"),
    "supplier.create": _("Supplier added"),
    "supplier.update": _("Supplier changed"),
}

FIELD_LABELS = {
    "source": _("Source"),
    "outcome": _("Outcome"),
    "public_indicators": _("Risk indicators on the public pages"),
    "filled": _("Fields filled"),
    "conflicts": _("Values that differed"),
    "existing": _("Recorded value"),
    "incoming": _("Incoming value"),
    "kept": _("Value kept"),
    "sheet": _("Sheet"),
    "row": _("Row"),
}
