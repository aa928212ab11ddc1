"""Back-office URLs of the API tokens, mounted at ``/<org>/staff/api-tokens/``."""

from django.urls import path

from . import views_staff

app_name = "api-staff"

urlpatterns = [
    path("", views_staff.token_list, name="token-list"),
    path("<int:pk>/revoke/", views_staff.token_revoke, name="token-revoke"),
]
