"""Platform administration of organisations; writes go through the services."""

from django.contrib import admin

from . import services
from .models import Invitation, Membership, Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "dla_code",
        "province",
        "district",
        "slug",
        "is_active",
    ]
    list_filter = ["kind", "province", "is_active"]
    search_fields = ["name", "name_en", "dla_code", "slug", "province", "district"]
    readonly_fields = ["created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in form.cleaned_data}
        if change:
            original = Organization.objects.get(pk=obj.pk)
            services.organization_update(
                actor=request.user, organization=original, data=data
            )
        else:
            created = services.organization_create(
                actor=request.user,
                **{
                    k: v
                    for k, v in data.items()
                    if k in services.ORGANIZATION_EDITABLE_FIELDS
                },
            )
            obj.pk = created.pk


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "roles", "position", "is_active"]
    list_filter = ["organization", "is_active"]
    search_fields = ["user__email", "user__full_name", "organization__name"]
    raw_id_fields = ["user", "organization"]

    def has_change_permission(self, request, obj=None):
        return False  # roles are managed in each organisation's back office

    def has_add_permission(self, request):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "organization",
        "roles",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["organization"]
    search_fields = ["email", "full_name"]
    exclude = ["nonce"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
