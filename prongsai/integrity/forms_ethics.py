"""Forms of the ethics registers. Services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.organizations.selectors import membership_list

from .forms import DATE_WIDGET, TEXTAREA
from .models_ethics import (
    EthicsActivity,
    EthicsDocument,
    EthicsGuide,
    EthicsWorkingGroup,
    EthicsWorkingGroupMember,
)

__all__ = [
    "EthicsActivityForm",
    "EthicsDocumentForm",
    "EthicsGuideForm",
    "EthicsWorkingGroupForm",
    "EthicsWorkingGroupMemberForm",
]

PDF_INPUT = forms.ClearableFileInput(attrs={"accept": ".pdf"})


class EthicsDocumentForm(forms.ModelForm):
    class Meta:
        model = EthicsDocument
        fields = ["title", "version_label", "effective_from", "text", "file"]
        widgets = {
            "effective_from": DATE_WIDGET,
            "text": forms.Textarea(attrs={"rows": 10}),
            "file": PDF_INPUT,
        }
        help_texts = {
            "effective_from": _(
                "From this day the version supersedes the earlier ones, which stay "
                "as history; members acknowledge each new version of the code."
            ),
            "text": _("The text, or upload the signed PDF below (or both)."),
        }


class EthicsWorkingGroupForm(forms.ModelForm):
    class Meta:
        model = EthicsWorkingGroup
        fields = [
            "title",
            "order_number",
            "ordered_on",
            "effective_from",
            "effective_until",
            "file",
        ]
        widgets = {
            "ordered_on": DATE_WIDGET,
            "effective_from": DATE_WIDGET,
            "effective_until": DATE_WIDGET,
            "file": PDF_INPUT,
        }
        help_texts = {
            "effective_from": _("Leave empty to use the order date."),
            "effective_until": _("Leave empty while the order is in force."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_from"].required = False


class EthicsWorkingGroupMemberForm(forms.ModelForm):
    class Meta:
        model = EthicsWorkingGroupMember
        fields = ["name", "position", "role", "sort_order"]
        help_texts = {
            "name": _("As written in the order, e.g. นายสมชาย ใจดี."),
            "sort_order": _("The order in which the names are listed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort_order"].required = False


class EthicsGuideForm(forms.ModelForm):
    dos = forms.CharField(
        label=_("Do (one per line)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Line 1 here pairs with line 1 of the list of what not to do."),
    )
    donts = forms.CharField(
        label=_("Don't (one per line)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    class Meta:
        model = EthicsGuide
        fields = ["title", "published_on", "description", "file", "url"]
        widgets = {"published_on": DATE_WIDGET, "description": TEXTAREA}
        help_texts = {
            "title": _("For example: คู่มือ Dos & Don'ts การรับของขวัญ."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            items = list(self.instance.items.all())
            self.initial["dos"] = "\n".join(i.do for i in items)
            self.initial["donts"] = "\n".join(i.dont for i in items)


class EthicsActivityForm(forms.ModelForm):
    participant_members = forms.ModelMultipleChoiceField(
        label=_("Members who took part"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Optional. Without a number of participants, the members chosen are "
            "counted. Names are never shown on the public page."
        ),
    )

    class Meta:
        model = EthicsActivity
        fields = [
            "held_on",
            "title",
            "kind",
            "participants",
            "participant_members",
            "description",
            "evidence_file",
            "evidence_url",
            "photo",
        ]
        widgets = {"held_on": DATE_WIDGET, "description": TEXTAREA}
        help_texts = {
            "title": _("For example: พิธีกล่าวปฏิญาณตนเพื่อเป็นข้าราชการที่ดี."),
            "photo": _("Optional: a JPEG, PNG or WebP picture."),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["participant_members"]
        field.queryset = membership_list(organization=organization)
        field.label_from_instance = lambda m: (
            f"{m.user.display_name} ({m.position})"
            if m.position
            else m.user.display_name
        )
        if self.instance.pk and not self.is_bound:
            self.initial["participant_members"] = list(
                self.instance.participant_members.values_list("pk", flat=True)
            )

    def clean_participant_members(self):
        return list(self.cleaned_data["participant_members"])
