"""Reads of API tokens, scoped to one organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import ApiToken
from .services import token_hash


def api_token_list(*, organization) -> QuerySet[ApiToken]:
    return ApiToken.objects.for_organization(organization).select_related("created_by")


def access_api_token(*, organization, pk) -> ApiToken:
    try:
        return ApiToken.objects.for_organization(organization).get(pk=pk)
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def api_token_for_text(raw: str) -> ApiToken | None:
    """The active token whose text is ``raw`` (its organisation loaded), or None.

    Crosses organisations: the token says which organisation it belongs to,
    and the endpoint then refuses any other (404).
    """
    if not raw or len(raw) > 200:
        return None
    return (
        ApiToken.objects.all_organizations()
        .select_related("organization", "created_by")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True)
        .first()
    )
