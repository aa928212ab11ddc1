import pytest

from prongsai.opendata import registry
from prongsai.opendata.tests import providers


@pytest.fixture
def provider():
    """The test provider, registered for one test, with no data yet."""
    registry.register(providers.TEST_PROVIDER)
    providers.ROWS.clear()
    providers.MODIFIED.clear()
    yield providers
    registry.unregister(providers.TEST_KEY)
    providers.ROWS.clear()
    providers.MODIFIED.clear()


@pytest.fixture
def published(provider, organization, other_organization):
    """Bandong with data for 2567 and 2568, Nongbua for 2568; synced."""
    from prongsai.opendata.services import dataset_sync

    provider.put(organization, 2567, provider.sample_rows(2))
    provider.put(organization, 2568, provider.sample_rows(12))
    provider.put(other_organization, 2568, provider.sample_rows(1, start=50))
    dataset_sync(organization=organization)
    dataset_sync(organization=other_organization)
    return provider
