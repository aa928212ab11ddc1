"""Recommendation rules: shipped defaults, an organisation's own rules and
switched-off defaults; specific recommendations for OIT items by key."""

from decimal import Decimal

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.ita.analysis import Rule, analyse
from prongsai.ita.frameworks import available_fiscal_years, load_framework
from prongsai.ita.models import OrganizationRule, RecommendationRule, RuleSwitchOff
from prongsai.ita.selectors import ita_analysis_get, recommendation_rule_list
from prongsai.ita.services import (
    FRAMEWORK_DIR,
    framework_load_files,
    ita_result_record,
    recommendation_rules_load,
)
from prongsai.ita.services_rules import (
    default_rule_adapt,
    default_rule_switch_off,
    default_rule_switch_on,
    organization_rule_create,
    organization_rule_delete,
    organization_rule_update,
)
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    framework_load_files()
    recommendation_rules_load()


@pytest.fixture
def actor():
    return UserFactory()


def _titles(organization):
    return {rule.title for rule in recommendation_rule_list(organization=organization)}


def test_shipped_rules_are_every_organisations_defaults(
    loaded, organization, other_organization
):
    shipped = set(RecommendationRule.objects.values_list("title", flat=True))
    assert _titles(organization) == shipped == _titles(other_organization)


def test_analysis_uses_defaults_minus_switched_off_plus_own(
    loaded, organization, other_organization, actor
):
    oit_rule = RecommendationRule.objects.get(key="tool-oit")
    default_rule_switch_off(actor=actor, organization=organization, rule=oit_rule)
    organization_rule_create(
        actor=actor,
        organization=organization,
        scope="tool",
        target="OIT",
        title="ประชุมทีมเว็บไซต์ทุกวันจันทร์",
    )
    own = _titles(organization)
    assert oit_rule.title not in own
    assert "ประชุมทีมเว็บไซต์ทุกวันจันทร์" in own
    # Another organisation keeps the defaults and never sees the own rule.
    other = _titles(other_organization)
    assert oit_rule.title in other
    assert "ประชุมทีมเว็บไซต์ทุกวันจันทร์" not in other
    own_rule = next(
        r for r in recommendation_rule_list(organization=organization) if r.own
    )
    assert own_rule.title == "ประชุมทีมเว็บไซต์ทุกวันจันทร์"


def test_switching_a_default_off_and_on_is_audited(loaded, organization, actor):
    rule = RecommendationRule.objects.get(key="tool-eit")
    default_rule_switch_off(actor=actor, organization=organization, rule=rule)
    default_rule_switch_off(actor=actor, organization=organization, rule=rule)
    assert RuleSwitchOff.objects.filter(organization=organization).count() == 1
    default_rule_switch_on(actor=actor, organization=organization, rule=rule)
    assert not RuleSwitchOff.objects.filter(organization=organization).exists()
    actions = list(
        AuditEvent.objects.filter(organization=organization).values_list(
            "action", flat=True
        )
    )
    assert actions.count("ita_default_rule.switch_off") == 1
    assert actions.count("ita_default_rule.switch_on") == 1


def test_adapting_a_default_replaces_it_until_the_copy_is_deleted(
    loaded, organization, actor
):
    rule = RecommendationRule.objects.get(key="tool-iit")
    own = default_rule_adapt(actor=actor, organization=organization, rule=rule)
    assert own.replaces == rule and own.title == rule.title
    organization_rule_update(actor=actor, rule=own, title="ทบทวนคู่มือของเรา")
    titles = _titles(organization)
    assert "ทบทวนคู่มือของเรา" in titles and rule.title not in titles
    with pytest.raises(DomainError):
        default_rule_adapt(actor=actor, organization=organization, rule=rule)
    organization_rule_delete(actor=actor, rule=own)
    assert rule.title in _titles(organization)


def test_own_rule_target_is_checked(organization, actor):
    with pytest.raises(ValidationError) as error:
        organization_rule_create(
            actor=actor,
            organization=organization,
            scope="indicator",
            target="11",
            title="x",
        )
    assert "target" in error.value.message_dict


def test_item_rules_match_the_stable_key_and_replace_the_generic_one():
    framework = load_framework(2569)
    rules = (
        Rule(scope="item", target="*", title="generic", priority=200),
        Rule(scope="item", target="procurement.monthly_summary", title="สขร.1"),
    )
    items = {item.code: 100 for item in framework.oit_items}
    items["O11"] = 0  # procurement.monthly_summary in 2569
    items["O13"] = 0  # hr.plan: no specific rule here
    result = analyse(
        framework=framework,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
        item_results=items,
        rules=rules,
    )
    by_code = {w.code: w for w in result.to_develop}
    assert [r.title for r in by_code["O11"].recommendations] == ["สขร.1"]
    assert [r.title for r in by_code["O13"].recommendations] == ["generic"]
    rows = {row.code: row for row in result.missing_items}
    assert [r.title for r in rows["O11"].recommendations] == ["สขร.1"]


def _shipped_rules() -> list[dict]:
    path = FRAMEWORK_DIR.parent / "recommendations.yaml"
    return yaml.safe_load(path.read_text("utf-8"))


@pytest.mark.parametrize("year", [y for y in available_fiscal_years() if y >= 2566])
def test_every_oit_item_has_a_specific_shipped_recommendation(year):
    targets = {r["target"] for r in _shipped_rules() if r["scope"] == "item"}
    missing = [
        item.key for item in load_framework(year).oit_items if item.key not in targets
    ]
    assert missing == []


