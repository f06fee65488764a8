"""The API's page of a scoped list: ``count``, ``page``, ``page_size``, ``results``, the page's filters.

A refused filter value is a 422 naming the filter in Vietnamese (an unknown unit code stays a 404, as it
was); a page past the end is an empty ``results``, up to :data:`~danvan.core.api.MAX_PAGE` (beyond, a 422:
the offset must fit the database's 64-bit integers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja.errors import HttpError

from danvan.core.api import MAX_PAGE, MAX_PAGE_SIZE
from danvan.lists.spec import ScopedList

__all__ = ["MAX_PAGE", "MAX_PAGE_SIZE", "api_page"]


def api_page(
    spec: ScopedList,
    user: Any,
    params: Mapping[str, Any],
    *,
    page: int,
    page_size: int,
    serialize: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    if not 1 <= page <= MAX_PAGE or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise HttpError(422, f"page phải từ 1 đến {MAX_PAGE} và page_size từ 1 đến {MAX_PAGE_SIZE}.")
    listing = spec.bind(user, {k: v for k, v in params.items() if v not in (None, "")})
    errors = listing.errors()
    for _label, message, code in errors:
        if code == "not_found":
            raise Http404(message)
    if errors:
        # A ValidationError: the API answers 422 with the Vietnamese reasons, each under its parameter.
        raise ValidationError(listing.field_errors())
    qs = listing.queryset()
    count = qs.count()
    start = (page - 1) * page_size
    results = [serialize(record) for record in qs[start : start + page_size]] if start < count else []
    return {"count": count, "page": page, "page_size": page_size, "results": results}
