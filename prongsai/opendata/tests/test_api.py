"""CKAN Action API: paths, methods, envelope, package shapes, search, errors."""

import json

import pytest

from prongsai.opendata.models import AccessLevel, Dataset
from prongsai.opendata.tests.providers import TEST_KEY

pytestmark = pytest.mark.django_db

B2567 = f"bandong-{TEST_KEY}-2567"
B2568 = f"bandong-{TEST_KEY}-2568"
N2568 = f"nongbua-{TEST_KEY}-2568"


def call(client, action, method="get", version="3", **params):
    prefix = "/api/3/action/" if version == "3" else "/api/action/"
    if method == "get":
        return client.get(prefix + action, params)
    if method == "form":
        return client.post(prefix + action, params)
    return client.post(
        prefix + action, json.dumps(params), content_type="application/json"
    )


def result(response, status=200):
    assert response.status_code == status, response.content
    data = response.json()
    assert data["success"] is (status == 200)
    assert data["help"].startswith("http://testserver/api/")
    return data.get("result", data.get("error"))


class TestTransport:
    @pytest.mark.parametrize("method", ["get", "json", "form"])
    @pytest.mark.parametrize("version", ["3", ""])
    def test_both_paths_and_every_method_answer(
        self, client, published, method, version
    ):
        response = call(client, "package_list", method=method, version=version)
        assert result(response) == [B2567, B2568, N2568]

    def test_trailing_slash_is_served_without_redirect(self, client, published):
        response = client.post("/api/action/package_list/", "{}", "application/json")
        assert response.status_code == 200

    def test_post_needs_no_csrf_token(self, published):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        response = call(client, "package_show", method="json", id=B2568)
        assert result(response)["name"] == B2568

    def test_old_style_form_with_json_key(self, client, published):
        response = client.post(
            "/api/3/action/package_show",
            json.dumps({"id": B2568}) + "=1",
            content_type="application/x-www-form-urlencoded",
        )
        assert result(response)["name"] == B2568

    def test_unknown_action_is_a_bad_request(self, client, db):
        response = call(client, "package_create")
        error = result(response, 400)
        assert "Action name not known: package_create" in error["message"]

    def test_broken_json_is_a_bad_request(self, client, db):
        response = client.post(
            "/api/action/package_list", "{nope", content_type="application/json"
        )
        assert "JSON Error" in result(response, 400)["message"]

    def test_json_must_be_an_object(self, client, db):
        response = client.post(
            "/api/action/package_list", "[1]", content_type="application/json"
        )
        assert result(response, 400)["__type"] == "Bad Request"

    def test_put_is_refused(self, client, db):
        assert client.put("/api/3/action/package_list").status_code == 405

    def test_help_show(self, client, db):
        text = result(call(client, "help_show", name="package_search"))
        assert "q" in text


class TestPackages:
    def test_package_list_pages(self, client, published):
        assert result(call(client, "package_list", limit=1, offset=1)) == [B2568]

    def test_package_list_hides_unpublished(self, client, published, organization):
        Dataset.objects.filter(name=B2567).update(access_level=AccessLevel.INTERNAL)
        Dataset.objects.filter(name=B2568).update(is_active=False)
        assert result(call(client, "package_list")) == [N2568]

    def test_package_show_by_name_and_by_id(self, client, published):
        by_name = result(call(client, "package_show", id=B2568))
        by_id = result(call(client, "package_show", id=by_name["id"]))
        assert by_id == by_name

    def test_package_dict_has_ckan_and_thai_catalogue_keys(self, client, published):
        package = result(call(client, "package_show", id=B2568))
        for key in (
            "id",
            "name",
            "title",
            "notes",
            "owner_org",
            "license_id",
            "license_title",
            "license_url",
            "metadata_created",
            "metadata_modified",
            "state",
            "private",
            "type",
            "num_resources",
            "tags",
            "groups",
            "extras",
        ):
            assert key in package, key
        assert package["organization"]["name"] == "bandong"
        assert package["organization"]["title"] == "องค์การบริหารส่วนตำบลบ้านดง"
        assert package["license_id"] == "Open Data Common"
        assert not package["metadata_modified"].endswith("Z")
        assert {t["name"] for t in package["tags"]} >= {"จัดซื้อจัดจ้าง", "2568"}
        formats = [r["format"] for r in package["resources"]]
        assert formats == ["CSV", "XLSX", "JSON"]
        assert package["resources"][0]["url"] == (
            f"http://testserver/bandong/open-data/{B2568}.csv"
        )
        assert all(r["package_id"] == package["id"] for r in package["resources"])
        extras = {e["key"]: e["value"] for e in package["extras"]}
        assert extras["data_type"] == "ข้อมูลระเบียน"
        assert extras["update_frequency_unit"] == "เดือน"
        assert extras["geo_coverage"] == "เทศบาล/อบต."
        assert extras["data_category"] == "ข้อมูลสาธารณะ"
        assert extras["data_classification"] == "เปิดเผย"
        assert extras["data_language"] == "ไทย"
        assert extras["fiscal_year"] == "2568"
        assert package["data_type"] == "ข้อมูลระเบียน"

    def test_package_show_not_found(self, client, published):
        error = result(call(client, "package_show", id="nothing"), 404)
        assert error == {"__type": "Not Found Error", "message": "Not found"}

    def test_package_show_of_internal_dataset_is_not_found(self, client, published):
        Dataset.objects.filter(name=B2568).update(access_level=AccessLevel.INTERNAL)
        result(call(client, "package_show", id=B2568), 404)

    def test_package_show_without_id_is_a_validation_error(self, client, db):
        error = result(call(client, "package_show", method="json"), 409)
        assert error["__type"] == "Validation Error"
        assert error["id"] == ["Missing value"]


