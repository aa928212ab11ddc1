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
