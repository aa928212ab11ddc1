"""Public catalogue pages, downloads, DCAT and the back office."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.opendata.models import AccessLevel, Dataset
from prongsai.opendata.tests.providers import TEST_KEY
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def public_url(route, organization, **kwargs):
    return reverse(
        f"opendata-public:{route}", kwargs={"org": organization.slug, **kwargs}
    )


def dataset_of(organization, year=2568):
    return Dataset.objects.get(organization=organization, fiscal_year=year)


class TestCatalogue:
    def test_lists_only_own_published_datasets(
        self, client, published, organization, other_organization
    ):
        response = client.get(public_url("catalogue", organization))
        assert response.status_code == 200
        names = [d.name for d in response.context["datasets"]]
        assert names == [f"bandong-{TEST_KEY}-2568", f"bandong-{TEST_KEY}-2567"]

    def test_search_finds_thai_words(self, client, published, organization):
        dataset = dataset_of(organization, 2567)
        dataset.description += "\nงานซ่อมถนน"
        dataset.save()
        response = client.get(public_url("catalogue", organization), {"q": "ซ่อมถนน"})
        assert [d.fiscal_year for d in response.context["datasets"]] == [2567]
        response = client.get(public_url("catalogue", organization), {"q": "2568"})
        assert [d.fiscal_year for d in response.context["datasets"]] == [2568]
        # Thai typed without spaces is cut into words.
        response = client.get(
            public_url("catalogue", organization), {"q": "ซ่อมถนนบ้านดง"}
        )
        assert [d.fiscal_year for d in response.context["datasets"]] == [2567]

    def test_empty_catalogue_says_so(self, client, organization):
        response = client.get(public_url("catalogue", organization))
        assert "ยังไม่มีชุดข้อมูล" in response.content.decode()

    def test_catalogue_syncs_new_data_by_itself(self, client, provider, organization):
        provider.put(organization, 2569, provider.sample_rows(1))
        response = client.get(public_url("catalogue", organization))
        assert [d.fiscal_year for d in response.context["datasets"]] == [2569]

    def test_unknown_organisation_is_404(self, client, db):
        assert client.get("/nosuch/open-data/").status_code == 404


class TestDatasetPage:
    def test_shows_metadata_fields_and_preview(self, client, published, organization):
        dataset = dataset_of(organization)
        response = client.get(dataset.get_absolute_url())
        body = response.content.decode()
        assert response.status_code == 200
        assert dataset.title in body
        assert "เลขที่โครงการ" in body  # column title
        assert "จัดซื้อวัสดุสำนักงาน รายการที่ 10" in body  # preview row
        assert "จัดซื้อวัสดุสำนักงาน รายการที่ 11" not in body  # first ten only
        assert "Open Data Common" in body
        assert "ปีงบประมาณ" in body

    def test_other_organisations_dataset_is_404(
        self, client, published, organization, other_organization
    ):
        foreign = dataset_of(other_organization)
        for route in ("dataset-detail", "dataset-csv", "dataset-json", "dataset-xlsx"):
            url = public_url(route, organization, name=foreign.name)
            assert client.get(url).status_code == 404, route

    @pytest.mark.parametrize("change", ["internal", "withdrawn"])
    def test_unpublished_dataset_is_404(self, client, published, organization, change):
        dataset = dataset_of(organization)
        if change == "internal":
            dataset.access_level = AccessLevel.INTERNAL
        else:
            dataset.is_active = False
        dataset.save()
        assert client.get(dataset.get_absolute_url()).status_code == 404
        assert client.get(dataset.download_url("csv")).status_code == 404


class TestDownloads:
    def test_csv_is_utf8_with_bom_and_thai_headers(
        self, client, published, organization
    ):
        response = client.get(dataset_of(organization).download_url("csv"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        raw = b"".join(response.streaming_content)
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert rows[0][:2] == ["เลขที่โครงการ", "ชื่อโครงการ"]
        assert len(rows) == 13
        assert rows[1] == [
            "68010000001",
            "จัดซื้อวัสดุสำนักงาน รายการที่ 1",
            "2",
            "12501.50",
            "2024-10-02",
        ]

    def test_csv_goes_through_the_toolkit_writer(self, client, published, organization):
        rows = published.sample_rows(1)
        rows[0]["title"] = '=HYPERLINK("http://x")'
        published.put(organization, 2568, rows)
        response = client.get(dataset_of(organization).download_url("csv"))
        assert response.streaming
        raw = b"".join(response.streaming_content)
        assert raw.startswith(b"\xef\xbb\xbf")
        row = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))[1]
        assert row[1] == '\'=HYPERLINK("http://x")'
        assert row[4] == "2024-10-02"  # machine-readable data keeps ISO dates

    def test_json_has_fields_and_typed_rows(self, client, published, organization):
        dataset = dataset_of(organization)
        response = client.get(dataset.download_url("json"))
        data = json.loads(b"".join(response.streaming_content))
        assert data["name"] == dataset.name
        assert data["fields"][0] == {
            "key": "project_id",
            "title": "เลขที่โครงการ",
            "type": "text",
        }
        assert len(data["rows"]) == 12
        assert data["rows"][0]["amount"] == 12501.5
        assert data["rows"][0]["bidders"] == 2
        assert data["rows"][0]["contract_date"] == "2024-10-02"

    def test_xlsx_has_typed_cells_and_be_dates(self, client, published, organization):
        response = client.get(dataset_of(organization).download_url("xlsx"))
        workbook = load_workbook(io.BytesIO(response.content))
        sheet = workbook.active
        assert sheet.cell(1, 1).value == "เลขที่โครงการ"
        assert sheet.cell(2, 4).value == pytest.approx(12501.5)
        assert sheet.cell(2, 5).number_format == "[$-107041E]d mmmm yyyy"
        assert sheet.max_row == 13

    def test_empty_year_still_downloads_a_header(self, client, published, organization):
        published.put(organization, 2567, [])
        # A year with no rows is withdrawn at the next sync; until then the
        # file is a header only.
        response = client.get(dataset_of(organization, 2567).download_url("csv"))
        raw = b"".join(response.streaming_content).decode("utf-8-sig")
        assert raw.count("\r\n") == 1


class TestDcat:
    def test_dataset_jsonld(self, client, published, organization):
        dataset = dataset_of(organization)
        response = client.get(dataset.download_url("jsonld"))
        assert response["Content-Type"].startswith("application/ld+json")
        data = json.loads(response.content)
        assert data["@type"] == "dcat:Dataset"
        assert data["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
        assert data["@context"]["dct"] == "http://purl.org/dc/terms/"
        assert data["dct:identifier"] == str(dataset.pk)
        formats = {d["dct:format"] for d in data["dcat:distribution"]}
        assert formats == {"CSV", "XLSX", "JSON"}
        assert all(
            d["dcat:downloadURL"].startswith("http://testserver/bandong/open-data/")
            for d in data["dcat:distribution"]
        )
        assert data["dct:accrualPeriodicity"] == "http://purl.org/cld/freq/monthly"
        assert data["dct:temporal"]["dcat:startDate"] == "2024-10-01"

    def test_catalogue_jsonld_lists_own_datasets(self, client, published, organization):
        response = client.get(public_url("catalogue-jsonld", organization))
        data = json.loads(response.content)
        assert data["@type"] == "dcat:Catalog"
        assert len(data["dcat:dataset"]) == 2
        assert {d["@type"] for d in data["dcat:dataset"]} == {"dcat:Dataset"}
        assert "บ้านดง" in data["dct:title"]["@value"]

    def test_jsonld_context_terms_are_absolute_iris(
        self, client, published, organization
    ):
        data = json.loads(
            client.get(public_url("catalogue-jsonld", organization)).content
        )
        context = data["@context"]
        prefixes = {k for k, v in context.items() if isinstance(v, str)}

        def check(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if not key.startswith("@"):
                        assert key.split(":")[0] in prefixes, key
                    check(value)
            elif isinstance(node, list):
                for item in node:
                    check(item)

        check({k: v for k, v in data.items() if k != "@context"})
        assert all(v.startswith("http") for k, v in context.items() if k in prefixes)


class TestBackOffice:
    @pytest.fixture
    def data_officer(self, organization):
        return MembershipFactory(
            organization=organization, roles=[Role.DATA_OFFICER.value]
        ).user

    def staff_url(self, name, organization, **kwargs):
        return reverse(
            f"opendata-staff:{name}", kwargs={"org": organization.slug, **kwargs}
        )

    def test_data_officer_sees_every_dataset(
        self, client, published, organization, data_officer
    ):
        dataset = dataset_of(organization)
        dataset.access_level = AccessLevel.INTERNAL
        dataset.save()
        client.force_login(data_officer)
        response = client.get(self.staff_url("dataset-list", organization))
        assert response.status_code == 200
        assert len(response.context["datasets"]) == 2
        assert "ใช้ภายใน" in response.content.decode()

    def edit_form(self, client, organization, data_officer):
        """The dataset, its edit URL and the form's initial data, logged in."""
        dataset = dataset_of(organization)
        client.force_login(data_officer)
        url = self.staff_url("dataset-edit", organization, pk=dataset.pk)
        form = client.get(url).context["form"]
        return dataset, url, {k: v for k, v in form.initial.items() if v is not None}

    def test_plain_staff_is_forbidden(self, client, staff_membership, organization):
        client.force_login(staff_membership.user)
        response = client.get(self.staff_url("dataset-list", organization))
        assert response.status_code == 403

    def test_edit_saves_through_the_service(
        self, client, published, organization, data_officer
    ):
        dataset, url, data = self.edit_form(client, organization, data_officer)
        data.update(
            title="ข้อมูลการจัดซื้อจัดจ้าง ปี 2568",
            tags="พัสดุ, งบลงทุน",
            temporal_start="2024-10-01",
            temporal_end="2025-09-30",
            allow_harvest="on",
        )
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        dataset.refresh_from_db()
        assert dataset.title == "ข้อมูลการจัดซื้อจัดจ้าง ปี 2568"
        assert dataset.tags == ["พัสดุ", "งบลงทุน"]

    def test_invalid_edit_keeps_what_was_typed(
        self, client, published, organization, data_officer
    ):
        dataset, url, data = self.edit_form(client, organization, data_officer)
        data.update(
            title="ชื่อใหม่ที่พิมพ์ไว้",
            tags="",
            temporal_start="2025-10-01",
            temporal_end="2024-10-01",
        )
        response = client.post(url, data)
        assert response.status_code == 200
        body = response.content.decode()
        assert "ชื่อใหม่ที่พิมพ์ไว้" in body
        assert response.context["form"].errors
        dataset.refresh_from_db()
        assert dataset.title != "ชื่อใหม่ที่พิมพ์ไว้"

    def test_sync_button(self, client, provider, organization, data_officer):
        provider.put(organization, 2568, provider.sample_rows(1))
        client.force_login(data_officer)
        response = client.post(self.staff_url("dataset-sync", organization))
        assert response.status_code == 302
        assert Dataset.objects.filter(organization=organization).count() == 1

    def test_other_organisations_dataset_is_404_in_back_office(
        self, client, published, organization, other_organization, data_officer
    ):
        client.force_login(data_officer)
        foreign = dataset_of(other_organization)
        url = self.staff_url("dataset-edit", organization, pk=foreign.pk)
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "x"}).status_code == 404


