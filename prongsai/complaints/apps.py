from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "prongsai.complaints"
    label = "complaints"
    verbose_name = _("Complaints and feedback")

    def ready(self):
        from prongsai.core.audit import register_action_labels
        from prongsai.organizations.demo import DEMO_LOADERS

        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .demo import load_complaints_demo

        register_action_labels(
            {
                "case.submit": _("Complaint received"),
                "case.record": _("Complaint recorded by staff"),
                "case.status": _("Complaint status changed"),
                "case.assign": _("Complaint assigned"),
                "case.note": _("Internal note added"),
                "case.reply": _("Reply sent to the complainant"),
                "case.merge": _("Complaints merged"),
                "case.public_text": _("Public text of a complaint approved"),
                "case.rate": _("Satisfaction recorded"),
                "case.delete": _("Complaint deleted at the end of retention"),
                "confidential.submit": _("Confidential report received"),
                "confidential.view": _("Confidential report viewed"),
                "confidential.list": _("List of confidential reports opened"),
                "confidential.follow_up": _("Reporter added information"),
                "category.create": _("Complaint category added"),
                "category.update": _("Complaint category changed"),
                "complaint_settings.update": _("Complaint channel settings changed"),
                "subject_request.create": _("Data-subject request logged"),
                "subject_request.update": _("Data-subject request updated"),
            }
        )
        from prongsai.core.audit import register_audit_readers
        from prongsai.organizations.roles import Role

        # Who opened the confidential reports is visible to the integrity
        # officers themselves and to the executives, not only to admins.
        register_audit_readers(
            roles=[Role.INTEGRITY_OFFICER, Role.EXECUTIVE],
            actions=["confidential.view", "confidential.list"],
        )
        from prongsai.opendata.registry import register

        from .datasets import COMPLAINT_DATASET

        register(COMPLAINT_DATASET)
        from prongsai.organizations.messaging import register_line_sender

        from .services import line_sender

        register_line_sender(line_sender)
        if load_complaints_demo not in DEMO_LOADERS:
            DEMO_LOADERS.append(load_complaints_demo)
        from .providers import register_providers as register_oit_providers

        register_oit_providers()  # OIT evidence (prongsai.oit.registry)
