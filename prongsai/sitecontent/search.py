"""The public site's content in the site search (news, pages, laws, people, answers)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.search.registry import Document, Kind, register

from .models import Executive, Inquiry, Law, NewsItem, Page


def _url(name: str, record, **kwargs) -> str:
    return reverse(name, kwargs={"org": record.organization.slug, **kwargs})


def _published(record) -> bool:
    return record.status == record.Status.PUBLISHED


def news_document(news: NewsItem) -> Document | None:
    if not _published(news):
        return None
    return Document(
        title=news.title,
        text=news.body,
        url=_url("portal-public:news-detail", news, pk=news.pk),
        date=news.publish_at or news.created_at,
        public_from=news.publish_at,
    )


PAGE_URLS = {
    Page.Key.STRUCTURE: "portal-public:structure",
    Page.Key.CONTACTS: "portal-public:contacts",
}


def page_document(page: Page) -> Document | None:
    if not _published(page) or page.key not in PAGE_URLS:
        return None
    return Document(
        title=page.title,
        text=page.body,
        url=_url(PAGE_URLS[page.key], page),
        date=page.updated_at,
        public_from=page.publish_at,
    )


def law_document(law: Law) -> Document | None:
    if not _published(law):
        return None
    return Document(
        title=law.title,
        text=law.summary,
        url=_url("portal-public:laws", law),
        date=law.updated_at,
        public_from=law.publish_at,
    )


def executive_document(executive: Executive) -> Document | None:
    if not executive.is_published:
        return None
    return Document(
        title=executive.full_name,
        text=executive.position,
        url=_url("portal-public:executives", executive),
        date=executive.updated_at,
    )


def inquiry_document(inquiry: Inquiry) -> Document | None:
    if inquiry.status != Inquiry.Status.ANSWERED:
        return None
    return Document(
        title=inquiry.question[:120],
        text=inquiry.question + "\n" + inquiry.answer,
        url=_url("portal-public:contacts", inquiry),
        date=inquiry.answered_at,
    )


def _every(model):
    """Every organisation's records: the index is rebuilt across organisations."""
    return lambda: model.objects.all_organizations().select_related("organization")


for key, label, model, document, order in (
    ("news", _("News"), NewsItem, news_document, 10),
    ("page", _("Site pages"), Page, page_document, 80),
    ("law", _("Laws and regulations"), Law, law_document, 70),
    ("executive", _("Executives"), Executive, executive_document, 90),
    ("inquiry", _("Questions and answers"), Inquiry, inquiry_document, 95),
):
    register(
        Kind(
            key=key,
            label=label,
            model=model,
            document=document,
            queryset=_every(model),
            order=order,
        )
    )
