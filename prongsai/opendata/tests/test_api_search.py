"""package_search's query language (OR, fields, phrases, ranges, paging,
facets) and the actions resource_show, tag_list and license_list."""

import datetime

import pytest
import time_machine

from prongsai.opendata.models import Dataset, License
from prongsai.opendata.tests.providers import TEST_KEY
from prongsai.opendata.tests.test_api import B2567, B2568, N2568, call, result

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def names(client, **params):
    found = result(call(client, "package_search", sort="name asc", **params))
    assert found["count"] == len(found["results"])
    return [p["name"] for p in found["results"]]


class TestQuery:
    def test_or_of_words(self, client, published):
        assert names(client, q="หนองบัว") == [N2568]
        assert names(client, q="หนองบัว OR บ้านดง") == [B2567, B2568, N2568]
        assert names(client, q="หนองบัว || 2567") == [B2567, N2568]

    def test_words_side_by_side_all_match(self, client, published):
        assert names(client, q="บ้านดง 2567") == [B2567]
        assert names(client, q="บ้านดง AND 2567") == [B2567]
        assert names(client, q="บ้านดง -2567") == [B2568]
        assert names(client, q="บ้านดง NOT 2567") == [B2568]

    def test_or_binds_its_neighbours_only(self, client, published):
        """The harvester's ``a OR b c`` means (a or b) and c."""
        q = "organization:nongbua OR organization:bandong fiscal_year:2567"
        assert names(client, q=q) == [B2567]
        q = "(organization:nongbua OR organization:bandong) AND fiscal_year:2568"
        assert names(client, q=q) == [B2568, N2568]
        assert names(client, q="name:x AND name:y OR organization:nongbua") == [N2568]

    @pytest.mark.parametrize(
        ("q", "expected"),
        [
            (f"name:{B2568}", [B2568]),
            ("name:bandong-*", [B2567, B2568]),
            ('title:"ปีงบประมาณ 2567"', [B2567]),
            ("title:หนองบัว", [N2568]),
            ("notes:nothing-like-this", []),
            ("tags:2567", [B2567]),
            ('tags:"สขร.1"', [B2567, B2568, N2568]),
            ("tags:(2567 OR 2568)", [B2567, B2568, N2568]),
            ("tags:สขร*", [B2567, B2568, N2568]),
            ("organization:nongbua", [N2568]),
            ('organization:"bandong"', [B2567, B2568]),
            ("organization:nong*", [N2568]),
            ("res_format:CSV", [B2567, B2568, N2568]),
            ("res_format:PDF", []),
            ("license_id:cc-by", []),
            (f'license_id:"{License.OPEN_DATA_COMMON}"', [B2567, B2568, N2568]),
            ("fiscal_year:[2568 TO *]", [B2568, N2568]),
            ("fiscal_year:{2567 TO 2568]", [B2568, N2568]),
            ("groups:anything", []),
            ("-groups:anything", [B2567, B2568, N2568]),
            ("text:หนองบัว", [N2568]),
            ("*:*", [B2567, B2568, N2568]),
            ("*", [B2567, B2568, N2568]),
            ("name:*", [B2567, B2568, N2568]),
            ('"บ้านดง"', [B2567, B2568]),
            ("+capacity:public +state:(active OR draft)", [B2567, B2568, N2568]),
            ("dataset_type:dataset", [B2567, B2568, N2568]),
            ("type:harvest", []),
        ],
    )
    def test_fielded_q_and_fq(self, client, published, q, expected):
        assert names(client, q=q) == expected
        assert names(client, fq=q) == expected

    def test_q_and_fq_together(self, client, published):
        assert names(client, q="organization:bandong", fq="tags:2568") == [B2568]

    def test_id_and_owner_org(self, client, published):
        package = result(call(client, "package_show", id=N2568))
        assert names(client, q=f"id:{package['id']}") == [N2568]
        assert names(client, q="id:not-a-uuid") == []
        q = f'owner_org:"{package["owner_org"]}" OR organization:nobody'
        assert names(client, fq=q) == [N2568]


