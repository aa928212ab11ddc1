"""Reads of the open-data catalogue and the ``access_*`` helpers."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from prongsai.organizations.models import Organization
from prongsai.search.selectors import filter_by_search

from . import registry
from .models import CatalogueSettings, Dataset

PREVIEW_ROWS = 10


def search_datasets(queryset: QuerySet[Dataset], q: str) -> QuerySet[Dataset]:
    """Datasets of ``queryset`` holding every word of ``q`` (the site search)."""
    return filter_by_search(queryset, kind="dataset", query=q)


def dataset_list_public(
    *, organization: Organization, q: str = ""
) -> QuerySet[Dataset]:
    """The organisation's published datasets, newest fiscal year first."""
    queryset = (
        Dataset.objects.published()
        .filter(organization=organization)
        .select_related("organization")
        .order_by("-fiscal_year", "provider_key")
    )
    return search_datasets(queryset, q) if q.strip() else queryset


def dataset_list_staff(*, organization: Organization) -> QuerySet[Dataset]:
    """Every dataset of the organisation, withdrawn and internal ones included."""
    return (
        Dataset.objects.filter(organization=organization)
        .select_related("organization")
        .order_by("-is_active", "-fiscal_year", "provider_key")
    )


def access_dataset_public(*, organization: Organization, name: str) -> Dataset:
    """A published dataset of the organisation by name, or 404."""
    try:
        return (
            Dataset.objects.published()
            .select_related("organization")
            .get(organization=organization, name=name)
        )
    except Dataset.DoesNotExist:
        raise Http404 from None


def access_dataset(*, organization: Organization, pk) -> Dataset:
    """Any dataset of the organisation by id (back office), or 404."""
    try:
        return Dataset.objects.select_related("organization").get(
            organization=organization, pk=uuid.UUID(str(pk))
        )
    except (Dataset.DoesNotExist, ValueError):
        raise Http404 from None


def dataset_provider(dataset: Dataset) -> registry.DatasetProvider | None:
    return registry.get(dataset.provider_key)


def dataset_fields(dataset: Dataset) -> list[dict]:
    """``[{"key", "title", "type"}]`` of the dataset's columns (empty if unknown)."""
    provider = dataset_provider(dataset)
    if provider is None:
        return []
    return [
        {"key": key, "title": str(title), "type": kind}
        for key, title, kind in provider.fields
    ]


def dataset_rows(dataset: Dataset) -> Iterator[dict]:
    """The dataset's rows as the provider yields them (nothing if withdrawn)."""
    provider = dataset_provider(dataset)
    if provider is None or not dataset.is_active:
        return iter(())
    return iter(
        provider.rows(
            organization=dataset.organization, fiscal_year=dataset.fiscal_year
        )
    )


def dataset_preview(dataset: Dataset, limit: int = PREVIEW_ROWS) -> list[dict]:
    """The first rows, for the dataset page."""
    return list(itertools.islice(dataset_rows(dataset), limit))


def dataset_catalogue() -> QuerySet[Dataset]:
    """Every published dataset of the install (the CKAN API's view).

    Deliberately across organisations: the CKAN Action API is the platform's
    catalogue; it shows published datasets only.
    """
    return (
        Dataset.objects.all_organizations().published().select_related("organization")
    )


def dataset_get_published(*, id_or_name: str) -> Dataset | None:
    """A published dataset by CKAN id (UUID) or name."""
    queryset = dataset_catalogue()
    match = queryset.filter(name=id_or_name).first()
    if match is not None:
        return match
    try:
        pk = uuid.UUID(str(id_or_name))
    except ValueError:
        return None
    return queryset.filter(pk=pk).first()


def catalogue_tag_list(*, containing: str = "") -> list[str]:
    """The keywords of the published datasets, sorted; those holding
    ``containing`` (any case) when given."""
    tags: set[str] = set()
    for values in dataset_catalogue().values_list("tags", flat=True):
        tags.update(t for t in values or [] if isinstance(t, str))
    needle = containing.casefold()
    return sorted(t for t in tags if needle in t.casefold())


def organization_list_with_datasets() -> QuerySet[Organization]:
    """Active organisations with at least one published dataset, by slug."""
    return (
        Organization.objects.active()
        .annotate(
            package_count=Count(
                "datasets",
                filter=Q(
                    datasets__is_active=True,
                    datasets__access_level="open",
                ),
            )
        )
        .filter(package_count__gt=0)
        .order_by("slug")
    )


def catalogue_settings_get(*, organization: Organization) -> CatalogueSettings:
    """The organisation's catalogue defaults (unsaved defaults if never set)."""
    return CatalogueSettings.for_organization(organization)
