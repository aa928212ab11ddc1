"""The OIT item workflow table is what the services enforce."""

import pytest

from prongsai.core.errors import DomainError
from prongsai.oit import services
from prongsai.oit.models import ChecklistItem

S = ChecklistItem.Status
OPEN = {S.MISSING, S.IN_PROGRESS, S.READY, S.NOT_READY}


def test_the_declared_table_is_the_item_workflow():
    assert services.ITEMS.table() == {
        S.MISSING: OPEN,
        S.IN_PROGRESS: OPEN,
        S.READY: OPEN | {S.SUBMITTED},
        S.NOT_READY: OPEN,
    }
    assert services.ITEMS.allowed_next(S.SUBMITTED) == []
    hold = services.ITEMS.step_for(S.READY, S.NOT_READY)
    assert hold.reason and hold.roles
    assert services.SUBMISSION.table() == {S.READY: {S.SUBMITTED}}


@pytest.mark.django_db
def test_members_cannot_mark_an_item_submitted(checklist, officer):
    item = checklist.items.first()
    ChecklistItem.objects.filter(pk=item.pk).update(status=S.READY)
    item.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.checklist_item_set_status(actor=officer, item=item, status=S.SUBMITTED)
    assert error.value.field == "status"
    with pytest.raises(DomainError):
        services.ITEMS.check(item, S.SUBMITTED, actor=officer)
