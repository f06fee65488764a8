"""A soft rate limit for the public forms, kept in the database cache (no cache server to run).

A fixed window per client address and purpose: ``allow(request, "petition", "10/h")``
is False once the address has posted ten times this hour. The counter is a
cache entry, so two processes racing may let one extra post through; that is
acceptable for a limit meant to stop floods, not to count exactly.
(django-ratelimit was considered: it refuses caches without atomic increments,
i.e. everything but memcached and Redis.)
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest

PERIODS = {"m": 60, "h": 3600, "d": 86400}


def client_key(request: HttpRequest) -> str:
    """A hash of the client's address (the address itself is not stored)."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(address.encode()).hexdigest()[:24]


def allow(request: HttpRequest, purpose: str, rate: str) -> bool:
    """Count this request; False when the rate ("10/h", "3/m", "100/d") is exceeded."""
    count_text, _, unit = rate.partition("/")
    limit, seconds = int(count_text), PERIODS[unit]
    window = int(time.time() // seconds)
    key = f"rl:{purpose}:{client_key(request)}:{window}"
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return True