class TestModifiedRanges:
    @pytest.fixture
    def dated(self, published):
        stamps = {
            B2567: datetime.datetime(2025, 1, 10, 8, 0, tzinfo=UTC),
            B2568: datetime.datetime(2025, 2, 10, 8, 0, 0, 500000, tzinfo=UTC),
            N2568: datetime.datetime(2025, 3, 10, 8, 0, tzinfo=UTC),
        }
        for name, stamp in stamps.items():
            Dataset.objects.filter(name=name).update(modified_at=stamp)
        return stamps

    @pytest.mark.parametrize(
        ("fq", "expected"),
        [
            ("metadata_modified:[2025-02-10T08:00:00.500000Z TO *]", [B2568, N2568]),
            ("metadata_modified:{2025-02-10T08:00:00.500000Z TO *]", [N2568]),
            ("metadata_modified:[2025-02-10T08:00:00.5Z TO *]", [B2568, N2568]),
            ("metadata_modified:[* TO 2025-02-10T08:00:00.500000Z}", [B2567]),
            ("metadata_modified:[2025-02-01 TO 2025-02-28]", [B2568]),
            ("metadata_modified:[2025-02-10T15:00:00+07:00 TO *]", [B2568, N2568]),
            (
                "metadata_modified:[2025-03-10T08:00:00Z TO 2025-03-10T08:00:00Z]",
                [N2568],
            ),
            ('metadata_modified:"2025-03-10T08:00:00Z"', [N2568]),
            ("metadata_modified:[NOW-2MONTHS/DAY TO NOW]", [N2568]),
            ("metadata_modified:[NOW/YEAR TO *]", [B2567, B2568, N2568]),
            ("metadata_modified:[NOW+1DAY TO *]", []),
            ("metadata_created:[2020-01-01T00:00:00Z TO *]", [B2567, B2568, N2568]),
        ],
    )
    @time_machine.travel(datetime.datetime(2025, 4, 20, 12, 0, tzinfo=UTC))
    def test_ranges(self, client, dated, fq, expected):
        assert names(client, fq=fq) == expected

    def test_the_harvesters_incremental_query(self, client, dated):
        """``fq`` as ckanext-harvest writes it: an org filter and a naive UTC
        ``isoformat()`` plus ``Z``, one hour before the last run."""
        since = datetime.datetime(2025, 2, 10, 9, 30) - datetime.timedelta(hours=1)
        fq = " ".join(
            [
                "organization:bandong OR organization:nongbua",
                f"metadata_modified:[{since.isoformat()}Z TO *]",
            ]
        )
        assert names(client, fq=fq, rows=100, start=0) == [N2568]


class TestPagingExactlyOnce:
    def test_pages_by_id_see_every_dataset_once(self, client, published):
        from prongsai.opendata.tests.factories import DatasetFactory

        for _ in range(7):
            DatasetFactory()
        seen = []
        for start in range(0, 20, 3):
            page = result(
                call(client, "package_search", rows=3, start=start, sort="id asc")
            )
            seen += [p["id"] for p in page["results"]]
        assert len(seen) == len(set(seen)) == 10
        assert seen == sorted(seen)

    def test_same_timestamps_are_still_ordered(self, client, published):
        Dataset.objects.update(modified_at=datetime.datetime(2025, 1, 1, tzinfo=UTC))
        pages = [
            result(call(client, "package_search", rows=1, start=start))["results"]
            for start in range(3)
        ]
        assert sorted(p[0]["name"] for p in pages) == [B2567, B2568, N2568]


