"""Back-office URLs of the ethics registers, at ``/<org>/staff/integrity/ethics/``."""

from django.urls import path

from . import views_staff_ethics as views

urlpatterns = [
    path("", views.ethics, name="ethics"),
    path("documents/new/", views.document_edit, name="ethics-document-create"),
    path("documents/<int:pk>/edit/", views.document_edit, name="ethics-document-edit"),
    path("acknowledge/", views.acknowledge, name="ethics-acknowledge"),
    path("acknowledgements/", views.acknowledgements, name="ethics-acknowledgements"),
    path("groups/new/", views.group_edit, name="ethics-group-create"),
    path("groups/<int:pk>/", views.group_detail, name="ethics-group"),
    path("groups/<int:pk>/edit/", views.group_edit, name="ethics-group-edit"),
    path(
        "group-members/<int:pk>/remove/",
        views.group_member_remove,
        name="ethics-group-member-remove",
    ),
    path("guides/new/", views.guide_edit, name="ethics-guide-create"),
    path("guides/<int:pk>/edit/", views.guide_edit, name="ethics-guide-edit"),
    path("guides/<int:pk>/delete/", views.guide_delete, name="ethics-guide-delete"),
    path("activities/new/", views.activity_edit, name="ethics-activity-create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="ethics-activity-edit"),
    path(
        "activities/<int:pk>/delete/",
        views.activity_delete,
        name="ethics-activity-delete",
    ),
    path("report.pdf", views.report_pdf, name="ethics-report-pdf"),
    path("report.docx", views.report_docx, name="ethics-report-docx"),
    path("publish/", views.publish, name="ethics-publish"),
]
