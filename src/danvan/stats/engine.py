"""One engine for every area's figures: declared measures, computed in SQL.

A :class:`Source` is one table an area counts (its model, the lookup to the record's unit path, the
permission that lets a user see its rows) with the :class:`Measure` s declared on it: a name, a
Vietnamese label, the date that puts a record in the period, a filter, and how it aggregates.

:func:`compute` answers, for a unit and a period, within the viewer's scope:

* the totals over the unit's coverage — one scan, every measure a conditional aggregate
  (``COUNT(*) FILTER (WHERE …)``, ``SUM(…) FILTER (WHERE …)``);
* breakdowns by record fields (kind, field, level, status…) — one ``GROUP BY`` scan;
* the figures of each direct sub-unit — one ``GROUP BY`` over the record's unit path cut at the
  depth of the longest sub-unit prefix, so each group is one unit's subtree (a few hundred groups
  at most, never the records), then each group is given to the sub-unit that owns that prefix.

Coverage is written as index ranges (:mod:`danvan.stats.paths`), the scope is intersected with it
before the query, and the sub-units' coverage is computed for all of them at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.periods import Period
from danvan.stats import paths
from danvan.units.models import Unit


class WholeSystem:
    """The viewer of a caller that counts for the whole system, outside any user's scope: the
    reports the platform sends upwards, the benchmarks, the demo's checks. It must be passed
    explicitly — a missing user is never taken to mean "everything"."""

    def __repr__(self) -> str:
        return "WHOLE_SYSTEM"


WHOLE_SYSTEM: Final = WholeSystem()

Aggregate = Literal["count", "sum", "count_distinct"]


@dataclass(frozen=True)
class Window:
    """What a measure's filter may depend on: the period, and the day the figures are drawn."""

    period: Period
    today: datetime.date


Condition = Q | Callable[[Window], Q]


@dataclass(frozen=True)
class Measure:
    """One figure an area declares.

    ``date`` is the date field that puts a record in the period (``start ≤ date ≤ end``); a date
    across a relation (``"commendations__decision_date"``) counts the record once if any related
    row falls in the period. ``where`` narrows further (a ``Q``, or a function of the
    :class:`Window` for figures such as "carried over" or "overdue"). ``aggregate`` is ``count``
    (records), ``sum`` (of ``field``) or ``count_distinct`` (distinct values of ``field``).
    """

    name: str
    label: str
    date: str = ""
    where: Condition = field(default_factory=Q)
    aggregate: Aggregate = "count"
    field: str = "pk"


@dataclass(frozen=True)
class Source:
    """One table an area counts, and the measures declared on it."""

    model: type[models.Model]
    measures: tuple[Measure, ...]
    #: The lookup from a record to its unit's materialised path.
    path: str = "unit__path"
    #: The right a user needs to see the records (their scope is where they hold it).
    permission: str = roles.VIEW_RECORDS

    def __post_init__(self) -> None:
        names = [m.name for m in self.measures]
        if len(set(names)) != len(names):
            raise ValueError(f"Tên chỉ tiêu trùng nhau trong {self.model.__name__}: {names}")

    def measure(self, name: str) -> Measure:
        for measure in self.measures:
            if measure.name == name:
                return measure
        raise KeyError(name)

    def condition(self, measure: Measure, window: Window) -> Q:
        """The filter that puts a record in ``measure`` for ``window``."""
        q = measure.where(window) if callable(measure.where) else measure.where
        if measure.date:
            in_period = Q(**{f"{measure.date}__gte": window.period.start, f"{measure.date}__lte": window.period.end})
            if "__" in measure.date:  # a related row's date: a semi-join, so the record counts once
                in_period = Q(pk__in=self.model._default_manager.filter(in_period).values("pk"))
            q &= in_period
        return q


Value = int | Decimal | None
Cells = dict[tuple[Any, ...], dict[str, Value]]


@dataclass
class Figures:
    """The answer of :func:`compute`.

    ``total`` maps each measure to its value over the coverage; ``cells`` maps each combination of
    the requested breakdown fields to the measures' values there (only combinations that have
    records); ``by_unit`` lists the direct sub-units with their values, in code order, those with
    no record left out. A count is an ``int``; a sum over no record is ``None``.
    """

    total: dict[str, Value]
    cells: Cells = field(default_factory=dict)
    by_unit: list[tuple[Unit, dict[str, Value]]] = field(default_factory=list)

    def breakdown(self, dimension: int, measure: str) -> dict[Any, Value]:
        """One measure rolled up by the ``dimension``-th breakdown field (zeros left out)."""
        out: dict[Any, Value] = {}
        for key, values in self.cells.items():
            value = values[measure]
            if value:
                out[key[dimension]] = _add(out.get(key[dimension]), value)
        return out


def _add(a: Value, b: Value) -> Value:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _alias(name: str) -> str:
    return f"m_{name}"


def _aggregate(measure: Measure, condition: Q) -> models.Aggregate:
    if measure.aggregate == "sum":
        return Sum(measure.field, filter=condition)
    return Count(measure.field, filter=condition, distinct=measure.aggregate == "count_distinct")


