"""A Redis cache that degrades to local memory while Redis is unreachable.

The cache holds only what may be lost: allauth's sign-in, sign-up and reset rate limits.
With Redis down, Django's RedisCache raises on every call and sign-in answered 500; this one
logs a warning (at most once a minute) and answers from this process's memory, so limits
still hold per process, and goes back to Redis by itself once it answers again.
"""
import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)
WARN_EVERY = 60.0
RETRY_AFTER = 5.0  # seconds before Redis is tried again after a failure

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
except ImportError:  # pragma: no cover - redis is in requirements.txt
    UNREACHABLE = (OSError,)

OPERATIONS = ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr",
              "set_many", "delete_many", "clear", "get_or_set")


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, {**params, "OPTIONS": options})
        self._fallback = LocMemCache(f"fallback-{id(self)}", {})
        self._down_until = 0.0
        self._warned_at = 0.0

    def _degraded(self, exc=None) -> bool:
        now = time.monotonic()
        if exc is not None:
            self._down_until = now + RETRY_AFTER
            if now - self._warned_at > WARN_EVERY:
                self._warned_at = now
                log.warning("Redis cache unreachable (%s): rate limits use this process's "
                            "memory until it answers again", exc)
        return now < self._down_until


def _wrap(name):
    redis_op = getattr(RedisCache, name)

    def operation(self, *args, **kwargs):
        if self._degraded():
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            return redis_op(self, *args, **kwargs)
        except UNREACHABLE as exc:
            self._degraded(exc)
            return getattr(self._fallback, name)(*args, **kwargs)

    operation.__name__ = name
    return operation


for _name in OPERATIONS:
    setattr(ResilientRedisCache, _name, _wrap(_name))
