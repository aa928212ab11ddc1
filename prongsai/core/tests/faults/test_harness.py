"""The fault tests say why they cannot run (and CI fails instead of skipping)."""

import shutil

import pytest

from prongsai.core.tests.faults import conftest, harness


def test_missing_servers_are_named(monkeypatch, tmp_path):
    monkeypatch.setattr(harness, "PG_BIN", tmp_path)
    real_which = shutil.which
    monkeypatch.setattr(
        harness.shutil,
        "which",
        lambda name: None if name in {"initdb", "redis-server"} else real_which(name),
    )
    assert "initdb not found" in harness.missing_tools()
    (tmp_path / "initdb").touch()
    (tmp_path / "pg_ctl").touch()
    assert "redis-server not found" in harness.missing_tools()


def test_strict_mode_fails_instead_of_skipping(monkeypatch):
    import prongsai.conftest as root

    monkeypatch.setattr(root, "STRICT", True)
    with pytest.raises(pytest.fail.Exception, match="STRICT_TEST_SERVICES"):
        conftest.skip_or_fail("redis-server not found")