class TestSearch:
    def test_everything_by_default(self, client, published):
        found = result(call(client, "package_search"))
        assert found["count"] == 3
        assert len(found["results"]) == 3
        assert set(found) >= {"count", "results", "facets", "search_facets", "sort"}

    def test_text_query_in_thai(self, client, published):
        found = result(call(client, "package_search", q="หนองบัว"))
        assert [p["name"] for p in found["results"]] == [N2568]

    def test_rows_start_and_sort(self, client, published):
        first = result(call(client, "package_search", rows=2, start=0, sort="name asc"))
        second = result(
            call(client, "package_search", rows=2, start=2, sort="name asc")
        )
        assert first["count"] == 3
        assert [p["name"] for p in first["results"]] == [B2567, B2568]
        assert [p["name"] for p in second["results"]] == [N2568]

    def test_fq_organization_and_negation(self, client, published):
        own = result(call(client, "package_search", fq="organization:bandong"))
        assert own["count"] == 2
        others = result(call(client, "package_search", fq="-organization:bandong"))
        assert [p["name"] for p in others["results"]] == [N2568]

    def test_fq_by_owner_org_id(self, client, published):
        package = result(call(client, "package_show", id=N2568))
        found = result(
            call(client, "package_search", fq=f'owner_org:"{package["owner_org"]}"')
        )
        assert [p["name"] for p in found["results"]] == [N2568]

    def test_fq_tags_and_fielded_q(self, client, published):
        found = result(call(client, "package_search", fq="tags:2567"))
        assert [p["name"] for p in found["results"]] == [B2567]
        found = result(call(client, "package_search", q=f"name:{B2568}"))
        assert found["count"] == 1

    def test_harvester_paging_until_an_empty_page(self, client, published):
        """The CKAN harvester's query: modified since, 100 a page, id order."""
        fq = "metadata_modified:[2020-01-01T00:00:00.000Z TO *]"
        seen = []
        start = 0
        while True:
            page = result(
                call(
                    client,
                    "package_search",
                    fq=fq,
                    rows=2,
                    start=start,
                    sort="id asc",
                )
            )
            if not page["results"]:
                break
            seen += [p["id"] for p in page["results"]]
            start += 2
        assert seen == sorted(seen)
        assert len(seen) == 3

    def test_modified_range_in_the_future_finds_nothing(self, client, published):
        fq = "metadata_modified:[2100-01-01T00:00:00Z TO *]"
        assert result(call(client, "package_search", fq=fq))["count"] == 0

    @pytest.mark.parametrize(
        "params",
        [
            {"fq": "colour:red"},
            {"fq": "metadata_modified:yesterday"},
            {"fq": "metadata_modified:[NOW-1FORTNIGHT TO *]"},
            {"fq": "(organization:a OR organization:b"},
            {"fq": "organization:a OR"},
            {"q": "tags:[a TO b]"},
            {"q": "name:(a"},
            {"q": "title:]"},
            {"sort": "colour asc"},
            {"sort": "name sideways"},
        ],
    )
    def test_unreadable_queries_are_search_query_errors(
        self, client, published, params
    ):
        error = result(call(client, "package_search", **params), 400)
        assert error["__type"] == "Search Query Error"

    def test_facets(self, client, published):
        found = result(
            call(
                client,
                "package_search",
                method="json",
                **{"facet.field": ["organization", "fiscal_year", "colour"]},
            )
        )
        assert found["facets"]["organization"] == {"bandong": 2, "nongbua": 1}
        assert found["facets"]["fiscal_year"] == {"2568": 2, "2567": 1}
        assert "colour" not in found["facets"]
        items = found["search_facets"]["organization"]["items"]
        # CKAN shows the organisation's title and orders by it, last first.
        assert items == [
            {
                "name": "nongbua",
                "display_name": "เทศบาลตำบลหนองบัว",
                "count": 1,
            },
            {
                "name": "bandong",
                "display_name": "องค์การบริหารส่วนตำบลบ้านดง",
                "count": 2,
            },
        ]

    def test_facet_field_as_json_text(self, client, published):
        found = result(call(client, "package_search", **{"facet.field": '["tags"]'}))
        assert found["facets"]["tags"]["จัดซื้อจัดจ้าง"] == 3

    def test_bad_rows_is_a_validation_error(self, client, published):
        error = result(call(client, "package_search", rows="many"), 409)
        assert error["rows"] == ["Invalid integer"]

    def test_rows_are_capped(self, client, published):
        found = result(call(client, "package_search", rows=100000))
        assert len(found["results"]) == 3


