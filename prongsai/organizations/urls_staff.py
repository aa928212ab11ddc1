"""Back-office URLs of an organisation, mounted at ``/<org>/staff/``."""

from django.urls import path

from . import views, views_personal_data

app_name = "staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("members/", views.member_list, name="member-list"),
    path("members/invite/", views.member_invite, name="member-invite"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path(
        "members/<int:pk>/deactivate/",
        views.member_deactivate,
        name="member-deactivate",
    ),
    path(
        "invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("me/line/", views.my_line, name="my-line"),
    path("settings/", views.organization_settings, name="settings"),
    path("settings/channels/", views.channel_settings, name="channel-settings"),
    path("settings/host/", views.host_request, name="host-request"),
    path("settings/host/verify/", views.host_verify, name="host-verify"),
    path("audit/", views.audit_list, name="audit-list"),
    path(
        "personal-data/",
        views_personal_data.personal_data_page,
        name="personal-data",
    ),
    path(
        "personal-data/requests/<int:pk>/",
        views_personal_data.subject_request_answer,
        name="subject-request-answer",
    ),
]
