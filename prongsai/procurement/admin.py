from django.contrib import admin

from .models import ProcurementSettings, Supplier


@admin.register(ProcurementSettings)
class ProcurementSettingsAdmin(admin.ModelAdmin):
    """Thresholds of the red flags per organisation (legal amounts may change)."""

    list_display = [
        "organization",
        "specific_method_limit",
        "split_margin_percent",
        "supplier_share_percent",
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


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "published_tax_id"]
    search_fields = ["name"]
    list_filter = ["organization"]
    readonly_fields = ["organization", "tax_id"]

    def has_add_permission(self, request):
        return False  # suppliers come from procurements
