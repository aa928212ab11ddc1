from django.contrib import admin

from .models import ProcurementSettings, Supplier
from .services_indicators import indicators_settings_changed


@admin.register(ProcurementSettings)
class ProcurementSettingsAdmin(admin.ModelAdmin):
    """Thresholds of the risk indicators per organisation (legal amounts may
    change) and whether the public sees them."""

    list_display = [
        "organization",
        "specific_method_limit",
        "split_margin_percent",
        "supplier_share_percent",
        "public_indicators",
    ]

    def save_model(self, request, obj, form, change):
        from prongsai.core.audit import audit_log

        super().save_model(request, obj, form, change)
        audit_log(
            actor=request.user,
            organization=obj.organization,
            action="procurement_settings.save",
            target=obj,
            changes={"fields": list(form.changed_data)},
        )
        indicators_settings_changed(organization=obj.organization)


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "published_tax_id"]
    search_fields = ["name"]
    list_filter = ["organization"]
    readonly_fields = ["organization", "tax_id"]

    def has_add_permission(self, request):
        return False  # suppliers come from procurements
