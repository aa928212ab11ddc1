"""``core.ratelimit.RequestLimit``: a fixed window per scope."""

import pytest

from prongsai.core.ratelimit import RequestLimit


@pytest.fixture(autouse=True)
def _cache(settings):
    from django.core.cache import cache

    cache.clear()


def test_requests_are_allowed_up_to_the_limit_then_refused_until_the_window_ends():
    limit = RequestLimit(name="t", limit=3, window=60)
    now = 6000.0  # the start of a window
    assert [limit.hit("a", now=now + i) for i in range(3)] == [True, True, True]
    assert limit.hit("a", now=now + 10) is False
    assert limit.retry_after(now=now + 10) == 50
    assert limit.retry_after(now=now + 59.5) == 1
    assert limit.hit("a", now=now + 60) is True  # a new window


def test_scopes_and_names_count_apart():
    first = RequestLimit(name="one", limit=1)
    second = RequestLimit(name="two", limit=1)
    assert first.hit("a", now=60.0)
    assert first.hit("b", now=60.0)
    assert second.hit("a", now=60.0)
    assert not first.hit("a", now=61.0)
