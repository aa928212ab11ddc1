"""Root URLs: site-wide paths first, then ``/<org>/staff/`` and ``/<org>/``."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from prongsai.api.main import docs as json_api_docs
from prongsai.api.main import urls as json_api_urls
from prongsai.complaints import webhooks as complaint_webhooks
from prongsai.core import views as core_views
from prongsai.integrity import views_public as integrity_public
from prongsai.integrity import views_staff as integrity_staff
from prongsai.opendata import api as opendata_api
from prongsai.organizations import views_staff as organization_views
from prongsai.organizations.admin_site import secure_admin_site
from prongsai.portal import views_public as portal_views

admin.site.site_header = _("Prongsai platform administration")
admin.site.site_title = _("Prongsai")
admin.site.index_title = _("Platform administration")
secure_admin_site(admin.site)

handler400 = "prongsai.core.views.error_400"
handler403 = "prongsai.core.views.error_403"
handler404 = "prongsai.core.views.error_404"
handler500 = "prongsai.core.views.error_500"

urlpatterns = [
    path("", portal_views.directory, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/<str:language>/", core_views.language_switch, name="language-switch"),
    path("accounts/", include("allauth.urls")),
    path(
        "accounts/organizations/",
        organization_views.staff_home,
        name="staff-home",
    ),
    path(
        "invitations/<str:token>/",
        organization_views.invitation_accept,
        name="invitation-accept",
    ),
    path("region/", include("prongsai.portal.urls_regions")),
    path(settings.ADMIN_URL, admin.site.urls),
    # CKAN-compatible Action API: /api/3/action/<name> and /api/action/<name>,
    # with or without a trailing slash, never redirected.
    re_path(
        r"^api/(?:(?P<version>3)/)?action/(?P<name>[A-Za-z0-9_]+)/?$",
        opendata_api.action,
        name="ckan-action",
    ),
    path("api/open311/v2/", include("prongsai.eservices.urls_open311")),
    # The documented JSON API (docs/api.md): /api/v1/..., OpenAPI at
    # /api/v1/openapi.json, the docs page at /api/docs.
    path("api/v1/", json_api_urls),
    path("api/docs", json_api_docs, name="api-docs"),
    path(
        "api/line/<slug:org>/webhook",
        complaint_webhooks.line_webhook,
        name="line-webhook",
    ),
    path(
        "api/facebook/<slug:org>/webhook",
        complaint_webhooks.facebook_webhook,
        name="facebook-webhook",
    ),
    path("<slug:org>/staff/complaints/", include("prongsai.complaints.urls_staff")),
    path("<slug:org>/staff/ita/", include("prongsai.ita.urls_staff")),
    path(
        "<slug:org>/staff/surveys/prediction/",
        include("prongsai.surveys.urls_staff_prediction"),
    ),
    path(
        "<slug:org>/staff/procurement/",
        include("prongsai.procurement.urls_staff"),
    ),
    path("<slug:org>/staff/plans/risks/", include("prongsai.risks.urls_staff")),
    # The No Gift pages were under plans until the integrity app took them.
    re_path(
        r"^(?P<org>[-a-zA-Z0-9_]+)/staff/plans/no-gift/(?P<rest>.*)$",
        integrity_staff.moved_from_plans,
    ),
    re_path(
        r"^(?P<org>[-a-zA-Z0-9_]+)/plans/no-gift/(?P<rest>.*)$",
        integrity_public.moved_from_plans,
    ),
    path("<slug:org>/staff/integrity/", include("prongsai.integrity.urls_staff")),
    path("<slug:org>/staff/budget/", include("prongsai.budget.urls_staff")),
    path("<slug:org>/staff/surveys/", include("prongsai.surveys.urls_staff")),
    path("<slug:org>/staff/plans/", include("prongsai.plans.urls_staff")),
    path("<slug:org>/staff/open-data/", include("prongsai.opendata.urls_staff")),
    path("<slug:org>/staff/eservices/", include("prongsai.eservices.urls_staff")),
    path("<slug:org>/staff/oit/", include("prongsai.oit.urls_staff")),
    path("<slug:org>/staff/site/", include("prongsai.sitecontent.urls_staff")),
    path("<slug:org>/staff/me/", include("prongsai.notifications.urls_staff")),
    path("<slug:org>/staff/desk/", include("prongsai.portal.urls_staff_desk")),
    path("<slug:org>/staff/api-tokens/", include("prongsai.api.urls_staff")),
    path("<slug:org>/staff/", include("prongsai.organizations.urls_staff")),
    path("<slug:org>/ita/", include("prongsai.ita.urls_public")),
    path("<slug:org>/procurement/", include("prongsai.procurement.urls_public")),
    path("<slug:org>/plans/risks/", include("prongsai.risks.urls_public")),
    path("<slug:org>/integrity/", include("prongsai.integrity.urls_public")),
    path("<slug:org>/budget/", include("prongsai.budget.urls_public")),
    path("<slug:org>/surveys/", include("prongsai.surveys.urls_public")),
    path("<slug:org>/plans/", include("prongsai.plans.urls_public")),
    path("<slug:org>/open-data/", include("prongsai.opendata.urls_public")),
    path("<slug:org>/eservices/", include("prongsai.eservices.urls_public")),
    path("<slug:org>/complaints/", include("prongsai.complaints.urls_public")),
    path("<slug:org>/", include("prongsai.portal.urls_public")),
]

if settings.DEBUG:
    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
