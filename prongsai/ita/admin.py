from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    AnalysisReport,
    FrameworkVersion,
    ItaResult,
    RecommendationRule,
)


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    """Platform administrators correct a year's framework here, validated whole."""

    list_display = ["fiscal_year", "is_provisional", "source", "updated_at"]
    list_filter = ["is_provisional"]
    readonly_fields = [
        "source",
        "is_provisional",
        "based_on_year",
        "confirmed_at",
        "confirmed_by",
        "created_at",
        "updated_at",
    ]
    actions = ["confirm_provisional"]

    @admin.action(description=_("Confirm the selected provisional frameworks"))
    def confirm_provisional(self, request, queryset):
        from prongsai.core.errors import DomainError

        from .services_years import framework_confirm

        for version in queryset.filter(is_provisional=True):
            try:
                framework_confirm(actor=request.user, version=version)
            except DomainError as error:
                self.message_user(request, str(error), level="error")

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


@admin.register(RecommendationRule)
class RecommendationRuleAdmin(admin.ModelAdmin):
    """The recommendation rules every organisation's analysis uses."""

    list_display = ["title", "scope", "target", "below", "priority", "is_active"]
    list_filter = ["scope", "is_active"]
    list_editable = ["priority", "is_active"]
    search_fields = ["title", "description", "target"]

    def save_model(self, request, obj, form, change):
        from prongsai.core.audit import audit_log

        super().save_model(request, obj, form, change)
        audit_log(
            actor=request.user,
            organization=None,
            action="ita_rule.update" if change else "ita_rule.create",
            target=obj,
            changes={"fields": list(form.changed_data)},
        )


@admin.register(AnalysisReport)
class AnalysisReportAdmin(admin.ModelAdmin):
    list_display = ["organization", "fiscal_year", "status", "published_at"]
    list_filter = ["status", "fiscal_year"]
    search_fields = ["organization__name"]

    def has_change_permission(self, request, obj=None):
        return False  # written and published by each organisation

    def has_add_permission(self, request):
        return False
