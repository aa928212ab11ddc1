from django.contrib import admin

from .models import AuditEvent, OutboxTask, Publication


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is read-only, even for platform administrators."""

    list_display = ["created_at", "organization", "actor_name", "action", "object_repr"]
    list_filter = ["action", "organization"]
    search_fields = ["object_repr", "actor_name", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Tasks waiting for the broker; ``prongsai drain_task_outbox`` sends them."""

    list_display = ["created_at", "task_name", "attempts", "last_error"]
    readonly_fields = ["key", "task_name", "args", "attempts", "last_error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Publications are frozen: the admin reads them, never edits them."""

    list_display = [
        "organization",
        "content_type",
        "object_id",
        "number",
        "published_at",
        "published_by_name",
        "withdrawn_at",
    ]
    list_filter = ["content_type"]
    search_fields = ["organization__name", "sha256"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
