"""The unit tree in the JSON API: reference data for every signed-in user.

The router is mounted by :mod:`danvan.api.api`; the areas use :class:`UnitRef` to
name a record's unit, so it lives with the units rather than in the API package.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from danvan.core.api import PageNumber, PageSize, responses
from danvan.units.models import Unit, UnitLineage
from danvan.units.rules import Kind, Level
from danvan.units.selectors import UnitCodeNotFound, lineage_of, unit_by_code

# No auth of its own: danvan.api.api mounts it with API_AUTH (a bearer token or the browser session).
router = Router()


class UnitRef(Schema):
    code: str
    name: str
    level: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    level: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    parent: UnitRef | None
    remote_area: bool


class LineageOut(Schema):
    unit: UnitRef
    kind: str
    kind_label: str
    effective_date: datetime.date
    legal_basis: str


class UnitDetailOut(UnitOut):
    children_count: int
    legal_basis: str
    formed_from: list[LineageOut]
    became: list[LineageOut]


class UnitPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[UnitOut]


def unit_ref(unit: Unit) -> UnitRef:
    return UnitRef(code=unit.code, name=unit.name, level=unit.level)


def unit_out(unit: Unit, parent: Unit | None, day: datetime.date | None = None) -> UnitOut:
    version = unit.version_on(day) if day else None
    return UnitOut(
        id=unit.pk,
        code=unit.code,
        name=version.name if version else unit.name,
        short_name=version.short_name if version else unit.short_name,
        kind=version.kind if version else unit.kind,
        kind_label=Kind(version.kind if version else unit.kind).label,
        level=unit.level,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
        parent=unit_ref(parent) if parent else None,
        remote_area=unit.remote_area,
    )


def _lineage_out(link: UnitLineage, other: Unit) -> LineageOut:
    return LineageOut(
        unit=unit_ref(other),
        kind=link.kind,
        kind_label=link.get_kind_display(),
        effective_date=link.effective_date,
        legal_basis=link.legal_basis,
    )


class UnitFilters(Schema):
    level: Literal["province", "district", "commune", "hamlet"] | None = None
    kind: Kind | None = None
    parent: str | None = None
    q: str | None = None
    as_of: datetime.date | None = None
    page: PageNumber = 1
    page_size: PageSize = settings.DANVAN_API_PAGE_SIZE


# The operation ids are the ones these endpoints had when they lived in danvan.api.endpoints:
# clients generated from the OpenAPI document name their methods after them.
@router.get(
    "/units",
    response=responses(UnitPage),
    tags=["Đơn vị hành chính"],
    summary="Danh sách đơn vị hành chính",
    operation_id="danvan_api_endpoints_list_units",
)
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> UnitPage:
    """Units valid on ``as_of`` (today by default), filtered by level, kind, parent code and an
    accent-insensitive name search ``q``; paginated, with the total ``count``."""
    day = filters.as_of or timezone.localdate()
    qs = Unit.objects.valid_on(day)
    if filters.level:
        qs = qs.filter(level=Level(filters.level))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent:
        try:
            parent = unit_by_code(filters.parent, as_of=day)
        except UnitCodeNotFound as exc:
            raise Http404(str(exc)) from exc
        qs = qs.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if filters.q:
        qs = qs.search(filters.q)
    qs = qs.order_by("code", "path")
    count = qs.count()
    start = (filters.page - 1) * filters.page_size
    page = list(qs[start : start + filters.page_size].prefetch_related("versions"))
    parent_paths = {u.path[: -Unit.steplen] for u in page if u.depth > 1}
    parents = {u.path: u for u in Unit.objects.filter(path__in=parent_paths)}
    return UnitPage(
        count=count,
        page=filters.page,
        page_size=filters.page_size,
        results=[unit_out(u, parents.get(u.path[: -Unit.steplen]), day) for u in page],
    )


@router.get(
    "/units/{code}",
    response=responses(UnitDetailOut),
    tags=["Đơn vị hành chính"],
    summary="Một đơn vị theo mã (hiện hành, hoặc vào ngày as_of)",
    operation_id="danvan_api_endpoints_get_unit",
)
def get_unit(request: HttpRequest, code: str, as_of: datetime.date | None = None) -> UnitDetailOut:
    day = as_of or timezone.localdate()
    try:
        unit = unit_by_code(code, as_of=day)
    except UnitCodeNotFound as exc:
        raise Http404(str(exc)) from exc
    parent = Unit.objects.get_parent(unit)
    formed_from, became = lineage_of(unit)
    base = unit_out(unit, parent, day)
    return UnitDetailOut(
        **base.dict(),
        children_count=Unit.objects.get_children(unit).valid_on(day).count(),
        legal_basis=unit.legal_basis,
        formed_from=[_lineage_out(link, link.predecessor) for link in formed_from],
        became=[_lineage_out(link, link.successor) for link in became],
    )
