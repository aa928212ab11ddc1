"""Public URLs, mounted at ``/<org>/procurement/``."""

from django.urls import path

from . import views_public

app_name = "procurement-public"

urlpatterns = [
    path("", views_public.procurement_list, name="list"),
    path("<int:pk>/", views_public.procurement_detail, name="detail"),
    path("plan/", views_public.plan, name="plan"),
    path("monthly/", views_public.monthly, name="monthly"),
    path("annual/<int:fiscal_year>/", views_public.annual, name="annual"),
    path("download/<slug:fmt>/", views_public.download, name="download"),
]
