"""After the upgrade, an unhappy rating that waited for an officer has
reopened its case, and the rating keeps its score."""

import pytest

from prongsai.complaints.models import Case, CaseEntry, Status
from prongsai.complaints.tests.factories import CaseFactory
from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets

BEFORE = migration_targets(("complaints", "0015_kept_uploads_entry_copies"))


@pytest.mark.django_db(transaction=True)
def test_waiting_unhappy_ratings_reopen_their_cases(organization):
    waiting = CaseFactory(organization=organization)
    happy = CaseFactory(organization=organization)
    try:
        old = migrate_to(BEFORE)
        OldCase = old.get_model("complaints", "Case")
        OldEntry = old.get_model("complaints", "CaseEntry")
        for case, score, asked in ((waiting, 1, True), (happy, 5, False)):
            OldCase.objects.filter(pk=case.pk).update(
                status="resolved",
                satisfaction=score,
                satisfaction_comment="ยังไม่ซ่อม" if asked else "",
                reopen_requested=asked,
            )
            OldEntry.objects.create(case_id=case.pk, type="rating")
    finally:
        migrate_to_latest()
    waiting = Case.objects.get(pk=waiting.pk)
    assert waiting.status == Status.IN_PROGRESS and waiting.satisfaction is None
    reopen = waiting.entries.get(type=CaseEntry.Type.REOPEN)
    assert (reopen.score, reopen.text) == (1, "ยังไม่ซ่อม")
    assert waiting.entries.get(type=CaseEntry.Type.RATING).score == 1
    happy = Case.objects.get(pk=happy.pk)
    assert happy.status == Status.RESOLVED and happy.satisfaction == 5
    assert happy.entries.get(type=CaseEntry.Type.RATING).score == 5
