"""Public No Gift Policy pages of an organisation (an OIT item)."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.organizations.selectors import access_organization

from . import selectors


def no_gift(request, org, fiscal_year=None):
    """A year's published announcement, activities and gift summary (the
    current fiscal year without ``fiscal_year``; another year only once its
    announcement is published).

    Staff names are never shown: the gifts are counted and summed by action.
    """
    organization = access_organization(slug=org)
    request.organization = organization
    if fiscal_year is None:
        fiscal_year = thai_dates.fiscal_year(timezone.localdate())
        announcement = selectors.no_gift_announcement_get(
            organization=organization, fiscal_year=fiscal_year, published=True
        )
    else:
        announcement = selectors.access_published_no_gift_year(
            organization=organization, fiscal_year=fiscal_year
        )
    year = {"organization": organization, "fiscal_year": fiscal_year}
    return render(
        request,
        "integrity/public_no_gift.html",
        {
            **year,
            "announcement": announcement,
            "activities": selectors.no_gift_activity_list(**year)
            if announcement
            else [],
            "summary": selectors.gift_summary_get(**year),
            "nil": selectors.gift_nil_statement_get(**year),
            "years": selectors.no_gift_year_list_published(organization=organization),
        },
    )


def moved_from_plans(request, org, rest=""):
    """The pages were under ``/<org>/plans/no-gift/``: send links on."""
    organization = access_organization(slug=org)
    url = reverse("integrity-public:no-gift", kwargs={"org": organization.slug})
    return HttpResponsePermanentRedirect(url + rest)
