"""Reads and access helpers for organisations, memberships and invitations.

``access_*`` functions are the only sanctioned way to turn a value from a request
into an object. Anything outside the caller's organisation is a 404, exactly
like something that does not exist.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from . import hosts
from .directory_search import search_words
from .models import ChannelSettings, Invitation, Membership, Organization
from .roles import Role

HOST_CACHE_PREFIX = "org-host:"
HOST_CACHE_SECONDS = 300
INVITATION_SALT = "prongsai.organizations.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 30


def organization_list_public() -> QuerySet[Organization]:
    """Organisations shown in the public directory of this install."""
    return Organization.objects.active().order_by("province", "name")


DIRECTORY_PER_PAGE = 60
DIRECTORY_CACHE_SECONDS = 600
DIRECTORY_GENERATION_KEY = "org-directory:gen"
DIRECTORY_FIELDS = ("slug", "name", "kind", "province", "district")


@dataclass(frozen=True)
class DirectoryPage:
    """One page of the platform directory: plain rows, safe to cache."""

    rows: list[dict]
    count: int
    number: int
    paginator: Paginator


def _directory_generation() -> int:
    value = cache.get(DIRECTORY_GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(DIRECTORY_GENERATION_KEY, value, None)
    return int(value)


def organization_directory_changed() -> None:
    """Forget every cached directory page (an organisation was saved)."""
    try:
        cache.incr(DIRECTORY_GENERATION_KEY)
    except ValueError:
        cache.set(DIRECTORY_GENERATION_KEY, 2, None)


def _directory_rows(words: list[str]) -> QuerySet[Organization]:
    rows = organization_list_public()
    for word in words:
        rows = rows.filter(
            Q(name__icontains=word)
            | Q(province__icontains=word)
            | Q(district__icontains=word)
            | Q(subdistrict__icontains=word)
        )
    return rows


def organization_directory_page(*, query: str = "", page=1) -> DirectoryPage:
    """A page of active organisations whose name, province, district or
    subdistrict match every word of ``query`` (Thai abbreviations spelt out,
    ``organizations.directory_search``), by province then name; cached until
    an organisation changes or :data:`DIRECTORY_CACHE_SECONDS` pass."""
    words = search_words(query)
    try:
        number = max(1, int(page))
    except (TypeError, ValueError):
        number = 1
    raw = "|".join((str(_directory_generation()), str(timezone.localdate()), *words))
    key = "org-directory:" + hashlib.sha256(raw.encode()).hexdigest() + f":{number}"
    cached = cache.get(key)
    if cached is None:
        queryset = _directory_rows(words)
        count = queryset.count()
        last = max(1, -(-count // DIRECTORY_PER_PAGE))
        number = min(number, last)
        start = (number - 1) * DIRECTORY_PER_PAGE
        rows = list(
            queryset.values(*DIRECTORY_FIELDS)[start : start + DIRECTORY_PER_PAGE]
        )
        cached = (rows, count, number)
        cache.set(key, cached, DIRECTORY_CACHE_SECONDS)
    rows, count, number = cached
    kinds = dict(Organization.Kind.choices)
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
    paginator = Paginator(range(count), DIRECTORY_PER_PAGE, allow_empty_first_page=True)
    return DirectoryPage(rows=rows, count=count, number=number, paginator=paginator)


def access_organization(*, slug: str) -> Organization:
    """The active organisation with this slug, or 404."""
    try:
        return Organization.objects.active().get(slug=slug)
    except Organization.DoesNotExist:
        raise Http404 from None


def access_staff_organization(
    *, user, slug: str
) -> tuple[Organization, Membership | None]:
    """The organisation and the user's membership in it, or 404.

    Platform superusers may enter every organisation's back office; they get
    ``None`` as membership unless they are members too.
    """
    organization = access_organization(slug=slug)
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.active()
        .filter(organization=organization, user=user)
        .select_related("user")
        .first()
    )
    if membership is None and not user.is_superuser:
        raise Http404
    return organization, membership


def access_membership(*, organization: Organization, pk) -> Membership:
    """A membership of this organisation, or 404."""
    try:
        return Membership.objects.select_related("user").get(
            organization=organization, pk=pk
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_invitation(*, organization: Organization, pk) -> Invitation:
    """An invitation of this organisation, or 404."""
    try:
        return Invitation.objects.get(organization=organization, pk=pk)
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def invitation_token(invitation: Invitation) -> str:
    """A signed token naming the invitation; re-issuing the nonce voids old ones."""
    return signing.dumps(
        {"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT, compress=True
    )


def access_invitation_by_token(*, token: str) -> Invitation:
    """The pending invitation a token names, or 404 (bad, old, used or revoked)."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    invitation = (
        # The signed token names the invitation before any organisation is known.
        Invitation.objects.all_organizations()
        .select_related("organization")
        .filter(pk=data.get("i"))
        .first()
    )
    if invitation is None:
        raise Http404
    if not constant_time_compare(invitation.nonce, str(data.get("n", ""))):
        raise Http404
    if not invitation.is_pending:
        raise Http404
    return invitation


