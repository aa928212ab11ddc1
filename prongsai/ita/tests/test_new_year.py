"""A new fiscal year without a NACC manual: provisional frameworks, their diff,
the operator's confirmation, and no research notes in user-facing text."""

import datetime

import pytest
import yaml
from django.urls import reverse
from freezegun import freeze_time

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.ita.frameworks import available_fiscal_years, load_framework
from prongsai.ita.frameworks_diff import (
    framework_diff,
    indicator_weights,
    provisional_copy,
)
from prongsai.ita.frameworks_validation import (
    research_notes_in,
    user_facing_texts,
    validate_framework_data,
)
from prongsai.ita.models import FrameworkVersion
from prongsai.ita.selectors_years import framework_get_next_year
from prongsai.ita.services import FRAMEWORK_DIR, framework_load_files
from prongsai.ita.services_years import framework_confirm, framework_start_provisional
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

PROVISIONAL_TH = "ฉบับชั่วคราว รอคู่มือ ป.ป.ช."


def _raw(year: int) -> dict:
    return yaml.safe_load((FRAMEWORK_DIR / f"fy{year}.yaml").read_text("utf-8"))


# --- research notes ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "แผนประจำปีงบประมาณ พ.ศ. 2569 (ชื่อข้อยังไม่ได้รับการยืนยัน)",
        "Results of FY 2568 (title not verified).",
        "Indicator weights (ita.md §1.1)",
        "Pass rating [L]",
        "ข้อความ (ยังไม่ยืนยัน)",
    ],
)
def test_research_notes_are_recognised(text):
    assert research_notes_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "ที่อยู่ หมายเลขโทรศัพท์ ไปรษณีย์อิเล็กทรอนิกส์ (e-mail) และแผนที่ตั้ง",
        "ค่าธรรมเนียม (หากไม่มีให้ระบุว่าไม่มี)",
        "ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)",
    ],
)
def test_ordinary_brackets_are_not_research_notes(text):
    assert research_notes_in(text) == []


@pytest.mark.parametrize("year", available_fiscal_years())
def test_no_shipped_framework_shows_a_research_note_to_users(year):
    """Titles, names, labels and requirements of every shipped year are clean."""
    texts = user_facing_texts(_raw(year))
    assert len(texts) > 20
    assert [(w, t) for w, t in texts if research_notes_in(t)] == []


def test_no_shipped_recommendation_shows_a_research_note():
    path = FRAMEWORK_DIR.parent / "recommendations.yaml"
    for rule in yaml.safe_load(path.read_text("utf-8")):
        for key in ("title", "description", "kpi", "responsible_unit"):
            assert research_notes_in(rule.get(key) or "") == [], rule["key"]


def test_the_2569_research_notes_moved_to_the_items_notes():
    items = {item.code: item for item in load_framework(2569).oit_items}
    for code in ("O6", "O7"):
        assert "ยังไม่ได้รับการยืนยัน" not in " ".join(items[code].requirements_th)
        assert "not verified" not in " ".join(items[code].requirements)
        assert "ยังไม่ได้รับการยืนยัน" in items[code].notes


def test_framework_data_with_a_research_note_is_refused():
    data = _raw(2569)
    data["oit_items"][0]["requirements_th"][0] += " (ชื่อข้อยังไม่ได้รับการยืนยัน)"
    errors = validate_framework_data(data)
    assert any("หมายเหตุการค้นคว้า" in e and "O1" in e for e in errors)


@pytest.mark.django_db
def test_migration_helper_strips_notes_from_stored_frameworks():
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "prongsai.ita.migrations.0006_provisional_frameworks_own_rules_itas_surveys"
    )
    data = _raw(2569)
    item = next(i for i in data["oit_items"] if i["code"] == "O6")
    item["requirements_th"] = [item["requirements_th"][0] + " (ชื่อข้อยังไม่ได้รับการยืนยัน)"]
    item.pop("notes", None)
    FrameworkVersion.objects.bulk_create(
        [FrameworkVersion(fiscal_year=2569, data=data)]
    )
    migration.remove_research_notes(apps, None)
    stored = FrameworkVersion.objects.get(fiscal_year=2569).data
    o6 = next(i for i in stored["oit_items"] if i["code"] == "O6")
    assert "ยืนยัน" not in o6["requirements_th"][0]
    assert "ยังไม่ได้รับการยืนยัน" in o6["notes"]


