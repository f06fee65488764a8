"""The one base queryset every area's unit-owned model uses.

``Model.objects.visible_to(user)`` is the start of every list, export,
statistic and API endpoint: it asks the access policy for the user's scope and
filters by it (:meth:`danvan.core.scoping.UnitPathQuerySet.within`). It lives
here, not in core, because it needs the policy, and the policy needs the unit
tree, which sits above core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from danvan.accounts import access, roles
from danvan.core.scoping import UnitPathQuerySet

if TYPE_CHECKING:
    from danvan.accounts.models import User


class UnitScopedQuerySet(UnitPathQuerySet):
    #: The right that reading these records needs: an area's querysets name their area's own.
    view_permission: str = roles.VIEW_RECORDS

    def visible_to(self, user: User | Any, permission: str | None = None) -> Self:
        return self.within(access.scope_for(user, permission or self.view_permission))
