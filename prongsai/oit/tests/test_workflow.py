"""The OIT item workflow table is what ``checklist_item_set_status`` enforces."""

import pytest

from prongsai.core.errors import DomainError
from prongsai.oit import services
from prongsai.oit.models import ChecklistItem

S = ChecklistItem.Status
MANUAL = {S.MISSING, S.IN_PROGRESS, S.READY}


def test_the_declared_table_is_the_item_workflow():
    assert services.ITEMS.table() == {
        S.MISSING: MANUAL,
        S.IN_PROGRESS: MANUAL,
        S.READY: MANUAL | {S.SUBMITTED},
    }
    assert services.ITEMS.allowed_next(S.SUBMITTED) == []


@pytest.mark.django_db
def test_members_cannot_mark_an_item_submitted(checklist, officer):
    item = checklist.items.first()
    ChecklistItem.objects.filter(pk=item.pk).update(status=S.READY)
    item.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.checklist_item_set_status(actor=officer, item=item, status=S.SUBMITTED)
    assert error.value.field == "status"
    for source in (S.MISSING, S.IN_PROGRESS):
        ChecklistItem.objects.filter(pk=item.pk).update(status=source)
        item.refresh_from_db()
        services.checklist_item_set_status(actor=officer, item=item, status=S.MISSING)
        assert ChecklistItem.objects.get(pk=item.pk).status == S.MISSING
