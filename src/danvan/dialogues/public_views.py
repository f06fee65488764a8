"""The public commitments page: what leaders promised, at which meeting, to whom, by when, and what has
been done — readable without signing in, for a commune or a province. Only the commitments the leader
chose to publish; never the name of a citizen who raised an issue (groups only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from danvan.accounts.decorators import public
from danvan.core.ratelimit import allow
from danvan.dialogues import selectors, services
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

#: Reads of the public page per client address (``DANVAN_PUBLIC_READ_RATE``, 300 an hour by default).
READ_RATE: str = getattr(settings, "DANVAN_PUBLIC_READ_RATE", "300/h")
#: How long a rendered page is kept; any change to a commitment renews the cache at once.
CACHE_SECONDS = 300


def _limited(request: HttpRequest) -> HttpResponse | None:
    if allow(request, "commitments", READ_RATE):
        return None
    response = render(request, "dialogues/public_limited.html", status=429)
    response["Retry-After"] = "3600"
    return response


def _cached(key: str, build: Callable[[], Any]) -> Any:
    """The page's data (never its HTML, which carries the visitor's own menu), kept for a few minutes."""
    full = f"dialogues:public:{services.public_generation()}:{timezone.localdate().isoformat()}:{key}"
    data = cache.get(full)
    if data is None:
        data = build()
        cache.set(full, data, CACHE_SECONDS)
    return data


def _respond(response: HttpResponse) -> HttpResponse:
    # The HTML carries the visitor's own menu: browsers may keep it a minute, shared caches not at all.
    response["Cache-Control"] = "private, max-age=60"
    return response


@public
def public_commitments(request: HttpRequest) -> HttpResponse:
    """The chooser: a unit's code (typed or chosen among those that published), then its page."""
    if (code := request.GET.get("ma", "").strip()) and code.isdigit() and len(code) <= 5:
        return redirect("public_commitments_unit", code=code)
    if limited := _limited(request):
        return limited
    units = _cached("index", selectors.public_units)
    return _respond(render(request, "dialogues/public_index.html", {"units": units, "wrong": bool(code)}))


@public
def public_commitments_unit(request: HttpRequest, code: str) -> HttpResponse:
    if not code.isdigit() or len(code) > 5:
        raise Http404("Mã đơn vị không đúng.")
    try:
        unit = unit_by_code(code)
    except UnitCodeNotFound:
        raise Http404("Không có đơn vị này.") from None
    if limited := _limited(request):
        return limited
    page = _cached(f"unit:{unit.pk}", lambda: selectors.public_page(unit))
    return _respond(render(request, "dialogues/public_unit.html", {"page": page, "unit": unit}))
