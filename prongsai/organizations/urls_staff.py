"""Back-office URLs of an organisation, mounted at ``/<org>/staff/``."""

from django.urls import path

from . import (
    views_staff,
    views_staff_documents,
    views_staff_personal_data,
    views_staff_role_grants,
)

app_name = "organizations-staff"

urlpatterns = [
    path("", views_staff.dashboard, name="dashboard"),
    path("members/", views_staff.member_list, name="member-list"),
    path("members/invite/", views_staff.member_invite, name="member-invite"),
    path("members/<int:pk>/edit/", views_staff.member_edit, name="member-edit"),
    path(
        "members/<int:pk>/deactivate/",
        views_staff.member_deactivate,
        name="member-deactivate",
    ),
    path(
        "members/confidential-access/",
        views_staff_role_grants.confidential_access,
        name="confidential-access",
    ),
    path(
        "members/grants/<int:pk>/confirm/",
        views_staff_role_grants.role_grant_confirm,
        name="role-grant-confirm",
    ),
    path(
        "members/grants/<int:pk>/cancel/",
        views_staff_role_grants.role_grant_cancel,
        name="role-grant-cancel",
    ),
    path(
        "invitations/<int:pk>/resend/",
        views_staff.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "invitations/<int:pk>/revoke/",
        views_staff.invitation_revoke,
        name="invitation-revoke",
    ),
    path("me/line/", views_staff.my_line, name="my-line"),
    path("settings/", views_staff.organization_settings, name="settings"),
    path("settings/channels/", views_staff.channel_settings, name="channel-settings"),
    path("settings/host/", views_staff.host_request, name="host-request"),
    path("settings/host/verify/", views_staff.host_verify, name="host-verify"),
    path("audit/", views_staff.audit_list, name="audit-list"),
    path(
        "documents/<int:pk>/",
        views_staff_documents.document_job,
        name="document-job",
    ),
    path(
        "documents/<int:pk>/download/",
        views_staff_documents.document_job_download,
        name="document-job-download",
    ),
    path(
        "personal-data/",
        views_staff_personal_data.personal_data_page,
        name="personal-data",
    ),
    path(
        "personal-data/requests/<int:pk>/",
        views_staff_personal_data.subject_request_answer,
        name="subject-request-answer",
    ),
]
