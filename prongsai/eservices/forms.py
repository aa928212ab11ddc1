"""Forms of the E-Service; the request form is built from a form version."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from prongsai.accounts.models import phone_validator
from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput
from prongsai.core.errors import DomainError

from . import citizen_manual
from .attachments import MAX_BYTES
from .formdefs import ADDRESS_PARTS, FIELD_TYPES
from .models import EServiceSettings, Service, Status
from .services import SERVICE_FIELDS

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"
ADDRESS_LABELS = {
    "moo": _("Moo (village no.)"),
    "subdistrict": _("Subdistrict (tambon)"),
    "district": _("District (amphoe)"),
    "province": _("Province"),
}


class CitizenFieldsMixin(forms.Form):
    citizen_name = forms.CharField(label=_("Your name"), max_length=200)
    citizen_phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    citizen_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("We send each change of your request's status to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _coordinate(axis: str, label: str, limit: int, **extra) -> forms.DecimalField:
    """A latitude or longitude box that the phone's location can fill."""
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-limit,
        max_value=limit,
        widget=forms.NumberInput(
            attrs={"step": "any", "data-geo": axis, "inputmode": "decimal"}
        ),
        **extra,
    )


class RequestForm(CitizenFieldsMixin):
    """The citizen's details, the service's own fields and the privacy consent."""

    honeypot = True

    # Checked by the service (a Thai message on the field, never the browser's):
    # aria-required tells screen readers it must be ticked.
    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy notice and agree to it."),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-required": "true"}),
    )

    def __init__(self, *args, definition: list[dict], staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        if staff:
            self.fields["privacy_accepted"].label = _(
                "The citizen was told the privacy notice and agreed to it."
            )
            self.fields["channel"] = forms.ChoiceField(
                label=_("Channel"),
                choices=[("walk_in", _("At the office")), ("phone", _("Telephone"))],
            )
        for spec in definition:
            self._add(spec)
        # The consent is asked last, after the citizen has seen everything.
        self.fields["privacy_accepted"] = self.fields.pop("privacy_accepted")

    def _add(self, spec: dict) -> None:
        code, label, kind = spec["code"], spec["label"], spec["type"]
        required = spec.get("required", False)
        help_text = spec.get("help", "")
        name = f"f_{code}"
        if kind == "text":
            field = forms.CharField(
                max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
        elif kind == "number":
            field = forms.DecimalField(max_digits=14, decimal_places=2)
            field.widget.attrs["inputmode"] = "decimal"
        elif kind == "date":
            field = ThaiDateFormField(widget=ThaiDateInput())
        elif kind == "choice":
            field = forms.ChoiceField(
                choices=[("", "—")] + [(c, c) for c in spec["choices"]]
            )
        elif kind == "multichoice":
            field = forms.MultipleChoiceField(
                choices=[(c, c) for c in spec["choices"]],
                widget=forms.CheckboxSelectMultiple,
            )
        elif kind == "file":
            field = forms.FileField(
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                help_text=help_text
                or gettext("A photo (JPEG, PNG, WebP) or a PDF, at most %(mb)s MB.")
                % {"mb": MAX_BYTES // (1024 * 1024)},
            )
        elif kind == "location":
            self._add_location(spec)
            return
        else:  # pragma: no cover - definitions are checked when published
            return
        field.label = label
        field.required = required
        if help_text:
            field.help_text = help_text
        self.fields[name] = field

    def _add_location(self, spec: dict) -> None:
        code = spec["code"]
        self.fields[f"f_{code}__lat"] = _coordinate(
            "lat",
            gettext("%(label)s: map point latitude") % {"label": spec["label"]},
            90,
            help_text=_(
                "Required: press “Use my location” on a phone, or fill in the address."
            )
            if spec.get("required")
            else _("Press “Use my location” on a phone, or fill in the address."),
        )
        self.fields[f"f_{code}__lng"] = _coordinate(
            "lng",
            gettext("%(label)s: map point longitude") % {"label": spec["label"]},
            180,
        )
        for part in ADDRESS_PARTS:
            self.fields[f"f_{code}__{part}"] = forms.CharField(
                label=gettext("%(label)s: %(part)s")
                % {"label": spec["label"], "part": ADDRESS_LABELS[part]},
                required=False,
                max_length=100,
            )

    def clean(self):
        cleaned = super().clean()
        for spec in self.definition:
            if spec["type"] != "location":
                continue
            code = spec["code"]
            lat = cleaned.get(f"f_{code}__lat")
            lng = cleaned.get(f"f_{code}__lng")
            parts = {
                p: (cleaned.get(f"f_{code}__{p}") or "").strip() for p in ADDRESS_PARTS
            }
            has_point = lat is not None and lng is not None
            if (lat is None) != (lng is None):
                self.add_error(
                    f"f_{code}__lat",
                    gettext("Give both the latitude and the longitude of the point."),
                )
            has_address = all(parts[p] for p in ("subdistrict", "district", "province"))
            if any(parts.values()) and not has_address:
                self.add_error(
                    f"f_{code}__subdistrict",
                    gettext("%(label)s: give the subdistrict, district and province.")
                    % {"label": spec["label"]},
                )
            if spec.get("required") and not has_point and not has_address:
                self.add_error(
                    f"f_{code}__lat",
                    gettext(
                        "%(label)s: mark the point on your phone or give the address."
                    )
                    % {"label": spec["label"]},
                )
        return cleaned

    def answers(self) -> dict:
        """The answers as JSON-ready values, keyed by field code."""
        data = self.cleaned_data
        answers: dict = {}
        for spec in self.definition:
            code, kind = spec["code"], spec["type"]
            if kind == "file":
                continue
            if kind == "location":
                value = {
                    p: (data.get(f"f_{code}__{p}") or "").strip() for p in ADDRESS_PARTS
                }
                for axis in ("lat", "lng"):
                    number = data.get(f"f_{code}__{axis}")
                    value[axis] = str(number) if number is not None else ""
                answers[code] = {k: v for k, v in value.items() if v}
                continue
            value = data.get(f"f_{code}")
            if value in (None, "", []):
                continue
            if kind == "date":
                value = value.isoformat()
            elif kind == "number":
                value = (
                    str(value.normalize())
                    if value == value.to_integral()
                    else str(value)
                )
            answers[code] = value
        return answers

    def uploads(self) -> list[tuple[str, object]]:
        return [
            (spec["code"], self.cleaned_data[f"f_{spec['code']}"])
            for spec in self.definition
            if spec["type"] == "file" and self.cleaned_data.get(f"f_{spec['code']}")
        ]

    def filing(self) -> dict:
        """What ``services_filing.request_file`` takes from this form."""
        data = self.cleaned_data
        values = {
            "answers": self.answers(),
            "files": self.uploads(),
            "citizen_name": data["citizen_name"],
            "citizen_phone": data["citizen_phone"],
            "citizen_email": data["citizen_email"],
            "privacy_accepted": data["privacy_accepted"],
        }
        if "channel" in data:
            values["channel"] = data["channel"]
        return values


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off"}
        ),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with this service?"),
        coerce=int,
        choices=[
            (5, _("5 – very satisfied")),
            (4, _("4 – satisfied")),
            (3, _("3 – fair")),
            (2, _("2 – dissatisfied")),
            (1, _("1 – very dissatisfied")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _reason_field(label, help_text) -> forms.CharField:
    """A short text that the workflow requires in some moves only."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
    )


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = _reason_field(
        _("Reason or note to the citizen"),
        _("Required when rejecting or returning the request to the citizen."),
    )
    jump_reason = _reason_field(
        _("Reason for taking this request out of turn"),
        _("Required when earlier requests of the service are still waiting."),
    )


class MembersChoiceMixin:
    """Offers the organisation's members (``users``) in ``members_field``."""

    members_field = ""

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.members_field].queryset = users  # type: ignore[attr-defined]


class AssignForm(MembersChoiceMixin, forms.Form):
    members_field = "assignee"
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=None, required=False, empty_label=_("(nobody)")
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen only by staff."),
    )


class ReopenDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("reopen", _("Reopen the request")), ("dismiss", _("Dismiss"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class _ManualLinesField(forms.CharField):
    """Structured manual items edited one per line, parts separated by ``|``."""

    widget = forms.Textarea(attrs={"rows": 5})
    to_line = staticmethod(citizen_manual.step_line)
    parse = staticmethod(citizen_manual.parse_step_lines)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(self.to_line(item) for item in value)
        return value

    def to_python(self, value):
        try:
            return self.parse(super().to_python(value) or "")
        except DomainError as error:
            raise forms.ValidationError(str(error.message)) from None


class StepLinesField(_ManualLinesField):
    pass


class DocumentLinesField(_ManualLinesField):
    to_line = staticmethod(citizen_manual.document_line)
    parse = staticmethod(citizen_manual.parse_document_lines)


SAMPLE_FORM_EXTENSIONS = (".pdf", ".doc", ".docx")
SAMPLE_FORM_MAX_BYTES = 5 * 1024 * 1024


class ServiceForm(MembersChoiceMixin, forms.ModelForm):
    members_field = "officer"
    steps = StepLinesField(
        label=_("Steps"),
        required=False,
        help_text=_(
            "One step per line: the step | its time (15 นาที, 2 ชั่วโมง, "
            "3 วันทำการ) | the responsible unit."
        ),
    )
    documents = DocumentLinesField(
        label=_("Required documents"),
        required=False,
        help_text=_(
            "One document per line: the document | originals | copies | note, "
            "for example สำเนาทะเบียนบ้าน | 0 | 1."
        ),
    )

    class Meta:
        model = Service
        fields = [*SERVICE_FIELDS, "sample_form"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "criteria": forms.Textarea(attrs={"rows": 4}),
            "complaint_channels": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_sample_form(self):
        upload = self.cleaned_data.get("sample_form")
        if upload and hasattr(upload, "content_type"):
            name = upload.name.lower()
            if not name.endswith(SAMPLE_FORM_EXTENSIONS):
                raise forms.ValidationError(
                    gettext("Upload the sample form as PDF or Word (.doc, .docx).")
                )
            if upload.size > SAMPLE_FORM_MAX_BYTES:
                raise forms.ValidationError(
                    gettext("The sample form may be at most 5 MB.")
                )
        return upload


class FormDefinitionForm(forms.Form):
    fields_json = forms.CharField(
        label=_("Form fields (JSON)"),
        widget=forms.Textarea(
            attrs={"rows": 18, "class": "font-monospace", "spellcheck": "false"}
        ),
        help_text=_(
            "A list of fields with code, label, type, required, choices and help. "
            "Types: %(types)s."
        )
        % {"types": ", ".join(FIELD_TYPES)},
    )

    def clean_fields_json(self):
        try:
            return json.loads(self.cleaned_data["fields_json"])
        except ValueError as error:
            raise forms.ValidationError(
                gettext(
                    "This is not valid JSON (line %(line)s): check commas and quotes."
                )
                % {"line": getattr(error, "lineno", "?")}
            ) from None


class SettingsForm(forms.ModelForm):
    class Meta:
        model = EServiceSettings
        fields = ["privacy_notice", "soon_due_days"]
        widgets = {"privacy_notice": forms.Textarea(attrs={"rows": 6})}


class QueueFilterForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=None, required=False, empty_label=_("All services")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", pgettext_lazy("case state", "Open")),
            *Status.choices,
            ("closed", _("Closed")),
            ("all", _("All")),
        ],
    )
    flag = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("Any")), ("overdue", _("Overdue")), ("soon", _("Due soon"))],
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        for name in ("service", "status", "flag"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["mine"].widget.attrs["class"] = "form-check-input"
