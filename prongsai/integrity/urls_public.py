"""Public URLs of the integrity registers, mounted at ``/<org>/integrity/``."""

from django.urls import include, path

from . import views_public

app_name = "integrity-public"

urlpatterns = [
    path("no-gift/", views_public.no_gift, name="no-gift"),
    path("no-gift/<int:fiscal_year>/", views_public.no_gift, name="no-gift-year"),
    path("assets/", include("prongsai.integrity.urls_public_assets")),
]