# --- provisional copies and diffs -------------------------------------------


def test_fy2570_ships_as_a_provisional_copy_of_2569():
    framework = load_framework(2570)
    assert framework.provisional is True
    assert framework.based_on == 2569
    assert load_framework(2569).provisional is False
    o6 = framework.item("O6")
    assert "พ.ศ. 2570" in o6.requirements_th[0]
    assert o6.data_year == 2570
    assert framework.item("O7").data_year == 2569


def test_provisional_copy_moves_item_years_and_keeps_the_rest():
    copied = provisional_copy(_raw(2569), 2571)
    assert copied["fiscal_year"] == 2571
    assert copied["provisional"] is True and copied["based_on"] == 2569
    o11 = next(i for i in copied["oit_items"] if i["code"] == "O11")
    assert "พ.ศ. 2571" in o11["requirements_th"][0]
    assert copied["sources"] == _raw(2569)["sources"]
    assert validate_framework_data(copied) == []
    with pytest.raises(ValueError):
        provisional_copy(_raw(2569), 2569)


def test_diff_of_a_provisional_copy_is_empty():
    diff = framework_diff(load_framework(2569), load_framework(2570))
    assert diff.is_empty
    assert diff.unchanged == 26


def test_diff_2568_to_2569_lists_added_removed_changed_items_and_weights():
    diff = framework_diff(load_framework(2568), load_framework(2569))
    added = {item.key for item in diff.added}
    removed = {item.key for item in diff.removed}
    assert "procurement.monthly_summary" in added
    assert "integrity.report" in added
    assert "procurement.list" in removed
    assert "eservices.statistics" in removed
    changed = {c.key: c for c in diff.changed}
    assert "code" in changed["hr.plan"].fields  # O14 in 2568, O13 in 2569
    assert {w.code for w in diff.weights} >= {"IIT", "EIT", "OIT", "1", "10"}
    assert diff.weight_changes == []


def test_diff_shows_a_changed_weight():
    data = _raw(2570)
    data["tools"][0]["weight"] = "0.25"
    data["tools"][2]["weight"] = "0.45"
    from prongsai.ita.frameworks import framework_from_data

    diff = framework_diff(load_framework(2569), framework_from_data(data))
    changed = {(w.kind, w.code): w for w in diff.weight_changes}
    assert changed[("tool", "IIT")].old == 30 and changed[("tool", "IIT")].new == 25
    assert (
        changed[("indicator", "1")].new
        == indicator_weights(framework_from_data(data))[1]
    )
    assert changed[("indicator", "9")].new == pytest.approx(22.5)


# --- services ----------------------------------------------------------------


@pytest.fixture
def loaded_to_2569(db):
    framework_load_files()
    FrameworkVersion.objects.filter(fiscal_year=2570).delete()


def test_loading_flags_fy2570_provisional(db):
    framework_load_files()
    version = FrameworkVersion.objects.get(fiscal_year=2570)
    assert version.is_provisional is True
    assert version.based_on_year == 2569
    assert FrameworkVersion.objects.get(fiscal_year=2569).is_provisional is False


@freeze_time("2026-10-05")
def test_coordinator_starts_the_new_year_with_a_provisional_copy(
    loaded_to_2569, organization
):
    user = UserFactory()
    assert framework_get_next_year() == 2570
    version = framework_start_provisional(
        actor=user, organization=organization, fiscal_year=2570
    )
    assert version.is_provisional and version.based_on_year == 2569
    assert version.framework().provisional is True
    event = AuditEvent.objects.get(action="ita_framework.start_provisional")
    assert event.organization == organization
    with pytest.raises(DomainError, match="2570"):
        framework_start_provisional(
            actor=user, organization=organization, fiscal_year=2570
        )


@freeze_time("2026-06-01")
def test_a_year_is_not_started_months_ahead(loaded_to_2569, organization):
    assert framework_get_next_year() is None
    with pytest.raises(DomainError):
        framework_start_provisional(
            actor=UserFactory(), organization=organization, fiscal_year=2570
        )


