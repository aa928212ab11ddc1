"""A weak indicator links to the Prongsai pages that act on it (ita.tools),
for those who may open them."""

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.ita.analysis import Weakness
from prongsai.ita.services import (
    framework_load_files,
    ita_result_record,
    recommendation_rules_load,
)
from prongsai.ita.tools import ToolLink, weakness_tool_links
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

# Indicators 4 (government property) and 5 (corruption) weak, the rest strong.
INDICATORS = dict.fromkeys(range(1, 11), 95) | {4: 60, 5: 40}


def _weakness(kind, code):
    return Weakness(kind=kind, code=code, title="", score=0, threshold=85)


def _urls(organization, *names):
    return [reverse(name, kwargs={"org": organization.slug}) for name in names]


def _member(organization, *roles):
    user = UserFactory(totp=True)
    membership = MembershipFactory(
        organization=organization, user=user, roles=[r.value for r in roles]
    )
    return user, membership


def _links(organization, membership, *codes, kind="indicator"):
    weak = [_weakness(kind, code) for code in codes]
    return weakness_tool_links(
        organization, weak, user=membership.user, membership=membership
    )


def test_links_for_the_weaknesses_that_have_tools(organization):
    _user, everything = _member(organization, *Role)
    links = _links(organization, everything, "3", "4", "5", "7", "9", "10")
    no_gift = reverse("integrity-staff:no-gift", kwargs={"org": organization.slug})
    assert ToolLink(label="นโยบาย No Gift Policy", url=no_gift) in links["indicator:5"]
    # 3: HR; 4: government property; 5: the fight against corruption;
    # 9: disclosure; 10: corruption prevention.
    assert [link.url for link in links["indicator:3"]] == _urls(
        organization, "integrity-staff:hr"
    )
    assert [link.url for link in links["indicator:4"]] == _urls(
        organization, "integrity-staff:loan-list", "integrity-staff:loan-rules"
    )
    assert [link.url for link in links["indicator:5"]] == _urls(
        organization,
        "integrity-staff:no-gift",
        "integrity-staff:ethics",
        "integrity-staff:coi-summary",
    )
    assert [link.url for link in links["indicator:9"]] == _urls(
        organization, "oit-staff:index"
    )
    assert sorted(link.url for link in links["indicator:10"]) == sorted(
        _urls(organization, "plans-staff:plan-list", "risks-staff:risk-assessment-list")
    )
    assert "indicator:7" not in links
    # The same code as a tool (IIT/EIT/OIT) is another target.
    assert _links(organization, everything, "5", kind="tool") == {}
    assert [
        link.url
        for link in _links(organization, everything, "OIT", kind="tool")["tool:OIT"]
    ] == _urls(organization, "oit-staff:index")


def test_only_the_pages_the_member_may_open(organization, client):
    _user, staff = _member(organization, Role.STAFF)
    links = _links(organization, staff, "4", "5")
    # Every member borrows and follows the No Gift Policy; the borrowing rules'
    # page and the conflict-of-interest summary are for their managers.
    assert [link.url for link in links["indicator:4"]] == _urls(
        organization, "integrity-staff:loan-list"
    )
    assert [link.url for link in links["indicator:5"]] == _urls(
        organization, "integrity-staff:no-gift", "integrity-staff:ethics"
    )
    for link in links["indicator:4"] + links["indicator:5"]:
        client.force_login(staff.user)
        assert client.get(link.url).status_code == 200, link.url


def test_analysis_page_links_a_weak_indicator_to_its_register(client, organization):
    framework_load_files()
    recommendation_rules_load()
    ita_result_record(
        actor=None, organization=organization, fiscal_year=2569, indicators=INDICATORS
    )
    user, _membership = _member(organization, Role.ITA_COORDINATOR)
    client.force_login(user)

    body = client.get(
        reverse(
            "ita-staff:analysis", kwargs={"org": organization.slug, "fiscal_year": 2569}
        )
    ).content.decode()

    loans, rules, no_gift = _urls(
        organization,
        "integrity-staff:loan-list",
        "integrity-staff:loan-rules",
        "integrity-staff:no-gift",
    )
    assert "weakness-tools" in body
    assert f'href="{loans}"' in body and f'href="{no_gift}"' in body
    # The coordinator does not keep the asset register: no link to a 403.
    assert f'href="{rules}"' not in body