class TestFacets:
    def test_license_facet_shows_the_title_and_limit_applies(self, client, published):
        found = result(
            call(
                client,
                "package_search",
                method="json",
                **{"facet.field": ["license_id", "tags"], "facet.limit": 1},
            )
        )
        items = found["search_facets"]["license_id"]["items"]
        assert items == [
            {
                "name": License.OPEN_DATA_COMMON.value,
                "display_name": "Open Data Common",
                "count": 3,
            }
        ]
        assert len(found["search_facets"]["tags"]["items"]) == 1

    def test_negative_limit_is_unlimited_and_facet_false_turns_off(
        self, client, published
    ):
        params = {"facet.field": '["tags"]'}
        found = result(call(client, "package_search", **params, **{"facet.limit": -1}))
        assert set(found["facets"]["tags"]) == {"จัดซื้อจัดจ้าง", "สขร.1", "2567", "2568"}
        found = result(call(client, "package_search", **params, facet="false"))
        assert found["facets"] == {} and found["search_facets"] == {}

    def test_facets_follow_the_query(self, client, published):
        found = result(
            call(
                client,
                "package_search",
                q="organization:nongbua OR fiscal_year:2567",
                **{"facet.field": '["organization"]'},
            )
        )
        assert found["facets"]["organization"] == {"bandong": 1, "nongbua": 1}


class TestResourceShow:
    def test_each_resource_of_a_package(self, client, published):
        package = result(call(client, "package_show", id=B2568))
        for resource in package["resources"]:
            shown = result(call(client, "resource_show", id=resource["id"]))
            assert shown == resource
        assert [r["format"] for r in package["resources"]] == ["CSV", "XLSX", "JSON"]

    def test_errors(self, client, published):
        error = result(call(client, "resource_show"), 409)
        assert error["__type"] == "Validation Error"
        assert error["id"] == ["Missing value"]
        error = result(call(client, "resource_show", id=B2568), 404)
        assert error == {"__type": "Not Found Error", "message": "Not found"}

    def test_resource_of_an_unpublished_dataset_is_not_found(self, client, published):
        package = result(call(client, "package_show", id=N2568))
        Dataset.objects.filter(name=N2568).update(is_active=False)
        resource_id = package["resources"][0]["id"]
        result(call(client, "resource_show", id=resource_id), 404)


class TestTagsAndLicences:
    def test_tag_list(self, client, published):
        assert result(call(client, "tag_list")) == [
            "2567",
            "2568",
            "จัดซื้อจัดจ้าง",
            "สขร.1",
        ]
        assert result(call(client, "tag_list", query="สขร")) == ["สขร.1"]
        assert result(call(client, "tag_list", q="256")) == ["2567", "2568"]
        full = result(call(client, "tag_list", all_fields="true", query="2567"))
        assert full == [
            {
                "id": full[0]["id"],
                "name": "2567",
                "display_name": "2567",
                "state": "active",
                "vocabulary_id": None,
            }
        ]

    def test_tags_of_unpublished_datasets_are_not_listed(
        self, client, published, organization
    ):
        Dataset.objects.filter(name=B2567).update(is_active=False)
        assert "2567" not in result(call(client, "tag_list"))

    def test_unknown_vocabulary_is_not_found(self, client, published):
        error = result(call(client, "tag_list", vocabulary_id="genre"), 404)
        assert error["__type"] == "Not Found Error"

    def test_license_list(self, client, db):
        licences = result(call(client, "license_list"))
        assert [lic["id"] for lic in licences] == list(License.values)
        cc_by = next(lic for lic in licences if lic["id"] == "cc-by")
        assert cc_by["url"] == "https://creativecommons.org/licenses/by/4.0/"
        assert cc_by["od_conformance"] == "approved"
        assert cc_by["status"] == "active"
        assert {"title", "is_okd_compliant", "osd_conformance"} <= set(cc_by)

    def test_license_title_of_a_package_is_in_the_list(self, client, published):
        package = result(call(client, "package_show", id=B2568))
        titles = {
            lic["id"]: lic["title"] for lic in result(call(client, "license_list"))
        }
        assert titles[package["license_id"]] == package["license_title"]


def test_help_for_the_new_actions(client, db):
    for name in ("resource_show", "tag_list", "license_list"):
        assert result(call(client, "help_show", name=name))


def test_test_key_is_used(published):
    assert Dataset.objects.filter(provider_key=TEST_KEY).count() == 3
