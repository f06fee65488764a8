"""The working unit: the one answer to "which unit?" for every page, export and API call that needs one.

A user works for one unit at a time. It is, in this order:

1. the unit chosen in the header's picker (kept in the session), provided it is still valid today and
   still within the user's scope for the right the caller needs — otherwise the choice is ignored (and
   forgotten when it is out of the user's sight altogether, or no longer exists);
2. else the lowest-level unit among the user's active role assignments that grant that right (the
   officer of a commune works for the commune, the provincial board for the province);
3. else none: a system administrator has no unit until they choose one.

An API call (a token, no session) asks with the user alone and gets 2 and 3. Nothing else in the code
decides "which unit" by itself: the statistics pages, the intake desk, the reception book, the
registration form and Open311 all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.units.models import Unit

SESSION_KEY = "danvan_working_unit"
#: The right that makes a unit visible, so choosable: every role holds it within its scope.
PICK_PERMISSION = roles.VIEW_RECORDS
#: One message whether the unit does not exist or lies outside the user's scope: nothing leaks.
REFUSED = "Không chọn được đơn vị này: không có đơn vị như vậy trong phạm vi của bạn."
_CACHE_ATTR = "_danvan_working_units"
_CHOSEN = "chosen"  # not a permission code (those are "app.action")


def _split(request_or_user: HttpRequest | Any) -> tuple[HttpRequest | None, Any]:
    if isinstance(request_or_user, HttpRequest):
        return request_or_user, getattr(request_or_user, "user", None)
    return None, request_or_user


def _chosen(request: HttpRequest, user: Any) -> Unit | None:
    """The unit kept in the session, if it is still valid today and within the user's sight."""
    cache = _cache(request)
    if _CHOSEN in cache:
        return cache[_CHOSEN]
    session = getattr(request, "session", None)
    raw = session.get(SESSION_KEY) if session is not None else None
    unit = None
    if session is not None and raw is not None:
        unit = Unit.objects.valid_on(timezone.localdate()).filter(pk=raw).first() if isinstance(raw, int) else None
        if unit is None or not access.scope_for(user, PICK_PERMISSION).covers(unit.path):
            # Merged away, or the role that covered it has ended: the choice no longer stands.
            del session[SESSION_KEY]
            unit = None
    cache[_CHOSEN] = unit
    return unit


def _cache(request: HttpRequest) -> dict[str, Unit | None]:
    """Per-request answers (the header and the view ask the same question): by right, and the choice."""
    cache: dict[str, Unit | None] | None = getattr(request, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE_ATTR, cache)
    return cache


def default_unit(user: Any, *, permission: str = PICK_PERMISSION) -> Unit | None:
    """The user's lowest-level unit among the active assignments granting ``permission`` (units valid
    today first; the path breaks ties, so the answer does not depend on the order of the rows)."""
    today = timezone.localdate()
    units = [a.unit for a in access.active_assignments(user) if a.unit is not None and roles.grants(a.role, permission)]
    if not units:
        return None
    return min(units, key=lambda u: (not u.is_valid_on(today), -u.depth, u.path))


def working_unit(request_or_user: HttpRequest | Any, *, permission: str = PICK_PERMISSION) -> Unit | None:
    """The unit the request (or, for an API call, the user) works for, where the user holds ``permission``.

    A chosen unit where the user lacks ``permission`` (a read-only supervisor's commune at the intake
    desk) gives way to the default for that right; the choice stays for the pages that only read."""
    request, user = _split(request_or_user)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if request is None:
        return default_unit(user, permission=permission)
    cache = _cache(request)
    if permission not in cache:
        unit = _chosen(request, user)
        if unit is None or not access.scope_for(user, permission).covers(unit.path):
            unit = default_unit(user, permission=permission)
        cache[permission] = unit
    return cache[permission]


def chosen_unit(request: HttpRequest) -> Unit | None:
    """The unit chosen in the picker, if the choice still stands (None when the default applies)."""
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return _chosen(request, user)


def may_pick(user: Any, unit: Unit) -> bool:
    """Whether ``user`` may work for ``unit``: valid today and within the user's scope."""
    return unit.is_valid_on(timezone.localdate()) and access.scope_for(user, PICK_PERMISSION).covers(unit.path)


def set_working_unit(request: HttpRequest, unit: Unit | None) -> None:
    """Keep ``unit`` as the request's working unit for the session; ``None`` returns to the default.

    Raises :class:`PermissionDenied` (with :data:`REFUSED`) for a unit the user may not pick; the
    session is then left as it was."""
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied(REFUSED)
    if unit is None:
        request.session.pop(SESSION_KEY, None)
    elif may_pick(user, unit):
        request.session[SESSION_KEY] = unit.pk
    else:
        raise PermissionDenied(REFUSED)
    if hasattr(request, _CACHE_ATTR):
        delattr(request, _CACHE_ATTR)


@dataclass(frozen=True)
class UnitChoice:
    """A unit as the picker shows it: its name and its parent's ("Phường Đức Xuân — Tỉnh Thái Nguyên")."""

    unit: Unit
    parent: Unit | None

    @property
    def label(self) -> str:
        return f"{self.unit.name} — {self.parent.name}" if self.parent else self.unit.name


def _with_parents(units: list[Unit]) -> list[UnitChoice]:
    parent_paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    parents = {p.path: p for p in Unit.objects.filter(path__in=parent_paths)} if parent_paths else {}
    return [UnitChoice(u, parents.get(u.path[: -Unit.steplen])) for u in units]


def pickable_units(user: Any, query: str, *, limit: int = 20) -> list[UnitChoice]:
    """Units valid today within the user's scope whose name (or code) holds every word of ``query``,
    accents folded ("duc xuan" finds "Phường Đức Xuân"); higher levels first, then by name."""
    scope = access.scope_for(user, PICK_PERMISSION)
    if scope.is_empty or not query.strip():
        return []
    units = list(
        Unit.objects.valid_on(timezone.localdate())
        .filter(scope.q("path"))
        .search(query)
        .order_by("depth", "name_folded", "path")[:limit]
    )
    return _with_parents(units)


def own_units(user: Any) -> list[UnitChoice]:
    """The units of the user's active assignments, valid today (the picker's choices before a search)."""
    today = timezone.localdate()
    seen: dict[int, Unit] = {}
    for assignment in access.active_assignments(user):
        unit = assignment.unit
        if unit is not None and unit.is_valid_on(today):
            seen.setdefault(unit.pk, unit)
    return _with_parents(sorted(seen.values(), key=lambda u: u.path))
