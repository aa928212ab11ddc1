"""The sync task and command cover every organisation; one failure stops none."""

import pytest
from django.core.management import call_command

from prongsai.opendata import registry
from prongsai.opendata.models import Dataset
from prongsai.opendata.tasks import dataset_sync_all
from prongsai.opendata.tests.providers import TEST_PROVIDER

pytestmark = pytest.mark.django_db


def test_sync_all_syncs_every_organisation(provider, organization, other_organization):
    provider.put(organization, 2568, provider.sample_rows(1))
    provider.put(other_organization, 2567, provider.sample_rows(1))
    assert dataset_sync_all() == 2
    assert Dataset.objects.count() == 2


def test_a_failing_provider_does_not_stop_the_others(
    provider, organization, other_organization, monkeypatch
):
    import dataclasses

    def years(*, organization):
        if organization.slug == "bandong":
            raise RuntimeError("register unavailable")
        return [2568]

    registry.unregister(TEST_PROVIDER.key)
    registry.register(dataclasses.replace(TEST_PROVIDER, years=years))
    assert dataset_sync_all() == 2  # both queued; one failed
    assert list(Dataset.objects.values_list("organization__slug", flat=True)) == [
        "nongbua"
    ]


def test_one_organisation_task_is_idempotent_and_skips_inactive(
    provider, organization, other_organization
):
    from prongsai.opendata.tasks import dataset_sync_organization

    provider.put(organization, 2568, provider.sample_rows(1))
    assert dataset_sync_organization(organization.pk) is True
    assert dataset_sync_organization(organization.pk) is True
    assert Dataset.objects.filter(organization=organization).count() == 1
    other_organization.is_active = False
    other_organization.save()
    provider.put(other_organization, 2568, provider.sample_rows(1))
    assert dataset_sync_organization(other_organization.pk) is False
    assert dataset_sync_organization(0) is False
    assert not Dataset.objects.filter(organization=other_organization).exists()


def test_command_syncs_one_organisation(provider, organization, other_organization):
    provider.put(organization, 2568, provider.sample_rows(1))
    provider.put(other_organization, 2568, provider.sample_rows(1))
    call_command("opendata_sync", "--org", "bandong")
    assert list(Dataset.objects.values_list("organization__slug", flat=True)) == [
        "bandong"
    ]


def test_command_refuses_an_unknown_organisation(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("opendata_sync", "--org", "nosuch")
