"""The audit trail: what is recorded and how it reads."""

import pytest
from django.utils import translation

from prongsai.core.audit import audit_log, change_rows, diff, snapshot
from prongsai.organizations.services import membership_update

pytestmark = pytest.mark.django_db


def test_diff_keeps_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": {"old": 2, "new": 3}}


def test_sensitive_values_are_redacted(organization, admin_user):
    event = audit_log(
        actor=admin_user,
        organization=organization,
        action="x.y",
        changes={"secret": {"old": "a", "new": "b"}, "token": "t", "name": "n"},
        sensitive=["secret", "token"],
    )
    assert event.changes == {
        "secret": {"old": "[redacted]", "new": "[redacted]"},
        "token": "[redacted]",
        "name": "n",
    }


def test_anonymous_actor_is_recorded_as_nobody(organization):
    event = audit_log(actor=None, organization=organization, action="system.run")
    assert event.actor is None and event.actor_name == ""


def test_changes_read_in_thai(organization, admin_user, staff_membership):
    membership_update(
        actor=admin_user,
        membership=staff_membership,
        roles=["complaint_officer"],
        position="นิติกร",
        unit="",
    )
    event = organization.audit_events.get(action="membership.update")
    with translation.override("th"):
        rows = dict(change_rows(event))
    assert rows["บทบาท"] == "เจ้าหน้าที่ → เจ้าหน้าที่รับเรื่องร้องเรียน"
    assert rows["ตำแหน่ง"].endswith("→ นิติกร")


def test_snapshot_of_model_values(organization):
    assert snapshot(organization, ["slug", "valid_from"])["slug"] == "bandong"


def _event(organization, admin_user, target, changes, action="x.update"):
    return audit_log(
        actor=admin_user,
        organization=organization,
        action=action,
        target=target,
        changes=changes,
    )


def test_values_read_in_thai(organization, admin_user):
    """Yes/no, Buddhist-era dates and times, choice labels, verbose names."""
    import datetime

    from prongsai.procurement.tests.factories import ProcurementFactory

    procurement = ProcurementFactory(organization=organization)
    event = _event(
        organization,
        admin_user,
        procurement,
        {
            "cancelled": {"old": False, "new": True},
            "procured_on": {
                "old": datetime.date(2027, 2, 14),
                "new": datetime.date(2027, 3, 3),
            },
            "method": "specific",
            "fields": ["title", "procured_on"],
            "created": 3,
            "token": "t",
        },
    )
    event.changes["token"] = "[redacted]"
    with translation.override("th"):
        rows = dict(change_rows(event))
    assert rows["ยกเลิกการดำเนินการ"] == "ไม่ใช่ → ใช่"
    assert rows["วันที่จัดซื้อจัดจ้าง"] == "14 ก.พ. 2570 → 3 มี.ค. 2570"
    assert rows["วิธีการจัดซื้อจัดจ้าง"] == "วิธีเฉพาะเจาะจง"
    assert rows["ช่องข้อมูลที่แก้ไข"] == "งานที่จัดซื้อจัดจ้าง, วันที่จัดซื้อจัดจ้าง"
    assert rows["จำนวนรายการที่เพิ่ม"] == "3"
    assert rows["Token"] == "(ปกปิด)"
    text = " ".join(f"{k} {v}" for k, v in rows.items())
    for raw in ("True", "False", "2027", "procured_on", "Cancelled"):
        assert raw not in text


def test_datetimes_read_in_bangkok_time(organization, admin_user):
    import datetime

    moment = datetime.datetime(2027, 3, 3, 2, 5, tzinfo=datetime.UTC)
    event = _event(organization, admin_user, organization, {"valid_from": moment})
    with translation.override("th"):
        ((_label, text),) = change_rows(event)
    assert text == "3 มี.ค. 2570 เวลา 09:05 น."


def test_keys_that_are_no_field_have_thai_labels(organization, admin_user):
    from prongsai.oit.models import Checklist

    checklist = Checklist(organization=organization, fiscal_year=2570)
    event = audit_log(
        actor=admin_user,
        organization=organization,
        action="oit_checklist.open",
        changes={"added_items": ["O1", "O2"]},
    )
    event.object_type = checklist._meta.label_lower
    with translation.override("th"):
        assert change_rows(event) == [("ข้อ OIT ที่เพิ่ม", "O1, O2")]


def test_gift_report_reads_as_a_gift(organization, admin_user, staff_membership):
    import datetime
    from decimal import Decimal

    from prongsai.core.audit import object_text
    from prongsai.integrity import services

    report = services.gift_report_create(
        actor=admin_user,
        organization=organization,
        reporter=staff_membership,
        received_on=datetime.date(2026, 11, 2),
        giver="บริษัท ก จำกัด",
        description="กระเช้าผลไม้",
        value=Decimal("3500"),
        action="kept",
    )
    event = organization.audit_events.get(action="gift_report.create")
    with translation.override("th"):
        rows = dict(change_rows(event))
        assert object_text(event) == "กระเช้าผลไม้ (2 พ.ย. 2569)"
    assert rows["การดำเนินการกับสิ่งที่ได้รับ"] == "รับไว้ตามหลักเกณฑ์"
    assert rows["เกินเกณฑ์แต่รับไว้"] == "ใช่"
    assert report.pk


def test_every_key_the_services_write_has_a_label():
    """Each literal key in ``audit_log(..., changes={...})`` reads in Thai: a
    field of the app's models or a label in an ``audit_labels.py``."""
    import re
    from pathlib import Path

    from django.apps import apps

    from prongsai.core.audit import field_label

    root = Path(__file__).resolve().parents[2]
    missing = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        app = path.relative_to(root).parts[0]
        for call in re.finditer(r"(?:audit_log|request_audit)\(", source):
            body = source[call.end() : call.end() + 1500]
            changes = re.search(r"changes=(\{[^}]*\})", body)
            if changes is None:
                continue
            models = list(apps.get_app_config(app).get_models())
            object_types = [m._meta.label_lower for m in models] or ["core.auditevent"]
            for key in re.findall(r'"(\w+)"\s*:', changes.group(1)):
                if key in ("old", "new"):
                    continue
                with translation.override("th"):
                    labels = {field_label(t, key) for t in object_types}
                if labels == {key[:1].upper() + key[1:]}:  # shown as the raw key
                    missing.append(f"{path.relative_to(root)}: {key}")
    assert missing == []


def test_the_audit_page_reads_in_thai(client, organization, admin_user):
    import datetime

    from django.urls import reverse

    _event(
        organization,
        admin_user,
        organization,
        {"valid_from": {"old": None, "new": datetime.date(2027, 3, 3)}},
        action="organization.update",
    )
    client.force_login(admin_user)
    page = client.get(
        reverse("organizations-staff:audit-list", kwargs={"org": organization.slug}),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "(ว่าง) → 3 มี.ค. 2570" in page
    assert "2027-03-03" not in page


def test_a_key_named_like_a_reverse_relation_reads(organization, admin_user):
    """``measures`` on a plan is a reverse relation, not a field with a label."""
    from prongsai.plans.tests.factories import PlanFactory

    plan = PlanFactory(organization=organization)
    event = _event(
        organization,
        admin_user,
        plan,
        {"ita_fiscal_year": 2568, "measures": 3},
        action="plan.draft_from_analysis",
    )
    with translation.override("th"):
        rows = dict(change_rows(event))
    assert rows["มาตรการ"] == "3"
