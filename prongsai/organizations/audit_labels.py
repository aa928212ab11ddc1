"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit import LINE_STATES, value_labels

from .roles import Role

ACTION_LABELS = {
    "organization.create": _("Organisation registered"),
    "subject_request.access": _("Copy of a person's data given"),
    "subject_request.erasure": _("A person's data erased"),
    "subject_request.create": _("Data-subject request logged"),
    "subject_request.answer": _("Data-subject request answered"),
    "subject_request.update": _("Data-subject request updated"),
    "organization.update": _("Organisation details changed"),
    "membership.create": _("Member added"),
    "membership.update": _("Member's roles changed"),
    "membership.deactivate": _("Member removed"),
    "invitation.create": _("Invitation sent"),
    "invitation.resend": _("Invitation sent again"),
    "invitation.revoke": _("Invitation withdrawn"),
    "invitation.accept": _("Invitation accepted"),
    "membership.line_code": _("LINE link code issued"),
    "membership.line_link": _("LINE account linked"),
    "membership.line_unlink": _("LINE account unlinked"),
    "channel_settings.update": _("LINE and Facebook channels changed"),
    "role_grant.request": _("Role that reads confidential reports requested"),
    "role_grant.confirm": _("Role that reads confidential reports confirmed"),
    "role_grant.activate": _("Role that reads confidential reports took effect"),
    "role_grant.cancel": _("Request for a confidential role cancelled"),
    "role_grant.end": _("Role that reads confidential reports taken away"),
}

# Integrity officers and executives follow who is given access to the
# confidential reports: ``(roles, actions)``.
AUDIT_READERS = (
    (
        (Role.INTEGRITY_OFFICER, Role.EXECUTIVE),
        (
            "role_grant.request",
            "role_grant.confirm",
            "role_grant.activate",
            "role_grant.cancel",
            "role_grant.end",
        ),
    ),
)


def _roles(value) -> str:
    codes = value if isinstance(value, list) else [value]
    return ", ".join(str(Role(c).label) if c in Role.values else str(c) for c in codes)


# How to show values that need more than ``str``: ``{(object type, field): f}``.
VALUE_FORMATTERS = {
    ("organizations.membership", "roles"): _roles,
    ("organizations.invitation", "roles"): _roles,
}

VALUE_FORMATTERS[("organizations.membership", "line")] = value_labels(LINE_STATES)
