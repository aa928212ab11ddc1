"""Root URLs: site-wide paths first, then ``/<org>/staff/`` and ``/<org>/``."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from prongsai.core import views as core_views
from prongsai.organizations import views as organization_views
from prongsai.organizations.admin_site import secure_admin_site
from prongsai.portal import views as portal_views

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
    path(settings.ADMIN_URL, admin.site.urls),
    path("<slug:org>/staff/ita/", include("prongsai.ita.urls_staff")),
    path("<slug:org>/staff/oit/", include("prongsai.oit.urls_staff")),
    path("<slug:org>/staff/site/", include("prongsai.sitecontent.urls_staff")),
    path("<slug:org>/staff/", include("prongsai.organizations.urls_staff")),
    path("<slug:org>/ita/", include("prongsai.ita.urls_public")),
    path("<slug:org>/", include("prongsai.portal.urls")),
]

if settings.DEBUG:
    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
