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
