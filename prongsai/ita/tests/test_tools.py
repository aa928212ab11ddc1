"""A weak indicator links to the Prongsai pages that act on it (ita.tools)."""

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

# Indicator 5 (the fight against corruption) weak, everything else strong.
INDICATORS = dict.fromkeys(range(1, 11), 95) | {5: 40}


def _weakness(kind, code):
    return Weakness(kind=kind, code=code, title="", score=0, threshold=85)


def _urls(organization, *names):
    return [reverse(name, kwargs={"org": organization.slug}) for name in names]


def test_links_for_the_weaknesses_that_have_tools(organization):
    weak = [_weakness("indicator", code) for code in ("3", "4", "5", "7")]
    links = weakness_tool_links(organization, weak)
    no_gift = reverse("integrity-staff:no-gift", kwargs={"org": organization.slug})
    assert ToolLink(label="นโยบาย No Gift Policy", url=no_gift) in links["indicator:5"]
    # Indicator 3: HR; 4: government property; 5: the fight against corruption.
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
    assert all(link.label for links_ in links.values() for link in links_)
    assert "indicator:7" not in links
    # The same code as a tool (IIT/EIT/OIT) is another target.
    assert weakness_tool_links(organization, [_weakness("tool", "5")]) == {}


def test_analysis_page_links_a_weak_indicator_to_its_register(client, organization):
    framework_load_files()
    recommendation_rules_load()
    ita_result_record(
        actor=None, organization=organization, fiscal_year=2569, indicators=INDICATORS
    )
    user = UserFactory(totp=True)
    MembershipFactory(
        organization=organization, user=user, roles=[Role.ITA_COORDINATOR.value]
    )
    client.force_login(user)

    body = client.get(
        reverse(
            "ita-staff:analysis", kwargs={"org": organization.slug, "fiscal_year": 2569}
        )
    ).content.decode()

    no_gift = reverse("integrity-staff:no-gift", kwargs={"org": organization.slug})
    assert "weakness-tools" in body
    assert f'href="{no_gift}"' in body
