"""A member's own notification pages, mounted at ``/<org>/staff/me/``."""

from django.urls import path

from . import views_staff as views

app_name = "notifications-staff"

urlpatterns = [
    path("notifications/", views.preferences, name="preferences"),
    path("inbox/", views.inbox, name="inbox"),
]
