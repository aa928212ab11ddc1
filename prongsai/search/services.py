"""Writes of the search index: one entry per public record.

Called by the ``post_save``/``post_delete`` receivers of every registered
model and by ``prongsai rebuild_search_index``; nothing else writes entries.
"""

from __future__ import annotations

import datetime

from django.db import connections, router, transaction
from django.db.models import Model
from django.utils import timezone, translation

from prongsai.core.tenancy import TenantQuerySet
from prongsai.core.thai_words import index_text

from . import registry
from .models import SearchEntry

SUMMARY_CHARS = 1000
BATCH = 500


def object_key(instance: Model) -> str:
    """The record's primary key as the database stores it, as text.

    Stored this way (a UUID without dashes on SQLite, with them on
    PostgreSQL) so that ``CAST(object_id AS <pk type>)`` finds the row.
    """
    field = instance._meta.pk
    connection = connections[router.db_for_write(type(instance))]
    return str(field.get_db_prep_value(instance.pk, connection, prepared=False))


def _aware(value) -> datetime.datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(12))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _entry(kind: registry.Kind, instance: Model) -> SearchEntry | None:
    # The public site is Thai first: labels built by a kind are indexed in Thai
    # whatever language the person saving the record uses.
    with translation.override("th"):
        document = kind.document(instance)
    if document is None:
        return None
    title = " ".join(str(document.title).split())
    text = str(document.text or "").replace("\x00", "")
    return SearchEntry(
        organization_id=instance.organization_id,  # type: ignore[attr-defined]
        kind=kind.key,
        object_id=object_key(instance),
        title=title[:500],
        summary=text[:SUMMARY_CHARS],
        url=document.url[:500],
        date=_aware(document.date),
        public_from=_aware(document.public_from),
        title_words=index_text(document.title),
        body_words=index_text(text),
    )


def entry_refresh(*, kind: registry.Kind, instance: Model) -> SearchEntry | None:
    """Index ``instance`` as it is now; drop it when it is not public."""
    entry = _entry(kind, instance)
    if entry is None:
        entry_remove(kind=kind, instance=instance)
        return None
    with transaction.atomic():
        SearchEntry.objects.filter(
            organization_id=entry.organization_id,
            kind=kind.key,
            object_id=entry.object_id,
        ).delete()
        entry.save()
    return entry


def entry_remove(*, kind: registry.Kind, instance: Model) -> None:
    SearchEntry.objects.filter(
        organization_id=instance.organization_id,  # type: ignore[attr-defined]
        kind=kind.key,
        object_id=object_key(instance),
    ).delete()


def records_refresh(*, kind: str, records) -> None:
    """Index records written without ``save()`` (``bulk_create``)."""
    registered = registry.get(kind)
    if registered is None:
        raise registry.RegistryError(f"unknown kind {kind!r}")
    for instance in records:
        entry_refresh(kind=registered, instance=instance)


@transaction.atomic
def index_rebuild(*, organization=None, kinds: list[str] | None = None) -> int:
    """Write the index again from the records; returns the number of entries.

    ``organization=None`` rebuilds every organisation.
    """
    total = 0
    for kind in registry.kinds():
        if kinds and kind.key not in kinds:
            continue
        entries = SearchEntry.objects.filter(kind=kind.key)
        records = kind.queryset()
        if organization is not None:
            entries = entries.for_organization(organization)
            records = records.filter(organization=organization)
        else:  # the whole index: every organisation, on purpose
            entries = entries.all_organizations()
            if isinstance(records, TenantQuerySet):
                records = records.all_organizations()
        entries.delete()
        batch: list[SearchEntry] = []
        for instance in records.iterator(chunk_size=BATCH):
            entry = _entry(kind, instance)
            if entry is not None:
                batch.append(entry)
            if len(batch) >= BATCH:
                SearchEntry.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
        total += len(batch)
    return total
