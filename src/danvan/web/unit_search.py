"""The JSON search behind the unit combobox (``danvan.units.widgets``): an officer's, within the scope of
the right the form needs, and the citizens', over the communes and wards in force today, without login."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from danvan.accounts import unit_choices
from danvan.accounts.decorators import SignedInRequest, public, signed_in
from danvan.units.models import UnitQuerySet
from danvan.units.widgets import SEARCH_LIMIT, communes_today, search


def _answer(units: UnitQuerySet, request: HttpRequest) -> JsonResponse:
    found = search(units, request.GET.get("q", ""), limit=SEARCH_LIMIT + 1)
    return JsonResponse({"results": [o.as_json() for o in found[:SEARCH_LIMIT]], "more": len(found) > SEARCH_LIMIT})


@signed_in
@require_GET
def unit_search(request: SignedInRequest) -> JsonResponse:
    """``?q=duc xuan&right=petitions.edit&level=commune,hamlet``: units the user may choose for that right."""
    right = request.GET.get("right", "")
    if right not in unit_choices.SEARCHABLE:
        return JsonResponse({"error": "Tham số “right” không hợp lệ."}, status=400)
    levels = [level for level in request.GET.get("level", "").split(",") if level]
    return _answer(unit_choices.units_within(request.user, right, levels), request)


@public
@require_GET
def public_unit_search(request: HttpRequest) -> JsonResponse:
    """``?q=duc xuan``: the communes, wards and special zones a citizen may send a petition to."""
    return _answer(communes_today(), request)
