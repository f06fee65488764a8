"""Reads of the unit tree: lookups by official code and date, lineage coverage, staffing totals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils import timezone

from danvan.core.text import format_date
from danvan.units.models import Organization, Staffing, Unit, UnitLineage
from danvan.units.rules import minimal_prefixes


class UnitCodeNotFound(LookupError):
    def __init__(self, code: str, as_of: datetime.date) -> None:
        super().__init__(f"Không có đơn vị hành chính mã “{code}” vào ngày {format_date(as_of)}.")
        self.code = code
        self.as_of = as_of


def unit_by_code(code: str, *, as_of: datetime.date | None = None) -> Unit:
    """The unit that bears the official ``code`` on ``as_of`` (today by default).

    A code names different units at different dates (new Thái Nguyên kept the
    code 19 of old Thái Nguyên), so the date is part of the key.
    """
    day = as_of or timezone.localdate()
    code = code.strip()
    unit = Unit.objects.valid_on(day).filter(code=code).exclude(code="").first()
    if unit is None:
        raise UnitCodeNotFound(code, day)
    return unit


def coverage_prefixes(unit: Unit) -> list[str]:
    """The path prefixes a grant on ``unit`` covers: its subtree and, transitively, the subtrees
    of every unit that was merged or split into a unit of that subtree."""
    covered = [unit.path]
    frontier = [unit.path]
    while frontier:
        condition = Q()
        for path in frontier:
            condition |= Q(successor__path__startswith=path)
        predecessors = set(UnitLineage.objects.filter(condition).values_list("predecessor__path", flat=True))
        new = [p for p in minimal_prefixes(predecessors) if not any(p.startswith(c) for c in covered)]
        covered = minimal_prefixes(covered + new)
        frontier = new
    return covered


def lineage_of(unit: Unit) -> tuple[list[UnitLineage], list[UnitLineage]]:
    """What ``unit`` was formed from, and what it became."""
    formed_from = list(unit.predecessor_links.select_related("predecessor").order_by("predecessor__code"))
    became = list(unit.successor_links.select_related("successor").order_by("successor__code"))
    return formed_from, became


def children_on(unit: Unit | None, day: datetime.date | None) -> list[Unit]:
    """The units directly under ``unit`` (the roots when None), valid on ``day`` (all when None)."""
    qs = Unit.objects.filter(depth=1) if unit is None else Unit.objects.get_children(unit)
    if day is not None:
        qs = qs.valid_on(day)
    return list(qs.order_by("code", "name"))


@dataclass(frozen=True)
class StaffingTotals:
    year: int
    civil_servants: int
    public_employees: int
    contract_workers: int
    organizations: int

    @property
    def total(self) -> int:
        return self.civil_servants + self.public_employees + self.contract_workers


def staffing_totals(unit: Unit, year: int) -> StaffingTotals:
    """Công chức, viên chức, hợp đồng of every organisation in ``unit``'s subtree (and merged predecessors)."""
    condition = Q()
    for prefix in coverage_prefixes(unit):
        condition |= Q(organization__unit__path__startswith=prefix)
    rows = Staffing.objects.filter(condition, year=year)
    sums = rows.aggregate(cs=Sum("civil_servants"), pe=Sum("public_employees"), cw=Sum("contract_workers"))
    return StaffingTotals(
        year=year,
        civil_servants=sums["cs"] or 0,
        public_employees=sums["pe"] or 0,
        contract_workers=sums["cw"] or 0,
        organizations=rows.values("organization").distinct().count(),
    )


def organizations_of(unit: Unit) -> list[Organization]:
    return list(
        unit.organizations.select_related("parent").prefetch_related("staffing").order_by("valid_to", "kind", "name")
    )