class TestOrganizations:
    def test_organization_list_names(self, client, published):
        assert result(call(client, "organization_list")) == ["bandong", "nongbua"]

    def test_organization_list_all_fields(self, client, published):
        found = result(call(client, "organization_list", all_fields=True))
        assert [o["package_count"] for o in found] == [2, 1]
        assert found[0]["title"] == "องค์การบริหารส่วนตำบลบ้านดง"
        assert found[0]["is_organization"] is True

    def test_organisation_without_published_datasets_is_not_listed(
        self, client, published, other_organization
    ):
        Dataset.objects.filter(organization=other_organization).update(
            access_level=AccessLevel.INTERNAL
        )
        assert result(call(client, "organization_list")) == ["bandong"]

    def test_organization_show_by_name_or_id(self, client, published):
        by_name = result(call(client, "organization_show", id="bandong"))
        by_id = result(call(client, "organization_show", id=by_name["id"]))
        assert by_name == by_id
        assert by_name["package_count"] == 2
        assert "packages" not in by_name

    def test_organization_show_with_datasets(self, client, published):
        found = result(
            call(client, "organization_show", id="bandong", include_datasets="true")
        )
        assert [p["name"] for p in found["packages"]] == [B2567, B2568]

    def test_organization_show_not_found(self, client, published):
        error = result(call(client, "organization_show", id="nosuch"), 404)
        assert error["__type"] == "Not Found Error"


def test_group_list_is_empty(client, db):
    assert result(call(client, "group_list")) == []


def test_status_show(client, db):
    status = result(call(client, "status_show"))
    assert status["ckan_version"].startswith("2.")
    assert status["site_url"] == "http://testserver"
    assert status["locale_default"] == "th"


def test_api_picks_up_new_data_by_itself(
    client, provider, organization, django_capture_on_commit_callbacks
):
    provider.put(organization, 2569, provider.sample_rows(1))
    with django_capture_on_commit_callbacks(execute=True):
        call(client, "package_list")
    assert result(call(client, "package_list")) == [f"bandong-{TEST_KEY}-2569"]


def test_search_queries_do_not_grow_with_the_page(
    client, published, django_assert_max_num_queries
):
    from prongsai.opendata.tests.factories import DatasetFactory

    for _ in range(15):
        DatasetFactory()
    with django_assert_max_num_queries(4):
        found = result(call(client, "package_search", rows=50))
    assert len(found["results"]) == 18


class TestDatastoreSearch:
    def test_rows_by_resource_id(self, client, published):
        package = result(call(client, "package_show", id=B2568))
        resource = package["resources"][0]["id"]
        found = result(call(client, "datastore_search", resource_id=resource, limit=5))
        assert found["total"] == 12
        assert len(found["records"]) == 5
        assert found["records"][0]["_id"] == 1
        assert found["records"][0]["amount"] == 12501.5
        assert found["fields"][1] == {
            "id": "project_id",
            "type": "text",
            "info": {"label": "เลขที่โครงการ"},
        }

    def test_by_dataset_name_with_filters_q_sort_and_fields(self, client, published):
        found = result(
            call(
                client,
                "datastore_search",
                method="json",
                resource_id=B2568,
                filters={"bidders": 2},
                sort="amount desc",
                fields=["project_id", "amount"],
            )
        )
        assert found["total"] == 4
        amounts = [r["amount"] for r in found["records"]]
        assert amounts == sorted(amounts, reverse=True)
        assert set(found["records"][0]) == {"_id", "project_id", "amount"}
        found = result(
            call(client, "datastore_search", resource_id=B2568, q="68010000012")
        )
        assert found["total"] == 1

    def test_errors(self, client, published):
        assert result(call(client, "datastore_search"), 409)["resource_id"]
        result(call(client, "datastore_search", resource_id="nothing"), 404)
        error = result(
            call(client, "datastore_search", resource_id=B2568, sort="colour"), 409
        )
        assert error["__type"] == "Validation Error"
