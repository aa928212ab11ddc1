"""What the organisation's public home page shows, read from the apps' own
selectors: this fiscal year's figures at a glance, the latest news,
procurement announcements and upcoming events."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from prongsai.budget.selectors import budget_for_year, budget_money
from prongsai.complaints.selectors_statistics import (
    OUTCOME_COMPLETED,
    complaint_statistics_get,
)
from prongsai.core import thai_dates
from prongsai.eservices.selectors import eservice_statistics_get
from prongsai.procurement.selectors import procurement_list
from prongsai.sitecontent import selectors as site
from prongsai.sitecontent.models import NewsItem


@dataclass(frozen=True)
class Figure:
    """One number at a glance: ``done`` of ``total`` (a share when both)."""

    key: str
    done: int | Decimal
    total: int | Decimal | None = None

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return round(100 * Decimal(self.done) / Decimal(self.total))


@dataclass(frozen=True)
class YearFigures:
    fiscal_year: int
    requests: Figure  # requests completed in time / completed
    complaints: Figure  # complaints completed / received
    procurement: Figure  # procurements published this year
    budget: Figure | None  # baht paid / baht in force (None: no budget)


def home_figures(*, organization, today=None) -> YearFigures:
    """The current Thai fiscal year's figures (1 Oct - 30 Sep, named by its
    Buddhist-era year), from the records."""
    year = thai_dates.fiscal_year(today or timezone.localdate())
    services = eservice_statistics_get(
        organization=organization, fiscal_year=year
    ).total
    complaints = complaint_statistics_get(organization=organization, fiscal_year=year)
    budget = budget_for_year(organization=organization, fiscal_year=year)
    money = (
        budget_money(organization=organization, budget=budget).total
        if budget is not None
        else None
    )
    return YearFigures(
        fiscal_year=year,
        requests=Figure("requests", services.in_time, services.completed),
        complaints=Figure(
            "complaints",
            complaints["outcomes"][OUTCOME_COMPLETED],
            complaints["total"],
        ),
        procurement=Figure(
            "procurement",
            procurement_list(organization=organization, fiscal_year=year).count(),
        ),
        budget=Figure("budget", money.disbursed, money.in_force)
        if money is not None and money.in_force
        else None,
    )


def home_content(*, organization) -> dict:
    """The lists of the home page: news, procurement announcements, events."""
    news = site.news_list(organization=organization)
    return {
        "latest_news": news.exclude(category=NewsItem.Category.PROCUREMENT)[:4],
        "procurement_news": news.filter(category=NewsItem.Category.PROCUREMENT)[:4],
        "latest_procurements": procurement_list(organization=organization)[:4],
        "events": site.event_list_upcoming(organization=organization)[:4],
        "executives": site.executive_list(organization=organization)[:4],
        "last_updated": site.last_updated(news),
    }
