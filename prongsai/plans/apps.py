from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    label = "plans"
    verbose_name = _("Integrity measures and action plans")

    def ready(self):
        from prongsai.complaints.links import register_case_link_provider
        from prongsai.core.audit import register_action_labels
        from prongsai.organizations.demo import DEMO_LOADERS

        from .demo import load_plans_demo

        register_action_labels(
            {
                "plan.create": _("Plan created"),
                "plan.update": _("Plan edited"),
                "plan.submit": _("Plan submitted for approval"),
                "plan.approve": _("Plan approved"),
                "plan.return": _("Plan returned for changes"),
                "plan.revise": _("Plan revision started"),
                "plan.publish": _("Plan published"),
                "plan.unpublish": _("Plan withdrawn from the public pages"),
                "plan.draft_from_analysis": _("Plan drafted from the ITA analysis"),
                "measure.create": _("Measure added"),
                "measure.update": _("Measure edited"),
                "measure.delete": _("Measure removed"),
                "measure.link_case": _("Complaint linked to a measure"),
                "measure.unlink_case": _("Complaint unlinked from a measure"),
                "activity.create": _("Activity added"),
                "activity.update": _("Activity edited"),
                "activity.delete": _("Activity removed"),
                "progress.create": _("Progress reported"),
                "proposal.create": _("Measure proposed"),
                "proposal.support": _("Proposal supported"),
                "proposal.adopt": _("Proposal adopted into the plan"),
                "proposal.decline": _("Proposal declined"),
                "comment.create": _("Comment posted"),
                "risk_assessment.create": _("Risk assessment created"),
                "risk_assessment.publish": _("Risk assessment published"),
                "risk_assessment.unpublish": _(
                    "Risk assessment withdrawn from the public pages"
                ),
                "risk.create": _("Risk added"),
                "risk.update": _("Risk edited"),
                "risk.follow_up": _("Risk follow-up recorded"),
                "reminder.send": _("Reminder sent"),
                "plan_settings.update": _("Plan follow-up settings changed"),
                "no_gift.create": _("No Gift announcement prepared"),
                "no_gift.update": _("No Gift announcement edited"),
                "no_gift.publish": _("No Gift announcement published"),
                "no_gift.unpublish": _(
                    "No Gift announcement withdrawn from the public pages"
                ),
                "no_gift_activity.create": _("No Gift activity added"),
                "no_gift_activity.update": _("No Gift activity edited"),
                "no_gift_activity.delete": _("No Gift activity removed"),
                "gift_report.create": _("Gift received by custom reported"),
                "gift_nil.record": _("Stated that no gifts were received"),
                "gift_nil.withdraw": _("Statement of no gifts withdrawn"),
            }
        )
        from .selectors import case_link_labels

        register_case_link_provider(case_link_labels)
        if load_plans_demo not in DEMO_LOADERS:
            DEMO_LOADERS.append(load_plans_demo)
        from .providers import register_providers as register_oit_providers

        register_oit_providers()  # OIT evidence (prongsai.oit.registry)
