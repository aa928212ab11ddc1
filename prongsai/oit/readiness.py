"""Item statuses follow the records: the one signal hub of the OIT checklist.

Every evidence provider names the models it reads
(:func:`prongsai.oit.registry.provider_models`). :func:`connect` (called from
``OitConfig.ready()``) listens to ``post_save`` and ``post_delete`` of those
models; when one of their records changes, the open checklists of the
record's organisation are checked again once the transaction commits
(:func:`prongsai.oit.services.readiness_recompute`, in the task
``oit_readiness_recompute`` handed to the workers through ``core.outbox``, so
a citizen's filing or any other write does not wait for the evidence
providers), once per organisation and transaction however many records
changed, and once per organisation while a recompute is waiting for a
worker however many transactions changed them (under a crowd of citizens
filing E-Service requests the queue holds one recompute per organisation,
not one per filing). Unpublishing the ITA analysis
thus takes the item it backs from ready back to in progress, and publishing
it makes the item ready, without anyone touching the checklist.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import registry

logger = logging.getLogger(__name__)

_UID = "oit-readiness:{signal}:{label}"
#: How long the "a recompute is waiting" mark may outlive a recompute lost
#: with its worker (it is removed when the recompute starts). Not a delay:
#: a task put off with a countdown waits unacknowledged in the worker, and a
#: broker outage then stops the worker (kombu cannot give it back).
WAITING_SECONDS = 60
_WAITING = "oit-readiness:waiting:{organization_id}"


def organization_id_of(instance) -> int | None:
    """The organisation a record belongs to, by its model's ``tenant_path``."""
    path = getattr(type(instance), "tenant_path", "organization").split("__")
    obj = instance
    try:
        for part in path[:-1]:
            obj = getattr(obj, part)
            if obj is None:
                return None
        return getattr(obj, f"{path[-1]}_id", None)
    except (ObjectDoesNotExist, AttributeError):
        return None


class _Recompute:
    """The after-commit job for one organisation (recognised in the queue,
    so a transaction that changes many records recomputes once)."""

    def __init__(self, organization_id: int):
        self.organization_id = organization_id
        self.done = False

    def __call__(self) -> None:
        self.done = True
        from prongsai.core.outbox import enqueue

        from .tasks import oit_readiness_recompute

        if not _claim(self.organization_id):
            return  # a recompute is waiting; it reads this change when it runs
        enqueue(oit_readiness_recompute, self.organization_id)


def _claim(organization_id: int) -> bool:
    """Mark a recompute of the organisation as waiting; False when one already
    is. A recompute lost with its worker delays the next one by at most
    ``WAITING_SECONDS``; while the cache is down every change queues its own
    (``FailSafeCache.add``)."""
    from django.core.cache import cache

    key = _WAITING.format(organization_id=organization_id)
    return bool(cache.add(key, 1, timeout=WAITING_SECONDS))


def _release(organization_id: int) -> None:
    """Let the next change queue a recompute: this one is starting, so
    changes from now on are not certain to be read by it."""
    from django.core.cache import cache

    cache.delete(_WAITING.format(organization_id=organization_id))


def recompute(organization_id: int) -> None:
    """Check the organisation's open checklists again (the task's work)."""
    from prongsai.organizations.models import Organization

    from .models import Checklist
    from .services import readiness_recompute

    _release(organization_id)
    if not Checklist.objects.filter(
        organization_id=organization_id, submitted_at__isnull=True
    ).exists():
        return
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is not None:
        readiness_recompute(organization=organization)


def schedule(organization_id: int) -> None:
    """Recompute the organisation's open checklists after the commit."""
    connection = transaction.get_connection()
    for entry in connection.run_on_commit:
        job = entry[1]
        if (
            isinstance(job, _Recompute)
            and job.organization_id == organization_id
            and not job.done
        ):
            return
    transaction.on_commit(_Recompute(organization_id), robust=True)


def record_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loading fixtures
        return
    organization_id = organization_id_of(instance)
    if organization_id is not None:
        schedule(organization_id)


def connect() -> list[type]:
    """Listen to every model a provider depends on; returns those models."""
    models = registry.dependency_models()
    for model in models:
        label = model._meta.label
        post_save.connect(
            record_changed,
            sender=model,
            dispatch_uid=_UID.format(signal="save", label=label),
        )
        post_delete.connect(
            record_changed,
            sender=model,
            dispatch_uid=_UID.format(signal="delete", label=label),
        )
    return models
