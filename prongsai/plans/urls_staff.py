"""Back-office URLs of plans, mounted at ``/<org>/staff/plans/``."""

from django.urls import path

from . import views_staff, views_staff_measures, views_staff_participation

app_name = "plans-staff"

urlpatterns = [
    path("", views_staff.plan_list, name="plan-list"),
    path("new/", views_staff.plan_create, name="plan-create"),
    path(
        "from-analysis/",
        views_staff.plan_draft_from_analysis,
        name="plan-draft-from-analysis",
    ),
    path("mine/", views_staff_measures.my_measures, name="my-measures"),
    path("settings/", views_staff.plan_settings, name="plan-settings"),
    path("<int:pk>/", views_staff.plan_detail, name="plan-detail"),
    path("<int:pk>/edit/", views_staff.plan_edit, name="plan-edit"),
    path("<int:pk>/submit/", views_staff.plan_submit, name="plan-submit"),
    path("<int:pk>/approve/", views_staff.plan_approve, name="plan-approve"),
    path("<int:pk>/return/", views_staff.plan_return, name="plan-return"),
    path("<int:pk>/revise/", views_staff.plan_revise, name="plan-revise"),
    path("<int:pk>/publish/", views_staff.plan_publish, name="plan-publish"),
    path("<int:pk>/dashboard/", views_staff.plan_dashboard, name="plan-dashboard"),
    path("<int:pk>/report/", views_staff.plan_report, name="plan-report"),
    path(
        "<int:pk>/report/<str:period>/narrative/",
        views_staff.plan_report_narrative,
        name="plan-report-narrative",
    ),
    path(
        "<int:pk>/measures/new/",
        views_staff_measures.measure_create,
        name="measure-create",
    ),
    path(
        "<int:pk>/proposals/new/",
        views_staff_participation.proposal_create,
        name="proposal-create",
    ),
    path(
        "<int:pk>/comments/",
        views_staff_participation.plan_comment,
        name="plan-comment",
    ),
    path(
        "measures/<int:pk>/", views_staff_measures.measure_detail, name="measure-detail"
    ),
    path(
        "measures/<int:pk>/edit/",
        views_staff_measures.measure_edit,
        name="measure-edit",
    ),
    path(
        "measures/<int:pk>/delete/",
        views_staff_measures.measure_delete,
        name="measure-delete",
    ),
    path(
        "measures/<int:pk>/activities/new/",
        views_staff_measures.activity_create,
        name="activity-create",
    ),
    path(
        "measures/<int:pk>/link-cases/",
        views_staff_measures.measure_link_cases,
        name="measure-link-cases",
    ),
    path(
        "measure-links/<int:pk>/remove/",
        views_staff_measures.measure_unlink_case,
        name="measure-unlink-case",
    ),
    path(
        "measures/<int:pk>/progress/",
        views_staff_measures.progress_create,
        name="progress-create",
    ),
    path(
        "activities/<int:pk>/edit/",
        views_staff_measures.activity_edit,
        name="activity-edit",
    ),
    path(
        "activities/<int:pk>/delete/",
        views_staff_measures.activity_delete,
        name="activity-delete",
    ),
    path(
        "proposals/<int:pk>/support/",
        views_staff_participation.proposal_support,
        name="proposal-support",
    ),
    path(
        "proposals/<int:pk>/comment/",
        views_staff_participation.proposal_comment,
        name="proposal-comment",
    ),
    path(
        "proposals/<int:pk>/adopt/",
        views_staff_participation.proposal_adopt,
        name="proposal-adopt",
    ),
    path(
        "proposals/<int:pk>/decline/",
        views_staff_participation.proposal_decline,
        name="proposal-decline",
    ),
]
