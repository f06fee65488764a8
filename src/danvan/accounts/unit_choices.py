"""Which units a user may choose in a form that needs the right ``right``: the one set that both the unit
combobox's search endpoint and the form's field read, so that a suggestion is never refused on saving
and nothing outside the user's scope is ever suggested."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.units.models import Unit, UnitQuerySet
from danvan.units.rules import Level

#: The rights a form may ask the search endpoint about (any other is refused, not guessed).
SEARCHABLE = frozenset(
    {
        roles.VIEW_RECORDS,
        roles.INITIATIVES.view,  # the statistics pages
        roles.PETITIONS.view,
        *(area.view for area in roles.AREAS),
        roles.MANAGE_USERS,
        roles.MANAGE_UNITS,
        roles.INITIATIVES.edit,
        roles.PETITIONS.edit,
    }
)


def units_within(user: Any, right: str, levels: Iterable[str] = ()) -> UnitQuerySet:
    """Units valid today within ``user``'s scope for ``right``, of the given levels (every level if none)."""
    scope = access.scope_for(user, right)
    units = Unit.objects.valid_on(timezone.localdate())
    if scope.is_empty:
        return units.none()
    units = units.filter(scope.q("path"))
    wanted = [level for level in levels if level in Level.values]
    return units.filter(level__in=wanted) if wanted else units


def search_url(right: str, levels: Iterable[str] = ()) -> str:
    """The endpoint that searches :func:`units_within` for the signed-in user."""
    query = {"right": right} | ({"level": ",".join(levels)} if levels else {})
    return f"{reverse('unit_search')}?{urlencode(query)}"
