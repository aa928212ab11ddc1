"""Back-office URLs of plans, mounted at ``/<org>/staff/plans/``."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("new/", views.plan_create, name="plan-create"),
    path(
        "from-analysis/",
        views.plan_draft_from_analysis,
        name="plan-draft-from-analysis",
    ),
    path("mine/", views.my_measures, name="my-measures"),
    path("settings/", views.plan_settings, name="plan-settings"),
    path("<int:pk>/", views.plan_detail, name="plan-detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("<int:pk>/submit/", views.plan_submit, name="plan-submit"),
    path("<int:pk>/approve/", views.plan_approve, name="plan-approve"),
    path("<int:pk>/return/", views.plan_return, name="plan-return"),
    path("<int:pk>/revise/", views.plan_revise, name="plan-revise"),
    path("<int:pk>/publish/", views.plan_publish, name="plan-publish"),
    path("<int:pk>/dashboard/", views.plan_dashboard, name="plan-dashboard"),
    path("<int:pk>/report/", views.plan_report, name="plan-report"),
    path("<int:pk>/measures/new/", views.measure_create, name="measure-create"),
    path("<int:pk>/proposals/new/", views.proposal_create, name="proposal-create"),
    path("<int:pk>/comments/", views.plan_comment, name="plan-comment"),
    path("measures/<int:pk>/", views.measure_detail, name="measure-detail"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure-edit"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure-delete"),
    path(
        "measures/<int:pk>/activities/new/",
        views.activity_create,
        name="activity-create",
    ),
    path(
        "measures/<int:pk>/link-cases/",
        views.measure_link_cases,
        name="measure-link-cases",
    ),
    path(
        "measure-links/<int:pk>/remove/",
        views.measure_unlink_case,
        name="measure-unlink-case",
    ),
    path("measures/<int:pk>/progress/", views.progress_create, name="progress-create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity-delete"),
    path(
        "proposals/<int:pk>/support/", views.proposal_support, name="proposal-support"
    ),
    path(
        "proposals/<int:pk>/comment/", views.proposal_comment, name="proposal-comment"
    ),
    path("proposals/<int:pk>/adopt/", views.proposal_adopt, name="proposal-adopt"),
    path(
        "proposals/<int:pk>/decline/", views.proposal_decline, name="proposal-decline"
    ),
    path("risks/", views.risk_assessment_list, name="risk-assessment-list"),
    path(
        "risks/<int:pk>/",
        views.risk_assessment_detail,
        name="risk-assessment-detail",
    ),
    path("risks/<int:pk>/add/", views.risk_create, name="risk-create"),
    path(
        "risks/<int:pk>/publish/",
        views.risk_assessment_publish,
        name="risk-assessment-publish",
    ),
    path("risks/<int:pk>/report/", views.risk_report, name="risk-report"),
    path("risks/items/<int:pk>/edit/", views.risk_edit, name="risk-edit"),
    path(
        "risks/items/<int:pk>/follow-up/",
        views.risk_follow_up,
        name="risk-follow-up",
    ),
]
