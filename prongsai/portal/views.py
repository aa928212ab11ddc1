"""The public pages of each organisation. Reads other apps' selectors only."""

from django.shortcuts import render

from prongsai.organizations.selectors import access_organization


def home(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return render(request, "portal/home.html", {"organization": organization})
