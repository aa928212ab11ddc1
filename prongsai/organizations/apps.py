from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "prongsai.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from prongsai.core.audit import register_action_labels, register_value_formatter

        from .roles import Role

        register_action_labels(
            {
                "organization.create": _("Organisation registered"),
                "subject_request.access": _("Copy of a person's data given"),
                "subject_request.erasure": _("A person's data erased"),
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
            }
        )

        def roles(value) -> str:
            codes = value if isinstance(value, list) else [value]
            return ", ".join(
                str(Role(c).label) if c in Role.values else str(c) for c in codes
            )

        for object_type in ("organizations.membership", "organizations.invitation"):
            register_value_formatter(object_type, "roles", roles)
