"""Reads on the public site's content, scoped to one organisation."""

from __future__ import annotations

import datetime

from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.core.models import AuditEvent
from prongsai.search.selectors import filter_by_search

from .models import Executive, Inquiry, Law, NewsItem, Page


def page_get(*, organization, key: str, public: bool = True) -> Page | None:
    pages = Page.objects.filter(organization=organization, key=key)
    if public:
        pages = pages.published()
    return pages.first()


def page_list(*, organization) -> QuerySet[Page]:
    return Page.objects.filter(organization=organization).order_by("key")


def executive_list(*, organization, public: bool = True) -> QuerySet[Executive]:
    executives = Executive.objects.filter(organization=organization)
    if public:
        executives = executives.filter(is_published=True)
    return executives


def access_executive(*, organization, pk) -> Executive:
    try:
        return Executive.objects.get(organization=organization, pk=pk)
    except (Executive.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def news_list(
    *, organization, public: bool = True, category: str = "", query: str = ""
) -> QuerySet[NewsItem]:
    """The organisation's news, newest first; ``query`` searches the site index."""
    news = NewsItem.objects.filter(organization=organization)
    if public:
        news = news.published()
    if category:
        news = news.filter(category=category)
    if query:
        news = filter_by_search(
            news, kind="news", query=query, organization=organization
        )
    return news.order_by("-publish_at", "-created_at")


def news_in_period(
    *, organization, start: datetime.date, end: datetime.date
) -> QuerySet[NewsItem]:
    """Published news whose publish date falls in [start, end] (local days)."""
    return news_list(organization=organization).filter(
        publish_at__date__gte=start, publish_at__date__lte=end
    )


def access_news(*, organization, pk, public: bool = True) -> NewsItem:
    news = NewsItem.objects.filter(organization=organization)
    if public:
        news = news.published()
    try:
        return news.get(pk=pk)
    except (NewsItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def law_list(*, organization, public: bool = True) -> QuerySet[Law]:
    laws = Law.objects.filter(organization=organization)
    return laws.published() if public else laws


def access_law(*, organization, pk) -> Law:
    try:
        return Law.objects.get(organization=organization, pk=pk)
    except (Law.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def inquiry_list(*, organization, status: str = "") -> QuerySet[Inquiry]:
    inquiries = Inquiry.objects.filter(organization=organization)
    return inquiries.filter(status=status) if status else inquiries


def inquiry_list_public(*, organization) -> QuerySet[Inquiry]:
    return inquiry_list(
        organization=organization, status=Inquiry.Status.ANSWERED
    ).order_by("-answered_at")


def access_inquiry(*, organization, pk) -> Inquiry:
    try:
        return Inquiry.objects.get(organization=organization, pk=pk)
    except (Inquiry.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def event_list_upcoming(*, organization, now=None) -> QuerySet[NewsItem]:
    """Published news items announcing an event that has not passed, soonest
    first (an event stays listed through its day)."""
    start = timezone.localtime(now or timezone.now()).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return (
        NewsItem.objects.filter(organization=organization, event_at__gte=start)
        .published()
        .order_by("event_at", "pk")
    )


def last_updated(*querysets) -> datetime.datetime | None:
    """The latest ``updated_at`` over the given querysets (a page's date)."""
    dates = [qs.aggregate(last=Max("updated_at"))["last"] for qs in querysets]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def content_history(*, organization, obj) -> QuerySet[AuditEvent]:
    """The audit events of one content object, newest first."""
    return AuditEvent.objects.filter(
        organization=organization,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
    ).select_related("actor")
