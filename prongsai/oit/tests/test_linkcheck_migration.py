"""After the upgrade, link-check errors stored as raw English exception text
read in Thai."""

import pytest
from django.utils import timezone

from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets
from prongsai.oit.models import LinkCheck, SubmittedUrl

BEFORE = migration_targets(("oit", "0003_reminder_digests_to_notifications"))


@pytest.mark.django_db(transaction=True)
def test_english_errors_become_thai(checklist, organization):
    item = checklist.items.get(code="O8")
    try:
        old = migrate_to(BEFORE)
        checks = old.get_model("oit", "LinkCheck")
        submitted = old.get_model("oit", "SubmittedUrl")
        for url, error in (
            ("https://a.example/", "[Errno -2] Name or service not known"),
            ("https://b.example/", "timeout"),
            ("https://c.example/", "[SSL: CERTIFICATE_VERIFY_FAILED] certificate"),
            ("https://d.example/", "[Errno 111] Connection refused"),
            ("https://e.example/", ""),
        ):
            checks.objects.create(
                organization_id=organization.pk,
                item_id=item.pk,
                url=url,
                checked_at=timezone.now(),
                error=error,
            )
        submitted.objects.create(
            organization_id=organization.pk,
            item_id=item.pk,
            url="https://f.example/",
            error="unsupported URL",
        )
    finally:
        migrate_to_latest()
    errors = dict(
        LinkCheck.objects.filter(organization=organization).values_list("url", "error")
    )
    assert errors == {
        "https://a.example/": "ไม่พบชื่อโดเมน",
        "https://b.example/": "หมดเวลาการเชื่อมต่อ",
        "https://c.example/": "ใบรับรองความปลอดภัย (SSL) ไม่ถูกต้อง",
        "https://d.example/": "เชื่อมต่อไม่ได้",
        "https://e.example/": "",
    }
    assert (
        SubmittedUrl.objects.get(
            organization=organization, url="https://f.example/"
        ).error
        == "ไม่ใช่ที่อยู่เว็บ (http หรือ https)"
    )
