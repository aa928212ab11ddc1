"""Public URLs, mounted at ``/<org>/procurement/``."""

from django.urls import path

from . import public_views

app_name = "procurement_public"

urlpatterns = [
    path("", public_views.procurement_list, name="list"),
    path("<int:pk>/", public_views.procurement_detail, name="detail"),
    path("plan/", public_views.plan, name="plan"),
    path("monthly/", public_views.monthly, name="monthly"),
    path("annual/<int:fiscal_year>/", public_views.annual, name="annual"),
    path("download/<slug:fmt>/", public_views.download, name="download"),
]
