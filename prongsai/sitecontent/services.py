"""Writes on the public site's content. Every change is audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypedDict

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import images
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from .models import Executive, Inquiry, Law, NewsItem, Page

#: A file field's value: a new file, the stored name, or "" / False to clear it.
FileValue = File | str | bool | None

PAGE_FIELDS = (
    "title",
    "title_en",
    "body",
    "body_en",
    "image",
    "link",
    "status",
    "publish_at",
)
EXECUTIVE_FIELDS = (
    "full_name",
    "full_name_en",
    "position",
    "position_en",
    "side",
    "photo",
    "phone",
    "email",
    "order",
    "is_published",
)
NEWS_FIELDS = (
    "title",
    "title_en",
    "category",
    "body",
    "body_en",
    "attachment",
    "event_at",
    "event_place",
    "status",
    "publish_at",
)
LAW_FIELDS = (
    "title",
    "title_en",
    "category",
    "summary",
    "url",
    "attachment",
    "status",
    "publish_at",
)


#: An executive's photo as stored: a 3:4 portrait, WebP.
PHOTO_SIZE = (360, 480)


def _web_photo(value: FileValue) -> FileValue:
    width, height = PHOTO_SIZE
    return images.web_image_value(
        value, field="photo", width=width, height=height, fit=images.COVER
    )


class ExecutiveData(TypedDict, total=False):
    full_name: str
    full_name_en: str
    position: str
    position_en: str
    side: str
    photo: FileValue
    phone: str
    email: str
    order: int
    is_published: bool


class NewsData(TypedDict, total=False):
    title: str
    title_en: str
    category: str
    body: str
    body_en: str
    attachment: FileValue
    event_at: datetime | None
    event_place: str
    status: str
    publish_at: datetime | None


class LawData(TypedDict, total=False):
    title: str
    title_en: str
    category: str
    summary: str
    url: str
    attachment: FileValue
    status: str
    publish_at: datetime | None


def _stripped(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


def _create(
    *, actor: User | None, obj: Any, fields: tuple[str, ...], action: str
) -> Any:
    """Validate, save and audit a new record of the site's content."""
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, str):
            setattr(obj, name, value.strip())
    obj.full_clean()
    obj.save()
    audit_log(
        actor=actor,
        organization=obj.organization,
        action=f"{action}.create",
        target=obj,
        changes=snapshot(obj, fields),
    )
    return obj


def _update(
    *,
    actor: User | None,
    obj: Any,
    data: Mapping[str, Any],
    fields: tuple[str, ...],
    action: str,
) -> Any:
    """Change the fields of ``data`` on a record and audit the difference."""
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    changes = model_update(obj, _stripped(data), fields)
    if changes:
        audit_log(
            actor=actor,
            organization=obj.organization,
            action=f"{action}.update",
            target=obj,
            changes=changes,
        )
    return obj


@transaction.atomic
def page_save(
    *,
    actor: User | None,
    organization: Organization,
    key: str,
    title: str,
    body: str = "",
    title_en: str = "",
    body_en: str = "",
    image: FileValue = "",
    link: str = "",
    status: str = Page.Status.DRAFT,
    publish_at: datetime | None = None,
) -> Page:
    """Create or update one of the fixed pages (structure, contacts)."""
    data = {
        "title": title,
        "title_en": title_en,
        "body": body,
        "body_en": body_en,
        "image": image,
        "link": link,
        "status": status,
        "publish_at": publish_at,
    }
    page = Page.objects.filter(organization=organization, key=key).first()
    if page is not None:
        return _update(
            actor=actor, obj=page, data=data, fields=PAGE_FIELDS, action="site_page"
        )
    page = Page(organization=organization, key=key, **data)
    return _create(actor=actor, obj=page, fields=PAGE_FIELDS, action="site_page")


@transaction.atomic
def executive_create(
    *,
    actor: User | None,
    organization: Organization,
    full_name: str,
    position: str,
    full_name_en: str = "",
    position_en: str = "",
    side: str = Executive.Side.POLITICAL,
    photo: FileValue = "",
    phone: str = "",
    email: str = "",
    order: int = 10,
    is_published: bool = True,
) -> Executive:
    """Add an executive to the public executives page."""
    executive = Executive(
        organization=organization,
        full_name=full_name,
        full_name_en=full_name_en,
        position=position,
        position_en=position_en,
        side=side,
        photo=_web_photo(photo),
        phone=phone,
        email=email,
        order=order,
        is_published=is_published,
    )
    return _create(
        actor=actor, obj=executive, fields=EXECUTIVE_FIELDS, action="site_executive"
    )


@transaction.atomic
def executive_update(
    *, actor: User | None, executive: Executive, data: ExecutiveData
) -> Executive:
    """Change an executive's entry: the fields given in ``data``."""
    values: dict[str, Any] = dict(data)
    if "photo" in values:
        values["photo"] = _web_photo(values["photo"])
    return _update(
        actor=actor,
        obj=executive,
        data=values,
        fields=EXECUTIVE_FIELDS,
        action="site_executive",
    )


