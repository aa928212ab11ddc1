"""dataset_sync and dataset_update: datasets follow the registry, edits are kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from prongsai.core.models import AuditEvent
from prongsai.opendata import registry
from prongsai.opendata.models import AccessLevel, Dataset, License
from prongsai.opendata.selectors import search_datasets
from prongsai.opendata.services import dataset_sync, dataset_update
from prongsai.opendata.tests.providers import TEST_KEY
from prongsai.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


class TestSync:
    def test_creates_one_dataset_per_year_with_data(self, provider, organization):
        provider.put(organization, 2567, provider.sample_rows(2))
        provider.put(organization, 2568, provider.sample_rows(3))
        result = dataset_sync(organization=organization)
        assert len(result.created) == 2
        names = set(
            Dataset.objects.filter(organization=organization).values_list(
                "name", flat=True
            )
        )
        assert names == {
            f"bandong-{TEST_KEY}-2567",
            f"bandong-{TEST_KEY}-2568",
        }

    def test_new_dataset_gets_thai_catalogue_defaults(self, provider, organization):
        organization.email = "saraban@bandong.example"
        organization.save()
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset = dataset_sync(organization=organization).created[0]
        assert dataset.title == ("การจัดซื้อจัดจ้าง ปีงบประมาณ 2568 องค์การบริหารส่วนตำบลบ้านดง")
        assert dataset.license_id == License.OPEN_DATA_COMMON
        assert dataset.access_level == AccessLevel.OPEN
        assert dataset.temporal_start == datetime.date(2024, 10, 1)
        assert dataset.temporal_end == datetime.date(2025, 9, 30)
        assert dataset.maintainer == organization.name
        assert dataset.maintainer_email == "saraban@bandong.example"
        assert dataset.tags == ["จัดซื้อจัดจ้าง", "สขร.1", "2568"]
        assert dataset.data_modified_at == datetime.datetime(
            2025, 1, 15, 3, 0, tzinfo=UTC
        )
        assert dataset.is_active

    def test_sync_is_idempotent(self, provider, organization):
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset_sync(organization=organization)
        result = dataset_sync(organization=organization)
        assert not result.changed
        assert Dataset.objects.count() == 1

    def test_new_data_refreshes_the_modified_time(self, provider, organization):
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset = dataset_sync(organization=organization).created[0]
        later = datetime.datetime(2030, 1, 1, tzinfo=UTC)
        provider.put(organization, 2568, provider.sample_rows(2), modified=later)
        result = dataset_sync(organization=organization)
        dataset.refresh_from_db()
        assert result.updated == [dataset]
        assert dataset.data_modified_at == later
        assert dataset.modified_at == later

    def test_year_without_data_is_withdrawn_then_restored(self, provider, organization):
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset = dataset_sync(organization=organization).created[0]
        provider.drop(organization, 2568)
        assert dataset_sync(organization=organization).withdrawn == [dataset]
        dataset.refresh_from_db()
        assert not dataset.is_active
        assert not Dataset.objects.published().exists()
        provider.put(organization, 2568, provider.sample_rows(1))
        assert dataset_sync(organization=organization).restored == [dataset]
        dataset.refresh_from_db()
        assert dataset.is_active

    def test_uninstalled_provider_withdraws_its_datasets(self, provider, organization):
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset_sync(organization=organization)
        registry.unregister(TEST_KEY)
        result = dataset_sync(organization=organization)
        assert len(result.withdrawn) == 1
        assert Dataset.objects.get().name == f"bandong-{TEST_KEY}-2568"

    def test_officers_edits_survive_a_sync(self, provider, organization, admin_user):
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset = dataset_sync(organization=organization).created[0]
        dataset_update(actor=admin_user, dataset=dataset, title="ชื่อที่แก้แล้ว")
        provider.put(
            organization,
            2568,
            provider.sample_rows(1),
            modified=datetime.datetime(2031, 1, 1, tzinfo=UTC),
        )
        dataset_sync(organization=organization)
        dataset.refresh_from_db()
        assert dataset.title == "ชื่อที่แก้แล้ว"

    def test_other_organisations_are_untouched(
        self, provider, organization, other_organization
    ):
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset_sync(organization=other_organization)
        assert not Dataset.objects.exists()

    def test_name_collision_gets_a_suffix(self, provider):
        first = OrganizationFactory(slug="ban")
        second = OrganizationFactory(slug="ban-test")
        Dataset.objects.create(
            organization=second,
            provider_key="other",
            fiscal_year=2568,
            name="ban-test-procurement-2568",
            title="x",
            maintainer="x",
            modified_at=datetime.datetime(2025, 1, 1, tzinfo=UTC),
        )
        provider.put(first, 2568, provider.sample_rows(1))
        dataset = dataset_sync(organization=first).created[0]
        assert dataset.name == f"ban-{TEST_KEY}-2568-2"

    def test_sync_writes_the_audit_trail(self, provider, organization):
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset_sync(organization=organization)
        event = AuditEvent.objects.get(action="dataset.create")
        assert event.organization == organization
        assert event.changes["fiscal_year"] == 2568


class TestUpdate:
    @pytest.fixture
    def dataset(self, provider, organization):
        provider.put(organization, 2568, provider.sample_rows(1))
        return dataset_sync(organization=organization).created[0]

    def test_changes_metadata_and_records_the_difference(self, dataset, admin_user):
        dataset_update(
            actor=admin_user,
            dataset=dataset,
            title="  ข้อมูลจัดซื้อจัดจ้าง 2568  ",
            tags=["พัสดุ", " พัสดุ ", "", "งบลงทุน"],
            license_id=License.CC_BY,
            owner_unit="กองคลัง",
        )
        dataset.refresh_from_db()
        assert dataset.title == "ข้อมูลจัดซื้อจัดจ้าง 2568"
        assert dataset.tags == ["พัสดุ", "งบลงทุน"]
        assert dataset.license_url.startswith("https://creativecommons.org/")
        assert search_datasets(Dataset.objects.all(), "กองคลัง").get() == dataset
        event = AuditEvent.objects.get(action="dataset.update")
        assert event.actor == admin_user
        assert set(event.changes) == {"title", "tags", "license_id", "owner_unit"}

    def test_no_change_writes_nothing(self, dataset, admin_user):
        before = dataset.modified_at
        dataset_update(actor=admin_user, dataset=dataset, title=dataset.title)
        dataset.refresh_from_db()
        assert dataset.modified_at == before
        assert not AuditEvent.objects.filter(action="dataset.update").exists()

    def test_edit_moves_the_modified_time(self, dataset, admin_user):
        before = dataset.modified_at
        dataset_update(actor=admin_user, dataset=dataset, description="ใหม่")
        dataset.refresh_from_db()
        assert dataset.modified_at > before

    @pytest.mark.parametrize(
        ("fields", "error_field"),
        [
            ({"title": ""}, "title"),
            ({"maintainer_email": "not-an-email"}, "maintainer_email"),
            ({"license_id": "proprietary"}, "license_id"),
            ({"update_frequency_interval": 0}, "update_frequency_interval"),
            (
                {
                    "temporal_start": datetime.date(2025, 1, 1),
                    "temporal_end": datetime.date(2024, 1, 1),
                },
                "temporal_end",
            ),
            ({"tags": [f"คำ{n}" for n in range(31)]}, "tags"),
            ({"tags": ["ก" * 101]}, "tags"),
        ],
    )
    def test_invalid_values_save_nothing(
        self, dataset, admin_user, fields, error_field
    ):
        with pytest.raises(ValidationError) as caught:
            dataset_update(actor=admin_user, dataset=dataset, **fields)
        assert error_field in caught.value.message_dict
        stored = Dataset.objects.get(pk=dataset.pk)
        assert stored.title == dataset.title
        assert stored.tags == dataset.tags

    def test_name_and_year_cannot_be_edited(self, dataset, admin_user):
        with pytest.raises(TypeError):
            dataset_update(actor=admin_user, dataset=dataset, name="other")
        with pytest.raises(TypeError):
            dataset_update(actor=admin_user, dataset=dataset, fiscal_year=2500)


class TestCatalogueSettings:
    def test_new_datasets_take_the_defaults(self, provider, organization, admin_user):
        from prongsai.opendata.services import catalogue_settings_update

        catalogue_settings_update(
            actor=admin_user,
            organization=organization,
            maintainer="งานประชาสัมพันธ์ สำนักปลัด",
            maintainer_email="pr@bandong.example",
            owner_unit="กองคลัง",
            license_id=License.CC_BY,
            allow_harvest=False,
        )
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset = dataset_sync(organization=organization).created[0]
        assert dataset.maintainer == "งานประชาสัมพันธ์ สำนักปลัด"
        assert dataset.maintainer_email == "pr@bandong.example"
        assert dataset.owner_unit == "กองคลัง"
        assert dataset.license_id == License.CC_BY
        assert dataset.allow_harvest is False
        event = AuditEvent.objects.get(action="catalogue_settings.update")
        assert event.changes["owner_unit"] == "กองคลัง"

    def test_apply_to_existing_datasets(self, provider, organization, admin_user):
        from prongsai.opendata.services import catalogue_settings_update

        provider.put(organization, 2567, provider.sample_rows(1))
        provider.put(organization, 2568, provider.sample_rows(1))
        dataset_sync(organization=organization)
        catalogue_settings_update(
            actor=admin_user,
            organization=organization,
            apply_to_existing=True,
            maintainer="",
            maintainer_email="",
            owner_unit="กองคลัง",
            license_id=License.OPEN_DATA_COMMON,
            allow_harvest=True,
        )
        assert set(Dataset.objects.values_list("owner_unit", flat=True)) == {"กองคลัง"}
        assert set(Dataset.objects.values_list("maintainer", flat=True)) == {
            organization.name
        }

    def test_invalid_settings_save_nothing(self, organization, admin_user):
        from prongsai.opendata.models import CatalogueSettings
        from prongsai.opendata.services import catalogue_settings_update

        with pytest.raises(ValidationError):
            catalogue_settings_update(
                actor=admin_user, organization=organization, maintainer_email="x"
            )
        assert not CatalogueSettings.objects.exists()
