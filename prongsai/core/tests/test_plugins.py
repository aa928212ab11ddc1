"""Plugin registries: each is filled from a per-app module found by name.

For every registry, what is registered after start-up equals what the apps'
modules declare, the apps that declare something are the expected ones (a
module left under its old name, or registered by hand again, fails here),
and a module that appears in an app is picked up without touching the app's
``ready()``.
"""

import ast
import sys
import types
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from prongsai.complaints import links
from prongsai.core import audit, open311
from prongsai.core.plugins import discover
from prongsai.ita import tools as ita_tools
from prongsai.oit import registry as oit_registry
from prongsai.opendata import registry as opendata_registry
from prongsai.organizations import demo


def _declared(module_name: str, attribute: str) -> dict:
    """``{app label: value}`` read straight from the apps' modules."""
    found = {}
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.{module_name}"
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        if hasattr(module, attribute):
            found[app_config.label] = getattr(module, attribute)
    return found


def test_oit_providers_are_those_of_the_apps_oit_evidence_modules():
    declared = _declared("oit_evidence", "PROVIDERS")
    assert set(declared) == {
        "budget",
        "complaints",
        "eservices",
        "integrity",
        "oit",
        "plans",
        "procurement",
        "risks",
        "sitecontent",
    }
    keys = {p.key for providers in declared.values() for p in providers}
    assert {p.key for p in oit_registry.provider_list()} == keys
    for providers in declared.values():
        for provider in providers:
            assert oit_registry.provider_get(provider.key) is provider
            assert provider.item_keys, provider.key


def test_datasets_are_those_of_the_apps_datasets_modules():
    declared = _declared("datasets", "DATASETS")
    assert set(declared) == {"budget", "complaints", "eservices", "procurement"}
    datasets = [d for group in declared.values() for d in group]
    registered = [
        p for p in opendata_registry.providers() if not p.key.startswith("test")
    ]
    assert sorted(registered, key=lambda p: p.key) == sorted(
        datasets, key=lambda p: p.key
    )


def test_case_links_are_those_of_the_apps_case_links_modules():
    declared = _declared("case_links", "CASE_LINKS")
    assert set(declared) == {"plans"}
    assert links._providers == list(declared.values())


def test_open311_feeds_are_those_of_the_apps_open311_feed_modules():
    declared = _declared("open311_feed", "OPEN311_FEED")
    assert set(declared) == {"complaints"}
    assert open311.feeds() == tuple(declared.values())
    prefixes = [feed.prefix for feed in open311.feeds()]
    assert len(prefixes) == len(set(prefixes)), "two feeds share a code prefix"


def test_ita_tools_are_those_of_the_apps_ita_tools_modules():
    declared = _declared("ita_tools", "ITA_TOOLS")
    assert set(declared) == {"integrity", "oit", "plans", "risks"}
    assert ita_tools._tools == [t for tools in declared.values() for t in tools]


def test_a_new_ita_tools_module_is_discovered(fake_module, monkeypatch):
    monkeypatch.setattr(ita_tools, "_tools", list(ita_tools._tools))
    tool = ita_tools.IndicatorTool(
        targets=("99",),
        label="ทดสอบ",
        url_name="integrity-staff:no-gift",
        allowed=lambda user, membership: True,
    )
    fake_module("ita_tools", ITA_TOOLS=(tool,))
    assert tool in ita_tools.discover_tools()
    assert ita_tools.tools_for("indicator", "99") == [tool]
    assert ita_tools.tools_for("tool", "99") == []


def test_audit_labels_are_those_of_the_apps_audit_labels_modules():
    declared = _declared("audit_labels", "ACTION_LABELS")
    assert set(declared) == {
        "accounts",
        "api",
        "budget",
        "complaints",
        "core",
        "eservices",
        "integrity",
        "ita",
        "oit",
        "opendata",
        "organizations",
        "plans",
        "procurement",
        "risks",
        "sitecontent",
        "surveys",
    }
    merged = {}
    for labels in declared.values():
        assert not set(labels) & set(merged), "an action is labelled twice"
        merged.update(labels)
    assert merged == audit.ACTION_LABELS
    formatters = _declared("audit_labels", "VALUE_FORMATTERS")
    assert set(formatters) == {"eservices", "integrity", "organizations", "plans"}
    merged_formatters = {}
    for app_formatters in formatters.values():
        assert not set(app_formatters) & set(merged_formatters)
        merged_formatters.update(app_formatters)
    assert merged_formatters == audit.VALUE_FORMATTERS
    field_labels = _declared("audit_labels", "FIELD_LABELS")
    assert set(field_labels) == {
        "budget",
        "complaints",
        "core",
        "integrity",
        "oit",
        "eservices",
        "procurement",
        "surveys",
    }
    merged_fields = {}
    for app_labels in field_labels.values():
        assert not set(app_labels) & set(merged_fields), "a key is labelled twice"
        merged_fields.update(app_labels)
    assert merged_fields == audit.FIELD_LABELS
    readers = _declared("audit_labels", "AUDIT_READERS")
    assert set(readers) == {"complaints", "organizations"}
    assert audit.audit_actions_for_roles(["integrity_officer"]) == {
        "confidential.view",
        "confidential.list",
        "role_grant.request",
        "role_grant.confirm",
        "role_grant.activate",
        "role_grant.cancel",
        "role_grant.end",
    }
    # who looked at a report about an integrity officer: executives only
    assert "confidential.view_about_officer" not in audit.audit_actions_for_roles(
        ["integrity_officer"]
    )
    assert "confidential.view_about_officer" in audit.audit_actions_for_roles(
        ["executive"]
    )


