"""Data migration: each service's queue counter moves into core.Sequence."""

import pytest

from prongsai.core.testing import migrate_to, migration_targets

BEFORE = migration_targets(
    ("eservices", "0007_move_attachments_to_private_storage"),
    ("core", "0004_running_numbers"),
)
AFTER = [("eservices", "0008_queue_numbers_in_core")]


@pytest.mark.django_db(transaction=True)
def test_queue_counters_move_into_core(latest_migrations):
    old = migrate_to(BEFORE)
    Organization = old.get_model("organizations", "Organization")
    Service = old.get_model("eservices", "Service")
    organization = Organization.objects.create(
        slug="migrate", name="อบต.ทดสอบ", kind="sao", dla_code="6900098"
    )
    fields = {"organization": organization, "name": "ไฟฟ้า", "time_limit_days": 7}
    used = Service.objects.create(code="light", last_sequence=41, **fields)
    unused = Service.objects.create(code="tree", last_sequence=0, **fields)
    new = migrate_to(AFTER)
    Sequence = new.get_model("core", "Sequence")
    assert list(Sequence.objects.values_list("name", "fiscal_year", "last_value")) == [
        (f"eservices.request.{used.pk}", 0, 41)
    ]
    assert not Sequence.objects.filter(name=f"eservices.request.{unused.pk}").exists()


@pytest.mark.django_db(transaction=True)
def test_plain_steps_and_documents_become_structured_without_loss(latest_migrations):
    old = migrate_to(migration_targets(("eservices", "0012_service_apply_path")))
    Organization = old.get_model("organizations", "Organization")
    Service = old.get_model("eservices", "Service")
    organization = Organization.objects.create(
        slug="migrate", name="อบต.ทดสอบ", kind="sao", dla_code="6900098"
    )
    service = Service.objects.create(
        organization=organization,
        code="permit",
        name="ขออนุญาต",
        time_limit_days=7,
        steps=["ยื่นคำขอ", "ตรวจสอบเอกสาร"],
        documents=["สำเนาบัตรประชาชน"],
    )
    empty = Service.objects.create(
        organization=organization, code="water", name="น้ำ", time_limit_days=3
    )
    new = migrate_to([("eservices", "0013_manuals")])
    Service = new.get_model("eservices", "Service")
    migrated = Service.objects.get(pk=service.pk)
    assert migrated.steps == [
        {"text": "ยื่นคำขอ", "time_amount": None, "time_unit": "", "responsible": ""},
        {
            "text": "ตรวจสอบเอกสาร",
            "time_amount": None,
            "time_unit": "",
            "responsible": "",
        },
    ]
    assert migrated.documents == [
        {"text": "สำเนาบัตรประชาชน", "originals": 0, "copies": 0, "note": ""}
    ]
    assert Service.objects.get(pk=empty.pk).steps == []
    # And back: the texts are kept.
    old = migrate_to(migration_targets(("eservices", "0012_service_apply_path")))
    Service = old.get_model("eservices", "Service")
    assert Service.objects.get(pk=service.pk).steps == ["ยื่นคำขอ", "ตรวจสอบเอกสาร"]
