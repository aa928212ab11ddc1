"""Loading frameworks into the database and recording results."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from prongsai.core.models import AuditEvent
from prongsai.ita.models import FrameworkVersion, ItaResult
from prongsai.ita.scoring import score
from prongsai.ita.selectors import access_ita_result, framework_get, ita_result_list
from prongsai.ita.services import framework_load_files, ita_result_record
from prongsai.ita.tests.examples import EXAMPLE_INDICATORS

pytestmark = pytest.mark.django_db

EXAMPLE = EXAMPLE_INDICATORS


@pytest.fixture
def frameworks():
    return framework_load_files()


def test_every_data_file_loads_and_validates(frameworks):
    assert frameworks["created"] == list(range(2562, 2571))
    assert framework_get(fiscal_year=2568).fiscal_year == 2568


def test_loading_again_keeps_admin_corrections(frameworks):
    version = FrameworkVersion.objects.get(fiscal_year=2568)
    version.data["name_th"] = "แก้ไขโดยผู้ดูแล"
    version.save()
    assert framework_load_files()["kept"] == list(range(2562, 2571))
    version.refresh_from_db()
    assert version.data["name_th"] == "แก้ไขโดยผู้ดูแล"
    framework_load_files(update=True)
    version.refresh_from_db()
    assert version.data["name_th"] != "แก้ไขโดยผู้ดูแล"


def test_broken_framework_data_is_refused(frameworks):
    version = FrameworkVersion.objects.get(fiscal_year=2568)
    version.data["tools"] = []
    with pytest.raises(ValidationError) as info:
        version.full_clean()
    assert "data" in info.value.error_dict


def test_record_result_and_score_it(frameworks, organization, admin_user):
    result = ita_result_record(
        actor=admin_user,
        organization=organization,
        fiscal_year=2564,
        indicators=EXAMPLE,
        published={"total": "81.39"},
        notes="ผลจากระบบ ITAS",
    )
    computed = score(framework_get(fiscal_year=2564), result.indicators)
    assert str(computed.total) == "81.39"
    assert computed.level.code == "B"
    assert result.published == {"total": result.published_total}
    event = AuditEvent.objects.get(action="ita_result.create")
    assert event.organization == organization


def test_correcting_a_result_records_the_change(frameworks, organization, admin_user):
    ita_result_record(
        actor=admin_user,
        organization=organization,
        fiscal_year=2564,
        indicators=EXAMPLE,
    )
    ita_result_record(
        actor=admin_user,
        organization=organization,
        fiscal_year=2564,
        indicators={**EXAMPLE, 9: "80"},
    )
    assert ItaResult.objects.count() == 1
    event = AuditEvent.objects.get(action="ita_result.update")
    assert event.changes["i9"] == {"old": "72.80", "new": "80.00"}


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"indicators": {**EXAMPLE, 3: "101"}}, "indicators", "ตัวชี้วัดที่ 3"),
        ({"indicators": {**EXAMPLE, 4: "88.123"}}, "indicators", "ตัวชี้วัดที่ 4"),
        (
            {"indicators": {k: v for k, v in EXAMPLE.items() if k != 10}},
            "indicators",
            "10",
        ),
        ({"fiscal_year": 2590}, "fiscal_year", "2590"),
        ({"published": {"oit": "abc"}}, "published_oit", "OIT"),
        ({"item_results": {"O1": 50}}, "item_results", "O1"),
    ],
)
def test_bad_input_is_refused_whole_with_thai_messages(
    frameworks, organization, admin_user, change, field, text
):
    data = {"fiscal_year": 2568, "indicators": EXAMPLE, **change}
    with pytest.raises(ValidationError) as info:
        ita_result_record(actor=admin_user, organization=organization, **data)
    assert text in " ".join(info.value.message_dict[field])
    assert not ItaResult.objects.exists()


def test_results_are_per_organization(
    frameworks, organization, other_organization, admin_user
):
    ita_result_record(
        actor=admin_user,
        organization=other_organization,
        fiscal_year=2567,
        indicators=EXAMPLE,
    )
    assert list(ita_result_list(organization=organization)) == []
    with pytest.raises(Http404):
        access_ita_result(organization=organization, fiscal_year=2567)
