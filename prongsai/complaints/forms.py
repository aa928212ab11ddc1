"""Forms of the complaint centre (public and back office)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.accounts.models import phone_validator

from .images import MAX_BYTES, MAX_SIDE
from .models import (
    PUBLIC_KINDS,
    STAFF_CHANNELS,
    Category,
    Channel,
    ComplaintSettings,
    Status,
)
from .services_settings import CATEGORY_FIELDS, PLAIN_SETTING_FIELDS

MAX_FORM_PHOTOS = 3


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to ``MAX_FORM_PHOTOS`` photos, made smaller in the browser first
    (``static/js/photo-resize.js``); the size limit here is the last guard."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos (optional, up to 3)"))
        kwargs.setdefault(
            "help_text",
            _(
                "JPEG or PNG. Photos are made smaller on your phone before they "
                "are sent; each may be up to 10 MB. Location data in the photos "
                "is removed."
            ),
        )
        kwargs.setdefault(
            "widget",
            MultiplePhotoInput(
                attrs={
                    "accept": "image/jpeg,image/png",
                    "multiple": True,
                    "data-resize": MAX_SIDE,
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        single = super().clean
        cleaned = [photo for photo in (single(f, initial) for f in files) if photo]
        if any(photo.size > MAX_BYTES for photo in cleaned):
            raise forms.ValidationError(_("The photo is larger than 10 MB."))
        return cleaned


class KeptPhotosField(forms.MultipleChoiceField):
    """Photos kept from the last try: ticked boxes; untick one to drop it.

    Its choices are the photos still kept for this browser; a token that is
    no longer valid (expired, another browser's) is dropped, not an error."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos kept from your last try"))
        kwargs.setdefault(
            "help_text", _("They are sent with the form. Untick a photo to remove it.")
        )
        super().__init__(**kwargs)

    def validate(self, value):
        pass

    def clean(self, value):
        known = {str(key) for key, _label in self.choices}
        return [token for token in super().clean(value) if token in known]


class KeptPhotosMixin(forms.Form):
    """A form with ``photos`` that keeps them when it comes back with errors.

    The view passes the photos still kept for this browser (``kept``) and,
    after an error, ``show_kept`` with everything kept now."""

    def _setup_kept(self, kept) -> None:
        self.kept = list(kept)
        fields = {}
        for name, field in self.fields.items():
            fields[name] = field
            if name == "photos":
                fields["kept_photo"] = KeptPhotosField()
        self.fields = fields
        self._set_kept_choices(self.kept)

    def _set_kept_choices(self, kept) -> None:
        field = self.fields["kept_photo"]
        field.choices = [
            (
                k.token,
                _("Kept: %(name)s")
                % {"name": k.name or _("photo %(n)s") % {"n": number}},
            )
            for number, k in enumerate(kept, start=1)
        ]
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        if not kept:
            field.widget = forms.MultipleHiddenInput()

    def clean(self):
        data = super().clean()
        count = len(data.get("kept_photo") or []) + len(data.get("photos") or [])
        if count > MAX_FORM_PHOTOS:
            self.add_error(
                "photos",
                _("Send at most %(n)s photos.") % {"n": MAX_FORM_PHOTOS},
            )
        return data

    def kept_selected(self) -> list:
        """The kept photos still ticked (read after validation)."""
        tokens = set(getattr(self, "cleaned_data", {}).get("kept_photo") or [])
        return [k for k in self.kept if k.token in tokens]

    def photo_bytes(self) -> list[bytes]:
        """The kept photos and the new ones, as the services take them."""
        from .services_uploads import kept_upload_read

        kept = [kept_upload_read(k) for k in self.kept_selected()]
        return kept + [photo.read() for photo in self.cleaned_data.get("photos", [])]

    def show_kept(self, kept) -> None:
        """After an error: show ``kept`` as ticked boxes on the form again."""
        self.kept = list(kept)
        self._set_kept_choices(self.kept)
        self.data = self.data.copy()
        self.data.setlist("kept_photo", [k.token for k in self.kept])


def coordinate_field(label, limit: int, axis: str) -> forms.DecimalField:
    """A hidden degree field, within ±``limit``, filled by the phone's location
    (``static/js/geolocation.js``: ``data-geo`` is ``lat`` or ``lng``)."""
    attrs = {"data-geo": axis}
    if axis == "lat":
        attrs |= {
            "data-geo-lng": "id_longitude",
            "data-geo-after": "div_id_location_text",
        }
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-limit,
        max_value=limit,
        widget=forms.HiddenInput(attrs=attrs),
    )