def test_item_recommendations_say_where_prongsai_makes_the_evidence():
    rules = {r["target"]: r for r in _shipped_rules() if r["scope"] == "item"}
    plan = rules["procurement.plan"]
    assert plan["title"].startswith("เผยแพร่แผนการจัดซื้อจัดจ้าง")
    assert "ระบบจัดซื้อจัดจ้างของ Prongsai สร้างให้อัตโนมัติ" in plan["description"]
    assert "/procurement/plan/" in plan["description"]
    descriptions = [r["description"] for r in rules.values() if r["target"] != "*"]
    assert all("Prongsai" in d for d in descriptions)
    assert len(set(descriptions)) == len(descriptions)


def test_organisation_analysis_shows_the_keyed_recommendation(
    loaded, organization, actor
):
    items = {f"O{n}": 100 for n in range(1, 27)}
    items["O11"] = 0
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2569,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
        item_results=items,
    )
    analysis = ita_analysis_get(organization=organization, fiscal_year=2569)
    o11 = next(w for w in analysis.to_develop if w.code == "O11")
    titles = [r.title for r in o11.recommendations]
    assert titles == ["เผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1) ครบทุกเดือน"]
    # Switching it off leaves the generic recommendation.
    rule = RecommendationRule.objects.get(target="procurement.monthly_summary")
    default_rule_switch_off(actor=actor, organization=organization, rule=rule)
    analysis = ita_analysis_get(organization=organization, fiscal_year=2569)
    o11 = next(w for w in analysis.to_develop if w.code == "O11")
    assert [r.target for r in o11.recommendations] == ["*"]


# --- pages -------------------------------------------------------------------


def _member(organization, *roles):
    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    return user


def _url(name, organization, **kwargs):
    return reverse(name, kwargs={"org": organization.slug, **kwargs})


def test_coordinator_adds_edits_and_deletes_an_own_rule(client, loaded, organization):
    client.force_login(_member(organization, Role.ITA_COORDINATOR.value))
    page = client.get(_url("ita-staff:rules", organization))
    assert page.status_code == 200
    assert "ข้อเสนอแนะของ Prongsai" in page.content.decode()
    data = {
        "scope": "item",
        "target": "procurement.plan",
        "title": "ลงแผนจัดซื้อในเว็บไซต์ภายในวันที่ 30 ตุลาคม",
        "priority": "10",
        "is_active": "on",
    }
    response = client.post(_url("ita-staff:rule-create", organization), data)
    assert response.status_code == 302
    rule = OrganizationRule.objects.get(organization=organization)
    assert rule.title.startswith("ลงแผนจัดซื้อ")
    response = client.post(
        _url("ita-staff:rule-edit", organization, pk=rule.pk),
        {**data, "scope": "tool", "target": "XYZ"},
    )
    assert response.status_code == 200
    assert "เป้าหมายนี้ไม่ตรงกับประเภทที่กฎนี้ใช้" in response.content.decode()
    client.post(
        _url("ita-staff:rule-edit", organization, pk=rule.pk),
        {**data, "title": "แก้แล้ว"},
    )
    rule.refresh_from_db()
    assert rule.title == "แก้แล้ว"
    client.post(_url("ita-staff:rule-delete", organization, pk=rule.pk))
    assert not OrganizationRule.objects.filter(organization=organization).exists()


def test_coordinator_switches_off_and_adapts_defaults(client, loaded, organization):
    client.force_login(_member(organization, Role.ITA_COORDINATOR.value))
    rule = RecommendationRule.objects.get(key="tool-oit")
    client.post(
        _url("ita-staff:default-rule-switch-off", organization), {"rule": rule.pk}
    )
    assert RuleSwitchOff.objects.filter(organization=organization, rule=rule).exists()
    client.post(
        _url("ita-staff:default-rule-switch-on", organization), {"rule": rule.pk}
    )
    assert not RuleSwitchOff.objects.filter(organization=organization).exists()
    client.post(_url("ita-staff:default-rule-adapt", organization), {"rule": rule.pk})
    assert OrganizationRule.objects.get(organization=organization).replaces == rule
    assert RuleSwitchOff.objects.filter(organization=organization).count() == 1
    response = client.post(
        _url("ita-staff:default-rule-switch-off", organization),
        {"rule": "nope"},
        follow=True,
    )
    assert "ข้อเสนอแนะนี้ไม่ได้ใช้งานบนแพลตฟอร์ม" in response.content.decode()
    assert RuleSwitchOff.objects.filter(organization=organization).count() == 1


def test_executive_cannot_manage_rules(client, loaded, organization):
    client.force_login(_member(organization, Role.EXECUTIVE.value))
    assert client.get(_url("ita-staff:rules", organization)).status_code == 403
    response = client.post(
        _url("ita-staff:rule-create", organization),
        {"scope": "tool", "target": "OIT", "title": "x", "priority": "1"},
    )
    assert response.status_code == 403
    assert not OrganizationRule.objects.filter(organization=organization).exists()


def test_below_threshold_of_own_rule(loaded, organization, actor):
    rule = organization_rule_create(
        actor=actor,
        organization=organization,
        scope="indicator",
        target="4",
        title="เฉพาะเมื่อต่ำมาก",
        below=Decimal("50"),
    )
    assert rule.below == Decimal("50")


def test_analysis_page_says_what_to_publish_for_a_missing_item(
    client, loaded, organization
):
    items = {f"O{n}": 100 for n in range(1, 27)}
    items["O11"] = 0
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2569,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
        item_results=items,
    )
    client.force_login(_member(organization, Role.ITA_COORDINATOR.value))
    body = client.get(
        _url("ita-staff:analysis", organization, fiscal_year=2569)
    ).content.decode()
    assert "item-recommendation" in body
    assert "ระบบจัดซื้อจัดจ้างของ Prongsai สร้างให้อัตโนมัติ" in body
