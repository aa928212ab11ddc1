"""The public page of the published development plan: its strategies with
their goals and indicators, the projects and their budget per year, and the
documents. Only the current publication is shown, never the live plan."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.core.documents import file_response
from prongsai.core.public_documents import public_document_response
from prongsai.organizations.selectors import access_organization

from . import selectors_plan


def _organization(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def _page(request, organization, plan, publication):
    published = selectors_plan.published_plans(organization=organization)
    return render(
        request,
        "budget/plan/public_plan.html",
        {
            "organization": organization,
            "plan": plan,
            "publication": publication,
            "s": publication.snapshot,
            "others": [(p, pub) for p, pub in published if p.pk != plan.pk],
        },
    )


def plan_current(request, org):
    """The published plan covering this fiscal year (else the newest one)."""
    organization = _organization(request, org)
    found = selectors_plan.published_plan_for_year(
        organization=organization,
        fiscal_year=thai_dates.fiscal_year(timezone.localdate()),
    )
    if found is None:
        published = selectors_plan.published_plans(organization=organization)
        if not published:
            return render(
                request,
                "budget/plan/public_plan.html",
                {"organization": organization, "s": None},
            )
        found = published[0]
    return _page(request, organization, *found)


def _published(organization, first_year):
    for plan, publication in selectors_plan.published_plans(organization=organization):
        if plan.first_year == first_year:
            return plan, publication
    raise Http404


def plan_year(request, org, first_year):
    organization = _organization(request, org)
    return _page(request, organization, *_published(organization, first_year))


def plan_download(request, org, first_year, document, extension):
    """The published ผ.02 (the frozen PDF) or ผ.01, as PDF or DOCX, all made
    from the published snapshot."""
    organization = _organization(request, org)
    plan, publication = _published(organization, first_year)
    if document == "p02" and extension == "pdf":  # stored with the publication
        return file_response(
            selectors_plan.publication_pdf_bytes(publication),
            filename=f"p02-{plan.first_year}-{plan.last_year}.pdf",
            content_type="application/pdf",
        )
    return public_document_response(
        request,
        organization=organization,
        kind="budget.plan_document",
        params={"first_year": first_year, "document": document, "extension": extension},
    )
