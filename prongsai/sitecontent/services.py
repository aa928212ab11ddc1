"""Writes on the public site's content. Every change is audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.errors import DomainError

from .models import Executive, Inquiry, Law, NewsItem, Page

PAGE_FIELDS = ("title", "body", "image", "link", "status", "publish_at")
EXECUTIVE_FIELDS = (
    "full_name",
    "position",
    "side",
    "photo",
    "phone",
    "email",
    "order",
    "is_published",
)
NEWS_FIELDS = ("title", "category", "body", "attachment", "status", "publish_at")
LAW_FIELDS = (
    "title",
    "category",
    "summary",
    "url",
    "attachment",
    "status",
    "publish_at",
)


def _save(*, actor, organization, obj, fields, values: dict, action: str):
    """Set ``values`` on ``obj``, validate, save and audit the difference."""
    created = obj.pk is None
    before = {} if created else snapshot(obj, fields)
    for key, value in values.items():
        if key not in fields:
            raise TypeError(key)
        if isinstance(value, str):
            value = value.strip()
        setattr(obj, key, value)
    obj.organization = organization
    obj.full_clean()
    obj.save()
    after = snapshot(obj, fields)
    changes = after if created else diff(before, after)
    if created or changes:
        audit_log(
            actor=actor,
            organization=organization,
            action=f"{action}.create" if created else f"{action}.update",
            target=obj,
            changes=changes,
        )
    return obj


@transaction.atomic
def page_save(*, actor, organization, key: str, **values) -> Page:
    """Create or update one of the fixed pages (structure, contacts)."""
    page = Page.objects.filter(organization=organization, key=key).first()
    page = page or Page(organization=organization, key=key)
    return _save(
        actor=actor,
        organization=organization,
        obj=page,
        fields=PAGE_FIELDS,
        values=values,
        action="site_page",
    )


@transaction.atomic
def executive_save(
    *, actor, organization, executive: Executive | None = None, **values
) -> Executive:
    return _save(
        actor=actor,
        organization=organization,
        obj=executive or Executive(organization=organization),
        fields=EXECUTIVE_FIELDS,
        values=values,
        action="site_executive",
    )


@transaction.atomic
def executive_delete(*, actor, executive: Executive) -> None:
    audit_log(
        actor=actor,
        organization=executive.organization,
        action="site_executive.delete",
        target=executive,
        changes=snapshot(executive, ("full_name", "position")),
    )
    executive.delete()


@transaction.atomic
def news_save(
    *, actor, organization, news: NewsItem | None = None, **values
) -> NewsItem:
    news = news or NewsItem(organization=organization)
    if values.get("status") == NewsItem.Status.PUBLISHED and not values.get(
        "publish_at", news.publish_at
    ):
        values["publish_at"] = timezone.now()
    return _save(
        actor=actor,
        organization=organization,
        obj=news,
        fields=NEWS_FIELDS,
        values=values,
        action="site_news",
    )


@transaction.atomic
def law_save(*, actor, organization, law: Law | None = None, **values) -> Law:
    law = law or Law(organization=organization)
    if not values.get("url", law.url) and not values.get("attachment", law.attachment):
        raise DomainError(_("Give a link to the text or attach the file."), field="url")
    return _save(
        actor=actor,
        organization=organization,
        obj=law,
        fields=LAW_FIELDS,
        values=values,
        action="site_law",
    )


@transaction.atomic
def inquiry_submit(
    *, organization, question: str, name: str = "", contact: str = ""
) -> Inquiry:
    """A visitor asks a question; it waits for the data officer."""
    inquiry = Inquiry(
        organization=organization,
        question=question.strip(),
        name=name.strip(),
        contact=contact.strip(),
    )
    if len(inquiry.question) < 5:
        raise DomainError(
            _("Write your question (at least 5 letters)."), field="question"
        )
    inquiry.full_clean()
    inquiry.save()
    audit_log(
        actor=None,
        organization=organization,
        action="site_inquiry.submit",
        target=inquiry,
    )
    return inquiry


@transaction.atomic
def inquiry_answer(*, actor, inquiry: Inquiry, answer: str) -> Inquiry:
    """Publish the question with its answer."""
    answer = answer.strip()
    if not answer:
        raise DomainError(_("Write the answer before publishing it."), field="answer")
    before = snapshot(inquiry, ("status", "answer"))
    inquiry.answer = answer
    inquiry.status = Inquiry.Status.ANSWERED
    inquiry.answered_by = actor if getattr(actor, "is_authenticated", False) else None
    inquiry.answered_at = timezone.now()
    inquiry.full_clean()
    inquiry.save()
    audit_log(
        actor=actor,
        organization=inquiry.organization,
        action="site_inquiry.answer",
        target=inquiry,
        changes=diff(before, snapshot(inquiry, ("status", "answer"))),
    )
    return inquiry


@transaction.atomic
def inquiry_reject(*, actor, inquiry: Inquiry) -> Inquiry:
    """Keep a question off the site (spam, personal data, abuse)."""
    before = snapshot(inquiry, ("status",))
    inquiry.status = Inquiry.Status.REJECTED
    inquiry.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        organization=inquiry.organization,
        action="site_inquiry.reject",
        target=inquiry,
        changes=diff(before, snapshot(inquiry, ("status",))),
    )
    return inquiry
