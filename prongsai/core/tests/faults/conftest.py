"""The private stack of the fault tests (one per test module)."""

import pytest

from prongsai.conftest import skip_or_fail

from .harness import Stack, missing_tools


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """PostgreSQL, Redis, gunicorn (2 workers x 2 threads) and a Celery worker,
    all private to the test module, with an organisation to file with."""
    if reason := missing_tools():
        skip_or_fail(reason)
    servers = Stack(tmp_path_factory.mktemp("faults"))
    try:
        servers.prepare()
        servers.start_worker()  # starts while gunicorn boots
        servers.start_web()
        yield servers
    finally:
        servers.close()
