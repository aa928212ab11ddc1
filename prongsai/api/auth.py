"""Bearer tokens of the write endpoints (``Authorization: Bearer <token>``)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from .errors import Refused
from .limits import limit_writes
from .models import ApiToken
from .selectors import api_token_for_text
from .services import api_token_touch


class TokenAuth(HttpBearer):
    """An active token; ``request.auth`` is the :class:`ApiToken`.

    A token used on another organisation's URL is a 404 before anything of
    the request is read, as for any record of another organisation.
    """

    def authenticate(self, request, token: str) -> ApiToken | None:
        found = api_token_for_text(token.strip())
        if found is None:
            return None
        match = getattr(request, "resolver_match", None)
        if match is not None and match.kwargs.get("org") != found.organization.slug:
            raise Http404
        limit_writes(found)
        api_token_touch(token=found)
        return found


def token_for(request, organization, scope: str) -> ApiToken:
    """The request's token when it belongs to ``organization`` and holds ``scope``.

    Another organisation's token is a 404 (checked first in
    :meth:`TokenAuth.authenticate`, again here); a token without the scope
    is a 403.
    """
    token: ApiToken = request.auth
    if token.organization_id != organization.pk:
        raise Http404
    if scope not in token.scopes:
        raise Refused(
            403,
            _("This token may not do this (it lacks the permission “%(scope)s”).")
            % {"scope": scope},
        )
    return token
