"""Keep a procurement's budget-line suggestions current when it is saved.

The budget sits above procurement: procurement never imports this app, so
the matching listens to its saves. It runs once per procurement after the
transaction commits (an import saves a record more than once), never for a
transaction that rolled back.
"""

from __future__ import annotations

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from prongsai.procurement.models import Procurement

from .services_commitments import commitment_suggest

logger = logging.getLogger(__name__)
_state = threading.local()


def _pending() -> set[tuple[int, int]]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending


def _run(key: tuple[int, int]) -> None:
    pending = _pending()
    if key not in pending:
        return  # done by an earlier callback of the same transaction
    pending.discard(key)
    organization_id, pk = key
    procurement = (
        Procurement.objects.filter(organization_id=organization_id, pk=pk)
        .select_related("organization")
        .first()
    )
    if procurement is not None:
        commitment_suggest(procurement=procurement)


@receiver(post_save, sender=Procurement, dispatch_uid="budget_procurement_saved")
def procurement_saved(sender, instance: Procurement, raw=False, **kwargs) -> None:
    if raw:
        return
    key = (instance.organization_id, instance.pk)
    _pending().add(key)
    transaction.on_commit(lambda: _run(key), robust=True)