@transaction.atomic
def executive_delete(*, actor: User, executive: Executive) -> None:
    audit_log(
        actor=actor,
        organization=executive.organization,
        action="site_executive.delete",
        target=executive,
        changes=snapshot(executive, ("full_name", "position")),
    )
    executive.delete()


def _publish_time(status: str, publish_at: datetime | None) -> datetime | None:
    """A news item published without a time is published now."""
    if status == NewsItem.Status.PUBLISHED and not publish_at:
        return timezone.now()
    return publish_at


@transaction.atomic
def news_create(
    *,
    actor: User | None,
    organization: Organization,
    title: str,
    body: str,
    title_en: str = "",
    body_en: str = "",
    category: str = NewsItem.Category.NEWS,
    attachment: FileValue = "",
    event_at: datetime | None = None,
    event_place: str = "",
    status: str = NewsItem.Status.DRAFT,
    publish_at: datetime | None = None,
) -> NewsItem:
    """Write a news item (a draft, published or scheduled); with ``event_at``
    it also announces an event."""
    news = NewsItem(
        organization=organization,
        title=title,
        title_en=title_en,
        body=body,
        body_en=body_en,
        category=category,
        attachment=attachment,
        event_at=event_at,
        event_place=event_place,
        status=status,
        publish_at=_publish_time(status, publish_at),
    )
    return _create(actor=actor, obj=news, fields=NEWS_FIELDS, action="site_news")


@transaction.atomic
def news_update(*, actor: User | None, news: NewsItem, data: NewsData) -> NewsItem:
    """Change a news item: the fields given in ``data``."""
    values: dict[str, Any] = dict(data)
    if "status" in data:
        values["publish_at"] = _publish_time(
            data["status"], data.get("publish_at", news.publish_at)
        )
    return _update(
        actor=actor, obj=news, data=values, fields=NEWS_FIELDS, action="site_news"
    )


def _law_check(*, url: str, attachment: FileValue) -> None:
    if not url and not attachment:
        raise DomainError(_("Give a link to the text or attach the file."), field="url")


@transaction.atomic
def law_create(
    *,
    actor: User | None,
    organization: Organization,
    title: str,
    title_en: str = "",
    category: str = Law.Category.ACT,
    summary: str = "",
    url: str = "",
    attachment: FileValue = "",
    status: str = Law.Status.DRAFT,
    publish_at: datetime | None = None,
) -> Law:
    """Add a law or regulation; it needs a link to its text or the file."""
    _law_check(url=url, attachment=attachment)
    law = Law(
        organization=organization,
        title=title,
        title_en=title_en,
        category=category,
        summary=summary,
        url=url,
        attachment=attachment,
        status=status,
        publish_at=publish_at,
    )
    return _create(actor=actor, obj=law, fields=LAW_FIELDS, action="site_law")


@transaction.atomic
def law_update(*, actor: User | None, law: Law, data: LawData) -> Law:
    """Change a law's entry: the fields given in ``data``."""
    _law_check(
        url=data.get("url", law.url), attachment=data.get("attachment", law.attachment)
    )
    return _update(
        actor=actor, obj=law, data=data, fields=LAW_FIELDS, action="site_law"
    )


@transaction.atomic
def inquiry_submit(
    *, organization: Organization, question: str, name: str = "", contact: str = ""
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
        public=False,
    )
    return inquiry


@transaction.atomic
def inquiry_answer(*, actor: User | None, inquiry: Inquiry, answer: str) -> Inquiry:
    """Publish the question with its answer."""
    answer = answer.strip()
    if not answer:
        raise DomainError(_("Write the answer before publishing it."), field="answer")
    changes = model_update(
        inquiry,
        {
            "answer": answer,
            "status": Inquiry.Status.ANSWERED,
            "answered_by": actor if actor and actor.is_authenticated else None,
            "answered_at": timezone.now(),
        },
        ("answer", "status", "answered_by", "answered_at"),
    )
    audit_log(
        actor=actor,
        organization=inquiry.organization,
        action="site_inquiry.answer",
        target=inquiry,
        changes={k: v for k, v in changes.items() if k in ("status", "answer")},
    )
    return inquiry


@transaction.atomic
def inquiry_reject(*, actor: User, inquiry: Inquiry) -> Inquiry:
    """Keep a question off the site (spam, personal data, abuse)."""
    changes = model_update(
        inquiry, {"status": Inquiry.Status.REJECTED}, ("status",), clean=False
    )
    audit_log(
        actor=actor,
        organization=inquiry.organization,
        action="site_inquiry.reject",
        target=inquiry,
        changes=changes,
    )
    return inquiry
