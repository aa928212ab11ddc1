"""Forms of the organisation back office."""

from typing import cast

from django import forms
from django.contrib.auth import password_validation
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.accounts.models import phone_validator
from prongsai.core.audit import action_label
from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput

from .models import Organization
from .roles import Role
from .services import ORGANIZATION_PROFILE_FIELDS


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Role.choices)
        kwargs.setdefault("label", _("Roles"))
        super().__init__(**kwargs)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    title = forms.CharField(label=_("Title"), max_length=50, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=200, required=False)
    roles = RolesField()


class MembershipForm(forms.Form):
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=200, required=False)
    is_unit_head = forms.BooleanField(
        label=_("Head of the unit"),
        required=False,
        help_text=_(
            "Told when a citizen is not satisfied with a matter of this unit "
            "and it is reopened."
        ),
    )
    roles = RolesField()


def _https_url_field(name: str) -> forms.URLField:
    model_field = Organization._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # a concrete column, not a relation
    return forms.URLField(
        label=model_field.verbose_name.capitalize(),
        required=False,
        max_length=model_field.max_length,
        assume_scheme="https",
    )


class OrganizationForm(forms.ModelForm):
    website = _https_url_field("website")
    facebook_url = _https_url_field("facebook_url")

    class Meta:
        model = Organization
        fields = list(ORGANIZATION_PROFILE_FIELDS)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "brand_colour": forms.TextInput(
                attrs={"placeholder": "#1d4f91", "size": 8, "autocomplete": "off"}
            ),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The logo must be at most 2 MB."))
        return logo

    def clean_banner(self):
        banner = self.cleaned_data.get("banner")
        if banner and hasattr(banner, "size") and banner.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The banner photo must be at most 10 MB."))
        return banner

    def clean_line_qr(self):
        qr = self.cleaned_data.get("line_qr")
        if qr and hasattr(qr, "size") and qr.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The QR code picture must be at most 2 MB."))
        return qr


class HostNameForm(forms.Form):
    host_name = forms.CharField(
        label=_("Own host name"),
        max_length=253,
        required=False,
        help_text=_(
            "For example www.bandong.go.th. Leave empty to stop using an own host "
            "name. A new name is served only after it is verified."
        ),
    )


class InvitationAcceptForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=50, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data
        if (
            data.get("password1")
            and data.get("password2")
            and data["password1"] != data["password2"]
        ):
            self.add_error("password2", _("The two passwords do not match."))
        return data


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.TypedChoiceField(
        label=_("By"), required=False, coerce=int, empty_value=None
    )
    date_from = ThaiDateFormField(
        label=_("From"), required=False, widget=ThaiDateInput({"class": "form-control"})
    )
    date_to = ThaiDateFormField(
        label=_("To"), required=False, widget=ThaiDateInput({"class": "form-control"})
    )

    def full_clean(self):
        super().full_clean()
        # Bootstrap marks a wrong date in the box itself.
        for name in ("date_from", "date_to"):
            if name in self.errors:
                self.fields[name].widget.attrs["class"] = "form-control is-invalid"

    def __init__(self, *args, actions=(), actors=(), **kwargs):
        super().__init__(*args, **kwargs)
        action = cast(forms.ChoiceField, self.fields["action"])
        action.choices = [("", _("All actions"))] + [
            (a, action_label(a)) for a in actions
        ]
        actor = cast(forms.ChoiceField, self.fields["actor"])
        actor.choices = [("", _("Everyone"))] + [
            (m.user_id, m.user.display_name) for m in actors
        ]

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data
        if (
            data.get("date_from")
            and data.get("date_to")
            and data["date_from"] > data["date_to"]
        ):
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class PersonSearchForm(forms.Form):
    """How to find one person's data: at least one identifier."""

    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False, validators=[phone_validator]
    )
    line_user_id = forms.RegexField(
        label=_("LINE user id"),
        regex=r"^[A-Za-z0-9_-]{5,64}$",
        required=False,
        error_messages={
            "invalid": _("A LINE user id is letters and digits, e.g. U4af4980629…")
        },
    )
    national_id = forms.RegexField(
        label=_("National ID number"),
        regex=r"^[0-9\s-]{13,17}$",
        required=False,
        error_messages={"invalid": _("A national ID number has 13 digits.")},
    )

    def clean_national_id(self):
        value = "".join(ch for ch in self.cleaned_data["national_id"] if ch.isdigit())
        if value and len(value) != 13:
            raise forms.ValidationError(_("A national ID number has 13 digits."))
        return value

    def clean(self):
        data = super().clean() or {}
        keys = ("name", "email", "phone", "line_user_id", "national_id")
        if not self.errors and not any(data.get(name) for name in keys):
            raise forms.ValidationError(
                _(
                    "Enter at least one way to find the person: name, e-mail, phone, "
                    "LINE user id or national ID number."
                )
            )
        return data

    def identifiers(self):
        from prongsai.core.personal_data import Identifiers

        return Identifiers.clean(**{k: v or "" for k, v in self.cleaned_data.items()})


class PersonEraseForm(PersonSearchForm):
    reason = forms.CharField(
        label=_("Reason for erasing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("For example: the person asked on 5 Dec 2569 (letter no. 12)."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked the records above and want them erased."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class SubjectRequestLogForm(forms.Form):
    """A data-subject request as it arrives (by letter, at the counter, by e-mail)."""

    kind = forms.ChoiceField(label=_("Request"), choices=())
    requester = forms.CharField(label=_("Requester"), max_length=200)
    received_on = ThaiDateFormField(
        label=_("Received on"),
        widget=ThaiDateInput(),
    )
    related_reference = forms.CharField(
        label=_("Related record (reference, optional)"), max_length=40, required=False
    )
    details = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        from .models import DataSubjectRequest

        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = DataSubjectRequest.Kind.choices


class SubjectRequestAnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=())
    answered_on = ThaiDateFormField(
        label=_("Answered on"),
        required=False,
        widget=ThaiDateInput(),
    )
    details = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        from .models import DataSubjectRequest

        super().__init__(*args, **kwargs)
        outcome = cast(forms.ChoiceField, self.fields["outcome"])
        outcome.choices = [c for c in DataSubjectRequest.Outcome.choices if c[0]]


def _secret_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Leave empty to keep the stored secret."),
    )


CHANNEL_SECRET_LABELS = (
    ("line_channel_secret", _("LINE channel secret")),
    ("line_access_token", _("LINE channel access token")),
    ("facebook_app_secret", _("Facebook app secret")),
    ("facebook_page_token", _("Facebook page access token")),
    ("facebook_verify_token", _("Facebook webhook verify token")),
    ("line_login_channel_secret", _("LINE Login channel secret")),
)


class ChannelSettingsForm(forms.Form):
    """Secrets are write-only: never shown again; left empty, the stored one stays."""

    line_channel_secret = _secret_field(_("LINE channel secret"))
    line_access_token = _secret_field(_("LINE channel access token"))
    facebook_app_secret = _secret_field(_("Facebook app secret"))
    facebook_page_token = _secret_field(_("Facebook page access token"))
    facebook_verify_token = _secret_field(_("Facebook webhook verify token"))
    line_login_channel_id = forms.CharField(
        label=_("LINE Login channel ID"),
        required=False,
        max_length=20,
        help_text=_(
            "From the LINE Developers console; digits only. Removing it switches "
            "LINE Login off and forgets its secret."
        ),
    )
    line_login_channel_secret = _secret_field(_("LINE Login channel secret"))
    clear = forms.MultipleChoiceField(
        label=_("Remove stored secrets"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=CHANNEL_SECRET_LABELS,
    )