class CaseForm(KeptPhotosMixin):
    """A complaint, suggestion or praise on the public site."""

    honeypot = True

    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    location_text = forms.CharField(
        label=_("Place or location (optional)"),
        max_length=300,
        required=False,
        help_text=_(
            "Type the place, for example Moo 5 near the temple, or press "
            "“Use my location” on a phone: either is enough."
        ),
    )
    latitude = coordinate_field(_("Latitude"), 90, "lat")
    longitude = coordinate_field(_("Longitude"), 180, "lng")
    photos = PhotosField()
    complainant_name = forms.CharField(
        label=_("Your name"), max_length=200, required=False
    )
    complainant_phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=20,
        required=False,
        validators=[phone_validator],
    )
    complainant_email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We send replies here as well as to the tracking page."),
    )
    privacy_ack = forms.BooleanField(
        label=_("I have read the privacy notice above."), required=True
    )

    def __init__(self, *args, organization, kept=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_kept(kept)
        self.fields["category"].queryset = Category.objects.filter(
            organization=organization, is_active=True
        ).order_by("order", "name")
        if not self.fields["category"].queryset.exists():
            del self.fields["category"]

    def case_values(self) -> dict:
        """The valid form as ``services_intake.case_submit`` arguments."""
        data = self.cleaned_data
        return {
            "category": data.get("category"),
            "subject": data["subject"],
            "description": data["description"],
            "location_text": data.get("location_text", ""),
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "complainant_name": data.get("complainant_name", ""),
            "complainant_phone": data.get("complainant_phone", ""),
            "complainant_email": data.get("complainant_email", ""),
            "photos": self.photo_bytes(),
        }


class StaffCaseForm(CaseForm):
    """A complaint recorded by staff (walk-in, phone, letter, e-mail)."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(k.value, k.label) for k in PUBLIC_KINDS]
    )
    channel = forms.ChoiceField(
        label=_("Received by"), choices=[(c.value, c.label) for c in STAFF_CHANNELS]
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    field_order = ["kind", "channel", "received_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["privacy_ack"]


class ConfidentialForm(KeptPhotosMixin):
    """A corruption or misconduct report."""

    honeypot = True

    MODE_ANONYMOUS = "anonymous"
    MODE_NAMED = "named"

    mode = forms.ChoiceField(
        label=_("How do you want to report?"),
        choices=[
            (MODE_ANONYMOUS, _("Anonymously: no name, no contact")),
            (MODE_NAMED, _("With my name (kept confidential)")),
        ],
        widget=forms.RadioSelect,
        initial=MODE_ANONYMOUS,
    )
    subject = forms.CharField(
        label=_("Subject (optional)"), max_length=200, required=False
    )
    description = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
        max_length=10000,
        help_text=_("Who, what, when, where, and what evidence exists."),
    )
    concerns_executive = forms.BooleanField(
        label=_(
            "The report concerns the mayor, a deputy, the chief administrator or "
            "another executive"
        ),
        required=False,
        help_text=_(
            "Then it goes to the external body named above, not to the "
            "organisation's own officers."
        ),
    )
    concerns_integrity_officer = forms.BooleanField(
        label=_("The report concerns one of the organisation's integrity officers"),
        required=False,
        help_text=_(
            "Then the integrity officers cannot read it: the executives handle "
            "it and may send it on to the NACC or the PACC."
        ),
    )
    photos = PhotosField(
        label=_("Photos or scanned documents (optional, up to 3)"),
        help_text=_(
            "JPEG or PNG, each up to 10 MB. Location data in the photos is removed."
        ),
    )
    reporter_name = forms.CharField(
        label=_("Your name"), max_length=200, required=False
    )
    reporter_phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False, validators=[phone_validator]
    )
    reporter_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, kept=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_kept(kept)

    def clean(self):
        data = super().clean()
        if data.get("mode") == self.MODE_NAMED and not data.get("reporter_name"):
            self.add_error(
                "reporter_name", _("Give your name, or choose to report anonymously.")
            )
        return data


class ReceiptForm(forms.Form):
    receipt_code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
        help_text=_("The 16 digits you were given when you sent the report."),
    )


class FollowUpForm(ReceiptForm):
    text = forms.CharField(
        label=_("Add information"),
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
        max_length=10000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receipt_code"].widget = forms.HiddenInput()


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class RatingForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with how the case was handled?"),
        coerce=int,
        choices=[
            (5, _("5 – very satisfied")),
            (4, _("4 – satisfied")),
            (3, _("3 – neither")),
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


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    text = forms.CharField(
        label=_("Message to the complainant (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    forwarded_to = forms.CharField(
        label=_("Forwarded to (agency)"), max_length=200, required=False
    )
    rejection_reason = forms.CharField(
        label=_("Reason for rejection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, allowed=None, after_fix: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["status"].choices = [(s, Status(s).label) for s in allowed]
        if not after_fix:
            for name in AFTER_FIX_FIELDS:
                del self.fields[name]

    # Asked for when a case that came with a photo is resolved ("fake fix").
    after_photo = forms.FileField(
        label=_("Photo after the fix"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_("The case came with a photo: show the place after the fix."),
    )
    after_photo_public = forms.BooleanField(
        label=_("May be shown publicly"),
        required=False,
        initial=True,
        help_text=_("Public works, not people: it may appear on the public map."),
    )
    no_after_photo_reason = forms.CharField(
        label=_("Or: why there is no photo after the fix"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def service_values(self) -> dict:
        """The cleaned data as ``services.case_change_status`` takes it."""
        data = dict(self.cleaned_data)
        upload = data.pop("after_photo", None)
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    {"after_photo": _("The photo is larger than 10 MB.")}
                )
            data["after_photo"] = upload.read()
        return data


AFTER_FIX_FIELDS = ("after_photo", "after_photo_public", "no_after_photo_reason")


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))


class PublicTextForm(forms.Form):
    text = forms.CharField(
        label=_("Text shown to the public"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Prefilled with the subject after automatic removal of personal "
            "data. Check it: no names, phone numbers, addresses or anything "
            "else that points at a person."
        ),
    )


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=_("Assign to"), coerce=int, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._users = {m.user_id: m.user for m in members}
        self.fields["assignee"].choices = [("", _("Nobody"))] + [
            (m.user_id, m.user.display_name) for m in members
        ]

    def clean_assignee(self):
        """The chosen member's user, or None for nobody."""
        user_id = self.cleaned_data.get("assignee")
        return self._users.get(user_id) if user_id else None


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Reference of the case to merge into"), max_length=20
    )


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = list(CATEGORY_FIELDS)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ComplaintSettings
        fields = list(PLAIN_SETTING_FIELDS)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import external_recipient_list

        field = self.fields["external_recipient"]
        field.queryset = external_recipient_list(organization=organization)
        field.empty_label = _(
            "— the organisation's own confirmed address, else the national default —"
        )


class ExternalAddressForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the external body"))
    body_name = forms.CharField(
        label=_("Name of the body"),
        max_length=200,
        required=False,
        help_text=_("For example สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น."),
    )


class ExternalAddressCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            ("open", pgettext_lazy("case state", "Open")),
            *Status.choices,
        ],
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All")), *Channel.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All"))] + [(k.value, k.label) for k in PUBLIC_KINDS],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"


class MapFilterForm(forms.Form):
    """The filters of the public map (GET; a wrong value is ignored)."""

    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Open and resolved")),
            ("open", pgettext_lazy("map report", "Open")),
            ("resolved", _("Resolved")),
        ],
    )
    period = forms.TypedChoiceField(
        label=pgettext_lazy("complaint case", "Received"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any time")),
            ("7", _("In the last 7 days")),
            ("30", _("In the last 30 days")),
            ("90", _("In the last 90 days")),
            ("365", _("In the last year")),
        ],
    )

    def __init__(self, data=None, *, categories=()):
        super().__init__(data)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (str(c.pk), c.name) for c in categories
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> dict:
        """The valid filters as ``selectors_map.public_report_list`` takes them."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "category_id": data.get("category"),
            "state": data.get("status") or "",
            "period_days": data.get("period"),
        }
