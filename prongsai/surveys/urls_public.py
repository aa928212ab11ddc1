"""Public URLs of the surveys, mounted at ``/<org>/surveys/``."""

from django.urls import path

from . import views_public as views

app_name = "surveys-public"

urlpatterns = [
    path("<int:pk>/", views.survey_answer, name="survey-answer"),
    path("link/<str:token>/", views.token_answer, name="token-answer"),
    path("answer/", views.token_submit, name="token-submit"),
    path("thanks/", views.thanks, name="thanks"),
]
