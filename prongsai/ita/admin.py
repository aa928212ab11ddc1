from django.contrib import admin

from .models import FrameworkVersion, ItaResult


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    """Platform administrators correct a year's framework here, validated whole."""

    list_display = ["fiscal_year", "source", "updated_at"]
    readonly_fields = ["source", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        from prongsai.core.audit import audit_log

        super().save_model(request, obj, form, change)
        audit_log(
            actor=request.user,
            organization=None,
            action="ita_framework.update" if change else "ita_framework.create",
            target=obj,
            changes={"fields": list(form.changed_data)},
        )


@admin.register(ItaResult)
class ItaResultAdmin(admin.ModelAdmin):
    list_display = ["organization", "fiscal_year", "i9", "i10", "updated_at"]
    list_filter = ["fiscal_year"]
    search_fields = ["organization__name"]

    def has_change_permission(self, request, obj=None):
        return False  # recorded by each organisation through its back office

    def has_add_permission(self, request):
        return False
