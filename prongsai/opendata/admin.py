from django.contrib import admin

from .models import Dataset


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    """Read-only view for platform administrators; data officers edit in the
    back office, where every change goes through the service and the audit log."""

    list_display = [
        "name",
        "organization",
        "fiscal_year",
        "access_level",
        "is_active",
        "modified_at",
    ]
    list_filter = ["provider_key", "fiscal_year", "access_level", "is_active"]
    search_fields = ["name", "title", "organization__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
