"""Keep the conflict-of-interest flags current when procurement changes.

Integrity sits above procurement: procurement never imports this app, so the
cross-check listens to its models' signals. The work runs once per record
after the transaction commits (an import saves a record, then its bidders),
so a half-saved record is never cross-checked and nothing runs for a
transaction that rolled back.
"""

from __future__ import annotations

import logging
import threading

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from prongsai.procurement.models import Bid, Procurement, Supplier

from .services_coi_flags import (
    coi_flags_recompute_procurement,
    coi_flags_recompute_supplier,
)

logger = logging.getLogger(__name__)
_state = threading.local()


def _pending() -> set[tuple[str, int, int]]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending


def _run(key: tuple[str, int, int]) -> None:
    pending = _pending()
    if key not in pending:
        return  # already done by an earlier callback of the same transaction
    pending.discard(key)
    kind, organization_id, pk = key
    if kind == "procurement":
        procurement = (
            Procurement.objects.filter(organization_id=organization_id, pk=pk)
            .select_related("organization")
            .first()
        )
        if procurement is not None:
            coi_flags_recompute_procurement(procurement=procurement)
    else:
        supplier = (
            Supplier.objects.filter(organization_id=organization_id, pk=pk)
            .select_related("organization")
            .first()
        )
        if supplier is not None:
            coi_flags_recompute_supplier(supplier=supplier)


def _schedule(kind: str, organization_id: int, pk: int) -> None:
    key = (kind, organization_id, pk)
    _pending().add(key)
    transaction.on_commit(lambda: _run(key), robust=True)


@receiver(post_save, sender=Procurement, dispatch_uid="coi_procurement_saved")
def procurement_saved(sender, instance: Procurement, raw=False, **kwargs) -> None:
    if not raw:
        _schedule("procurement", instance.organization_id, instance.pk)


@receiver(post_save, sender=Supplier, dispatch_uid="coi_supplier_saved")
def supplier_saved(sender, instance: Supplier, raw=False, created=False, **kwargs):
    if not raw and not created:  # a new supplier is in no procurement yet
        _schedule("supplier", instance.organization_id, instance.pk)


@receiver(post_save, sender=Bid, dispatch_uid="coi_bid_saved")
@receiver(post_delete, sender=Bid, dispatch_uid="coi_bid_deleted")
def bid_changed(sender, instance: Bid, raw=False, **kwargs) -> None:
    if raw:
        return
    try:
        organization_id = instance.procurement.organization_id
    except ObjectDoesNotExist:  # deleted with its procurement
        return
    _schedule("procurement", organization_id, instance.procurement_id)
