"""The ground floor of unit scoping: a queryset that filters by a scope it is given.

Every unit-owned record reaches its unit's materialised path through one lookup;
a scope (``danvan.accounts.access.Scope``) turns into a filter on that lookup.
Core does not know who the user is or what a role grants: that is the access
policy's business, one layer up, where ``visible_to(user)`` is built on
:meth:`UnitPathQuerySet.within`.
"""

from __future__ import annotations

from typing import Any, Protocol, Self

from django.db import models


class PathScope(Protocol):
    """Anything that can say which unit paths it covers as a filter on a path lookup."""

    def q(self, lookup: str) -> models.Q: ...


class UnitPathQuerySet(models.QuerySet[Any]):
    #: The lookup from the model to its unit's materialised path.
    unit_path_lookup = "unit__path"

    def within(self, scope: PathScope) -> Self:
        """The records whose unit lies inside ``scope``."""
        return self.filter(scope.q(self.unit_path_lookup))


def path_prefix_q(prefixes: list[str], lookup: str = "unit__path") -> models.Q:
    """Records whose unit lies under any of ``prefixes`` (a unit's coverage, or a list of subtrees)."""
    q = models.Q(pk__in=[])
    for prefix in prefixes:
        q |= models.Q(**{f"{lookup}__startswith": prefix})
    return q
