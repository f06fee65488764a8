"""The one base queryset every unit-owned model uses.

``Model.objects.visible_to(user)`` is the start of every list, export,
statistic and API endpoint; it delegates to :mod:`danvan.accounts.access`,
which answers "which records may this user do X to?".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models

if TYPE_CHECKING:
    from danvan.accounts.models import User


class UnitScopedQuerySet(models.QuerySet[Any]):
    #: The lookup from the model to its unit's materialised path.
    unit_path_lookup = "unit__path"

    def visible_to(self, user: User | Any, permission: str = "core.view_records") -> Self:
        from danvan.accounts import access

        return self.filter(access.scope_q(user, permission, self.unit_path_lookup))


def path_prefix_q(prefixes: list[str], lookup: str = "unit__path") -> models.Q:
    """Records whose unit lies under any of ``prefixes`` (a unit's coverage, or a list of subtrees)."""
    q = models.Q(pk__in=[])
    for prefix in prefixes:
        q |= models.Q(**{f"{lookup}__startswith": prefix})
    return q
