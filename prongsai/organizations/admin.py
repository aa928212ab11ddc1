"""Platform administration of organisations; writes go through the services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.core.errors import DomainError

from . import hosts, services, services_hosts, services_regions
from .models import (
    DirectoryEntry,
    Invitation,
    Membership,
    Organization,
    RoleGrant,
    ViewerGrant,
)


class OrganizationAdminForm(forms.ModelForm):
    """The admin's form for organisations (fields from ``OrganizationAdmin``)."""

    def clean_pending_host_name(self):
        host = hosts.normalize(self.cleaned_data.get("pending_host_name") or "")
        if host and host != self.instance.host_name:
            refusal = services_hosts.host_refusal(
                organization=self.instance if self.instance.pk else None, host=host
            )
            if refusal:
                raise forms.ValidationError(refusal)
        return host


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    form = OrganizationAdminForm
    list_display = [
        "name",
        "kind",
        "dla_code",
        "province",
        "district",
        "slug",
        "host_name",
        "pending_host_name",
        "is_active",
    ]
    list_filter = ["kind", "province", "is_active"]
    search_fields = [
        "name",
        "name_en",
        "dla_code",
        "slug",
        "province",
        "district",
        "host_name",
        "pending_host_name",
    ]
    readonly_fields = [
        "host_name",
        "host_verified_at",
        "host_verified_by",
        "host_requested_at",
        "created_at",
        "updated_at",
    ]
    actions = ["approve_pending_host"]

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in form.cleaned_data}
        if change:
            original = Organization.objects.get(pk=obj.pk)
            organization = services.organization_update(
                actor=request.user, organization=original, data=data
            )
        else:
            organization = services.organization_create(
                actor=request.user,
                **{
                    k: v
                    for k, v in data.items()
                    if k in services.ORGANIZATION_EDITABLE_FIELDS
                },
            )
            obj.pk = organization.pk
        if "pending_host_name" in form.changed_data:
            # A host name typed here waits like any other; the operator then
            # approves it with the list action.
            services_hosts.organization_host_request(
                actor=request.user,
                organization=organization,
                host_name=data.get("pending_host_name") or organization.host_name,
            )

    @admin.action(description=_("Approve the requested host name"))
    def approve_pending_host(self, request, queryset):
        for organization in queryset:
            try:
                approved = services_hosts.organization_host_approve(
                    actor=request.user, organization=organization
                )
            except (DomainError, ValidationError) as error:
                if isinstance(error, DomainError):
                    message = error.message
                else:
                    message = getattr(error, "message", None) or "; ".join(
                        error.messages
                    )
                self.message_user(
                    request, f"{organization}: {message}", level=messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    gettext("%(organization)s: %(host)s is now served.")
                    % {"organization": organization, "host": approved.host_name},
                )


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


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    """Confidential-role grants across organisations, read only: the platform
    operator sees them; confirming is an executive's job in the back office."""

    list_display = [
        "membership",
        "organization",
        "role",
        "requested_by",
        "requested_at",
        "status_label",
        "confirmed_by",
        "activated_at",
    ]
    list_filter = ["organization", "role"]
    search_fields = [
        "membership__user__email",
        "membership__user__full_name",
        "organization__name",
    ]
    list_select_related = ["membership__user", "organization", "requested_by"]
    date_hierarchy = "requested_at"

    @admin.display(description=_("status"))
    def status_label(self, obj: RoleGrant) -> str:
        return obj.status_label

    def get_queryset(self, request):
        return super().get_queryset(request).all_organizations()  # type: ignore[attr-defined]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ViewerGrant)
class ViewerGrantAdmin(admin.ModelAdmin):
    """Read-only viewers above organisations (a province, the DLA, the
    operator); granted and revoked through the services (audited)."""

    list_display = ["user", "scope", "province", "granted_by", "created_at"]
    list_filter = ["scope", "province"]
    search_fields = ["user__email", "user__full_name", "province"]
    raw_id_fields = ["user"]
    fields = ["user", "scope", "province", "note"]

    def has_change_permission(self, request, obj=None):
        return False  # revoke and grant again

    def save_model(self, request, obj, form, change):
        grant = services_regions.viewer_grant_create(
            actor=request.user,
            user=form.cleaned_data["user"],
            scope=form.cleaned_data["scope"],
            province=form.cleaned_data.get("province") or "",
            note=form.cleaned_data.get("note") or "",
        )
        obj.pk = grant.pk

    def delete_model(self, request, obj):
        services_regions.viewer_grant_revoke(actor=request.user, grant=obj)

    def delete_queryset(self, request, queryset):
        for grant in queryset:
            services_regions.viewer_grant_revoke(actor=request.user, grant=grant)


@admin.register(DirectoryEntry)
class DirectoryEntryAdmin(admin.ModelAdmin):
    """The DLA's list of LAOs, read only: ``prongsai import_lao_directory``."""

    list_display = ["dla_code", "name", "kind", "district", "province", "organization"]
    list_filter = ["kind", "province"]
    search_fields = ["dla_code", "name", "province", "district"]
    list_select_related = ["organization"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
