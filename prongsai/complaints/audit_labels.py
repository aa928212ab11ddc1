"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.organizations.roles import Role

ACTION_LABELS = {
    "case.submit": _("Complaint received"),
    "case.record": _("Complaint recorded by staff"),
    "case.status": _("Complaint status changed"),
    "case.assign": _("Complaint assigned"),
    "case.note": _("Internal note added"),
    "case.reply": _("Reply sent to the complainant"),
    "case.merge": _("Complaints merged"),
    "case.public_text": _("Public text of a complaint approved"),
    "case.rate": _("Satisfaction recorded"),
    "case.entry_retry": _("Message to the complainant sent again"),
    "case.delete": _("Complaint deleted at the end of retention"),
    "confidential.submit": _("Confidential report received"),
    "confidential.view": _("Confidential report viewed"),
    "confidential.list": _("List of confidential reports opened"),
    "confidential.follow_up": _("Reporter added information"),
    "confidential.view_about_officer": _(
        "Confidential report about an integrity officer viewed"
    ),
    "confidential.list_about_officers": _(
        "List of reports about integrity officers opened"
    ),
    "confidential.forward_external": _("Report sent on to an external body"),
    "category.create": _("Complaint category added"),
    "category.update": _("Complaint category changed"),
    "category.procedure": _("Staff work manual of a complaint category changed"),
    "complaint_settings.update": _("Complaint channel settings changed"),
}

# Who opened the confidential reports is visible to the integrity officers
# themselves and to the executives, not only to admins: ``(roles, actions)``.
AUDIT_READERS = (
    (
        (Role.INTEGRITY_OFFICER, Role.EXECUTIVE),
        ("confidential.view", "confidential.list"),
    ),
    # Looks at reports about an integrity officer: the executives only, so
    # that no officer learns such a report exists.
    (
        (Role.EXECUTIVE,),
        (
            "confidential.view_about_officer",
            "confidential.list_about_officers",
            "confidential.forward_external",
        ),
    ),
)

# Change keys that name no field of the record.
FIELD_LABELS = {
    "routed_externally": _("Sent to an outside agency"),
    "routed_to_executives": _("Concerns an integrity officer (executives only)"),
    "reopened": _("Reopened after an unhappy rating"),
    "after_fix_photo": _("Photo after the fix"),
    "no_after_fix_photo": _("Why there is no photo after the fix"),
}
