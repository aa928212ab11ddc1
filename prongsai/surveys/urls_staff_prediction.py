"""Back-office URLs of the predicted ITA, mounted at
``/<org>/staff/surveys/prediction/``."""

from django.urls import path

from . import views_staff_prediction as views

app_name = "surveys-prediction"

urlpatterns = [
    path("", views.prediction, name="prediction"),
]
