"""Public URLs of lendable assets, at ``/<org>/integrity/assets/``."""

from django.urls import path

from . import views_public_assets as views

urlpatterns = [
    path("", views.assets, name="assets"),
]
