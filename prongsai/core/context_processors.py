"""Template context available on every page."""

from django.conf import settings


def site(request):
    """Expose the site-wide values the base template needs."""
    return {
        "PRONGSAI_VERSION": __import__("prongsai").__version__,
        "ADMIN_URL": settings.ADMIN_URL,
        "current_organization": getattr(request, "organization", None),
        "current_membership": getattr(request, "membership", None),
    }
