"""Forms of the integrity registers. Services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.date_fields import ThaiDateInput
from prongsai.organizations.selectors import membership_list

from .models import GiftReport, NoGiftActivity, NoGiftAnnouncement

DATE_WIDGET = ThaiDateInput()
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class NoGiftAnnouncementForm(forms.ModelForm):
    class Meta:
        model = NoGiftAnnouncement
        fields = [
            "announced_on",
            "executive_name",
            "executive_position",
            "body",
            "signed_file",
        ]
        widgets = {
            "announced_on": DATE_WIDGET,
            "body": forms.Textarea(attrs={"rows": 8}),
            "signed_file": forms.ClearableFileInput(attrs={"accept": ".pdf"}),
        }
        help_texts = {
            "executive_name": _(
                "The current top executive (นายก), who signs the announcement."
            ),
        }


class NoGiftActivityForm(forms.ModelForm):
    class Meta:
        model = NoGiftActivity
        fields = [
            "held_on",
            "title",
            "kind",
            "covers_gift_rules",
            "participants",
            "description",
            "evidence_file",
            "evidence_url",
        ]
        widgets = {"held_on": DATE_WIDGET, "description": TEXTAREA}
        help_texts = {
            "title": _(
                "For example: training on the NACC 2563 rules on accepting "
                "property by custom."
            ),
        }


class GiftReportForm(forms.ModelForm):
    """A gift received by custom, in words an officer uses (the NACC rules of
    2563 on accepting property or benefits by custom)."""

    reporter = forms.ModelChoiceField(
        label=_("Official who received it"),
        queryset=None,
        help_text=_("The member of staff who received the gift and reports it."),
    )

    class Meta:
        model = GiftReport
        fields = [
            "reporter",
            "received_on",
            "giver",
            "relationship",
            "description",
            "value",
            "action",
            "note",
        ]
        widgets = {"received_on": DATE_WIDGET, "note": TEXTAREA}
        labels = {
            "received_on": _("Date received"),
            "giver": _("Giver (person or organisation)"),
            "relationship": _("Relationship to the giver"),
            "description": _("Property or benefit received"),
            "value": _("Estimated value in baht"),
            "action": _("What was done with it"),
            "note": _("Occasion, reason and other details"),
        }
        help_texts = {
            "received_on": _("The day it was received, e.g. 15/01/2570."),
            "giver": _("The name of whoever gave it, e.g. บริษัท ก จำกัด."),
            "relationship": _(
                "For example: relative, friend, contractor of the organisation, "
                "applicant for a permit, none."
            ),
            "description": _(
                "For example: a fruit basket, a gift voucher, a meal, travel."
            ),
            "value": _(
                "Customary gifts from someone who is not a relative may be kept up "
                "to 3,000 baht per person per occasion; anything above must be "
                "reported and is not kept."
            ),
            "action": _(
                "Kept (only within the rules), returned to the giver or handed "
                "to the organisation."
            ),
            "note": _(
                "For example: New Year, a merit-making ceremony; why it was "
                "accepted, returned or handed over."
            ),
        }

    def __init__(self, *args, organization, membership=None, manager=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reporter"]
        field.queryset = membership_list(organization=organization)
        field.label_from_instance = lambda m: (
            f"{m.user.display_name} ({m.position})"
            if m.position
            else m.user.display_name
        )
        field.initial = getattr(membership, "pk", None)
        if not manager:
            field.queryset = field.queryset.filter(pk=getattr(membership, "pk", None))
            field.disabled = True


class GiftNilStatementForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False)
