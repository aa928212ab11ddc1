"""The real ckanapi client reads the catalogue from a live server."""

import pytest

from prongsai.opendata.tests.providers import TEST_KEY

ckanapi = pytest.importorskip("ckanapi")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def remote(live_server, published):
    with ckanapi.RemoteCKAN(live_server.url, user_agent="prongsai-tests/1") as ckan:
        yield ckan


def test_ckanapi_reads_status_and_lists(remote):
    assert remote.action.status_show()["ckan_version"].startswith("2.")
    names = remote.action.package_list()
    assert f"bandong-{TEST_KEY}-2568" in names
    assert remote.action.organization_list() == ["bandong", "nongbua"]
    full = remote.action.organization_list(all_fields=True)
    assert full[0]["package_count"] == 2


def test_ckanapi_package_show_and_search(remote):
    package = remote.action.package_show(id=f"bandong-{TEST_KEY}-2568")
    assert package["organization"]["name"] == "bandong"
    assert len(package["resources"]) == 3
    rows = remote.action.datastore_search(
        resource_id=package["resources"][0]["id"], limit=2
    )
    assert rows["total"] == 12
    assert len(rows["records"]) == 2
    found = remote.action.package_search(
        fq="organization:nongbua", rows=10, sort="id asc"
    )
    assert found["count"] == 1
    assert found["results"][0]["name"] == f"nongbua-{TEST_KEY}-2568"


def test_ckanapi_get_only_mode(live_server, published):
    with ckanapi.RemoteCKAN(live_server.url, get_only=True) as ckan:
        found = ckan.action.package_search(q="บ้านดง")
    assert found["count"] == 2


def test_ckanapi_maps_errors_to_its_exceptions(remote):
    with pytest.raises(ckanapi.NotFound):
        remote.action.package_show(id="no-such-dataset")
    with pytest.raises(ckanapi.ValidationError):
        remote.action.package_show()
    with pytest.raises(ckanapi.SearchQueryError):
        remote.action.package_search(fq="colour:red")


def test_ckanapi_search_with_or_and_fields(remote):
    found = remote.action.package_search(q="หนองบัว OR 2567", sort="name asc")
    assert [p["name"] for p in found["results"]] == [
        f"bandong-{TEST_KEY}-2567",
        f"nongbua-{TEST_KEY}-2568",
    ]
    found = remote.action.package_search(q='title:"ปีงบประมาณ 2568"', rows=1)
    assert found["count"] == 2 and len(found["results"]) == 1
    found = remote.action.package_search(
        q="tags:2568", fq="organization:bandong OR organization:nongbua"
    )
    assert found["count"] == 2
    found = remote.action.package_search(
        q="*:*", facet="true", **{"facet.field": ["organization"]}
    )
    items = found["search_facets"]["organization"]["items"]
    assert {i["display_name"] for i in items} == {
        "องค์การบริหารส่วนตำบลบ้านดง",
        "เทศบาลตำบลหนองบัว",
    }
    with pytest.raises(ckanapi.SearchQueryError):
        remote.action.package_search(q="(unclosed")


def test_ckanapi_resources_tags_licences_organisations(remote):
    package = remote.action.package_show(id=f"nongbua-{TEST_KEY}-2568")
    resource = remote.action.resource_show(id=package["resources"][1]["id"])
    assert resource["format"] == "XLSX"
    assert resource["package_id"] == package["id"]
    with pytest.raises(ckanapi.NotFound):
        remote.action.resource_show(id="00000000-0000-0000-0000-000000000000")
    with pytest.raises(ckanapi.ValidationError):
        remote.action.resource_show()
    assert "สขร.1" in remote.action.tag_list()
    assert remote.action.tag_list(query="2567") == ["2567"]
    licences = remote.action.license_list()
    assert package["license_id"] in {lic["id"] for lic in licences}
    organization = remote.action.organization_show(id=package["owner_org"])
    assert organization["name"] == "nongbua"
    assert organization["title"] == "เทศบาลตำบลหนองบัว"


def _harvest(base_url: str, fq_terms: list[str]) -> list[dict]:
    """The gather stage of ckanext-harvest's CKAN harvester, reduced to its
    requests: package_search by GET, 100 a page, ``sort=id asc``, ``fq`` terms
    joined by spaces, ``start`` moved on until an empty page; an identical
    page twice means broken paging."""
    import requests

    params = {"rows": "100", "start": "0", "sort": "id asc"}
    if fq_terms:
        params["fq"] = " ".join(fq_terms)
    found, previous = [], None
    while True:
        response = requests.get(
            f"{base_url}/api/3/action/package_search", params=params, timeout=30
        )
        assert response.status_code == 200, response.text
        assert response.text != previous, "paging does not work"
        previous = response.text
        page = response.json()["result"]["results"]
        if not page:
            return found
        found += page
        params["start"] = str(int(params["start"]) + int(params["rows"]))


def test_ckan_harvester_gathers_every_dataset_exactly_once(
    live_server, published, organization
):
    from prongsai.opendata.services import dataset_sync

    for year in range(2460, 2565):  # more than a page of 100
        published.put(organization, year, published.sample_rows(1))
    dataset_sync(organization=organization)
    everything = _harvest(live_server.url, [])
    ids = [p["id"] for p in everything]
    assert len(ids) == len(set(ids)) == 108
    assert ids == sorted(ids)
    # Included organisations, and only what changed since the last run.
    import datetime

    from prongsai.opendata.models import Dataset

    Dataset.objects.filter(name=f"nongbua-{TEST_KEY}-2568").update(
        modified_at=datetime.datetime(2031, 5, 1, 3, 0, tzinfo=datetime.UTC)
    )
    last_run = datetime.datetime(2031, 5, 1, 3, 30)  # naive UTC, as it keeps it
    since = (last_run - datetime.timedelta(hours=1)).isoformat()
    changed = _harvest(
        live_server.url,
        [
            "organization:bandong OR organization:nongbua",
            f"metadata_modified:[{since}Z TO *]",
        ],
    )
    assert [p["name"] for p in changed] == [f"nongbua-{TEST_KEY}-2568"]
    excluded = _harvest(live_server.url, ["-organization:bandong", "-groups:x"])
    assert [p["name"] for p in excluded] == [f"nongbua-{TEST_KEY}-2568"]


def test_ckan_harvester_import_calls(live_server, published):
    """The import stage asks for the dataset's organisation by its id."""
    import requests

    package = _harvest(live_server.url, ["organization:nongbua"])[0]
    response = requests.get(
        f"{live_server.url}/api/3/action/organization_show",
        params={"id": package["owner_org"]},
        timeout=30,
    )
    assert response.json()["result"]["name"] == "nongbua"
    assert package["groups"] == []
    assert all(isinstance(e["value"], str) for e in package["extras"])
