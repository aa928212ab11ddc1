"""Writes on the open-data catalogue: syncing datasets and editing metadata."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.outbox import enqueue_on_commit
from prongsai.core.services import UNSET, model_update
from prongsai.organizations.models import Organization

from . import registry
from .models import CatalogueSettings, Dataset, License

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "title",
    "description",
    "tags",
    "category",
    "data_type",
    "objective",
    "license_id",
    "update_frequency_unit",
    "update_frequency_interval",
    "geo_coverage",
    "temporal_start",
    "temporal_end",
    "data_source",
    "language",
    "data_category",
    "access_level",
    "accessible_condition",
    "owner_unit",
    "maintainer",
    "maintainer_email",
    "allow_harvest",
)
MAX_TAGS = 30
MAX_TAG_LENGTH = 100


@dataclass
class SyncResult:
    created: list[Dataset] = field(default_factory=list)
    updated: list[Dataset] = field(default_factory=list)
    withdrawn: list[Dataset] = field(default_factory=list)
    restored: list[Dataset] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.withdrawn or self.restored)


def dataset_name(
    *, organization: Organization, provider_key: str, fiscal_year: int
) -> str:
    """The site-wide unique name of a new dataset: ``<org>-<provider>-<year>``."""
    base = slugify(f"{organization.slug}-{provider_key}-{fiscal_year}")[:90]
    name = base
    counter = 2
    # Names are unique across the whole site (CKAN): every organisation counts.
    while Dataset.objects.all_organizations().filter(name=name).exists():
        name = f"{base}-{counter}"
        counter += 1
    return name


def tag_index_for(dataset: Dataset) -> str:
    """Keywords one per line, framed by newlines, for exact keyword filters."""
    return "\n" + "\n".join(dataset.tags) + "\n" if dataset.tags else ""


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """Strip, drop empties and duplicates, keep the order given."""
    seen: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def _provider_defaults(
    *, organization: Organization, provider, fiscal_year: int
) -> dict:
    with override("th"):
        title = _("%(title)s, fiscal year %(year)s") % {
            "title": provider.title,
            "year": fiscal_year,
        }
        description = str(provider.description)
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    defaults = CatalogueSettings.objects.filter(organization=organization).first()
    return {
        "title": f"{title} {organization.name}"[:300],
        "description": description,
        "tags": normalize_tags([*provider.tags, str(fiscal_year)]),
        "category": provider.category,
        "data_type": provider.data_type,
        "update_frequency_unit": provider.update_frequency,
        "temporal_start": start,
        "temporal_end": end,
        "data_source": organization.name,
        "maintainer": (defaults and defaults.maintainer) or organization.name,
        "maintainer_email": (defaults and defaults.maintainer_email)
        or organization.email,
        "owner_unit": defaults.owner_unit if defaults else "",
        "license_id": defaults.license_id if defaults else License.OPEN_DATA_COMMON,
        "allow_harvest": defaults.allow_harvest if defaults else True,
    }


def _provider_years(provider, organization) -> set[int]:
    return {int(y) for y in provider.years(organization=organization)}


def _dataset_create(
    *,
    actor: User | None,
    organization: Organization,
    provider,
    fiscal_year: int,
    modified,
    now,
) -> Dataset:
    dataset = Dataset(
        organization=organization,
        provider_key=provider.key,
        fiscal_year=fiscal_year,
        name=dataset_name(
            organization=organization,
            provider_key=provider.key,
            fiscal_year=fiscal_year,
        ),
        data_modified_at=modified,
        modified_at=max(filter(None, [modified, now])),
        **_provider_defaults(
            organization=organization, provider=provider, fiscal_year=fiscal_year
        ),
    )
    dataset.tag_index = tag_index_for(dataset)
    dataset.full_clean()
    dataset.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="dataset.create",
        target=dataset,
        changes={"name": dataset.name, "fiscal_year": fiscal_year},
    )
    return dataset


def _dataset_refresh(
    *, actor: User | None, dataset: Dataset, modified, result: SyncResult
) -> None:
    """Restore a withdrawn dataset that has data again; note newer data."""
    changes: dict[str, Any] = {}
    if not dataset.is_active:
        dataset.is_active = True
        changes["is_active"] = {"old": False, "new": True}
        result.restored.append(dataset)
    if modified is not None and modified != dataset.data_modified_at:
        changes["data_modified_at"] = {"old": dataset.data_modified_at, "new": modified}
        dataset.data_modified_at = modified
        if modified > dataset.modified_at:
            dataset.modified_at = modified
        if dataset not in result.restored:
            result.updated.append(dataset)
    if not changes:
        return
    dataset.full_clean()
    dataset.save()
    audit_log(
        actor=actor,
        organization=dataset.organization,
        action="dataset.sync",
        target=dataset,
        changes=changes,
    )


def _dataset_withdraw(*, actor: User | None, dataset: Dataset, now) -> None:
    dataset.is_active = False
    dataset.modified_at = now
    dataset.save(update_fields=["is_active", "modified_at", "updated_at"])
    audit_log(
        actor=actor,
        organization=dataset.organization,
        action="dataset.withdraw",
        target=dataset,
        changes={"is_active": {"old": True, "new": False}},
    )


@transaction.atomic
def dataset_sync(
    *, organization: Organization, actor: User | None = None
) -> SyncResult:
    """Bring the organisation's datasets in line with the provider registry.

    A dataset is created for every (provider, fiscal year) with data, with
    metadata defaults from the provider and the organisation; an existing one
    keeps the data officer's metadata and only gets its data date refreshed.
    Datasets whose provider has no data for the year any more (or is not
    installed) are withdrawn from the public catalogue, never deleted, so that
    their names stay reserved.
    """
    result = SyncResult()
    now = timezone.now()
    existing = {
        (d.provider_key, d.fiscal_year): d
        for d in Dataset.objects.select_for_update()
        .filter(organization=organization)
        .select_related("organization")
    }
    wanted: set[tuple[str, int]] = set()
    for provider in registry.providers():
        for fiscal_year in sorted(_provider_years(provider, organization)):
            key = (provider.key, fiscal_year)
            wanted.add(key)
            modified = provider.last_modified(
                organization=organization, fiscal_year=fiscal_year
            )
            dataset = existing.get(key)
            if dataset is None:
                result.created.append(
                    _dataset_create(
                        actor=actor,
                        organization=organization,
                        provider=provider,
                        fiscal_year=fiscal_year,
                        modified=modified,
                        now=now,
                    )
                )
            else:
                _dataset_refresh(
                    actor=actor, dataset=dataset, modified=modified, result=result
                )
    for key, dataset in existing.items():
        if key not in wanted and dataset.is_active:
            _dataset_withdraw(actor=actor, dataset=dataset, now=now)
            result.withdrawn.append(dataset)
    return result


def _clean_tags(tags) -> list[str]:
    tags = normalize_tags(tags or [])
    errors = []
    if len(tags) > MAX_TAGS:
        errors.append(_("Give at most %(count)s keywords.") % {"count": MAX_TAGS})
    if any(len(t) > MAX_TAG_LENGTH for t in tags):
        errors.append(
            _("A keyword may have at most %(count)s characters.")
            % {"count": MAX_TAG_LENGTH}
        )
    if errors:
        raise ValidationError({"tags": errors})
    return tags


def _stripped(arguments: dict[str, Any], names) -> dict[str, Any]:
    """The arguments among *names* given (not ``UNSET``), text stripped."""
    return {
        name: value.strip() if isinstance(value, str) else value
        for name in names
        if (value := arguments[name]) is not UNSET
    }


@transaction.atomic
def dataset_update(
    # One argument per editable field of the catalogue metadata.
    *,
    actor: User | None,
    dataset: Dataset,
    title: str = UNSET,
    description: str = UNSET,
    tags: list[str] = UNSET,
    category: str = UNSET,
    data_type: str = UNSET,
    objective: str = UNSET,
    license_id: str = UNSET,
    update_frequency_unit: str = UNSET,
    update_frequency_interval: int | None = UNSET,
    geo_coverage: str = UNSET,
    temporal_start: datetime.date | None = UNSET,
    temporal_end: datetime.date | None = UNSET,
    data_source: str = UNSET,
    language: str = UNSET,
    data_category: str = UNSET,
    access_level: str = UNSET,
    accessible_condition: str = UNSET,
    owner_unit: str = UNSET,
    maintainer: str = UNSET,
    maintainer_email: str = UNSET,
    allow_harvest: bool = UNSET,
) -> Dataset:
    """Change a dataset's catalogue metadata (the data officer's edit).

    Only the metadata in ``EDITABLE_FIELDS`` may change; the name, owner,
    provider and fiscal year are fixed so that the public URL stays stable.
    Nothing is saved unless every value is valid.
    """
    data = _stripped(locals(), EDITABLE_FIELDS)
    if "tags" in data:
        data["tags"] = _clean_tags(data["tags"])
    dataset = Dataset.objects.select_for_update().get(
        organization=dataset.organization_id, pk=dataset.pk
    )
    changes = model_update(dataset, data, EDITABLE_FIELDS)
    if not changes:
        return dataset
    dataset.modified_at = timezone.now()
    dataset.tag_index = tag_index_for(dataset)
    dataset.save(update_fields=["modified_at", "tag_index"])
    audit_log(
        actor=actor,
        organization=dataset.organization,
        action="dataset.update",
        target=dataset,
        changes=changes,
    )
    return dataset


SYNC_CACHE_PREFIX = "opendata-sync:"
SYNC_INTERVAL_SECONDS = 300


def dataset_sync_if_stale(*, organization: Organization) -> SyncResult | None:
    """Sync the organisation's datasets unless that was done recently.

    Pages and the API call this so that new data appears in the catalogue
    within minutes without a scheduler; the cache keeps it to one sync per
    organisation every ``SYNC_INTERVAL_SECONDS``.
    """
    from django.core.cache import cache

    key = f"{SYNC_CACHE_PREFIX}{organization.pk}"
    if not cache.add(key, 1, SYNC_INTERVAL_SECONDS):
        return None
    try:
        return dataset_sync(organization=organization)
    except Exception:
        # A broken register must not take the catalogue pages down: they show
        # what was synced before, and the error goes to the log.
        logger.exception("open-data sync failed for organisation %s", organization.pk)
        return None


CATALOGUE_REFRESH_KEY = "opendata-sync-all"


def catalogue_refresh_if_stale() -> bool:
    """Queue a sync of every organisation's catalogue, at most every few minutes.

    The API calls this so that harvesters see new data without anyone opening
    the catalogue pages; with a Celery broker the sync runs in a worker, in the
    embedded set-up it runs at once.
    """
    from django.core.cache import cache

    if not cache.add(CATALOGUE_REFRESH_KEY, 1, SYNC_INTERVAL_SECONDS):
        return False
    from .tasks import dataset_sync_all as dataset_sync_all_task

    enqueue_on_commit(dataset_sync_all_task)
    return True


SETTINGS_FIELDS = (
    "maintainer",
    "maintainer_email",
    "owner_unit",
    "license_id",
    "allow_harvest",
)


@transaction.atomic
def catalogue_settings_update(
    *,
    actor: User | None,
    organization: Organization,
    maintainer: str = UNSET,
    maintainer_email: str = UNSET,
    owner_unit: str = UNSET,
    license_id: str = UNSET,
    allow_harvest: bool = UNSET,
    apply_to_existing: bool = False,
) -> CatalogueSettings:
    """Set the organisation's defaults for new datasets (the fields given).

    With ``apply_to_existing`` the same values are written to every dataset of
    the organisation too (each change audited like an edit by hand).
    """
    values = _stripped(locals(), SETTINGS_FIELDS)
    settings = CatalogueSettings.objects.filter(organization=organization).first()
    if settings is None:
        settings = CatalogueSettings(organization=organization, **values)
        settings.full_clean()
        settings.save()
        changes = snapshot(settings, SETTINGS_FIELDS)
    else:
        changes = model_update(settings, values, SETTINGS_FIELDS)
    if changes:
        audit_log(
            actor=actor,
            organization=organization,
            action="catalogue_settings.update",
            target=settings,
            changes=changes,
        )
    if apply_to_existing:
        values = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
        if not values["maintainer"]:
            values["maintainer"] = organization.name
        for dataset in Dataset.objects.filter(organization=organization):
            dataset_update(actor=actor, dataset=dataset, **values)
    return settings
