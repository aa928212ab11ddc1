"""Platform admin of the complaint centre: the operator's list of external bodies.

Only platform superusers (the operator) may change the list; organisations
choose from it in their back office.
"""

from django.contrib import admin
from django.db import transaction

from prongsai.core.audit import audit_log, snapshot

from .models import ExternalAddressChange, ExternalRecipient


class _SuperuserOnly:
    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(ExternalRecipient)
class ExternalRecipientAdmin(_SuperuserOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "province", "email", "is_active"]
    list_filter = ["kind", "is_active", "province"]
    search_fields = ["name", "email", "province"]
    audited = ("name", "email", "kind", "province", "is_active")

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_log(
            actor=request.user,
            organization=None,
            action="external_recipient." + ("update" if change else "create"),
            target=obj,
            changes=snapshot(obj, self.audited),
        )

    @transaction.atomic
    def delete_model(self, request, obj):
        audit_log(
            actor=request.user,
            organization=None,
            action="external_recipient.delete",
            target=obj,
            changes=snapshot(obj, self.audited),
        )
        super().delete_model(request, obj)


@admin.register(ExternalAddressChange)
class ExternalAddressChangeAdmin(_SuperuserOnly, admin.ModelAdmin):
    """Read-only: changes go through the organisation's two-person steps."""

    list_display = ["organization", "email", "status", "proposed_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["email", "organization__name"]
    exclude = ["code_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
