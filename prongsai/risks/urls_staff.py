"""Back-office URLs of the risk register, mounted at ``/<org>/staff/plans/risks/``
(where the register lived when it was part of the plans)."""

from django.urls import path

from . import views_staff as views

app_name = "risks-staff"

urlpatterns = [
    path("", views.risk_assessment_list, name="risk-assessment-list"),
    path("<int:pk>/", views.risk_assessment_detail, name="risk-assessment-detail"),
    path("<int:pk>/add/", views.risk_create, name="risk-create"),
    path(
        "<int:pk>/publish/",
        views.risk_assessment_publish,
        name="risk-assessment-publish",
    ),
    path("<int:pk>/report/", views.risk_report, name="risk-report"),
    path("items/<int:pk>/edit/", views.risk_edit, name="risk-edit"),
    path("items/<int:pk>/follow-up/", views.risk_follow_up, name="risk-follow-up"),
]
