"""Public URLs of the integrity registers, mounted at ``/<org>/integrity/``."""

from django.urls import include, path

from . import views_public

app_name = "integrity-public"

urlpatterns = [
    path("no-gift/", views_public.no_gift, name="no-gift"),
    path("no-gift/<int:fiscal_year>/", views_public.no_gift, name="no-gift-year"),
    path("hr/", include("prongsai.integrity.urls_public_hr")),
    path("ethics/", include("prongsai.integrity.urls_public_ethics")),
    path("assets/", include("prongsai.integrity.urls_public_assets")),
]
