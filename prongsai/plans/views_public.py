"""Public pages of an organisation's published plans (an OIT item)."""

from django.shortcuts import render

from prongsai.organizations.selectors import access_organization

from . import selectors


def plan_list(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return render(
        request,
        "plans/public_plan_list.html",
        {
            "organization": organization,
            "plans": selectors.plan_list_published(organization=organization),
        },
    )


def plan_detail(request, org, pk):
    organization = access_organization(slug=org)
    request.organization = organization
    plan, version = selectors.access_published_plan(organization=organization, pk=pk)
    return render(
        request,
        "plans/public_plan_detail.html",
        {
            "organization": organization,
            "plan": plan,
            "version": version,
            "content": selectors.snapshot_for_display(version.snapshot),
        },
    )
