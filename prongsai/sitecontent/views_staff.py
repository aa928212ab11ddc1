"""Back office for the public site's content (the data officer's desk)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.core import colours
from prongsai.core.charts import bar_chart
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services
from .forms import AnswerForm, ExecutiveForm, LawForm, NewsForm, PageForm
from .models import Inquiry, Page
from .permissions import can_edit_site, can_view_site
from .website_standard import checklist

#: The site's colour tokens (static/css/prongsai.css), shown with their
#: contrast on white on the design-system page.
PALETTE = (
    ("--site-ink", "#1b1f23", gettext_lazy("Text")),
    ("--site-muted", "#565e66", gettext_lazy("Secondary text")),
    (
        "--site-primary",
        colours.DEFAULT,
        gettext_lazy("Links and buttons (the default colour)"),
    ),
    ("--site-success", "#1e6b34", gettext_lazy("Done, in time")),
    ("--site-warning", "#8a5300", gettext_lazy("Waiting, due soon")),
    ("--site-danger", "#b02a37", gettext_lazy("Late, refused, errors")),
)


@org_staff_view()
def design_system(request, organization):
    """The public site's design system: type, colours and components, with
    the organisation's own colour as it is applied (any member may read it)."""
    theme = colours.theme(organization.brand_colour)
    return render(
        request,
        "sitecontent/design_system.html",
        {
            "organization": organization,
            "palette": [
                (name, value, label, round(colours.contrast(value, colours.WHITE), 1))
                for name, value, label in PALETTE
            ],
            "theme": theme,
            "theme_contrast": {
                "primary": round(colours.contrast(theme.primary, colours.WHITE), 1),
                "brand": round(colours.contrast(theme.brand, theme.on_brand), 1),
                "button": round(colours.contrast(theme.primary, theme.on_primary), 1),
            },
            "chart": bar_chart(
                [str(_("Requests served on time")), str(_("Complaints resolved"))],
                {str(_("Share")): [85, 60]},
                horizontal=True,
                value_format="{:.0f}%",
            ),
        },
    )


@org_staff_view(can_view_site)
def index(request, organization):
    pages = {page.key: page for page in selectors.page_list(organization=organization)}
    return render(
        request,
        "sitecontent/index.html",
        {
            "organization": organization,
            "pages": [(key, label, pages.get(key)) for key, label in Page.Key.choices],
            "executives": selectors.executive_list(
                organization=organization, public=False
            ),
            "news": selectors.news_list(organization=organization, public=False)[:50],
            "laws": selectors.law_list(organization=organization, public=False),
            "pending": selectors.inquiry_list(
                organization=organization, status=Inquiry.Status.PENDING
            ).count(),
            "read_only": not can_edit_site(request.user, request.membership),
        },
    )


def _edit(request, organization, *, form_class, instance, save, title, history=True):
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    response = handle_form(
        request,
        form,
        on_valid=save,
        success_message=_("Saved."),
        redirect_to=reverse(
            "sitecontent-staff:index", kwargs={"org": organization.slug}
        ),
    )
    if response:
        return response
    events = (
        selectors.content_history(organization=organization, obj=instance)
        if history and instance is not None and instance.pk
        else []
    )
    return render(
        request,
        "sitecontent/form.html",
        {
            "organization": organization,
            "form": form,
            "title": title,
            "events": events,
        },
    )


def _saver(request, organization, instance, *, create, update, name: str):
    """The form's service: ``update`` the record (passed as ``name``) or ``create``."""

    def save(data):
        if instance is not None:
            return update(actor=request.user, data=data, **{name: instance})
        return create(actor=request.user, organization=organization, **data)

    return save


@org_staff_view(can_edit_site)
def page_edit(request, organization, key):
    page = selectors.page_get(organization=organization, key=key, public=False)
    return _edit(
        request,
        organization,
        form_class=PageForm,
        instance=page,
        title=Page.Key(key).label,
        save=lambda data: services.page_save(
            actor=request.user, organization=organization, key=key, **data
        ),
    )


@org_staff_view(can_edit_site)
def executive_edit(request, organization, pk=None):
    executive = (
        selectors.access_executive(organization=organization, pk=pk) if pk else None
    )
    return _edit(
        request,
        organization,
        form_class=ExecutiveForm,
        instance=executive,
        title=_("Executive"),
        save=_saver(
            request,
            organization,
            executive,
            create=services.executive_create,
            update=services.executive_update,
            name="executive",
        ),
    )


@org_staff_view(can_edit_site)
@require_POST
def executive_delete(request, organization, pk):
    executive = selectors.access_executive(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.executive_delete(actor=request.user, executive=executive),
        success_message=_("Removed."),
        redirect_to=reverse(
            "sitecontent-staff:index", kwargs={"org": organization.slug}
        ),
    )


@org_staff_view(can_edit_site)
def news_edit(request, organization, pk=None):
    news = (
        selectors.access_news(organization=organization, pk=pk, public=False)
        if pk
        else None
    )
    return _edit(
        request,
        organization,
        form_class=NewsForm,
        instance=news,
        title=_("News item"),
        save=_saver(
            request,
            organization,
            news,
            create=services.news_create,
            update=services.news_update,
            name="news",
        ),
    )


@org_staff_view(can_edit_site)
def law_edit(request, organization, pk=None):
    law = selectors.access_law(organization=organization, pk=pk) if pk else None
    return _edit(
        request,
        organization,
        form_class=LawForm,
        instance=law,
        title=_("Law or regulation"),
        save=_saver(
            request,
            organization,
            law,
            create=services.law_create,
            update=services.law_update,
            name="law",
        ),
    )


@org_staff_view(can_view_site)
def inquiries(request, organization):
    return render(
        request,
        "sitecontent/inquiries.html",
        {
            "organization": organization,
            "inquiries": selectors.inquiry_list(organization=organization)[:100],
            "read_only": not can_edit_site(request.user, request.membership),
        },
    )


@org_staff_view(can_edit_site)
def inquiry_answer(request, organization, pk):
    inquiry = selectors.access_inquiry(organization=organization, pk=pk)
    form = AnswerForm(request.POST or None, initial={"answer": inquiry.answer})

    def answer(data):
        if request.POST.get("action") == "reject":
            services.inquiry_reject(actor=request.user, inquiry=inquiry)
        else:
            services.inquiry_answer(
                actor=request.user, inquiry=inquiry, answer=data["answer"]
            )

    response = handle_form(
        request,
        form,
        on_valid=answer,
        success_message=_("Saved."),
        redirect_to=reverse(
            "sitecontent-staff:inquiries", kwargs={"org": organization.slug}
        ),
    )
    if response:
        return response
    return render(
        request,
        "sitecontent/inquiry_answer.html",
        {"organization": organization, "inquiry": inquiry, "form": form},
    )


@org_staff_view(can_view_site)
def website_standard(request, organization):
    """The DGA/NCSA website standard checklist (data/website_standard.yaml)."""
    sources, items = checklist()
    return render(
        request,
        "sitecontent/website_standard.html",
        {"organization": organization, "sources": sources, "items": items},
    )