def test_next_year_opens_two_months_ahead(loaded_to_2569):
    assert framework_get_next_year(today=datetime.date(2026, 8, 15)) == 2570
    assert framework_get_next_year(today=datetime.date(2026, 7, 15)) is None


def test_only_the_platform_operator_confirms(db):
    framework_load_files()
    version = FrameworkVersion.objects.get(fiscal_year=2570)
    with pytest.raises(DomainError):
        framework_confirm(actor=UserFactory(), version=version)
    operator = UserFactory(is_superuser=True, is_staff=True)
    framework_confirm(actor=operator, version=version)
    version.refresh_from_db()
    assert version.is_provisional is False
    assert version.confirmed_by == operator and version.confirmed_at
    assert "provisional" not in version.data
    assert version.framework().provisional is False
    assert AuditEvent.objects.filter(action="ita_framework.confirm").count() == 1
    with pytest.raises(DomainError):
        framework_confirm(actor=operator, version=version)


# --- pages -------------------------------------------------------------------


def _coordinator(organization):
    user = UserFactory(totp=True)
    MembershipFactory(
        organization=organization, user=user, roles=[Role.ITA_COORDINATOR.value]
    )
    return user


def _frameworks_url(organization, name="ita-staff:frameworks"):
    return reverse(name, kwargs={"org": organization.slug})


def test_frameworks_page_flags_the_provisional_year_in_thai(client, db, organization):
    framework_load_files()
    client.force_login(_coordinator(organization))
    response = client.get(_frameworks_url(organization) + "?fiscal_year=2570")
    body = response.content.decode()
    assert response.status_code == 200
    assert PROVISIONAL_TH in body
    assert 'id="no-changes"' in body
    assert 'id="confirm-framework"' not in body  # only for the operator
    response = client.get(_frameworks_url(organization) + "?fiscal_year=2569")
    body = response.content.decode()
    assert 'id="items-added"' in body and 'id="items-removed"' in body
    assert 'id="weights"' in body


def test_coordinator_starts_the_year_from_the_page(
    client, loaded_to_2569, organization
):
    # FY 2570 began on 1 October 2026 (BE 2569): from then on it can be started.
    client.force_login(_coordinator(organization))
    page = client.get(_frameworks_url(organization)).content.decode()
    assert 'id="start-year"' in page
    response = client.post(_frameworks_url(organization, "ita-staff:framework-start"))
    assert response.status_code == 302
    assert FrameworkVersion.objects.get(fiscal_year=2570).is_provisional


def test_coordinator_cannot_confirm_but_the_operator_can(client, db, organization):
    framework_load_files()
    url = _frameworks_url(organization, "ita-staff:framework-confirm")
    client.force_login(_coordinator(organization))
    client.post(url, {"fiscal_year": "2570"})
    assert FrameworkVersion.objects.get(fiscal_year=2570).is_provisional
    operator = UserFactory(is_superuser=True, is_staff=True, totp=True)
    client.force_login(operator)
    page = client.get(_frameworks_url(organization) + "?fiscal_year=2570")
    assert 'id="confirm-framework"' in page.content.decode()
    client.post(url, {"fiscal_year": "2570"})
    assert not FrameworkVersion.objects.get(fiscal_year=2570).is_provisional
    response = client.post(url, {"fiscal_year": "abc"}, follow=True)
    assert "ยังไม่มีกรอบการประเมิน ITA ของปีงบประมาณ 0" in response.content.decode()


def test_analysis_of_a_provisional_year_says_so(client, db, organization):
    from prongsai.ita.services import ita_result_record
    from prongsai.ita.tests.examples import BANDONG_2568

    framework_load_files()
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2570,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    client.force_login(_coordinator(organization))
    url = reverse(
        "ita-staff:analysis", kwargs={"org": organization.slug, "fiscal_year": 2570}
    )
    body = client.get(url).content.decode()
    assert "provisional-framework" in body and PROVISIONAL_TH in body
    url = url.replace("2570", "2569")
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2569,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    assert "provisional-framework" not in client.get(url).content.decode()
