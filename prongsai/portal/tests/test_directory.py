"""The platform directory (``/``): a page at a time, searchable in Thai,
cached until an organisation changes (issue #21)."""

import pytest
from django.core.cache import cache

from prongsai.organizations import selectors
from prongsai.organizations.directory_search import search_words
from prongsai.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_search_words_spell_out_thai_abbreviations_and_drop_place_words():
    assert search_words("อบต.บ้านดง") == ["องค์การบริหารส่วนตำบล", "บ้านดง"]
    assert search_words(" ทต  หนองบัว จ.ขอนแก่น ") == [
        "เทศบาลตำบล",
        "หนองบัว",
        "ขอนแก่น",
    ]
    assert search_words("จังหวัด อุดรธานี อำเภอเมือง") == ["อุดรธานี", "เมือง"]
    assert search_words("ทนง") == ["ทนง"]  # not an abbreviation inside a word
    assert search_words("   ") == []
    assert len(search_words("ก " * 50)) == 1


def test_the_directory_is_paged(client, django_assert_max_num_queries):
    OrganizationFactory.create_batch(selectors.DIRECTORY_PER_PAGE + 5)
    with django_assert_max_num_queries(3):
        first = client.get("/")
    body = first.content.decode()
    assert body.count('class="card h-100') == selectors.DIRECTORY_PER_PAGE
    assert "65" in body
    assert 'rel="next"' in body
    second = client.get("/?page=2").content.decode()
    assert second.count('class="card h-100') == 5
    assert client.get("/?page=99").status_code == 200  # the last page
    assert client.get("/?page=abc").status_code == 200


def test_the_directory_finds_by_name_province_and_district_in_thai(client):
    OrganizationFactory(name="องค์การบริหารส่วนตำบลบ้านดง", slug="bandong")
    OrganizationFactory(
        name="เทศบาลตำบลหนองบัว",
        kind="tambon_municipality",
        slug="nongbua",
        province="อุดรธานี",
        district="หนองวัวซอ",
    )
    by_abbreviation = client.get("/", {"q": "อบต.บ้านดง"}).content.decode()
    assert "/bandong/" in by_abbreviation and "/nongbua/" not in by_abbreviation
    by_province = client.get("/", {"q": "จังหวัดอุดรธานี"}).content.decode()
    assert "/nongbua/" in by_province and "/bandong/" not in by_province
    by_district = client.get("/", {"q": "อำเภอหนองวัวซอ"}).content.decode()
    assert "/nongbua/" in by_district
    nothing = client.get("/", {"q": "ไม่มีที่นี่"})
    assert nothing.status_code == 200
    assert "/bandong/" not in nothing.content.decode()


def test_a_cached_page_is_forgotten_when_an_organisation_changes(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    organization = OrganizationFactory(name="องค์การบริหารส่วนตำบลเก่า")
    assert organization.name in client.get("/").content.decode()
    with django_assert_num_queries(0):
        selectors.organization_directory_page()
    with django_capture_on_commit_callbacks(execute=True):
        organization.name = "องค์การบริหารส่วนตำบลใหม่"
        organization.save()
    assert "ตำบลใหม่" in client.get("/").content.decode()