def test_link_checkers_may_use_head(client, published, organization):
    dataset = dataset_of(organization)
    for url in (dataset.get_absolute_url(), dataset.download_url("csv")):
        assert client.head(url).status_code == 200


def test_catalogue_settings_page(client, provider, organization):
    officer = MembershipFactory(
        organization=organization, roles=[Role.DATA_OFFICER.value]
    ).user
    client.force_login(officer)
    url = reverse("opendata-staff:settings", kwargs={"org": organization.slug})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "maintainer": "งานประชาสัมพันธ์",
            "maintainer_email": "ไม่ใช่อีเมล",
            "owner_unit": "กองคลัง",
            "license_id": "Open Data Common",
        },
    )
    assert response.status_code == 200
    assert "งานประชาสัมพันธ์" in response.content.decode()
    response = client.post(
        url,
        {
            "maintainer": "งานประชาสัมพันธ์",
            "maintainer_email": "pr@bandong.example",
            "owner_unit": "กองคลัง",
            "license_id": "Open Data Common",
            "allow_harvest": "on",
        },
    )
    assert response.status_code == 302
    assert organization.catalogue_settings.owner_unit == "กองคลัง"


def test_a_broken_register_does_not_take_the_catalogue_down(
    client, published, organization
):
    import dataclasses

    from prongsai.opendata import registry
    from prongsai.opendata.tests.providers import TEST_PROVIDER

    def broken(*, organization):
        raise RuntimeError("register unavailable")

    registry.unregister(TEST_KEY)
    registry.register(dataclasses.replace(TEST_PROVIDER, years=broken))
    response = client.get(public_url("catalogue", organization))
    assert response.status_code == 200
    assert len(response.context["datasets"]) == 2
