"""Back-office URLs of the surveys, mounted at ``/<org>/staff/surveys/``."""

from django.urls import path

from . import views_staff as views
from . import views_staff_exports as exports

app_name = "surveys-staff"

urlpatterns = [
    path("", views.survey_list, name="survey-list"),
    path("<int:pk>/", views.survey_detail, name="survey-detail"),
    path("<int:pk>/status/", views.survey_status, name="survey-status"),
    path("<int:pk>/send/", views.survey_send, name="survey-send"),
    path("<int:pk>/qr/", views.survey_qr, name="survey-qr"),
    path("<int:pk>/responses/", exports.survey_responses, name="survey-responses"),
    path("<int:pk>/report/", exports.survey_report, name="survey-report"),
]
