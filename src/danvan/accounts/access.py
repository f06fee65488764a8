"""The one access policy: "may this user do X to this object?" and "which objects may this user do X to?".

A role assignment on a unit covers the unit's subtree and the subtrees of the
historical units that were merged into any unit of it (through the lineage),
so that the officers of today's Thái Nguyên see the records of former Bắc Kạn.
A scope is therefore a short list of materialised-path prefixes (or
"everything" for the system administrator); lists filter by it, single objects
are checked against it, both from the same data.

A single object the user may not see is "not found" (404), never "forbidden":
its existence is not disclosed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from danvan.accounts import roles
from danvan.accounts.models import RoleAssignment
from danvan.core.actors import SystemActor as SystemActor
from danvan.core.actors import require_actor as require_actor
from danvan.units.models import Unit
from danvan.units.selectors import coverage_prefixes

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    prefixes: tuple[str, ...] = ()

    def covers(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.prefixes)

    def q(self, lookup: str) -> Q:
        if self.everything:
            return Q()
        if not self.prefixes:
            return Q(pk__in=[])
        q = Q()
        for prefix in self.prefixes:
            q |= Q(**{f"{lookup}__startswith": prefix})
        return q

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.prefixes


NOTHING = Scope()
EVERYTHING = Scope(everything=True)


SYSTEM = SystemActor("hệ thống")


def user_of(actor: Any) -> Any:
    """The user to record as author (``created_by``, the event's actor): ``None`` for a system actor."""
    return None if actor is None or isinstance(actor, SystemActor) else actor


def _today() -> datetime.date:
    return timezone.localdate()


def active_assignments(user: Any) -> list[RoleAssignment]:
    """The user's role assignments in force today (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached: list[RoleAssignment] | None = getattr(user, "_danvan_assignments", None)
    if cached is None:
        cached = list(RoleAssignment.objects.active_on(_today()).filter(user=user).select_related("unit"))
        user._danvan_assignments = cached
    return cached


def forget(user: Any) -> None:
    """Drop the cached assignments and scopes (after the user's roles change)."""
    for attr in ("_danvan_assignments", "_danvan_scopes"):
        if hasattr(user, attr):
            delattr(user, attr)


def is_system_admin(user: Any) -> bool:
    if isinstance(user, SystemActor):
        return True
    return any(a.role == roles.Role.ADMIN for a in active_assignments(user))


def user_permissions(user: Any) -> set[str]:
    """Every permission the user holds somewhere."""
    result: set[str] = set()
    for assignment in active_assignments(user):
        result |= roles.ROLE_PERMISSIONS.get(assignment.role, frozenset())
    return result


def scope_for(user: Any, permission: str) -> Scope:
    """Where ``user`` holds ``permission``: the union of the covered subtrees."""
    if isinstance(user, SystemActor):
        return EVERYTHING
    scopes: dict[str, Scope] | None = getattr(user, "_danvan_scopes", None)
    if scopes is None:
        scopes = {}
        if getattr(user, "is_authenticated", False):
            user._danvan_scopes = scopes
    if permission in scopes:
        return scopes[permission]
    granting = [a for a in active_assignments(user) if roles.grants(a.role, permission)]
    if any(a.role in roles.GLOBAL_ROLES for a in granting):
        scope = EVERYTHING
    else:
        paths: list[str] = []
        for assignment in granting:
            if assignment.unit is not None:
                paths.extend(coverage_prefixes(assignment.unit))
        from danvan.units.rules import minimal_prefixes

        scope = Scope(prefixes=tuple(minimal_prefixes(paths))) if paths else NOTHING
    scopes[permission] = scope
    return scope


def scope_q(user: Any, permission: str, path_lookup: str) -> Q:
    return scope_for(user, permission).q(path_lookup)


def unit_of(obj: Any) -> Unit | None:
    """The unit a record belongs to: the record itself if it is a unit, else its ``unit``."""
    if isinstance(obj, Unit):
        return obj
    unit = getattr(obj, "unit", None)
    if isinstance(unit, Unit):
        return unit
    organization = getattr(obj, "organization", None)
    return getattr(organization, "unit", None)


def can(user: Any, permission: str, obj: Any = None) -> bool:
    """May ``user`` do ``permission`` — anywhere (obj None), or to ``obj`` (a unit or a unit-owned record)?"""
    if isinstance(user, SystemActor):
        return True
    if obj is None:
        return permission in user_permissions(user)
    if permission == roles.VIEW_UNITS and isinstance(obj, Unit):
        # Units are reference data for every signed-in user.
        return permission in user_permissions(user)
    unit = unit_of(obj)
    if unit is None:
        return is_system_admin(user)
    return scope_for(user, permission).covers(unit.path)


def require(actor: Any, permission: str, obj: Any, message: str) -> None:
    """The services' check: ``actor`` (named; a system actor passes) may ``permission`` on ``obj``."""
    require_actor(actor)
    if not can(actor, permission, obj):
        raise PermissionDenied(message)


def get_for_user_or_404(queryset: models.QuerySet[M], user: Any, permission: str | None = None, **lookup: Any) -> M:
    """The one object matching ``lookup`` that ``user`` may ``permission``; 404 for missing and for not yours.

    A unit-scoped queryset (one with ``visible_to``) is filtered by the scope in the database, so records
    reached through another (an attachment through its letter) are checked the same way."""
    visible_to = getattr(queryset, "visible_to", None)
    if visible_to is not None and not isinstance(user, SystemActor):
        try:
            return visible_to(user, permission).get(**lookup)
        except (ObjectDoesNotExist, ValueError, TypeError) as exc:
            raise Http404("Không tìm thấy.") from exc
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Không tìm thấy.") from exc
    if not can(user, permission or roles.VIEW_RECORDS, obj):
        raise Http404("Không tìm thấy.")
    return obj


def users_who_can(permission: str, obj: Any, *, include_global: bool = False) -> list[Any]:
    """The active users holding ``permission`` over ``obj`` through a unit role (for choosing a council
    or the handlers of a case). Each unit's coverage is computed once, not once per user."""
    unit = unit_of(obj)
    if unit is None:
        return []
    coverage: dict[int, bool] = {}
    chosen: dict[int, Any] = {}
    assignments = RoleAssignment.objects.active_on(_today()).select_related("user", "unit").filter(user__is_active=True)
    for assignment in assignments:
        if not roles.grants(assignment.role, permission):
            continue
        if assignment.unit is None:
            if include_global:
                chosen[assignment.user_id] = assignment.user
            continue
        key = assignment.unit.pk
        if key not in coverage:
            coverage[key] = any(unit.path.startswith(p) for p in coverage_prefixes(assignment.unit))
        if coverage[key]:
            chosen[assignment.user_id] = assignment.user
    return sorted(chosen.values(), key=lambda u: (u.full_name, u.username))
