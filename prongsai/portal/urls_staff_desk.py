"""The executive's desk, mounted at ``/<org>/staff/desk/``."""

from django.urls import path

from . import views_staff_desk

app_name = "portal-desk"

urlpatterns = [
    path("", views_staff_desk.desk, name="desk"),
    path("desk.pdf", views_staff_desk.desk_pdf, name="desk-pdf"),
]
