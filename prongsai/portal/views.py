"""The public pages of each organisation. Reads other apps' selectors only."""

from django.shortcuts import render

from prongsai.organizations.selectors import (
    access_organization,
    organization_list_public,
)


def home(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return render(request, "portal/home.html", {"organization": organization})


def directory(request):
    """The install's home page: every organisation it serves."""
    return render(
        request,
        "portal/directory.html",
        {"organizations": organization_list_public()},
    )