def test_demo_loaders_are_those_of_the_apps_demo_modules_in_app_order():
    declared = _declared("demo", "DEMO_LOADER")
    assert list(declared) == [
        "search",
        "ita",
        "procurement",
        "integrity",
        "budget",
        "plans",
        "risks",
        "eservices",
        "complaints",
        "sitecontent",
        "oit",
        "opendata",
        "surveys",
        "portal",
    ]
    assert list(declared.values()) == demo.DEMO_LOADERS


def test_no_app_registers_by_hand_in_ready():
    """The registries' own apps discover; no other ``apps.py`` registers."""
    root = Path(import_module("prongsai").__file__).parent
    for path in sorted(root.glob("*/apps.py")):
        calls = {
            node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
        }
        assert (
            not {
                "register",
                "register_action_labels",
                "register_case_link_provider",
                "register_providers",
                "register_audit_readers",
                "register_value_formatter",
            }
            & calls
        ), path
        assert "DEMO_LOADERS" not in path.read_text(), path


@pytest.fixture
def fake_module(monkeypatch):
    """Put a module ``prongsai.core.<name>`` in place, as an app would."""

    def install(name: str, **attributes):
        module = types.ModuleType(f"prongsai.core.{name}")
        for key, value in attributes.items():
            setattr(module, key, value)
        monkeypatch.setitem(sys.modules, module.__name__, module)
        return module

    return install


def test_a_new_oit_evidence_module_is_discovered(fake_module):
    provider = oit_registry.Provider(
        key="test.discovered",
        label="discovered",
        item_keys=("test.item",),
        evidence=lambda organization, fiscal_year: None,
    )
    fake_module("oit_evidence", PROVIDERS=(provider,))
    try:
        assert provider in oit_registry.discover_providers()
        assert oit_registry.providers_for(item_key="test.item") == [provider]
    finally:
        oit_registry.unregister("test.discovered")


def test_a_new_datasets_module_is_discovered(fake_module):
    from prongsai.opendata.tests.providers import TEST_PROVIDER

    dataset = type(TEST_PROVIDER)(
        **{**TEST_PROVIDER.__dict__, "key": "test-discovered"}
    )
    fake_module("datasets", DATASETS=(dataset,))
    try:
        assert dataset in opendata_registry.discover_datasets()
        assert opendata_registry.get("test-discovered") is dataset
    finally:
        opendata_registry.unregister("test-discovered")


def test_a_new_case_links_module_is_discovered(fake_module, monkeypatch):
    monkeypatch.setattr(links, "_providers", list(links._providers))

    def case_links(case):
        return [("ลิงก์ทดสอบ", "/x/")]

    fake_module("case_links", CASE_LINKS=case_links)
    assert case_links in links.discover_case_links()
    assert links._providers[-1] is case_links


def test_a_new_audit_labels_module_is_discovered(fake_module, monkeypatch):
    monkeypatch.setattr(audit, "ACTION_LABELS", dict(audit.ACTION_LABELS))
    fake_module("audit_labels", ACTION_LABELS={"test.discovered": "ค้นพบแล้ว"})
    audit.discover_audit_labels()
    assert audit.action_label("test.discovered") == "ค้นพบแล้ว"


def test_a_new_demo_loader_is_discovered(fake_module, monkeypatch):
    monkeypatch.setattr(demo, "DEMO_LOADERS", list(demo.DEMO_LOADERS))

    def load_test_demo(organizations):
        return None

    fake_module("demo", DEMO_LOADER=load_test_demo)
    demo.discover_demo_loaders()
    assert demo.DEMO_LOADERS[-1] is load_test_demo
    # Discovering again does not add it twice.
    demo.discover_demo_loaders()
    assert demo.DEMO_LOADERS.count(load_test_demo) == 1


def test_discover_skips_modules_without_the_attribute():
    # organizations/demo.py is the registry itself: it declares no loader.
    assert "organizations" not in dict(discover("demo", "DEMO_LOADER"))