def viewer_prefixes(viewer: Any, permission: str) -> list[str] | None:
    """The prefixes ``viewer`` may see (None: everything). ``None`` as a viewer is refused."""
    if viewer is None:
        raise TypeError("Thống kê phải nêu người xem (user) hoặc WHOLE_SYSTEM khi tính cho toàn hệ thống.")
    if isinstance(viewer, WholeSystem):
        return None
    scope = access.scope_for(viewer, permission)
    return None if scope.everything else list(scope.prefixes)


def compute(
    source: Source,
    unit: Unit | None,
    period: Period,
    *,
    viewer: Any,
    today_tree: bool = True,
    measures: Sequence[str] | None = None,
    breakdown: Sequence[str] = (),
    by_unit: bool = False,
    today: datetime.date | None = None,
) -> Figures:
    """The ``measures`` (all of the source's by default) of ``unit`` (None: the nation) in ``period``.

    ``today_tree`` counts the records of the units merged into ``unit`` and breaks down by today's
    sub-units, each with its own coverage; otherwise ``unit``'s subtree and the sub-units it had
    then. Only records inside ``viewer``'s scope count (``WHOLE_SYSTEM`` for none).
    """
    window = Window(period, today or timezone.localdate())
    chosen = [source.measure(name) for name in measures] if measures is not None else list(source.measures)
    conditions = {m.name: source.condition(m, window) for m in chosen}
    # Aliased, so that a measure may share its name with a field or a relation of the model.
    annotations = {_alias(m.name): _aggregate(m, conditions[m.name]) for m in chosen}
    zero: dict[str, Value] = {m.name: (None if m.aggregate == "sum" else 0) for m in chosen}

    prefixes = paths.coverage(unit, today_tree=today_tree)
    visible = viewer_prefixes(viewer, source.permission)
    if visible is not None:
        prefixes = paths.intersect(prefixes, visible)
    figures = Figures(total=dict(zero))
    if not prefixes or not chosen:
        return figures

    # Rows no measure takes are left out of the scan (other years, mostly).
    any_measure = Q(pk__in=[])
    for condition in conditions.values():
        any_measure |= condition
    rows = source.model._default_manager.filter(paths.prefix_q(prefixes, source.path)).filter(any_measure).order_by()

    if by_unit:
        owners = _owners(unit, today_tree=today_tree, period=period, today=window.today)
        figures.by_unit, grouped_total = _by_sub_unit(rows, source.path, annotations, owners, zero)
        if all(m.aggregate != "count_distinct" for m in chosen):
            figures.total = grouped_total
    if not by_unit or any(m.aggregate == "count_distinct" for m in chosen):
        found = rows.aggregate(**annotations)
        figures.total = {name: found[_alias(name)] for name in zero}
    if breakdown:
        for row in rows.values(*breakdown).annotate(**annotations):
            figures.cells[tuple(row[f] for f in breakdown)] = {name: row[_alias(name)] for name in zero}
    return figures


@dataclass(frozen=True)
class _Owners:
    """Which sub-unit owns a path prefix: the longest prefix wins; between equal prefixes (a commune
    split among several), the first sub-unit in code order."""

    owner_of: dict[str, Unit]
    lengths: list[int]

    def owner(self, key: str) -> Unit | None:
        for n in self.lengths:
            owner = self.owner_of.get(key[:n])
            if owner is not None and len(key) >= n:
                return owner
        return None


def _owners(unit: Unit | None, *, today_tree: bool, period: Period, today: datetime.date) -> _Owners:
    owner_of: dict[str, Unit] = {}
    for child, prefixes in paths.sub_units(unit, today_tree=today_tree, period_end=period.end, today=today):
        for prefix in prefixes:
            owner_of.setdefault(prefix, child)
    return _Owners(owner_of, sorted({len(p) for p in owner_of}, reverse=True))


def _by_sub_unit(
    rows: models.QuerySet[Any],
    path: str,
    annotations: dict[str, models.Aggregate],
    owners: _Owners,
    zero: dict[str, Value],
) -> tuple[list[tuple[Unit, dict[str, Value]]], dict[str, Value]]:
    """Group by the path cut at the longest owner prefix (one group per unit subtree), then give
    each group to its owner. Returns the sub-units' figures and the total over every group."""
    depth = owners.lengths[0] if owners.lengths else 1
    total = dict(zero)
    per_owner: dict[int, dict[str, Value]] = {}
    units: dict[int, Unit] = {}
    grouped = rows.annotate(_key=Substr(path, 1, depth)).values("_key").annotate(**annotations)
    for row in grouped:
        owner = owners.owner(row["_key"])
        target = None
        if owner is not None:
            units[owner.pk] = owner
            target = per_owner.setdefault(owner.pk, dict(zero))
        for name in zero:
            value = row[_alias(name)]
            total[name] = _add(total[name], value)
            if target is not None:
                target[name] = _add(target[name], value)
    ordered = sorted(units.values(), key=lambda u: (u.code, u.name))
    return [(u, per_owner[u.pk]) for u in ordered if any(per_owner[u.pk].values())], total


def labels(sources: Iterable[Source]) -> dict[str, str]:
    """Every measure's Vietnamese label, by name (for tables, exports and the reports)."""
    return {m.name: m.label for source in sources for m in source.measures}
