"""Back-office URLs of the integrity registers, at ``/<org>/staff/integrity/``."""

from django.urls import include, path

from . import views_staff

app_name = "integrity-staff"

urlpatterns = [
    path("no-gift/", views_staff.no_gift, name="no-gift"),
    path(
        "no-gift/announcement/new/",
        views_staff.no_gift_announcement_edit,
        name="no-gift-announcement-create",
    ),
    path(
        "no-gift/announcements/<int:pk>/edit/",
        views_staff.no_gift_announcement_edit,
        name="no-gift-announcement-edit",
    ),
    path(
        "no-gift/announcements/<int:pk>/publish/",
        views_staff.no_gift_announcement_publish,
        name="no-gift-announcement-publish",
    ),
    path(
        "no-gift/activities/new/",
        views_staff.no_gift_activity_edit,
        name="no-gift-activity-create",
    ),
    path(
        "no-gift/activities/<int:pk>/edit/",
        views_staff.no_gift_activity_edit,
        name="no-gift-activity-edit",
    ),
    path(
        "no-gift/activities/<int:pk>/delete/",
        views_staff.no_gift_activity_delete,
        name="no-gift-activity-delete",
    ),
    path(
        "no-gift/gifts/new/", views_staff.gift_report_create, name="gift-report-create"
    ),
    path("no-gift/none/", views_staff.gift_nil_statement, name="gift-nil-statement"),
    path("hr/", include("prongsai.integrity.urls_staff_hr")),
    path("ethics/", include("prongsai.integrity.urls_staff_ethics")),
    # Conflicts of interest (IIT 5): declarations, committees, flags, summary.
    path("coi/", include("prongsai.integrity.urls_staff_coi")),
    path("assets/", include("prongsai.integrity.urls_staff_assets")),
]
