"""The shared cache (Redis, `CACHE_URL`) as an aid, never a dependency: the failed-token
throttle counts in it and the board keeps its pages in it. An operation that fails (the
server down, or silent past its 0.5 s socket timeout) answers its default and leaves that
cache aside in this process for `AWAY_SECONDS`, with one log line: a cache server away then
costs one request half a second, not every request (two sync workers served two requests a
second while Redis was silent)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

log = logging.getLogger(__name__)

AWAY_SECONDS = 30.0
T = TypeVar("T")


def caches(url: str) -> dict[str, dict]:
    """Django's CACHES for `CACHE_URL`: Redis, each operation waiting at most half a second
    (redis-py's default waits for ever on a server that accepts and never answers; an
    operator's test: 10 s a page, 5 s a failed token), else each process's memory."""
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


# When each cache (by its location) may be asked again, in this process.
_away_until: dict[str, float] = {}


def _location() -> str:
    return str(settings.CACHES["default"].get("LOCATION", ""))


def guarded(operation: Callable[[], T], default: T, what: str) -> T:
    """`operation()` on the cache, or `default` while the cache is away (and when it fails,
    which leaves it aside for `AWAY_SECONDS`)."""
    where = _location()
    if time.monotonic() < _away_until.get(where, 0.0):
        return default
    try:
        return operation()
    except Exception:  # the cache server is away: whatever its client raised
        _away_until[where] = time.monotonic() + AWAY_SECONDS
        log.warning(
            "The cache did not answer (%s): left aside for %s s.", what, AWAY_SECONDS, exc_info=True
        )
        return default
