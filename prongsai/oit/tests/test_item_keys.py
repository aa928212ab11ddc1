"""OIT items are served by their stable key in the year's framework data,
never by their Thai title: a retitled item keeps its provider, an item
without a key has none, and the keys reach installs that keep their data."""

import copy

import pytest
import yaml

from prongsai.core.testing import migrate_to, migration_targets
from prongsai.ita.frameworks_validation import validate_framework_data
from prongsai.ita.models import FrameworkVersion
from prongsai.ita.services import FRAMEWORK_DIR, framework_load_files
from prongsai.oit import registry, selectors, services


def _data(fiscal_year: int = 2569) -> dict:
    path = FRAMEWORK_DIR / f"fy{fiscal_year}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _item(data: dict, code: str) -> dict:
    return next(item for item in data["oit_items"] if item["code"] == code)


def _open(organization, officer, data):
    FrameworkVersion.objects.create(fiscal_year=2569, data=data, source="test")
    checklist = services.checklist_open(
        actor=officer, organization=organization, fiscal_year=2569
    )
    return checklist.items.get(code="O11")


@pytest.mark.django_db
def test_a_retitled_item_is_still_served_by_its_key(organization, officer):
    data = _data()
    assert _item(data, "O11")["key"] == "procurement.monthly_summary"
    _item(data, "O11")["title_th"] = "ข้อมูลการซื้อของประจำเดือน (ชื่อใหม่)"
    item = _open(organization, officer, data)
    assert item.title_th == "ข้อมูลการซื้อของประจำเดือน (ชื่อใหม่)"
    assert item.provider_key == "procurement.monthly"
    state = selectors.checklist_item_get_state(item, with_providers=True)
    assert [p.key for p in state.providers] == ["procurement.monthly"]


@pytest.mark.django_db
def test_an_item_without_a_key_is_not_served_even_with_the_old_title(
    organization, officer
):
    data = _data()
    del _item(data, "O11")["key"]
    item = _open(organization, officer, data)
    assert item.title_th == "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"
    assert item.provider_key == ""
    assert selectors.checklist_item_get_state(item, with_providers=True).providers == []


def test_no_provider_serves_an_empty_key():
    assert registry.providers_for(item_key="") == []


def test_keys_are_checked_in_thai():
    data = _data()
    _item(data, "O1")["key"] = "Structure"
    _item(data, "O2")["key"] = _item(data, "O3")["key"]
    errors = validate_framework_data(data)
    assert any("ข้อ O1: key ต้องเป็น" in e and "Structure" in e for e in errors)
    assert any("ข้อ O3: key organization.contacts ซ้ำกับข้อ O2" in e for e in errors)


@pytest.mark.parametrize("fiscal_year", [2566, 2567, 2568, 2569])
def test_every_item_of_the_recent_frameworks_has_a_unique_key(fiscal_year):
    data = _data(fiscal_year)
    keys = [item.get("key") for item in data["oit_items"]]
    assert all(keys) and len(set(keys)) == len(keys)
    assert validate_framework_data(data) == []


def _without_keys(data: dict) -> dict:
    data = copy.deepcopy(data)
    for item in data["oit_items"]:
        item.pop("key", None)
    return data


@pytest.mark.django_db
def test_load_ita_frameworks_update_carries_the_keys():
    FrameworkVersion.objects.create(
        fiscal_year=2569, data=_without_keys(_data()), source="fy2569.yaml"
    )
    framework_load_files(update=True)
    stored = FrameworkVersion.objects.get(fiscal_year=2569).framework()
    assert stored.item("O11").key == "procurement.monthly_summary"


BEFORE = migration_targets(("ita", "0002_analysis_peers_rules_reports"))
AFTER = [("ita", "0003_oit_item_keys")]


@pytest.mark.django_db(transaction=True)
def test_migration_adds_keys_and_keeps_corrections(latest_migrations):
    old = migrate_to(BEFORE)
    data = _without_keys(_data())
    _item(data, "O11")["title_th"] = "ชื่อที่ผู้ดูแลแก้ไข"
    old.get_model("ita", "FrameworkVersion").objects.create(
        fiscal_year=2569, data=data, source="fy2569.yaml"
    )
    new = migrate_to(AFTER)
    stored = new.get_model("ita", "FrameworkVersion").objects.get().data
    o11 = _item(stored, "O11")
    assert o11["key"] == "procurement.monthly_summary"
    assert o11["title_th"] == "ชื่อที่ผู้ดูแลแก้ไข"
    assert _item(stored, "O25")["key"] == "integrity.ita_result_use"
    assert stored == {
        **data,
        "oit_items": [
            {**item, "key": _item(_data(), item["code"])["key"]}
            for item in data["oit_items"]
        ],
    }
