from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Executive, Inquiry, Law, NewsItem, Page
from .services import EXECUTIVE_FIELDS, LAW_FIELDS, NEWS_FIELDS, PAGE_FIELDS

_DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


def _url_field(model, name):
    field = model._meta.get_field(name)
    return forms.URLField(
        label=field.verbose_name,
        required=False,
        assume_scheme="https",
        help_text=field.help_text,
        max_length=field.max_length,
    )


class PageForm(forms.ModelForm):
    link = _url_field(Page, "link")

    class Meta:
        model = Page
        fields = list(PAGE_FIELDS)
        widgets = {"body": forms.Textarea(attrs={"rows": 10}), "publish_at": _DATETIME}


class ExecutiveForm(forms.ModelForm):
    class Meta:
        model = Executive
        fields = list(EXECUTIVE_FIELDS)


class NewsForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = list(NEWS_FIELDS)
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "publish_at": _DATETIME,
            "event_at": _DATETIME,
        }


class LawForm(forms.ModelForm):
    url = _url_field(Law, "url")

    class Meta:
        model = Law
        fields = list(LAW_FIELDS)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "publish_at": _DATETIME,
        }


class InquiryForm(forms.ModelForm):
    """The public question form."""

    honeypot = True

    class Meta:
        model = Inquiry
        fields = ["name", "contact", "question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": _("Shown with your question; leave empty to stay anonymous."),
            "contact": _("Phone or e-mail for a private reply; never published."),
        }


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