def membership_list(*, organization: Organization) -> QuerySet[Membership]:
    """Active members of the organisation with their users."""
    return (
        Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
        .order_by("user__full_name")
    )


def invitation_list_pending(*, organization: Organization) -> QuerySet[Invitation]:
    """Invitations not yet accepted or revoked (expired ones included)."""
    return Invitation.objects.filter(
        organization=organization, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def membership_list_for_user(*, user) -> QuerySet[Membership]:
    """The user's active memberships in active organisations."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.active()
        .filter(user=user, organization__in=Organization.objects.active())
        .select_related("organization")
        .order_by("organization__name")
    )


def membership_list_with_role(
    *, organization: Organization, role: str
) -> list[Membership]:
    """Active members of the organisation who hold ``role``."""
    return [m for m in membership_list(organization=organization) if role in m.roles]


def unit_key(unit: str) -> str:
    """A unit's name as compared: spaces collapsed, case folded."""
    return " ".join((unit or "").split()).casefold()


def membership_list_unit_heads_or_executives(
    *, organization: Organization, unit: str
) -> list[Membership]:
    """Who answers for a matter of ``unit``: its active heads
    (``Membership.is_unit_head`` with the same unit), else every executive."""
    members = membership_list(organization=organization)
    key = unit_key(unit)
    heads = [m for m in members if key and m.is_unit_head and unit_key(m.unit) == key]
    return heads or [m for m in members if Role.EXECUTIVE in m.roles]


def user_holds_any_role(*, user, roles: Iterable[str]) -> bool:
    """Whether the user holds any of ``roles`` in any organisation."""
    wanted = set(roles)
    return any(
        wanted.intersection(m.roles) for m in membership_list_for_user(user=user)
    )


def organization_get_slug_for_host(host: str) -> str | None:
    """The slug of the organisation that owns ``host`` as its verified host name.

    A requested but unverified host name, and the platform's own host names,
    never map to an organisation.
    """
    host = hosts.normalize(host)
    if not host or hosts.is_platform_host(host):
        return None
    key = HOST_CACHE_PREFIX + host
    slug = cache.get(key)
    if slug is None:
        slug = (
            Organization.objects.active()
            .filter(host_name__iexact=host, host_verified_at__isnull=False)
            .values_list("slug", flat=True)
            .first()
        ) or ""
        cache.set(key, slug, HOST_CACHE_SECONDS)
    return slug or None


def host_name_taken(*, host: str, organization: Organization | None = None) -> bool:
    """Whether another organisation already serves ``host`` (any letter case)."""
    found = Organization.objects.filter(host_name__iexact=hosts.normalize(host))
    if organization is not None:
        found = found.exclude(pk=organization.pk)
    return found.exists()


def host_name_list_verified() -> set[str]:
    """Every organisation's verified host name."""
    return {
        h.lower()
        for h in Organization.objects.exclude(host_name="")
        .filter(host_verified_at__isnull=False)
        .values_list("host_name", flat=True)
    }


def forget_host(host: str) -> None:
    """Drop a host from the lookup cache after an organisation changes it."""
    if host:
        cache.delete(HOST_CACHE_PREFIX + hosts.normalize(host))


def subject_request_list(*, organization: Organization):
    """The organisation's register of data-subject requests, newest first."""
    from .models import DataSubjectRequest

    return DataSubjectRequest.objects.filter(organization=organization).select_related(
        "handled_by"
    )


def access_subject_request(*, organization: Organization, pk):
    """One entry of the organisation's register, or 404."""
    from .models import DataSubjectRequest

    try:
        return DataSubjectRequest.objects.get(organization=organization, pk=pk)
    except (DataSubjectRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def channel_settings_get(*, organization: Organization) -> ChannelSettings:
    """The organisation's LINE and Facebook channels (unsaved defaults if none)."""
    return ChannelSettings.for_organization(organization)
