"""The provider registry: registration rules and lookups."""

import dataclasses

import pytest

from prongsai.opendata import registry
from prongsai.opendata.tests.providers import TEST_KEY, TEST_PROVIDER


@pytest.fixture(autouse=True)
def _clean():
    yield
    registry.unregister(TEST_KEY)
    registry.unregister("other")


def test_registered_provider_is_listed_and_found():
    registry.register(TEST_PROVIDER)
    assert registry.get(TEST_KEY) is TEST_PROVIDER
    assert TEST_PROVIDER in registry.providers()
    assert TEST_PROVIDER.field_keys()[:2] == ["project_id", "title"]


def test_registering_the_same_provider_twice_is_harmless():
    registry.register(TEST_PROVIDER)
    registry.register(TEST_PROVIDER)
    assert [p.key for p in registry.providers()].count(TEST_KEY) == 1


def test_a_second_provider_cannot_take_a_key():
    registry.register(TEST_PROVIDER)
    with pytest.raises(registry.RegistryError, match="registered"):
        registry.register(dataclasses.replace(TEST_PROVIDER, title="อื่น"))


def test_providers_are_in_key_order():
    registry.register(TEST_PROVIDER)
    registry.register(dataclasses.replace(TEST_PROVIDER, key="other"))
    keys = [p.key for p in registry.providers()]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    "changes",
    [
        {"key": ""},
        {"key": "Bad Key"},
        {"key": "UPPER"},
        {"fields": []},
        {"fields": [("a", "ก", "money")]},
        {"fields": [("a", "ก", "text"), ("a", "ข", "text")]},
        {"fields": [("a", "ก")]},
    ],
)
def test_malformed_providers_are_refused(changes):
    with pytest.raises(registry.RegistryError):
        registry.register(dataclasses.replace(TEST_PROVIDER, **changes))


def test_unknown_key_gives_none():
    assert registry.get("nothing") is None
