"""A cache backend that turns into "no cache" while its server is down.

Everything Prongsai and its libraries keep in the cache can be rebuilt or
skipped: rendered pages, host look-ups, rate-limit counters. So when the
cache server (Redis in production) cannot be reached, :class:`FailSafeCache`
answers as Django's ``DummyCache`` does (nothing is found, ``add`` succeeds,
writes are dropped, ``incr`` finds no key) instead of raising, and the page
is served without it.

It wraps the real backend named by ``OPTIONS["BACKEND"]``::

    CACHES = {"default": {
        "BACKEND": "prongsai.core.cache.FailSafeCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
        "OPTIONS": {"BACKEND": "django_redis.cache.RedisCache", ...},
    }}

django-redis's own ``IGNORE_EXCEPTIONS`` is no substitute: it makes
``add`` answer ``None``, which allauth's rate-limit lock reads as "held by
somebody else"; after a second of waiting every sign-in got a 429.

Rate limits therefore fail open while the cache is down. The bound is the
outage itself: after a failure the server is left alone for
``RETRY_SECONDS`` (so requests do not each wait for a connection timeout)
and then tried again; every process logs one warning a minute while it
serves without the cache, ``/healthz`` reports the cache as failing, and
password guessing stays limited by django-axes, which counts in the
database.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
WARN_EVERY_SECONDS = 60


def _cache_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError]
    try:
        from redis.exceptions import RedisError

        errors.append(RedisError)
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    try:
        from django_redis.exceptions import ConnectionInterrupted

        errors.append(ConnectionInterrupted)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


CACHE_ERRORS = _cache_errors()


class _Outage:
    """Per-process state of one cache location (shared by all threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.warned_at: float | None = None


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class FailSafeCache(BaseCache):
    """Delegate to another cache backend; behave as no cache while it fails."""

    def __init__(self, location, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        backend = options.pop("BACKEND", None)
        if not backend:
            raise ImproperlyConfigured(
                "FailSafeCache needs the real backend in OPTIONS['BACKEND']."
            )
        params["OPTIONS"] = options
        super().__init__(params)
        self._inner = import_string(backend)(location, params)
        self._outage = _outage_for(f"{backend}|{location}")

    # --- failure bookkeeping ---------------------------------------------------
    def _skip(self) -> bool:
        """True while the server failed less than ``RETRY_SECONDS`` ago."""
        outage = self._outage
        return outage.down_since is not None and time.monotonic() < outage.retry_at

    def _failed(self, error: BaseException) -> None:
        now = time.monotonic()
        outage = self._outage
        with outage.lock:
            if outage.down_since is None:
                outage.down_since = now
            outage.retry_at = now + RETRY_SECONDS
            warn = outage.warned_at is None or now - outage.warned_at >= (
                WARN_EVERY_SECONDS
            )
            if warn:
                outage.warned_at = now
            down_for = int(now - outage.down_since)
        if warn:
            # Only the error class: messages can carry host names or keys.
            logger.warning(
                "Cache unreachable (%s) for %s s: serving without the cache; "
                "rate limits fail open until it is back.",
                type(error).__name__,
                down_for,
            )

    def _succeeded(self) -> None:
        outage = self._outage
        if outage.down_since is None:
            return
        with outage.lock:
            if outage.down_since is None:
                return
            down_for = int(time.monotonic() - outage.down_since)
            outage.down_since = None
            outage.warned_at = None
        logger.warning("Cache reachable again after %s s.", down_for)

    def _call(self, name: str, fallback, *args, **kwargs):
        if self._skip():
            return fallback()
        try:
            result = getattr(self._inner, name)(*args, **kwargs)
        except CACHE_ERRORS as error:
            self._failed(error)
            return fallback()
        self._succeeded()
        return result

    @property
    def is_down(self) -> bool:
        """True while the last attempt to reach the server failed."""
        return self._outage.down_since is not None

    def ping(self) -> bool:
        """Try a write and a read now, even while marked down (for /healthz)."""
        key = "healthz:cache-probe"
        token = str(time.time())
        try:
            self._inner.set(key, token, 10)
            ok = self._inner.get(key) == token
        except CACHE_ERRORS as error:
            self._failed(error)
            return False
        if ok:
            self._succeeded()
        return ok

    # --- the cache API -------------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: True, key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", lambda: None, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version=version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found")

        return self._call("incr", missing, key, delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list, data, timeout, version=version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", lambda: None, keys, version=version)

    def clear(self):
        self._call("clear", lambda: None)

    def close(self, **kwargs):
        with contextlib.suppress(*CACHE_ERRORS):
            self._inner.close(**kwargs)
