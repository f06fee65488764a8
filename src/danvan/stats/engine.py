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
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

from django.db import connection, models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.actors import SystemActor
from danvan.core.periods import Period
from danvan.stats import keys, paths
from danvan.units import revision
from danvan.units.models import Unit
from danvan.units.rules import minimal_prefixes

#: The viewer of a caller that counts for the whole system, outside any user's scope: the reports the
#: platform sends upwards, the benchmarks, the demo's checks — the kit's explicit system actor. It must
#: be passed explicitly: a missing user is never taken to mean "everything".
WHOLE_SYSTEM: Final = SystemActor("thống kê toàn hệ thống")

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

    @property
    def key(self) -> str:
        """The model's province key (:mod:`danvan.stats.keys`), or "" when it stores none."""
        field = keys.key_field(self.model)
        return field.attname if field is not None else ""

    def under(self, prefixes: Sequence[str]) -> Q:
        """The records under ``prefixes``. With a province key, a province is ``key = p``: one range of
        the statistics indexes, no unit to look up. A deeper prefix (a commune) stays a filter on its
        units, which the database probes one by one rather than reading the province's range."""
        shallow = [p for p in prefixes if len(p) == keys.KEY_LENGTH] if self.key else []
        deep = [p for p in prefixes if p not in shallow]
        if not shallow or "" in prefixes:
            return paths.path_filter(self.path, prefixes)
        q = Q(**{f"{self.key}__in": shallow})
        return q | paths.path_filter(self.path, deep) if deep else q

    def unit_group(self) -> list[str]:
        """What the records are grouped by for the sub-units: the unit, after the province key when there
        is one (a unit lies in one province, so the groups are the same, and read in index order)."""
        unit = self.path.removesuffix("__path")
        return [self.key, unit] if self.key else [unit]

    def measure(self, name: str) -> Measure:
        for measure in self.measures:
            if measure.name == name:
                return measure
        raise KeyError(name)

    def _related_in_period(self, date: str, period: Period) -> models.QuerySet[Any]:
        """The ids of the records with a related row dated in ``period`` (``"commendations__decision_date"``:
        ``SELECT initiative_id FROM commendation WHERE decision_date …``, without joining the records)."""
        relation, rest = date.split("__", 1)
        remote = self.model._meta.get_field(relation)
        if not remote.one_to_many or "__" in rest:
            return self.model._default_manager.filter(
                **{f"{date}__gte": period.start, f"{date}__lte": period.end}
            ).values("pk")
        related = remote.related_model._default_manager  # type: ignore[union-attr]
        back = remote.field.attname  # type: ignore[union-attr]
        return related.filter(**{f"{rest}__gte": period.start, f"{rest}__lte": period.end}).values(back)

    def condition(self, measure: Measure, window: Window) -> Q:
        """The filter that puts a record in ``measure`` for ``window``."""
        q = measure.where(window) if callable(measure.where) else measure.where
        if measure.date:
            in_period = Q(**{f"{measure.date}__gte": window.period.start, f"{measure.date}__lte": window.period.end})
            if "__" in measure.date:  # a related row's date: a semi-join, so the record counts once
                in_period = Q(pk__in=self._related_in_period(measure.date, window.period))
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
    if isinstance(viewer, SystemActor):
        return None
    scope = access.scope_for(viewer, permission)
    return None if scope.everything else list(scope.prefixes)


@dataclass
class Target:
    """What a set of figures is about: a unit (None: the nation), a period, the viewer, and whether the
    tree is today's (the unit's coverage, today's sub-units) or the tree as it was (its own subtree, the
    sub-units it had then). Made once per statistics page: the coverage, the viewer's scope and the
    sub-units are worked out once and shared by every source counted for it."""

    unit: Unit | None
    period: Period
    viewer: Any
    today_tree: bool = True
    today: datetime.date = field(default_factory=lambda: timezone.localdate())
    _coverage: list[str] | None = field(default=None, init=False, repr=False)
    _visible: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _owners: _Owners | None = field(default=None, init=False, repr=False)
    _revision: str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        viewer_prefixes(self.viewer, roles.VIEW_RECORDS)  # refuse a missing viewer at once

    @property
    def window(self) -> Window:
        return Window(self.period, self.today)

    def coverage(self) -> list[str]:
        if self._coverage is None:
            self._coverage = paths.coverage(self.unit, today_tree=self.today_tree)
        return self._coverage

    def prefixes(self, permission: str) -> list[str]:
        """The coverage, narrowed to where the viewer holds ``permission``."""
        if permission not in self._visible:
            visible = viewer_prefixes(self.viewer, permission)
            covered = self.coverage()
            self._visible[permission] = covered if visible is None else paths.intersect(covered, visible)
        return self._visible[permission]

    def owners(self) -> _Owners:
        """The sub-units and the prefixes each owns — kept per process under the tree's revision, since
        they depend on the tree alone (a national report asks for 3.321 communes' coverage)."""
        if self._owners is None:
            if self._revision is None:
                self._revision = revision.current()
            key = (self.unit.pk if self.unit else None, self.today_tree, self.today, self.period.end, self._revision)
            kept = _KEPT_OWNERS.get(key)
            if kept is None:
                self._set_owners(
                    paths.sub_units(
                        self.unit,
                        today_tree=self.today_tree,
                        period_end=self.period.end,
                        today=self.today,
                        covered=self.coverage() if self.today_tree else None,
                    )
                )
                assert self._owners is not None
                _keep(key, self._owners)
            else:
                self._owners = kept
        assert self._owners is not None
        return self._owners

    def _set_owners(self, sub_units: Iterable[tuple[Unit, list[str]]]) -> None:
        owner_of: dict[str, Unit] = {}
        for child, prefixes in sub_units:
            for prefix in prefixes:
                owner_of.setdefault(prefix, child)
        self._owners = _Owners(owner_of, sorted({len(p) for p in owner_of}, reverse=True))


def prepare(targets: Sequence[Target]) -> None:
    """Work out the coverage of many targets on today's tree at once — the 34 provinces of a national
    report: one lineage query instead of a few per target. Their sub-units are left to each target
    (:meth:`Target.owners`): measured, one small query per province is faster than one for the
    nation's 3.321 communes. Targets on the tree as it was are left to compute their own."""
    token = revision.current()
    for target in targets:
        target._revision = target._revision or token
    uncovered = [t for t in targets if t.today_tree and t.unit is not None and t._coverage is None]
    if len(uncovered) < 2:
        return
    coverage = paths.coverages([t.unit for t in uncovered if t.unit is not None], within=[""])
    for target in uncovered:
        assert target.unit is not None
        target._coverage = coverage[target.unit.pk]


def compute(
    source: Source,
    target: Target,
    *,
    measures: Sequence[str] | None = None,
    breakdown: Sequence[str] = (),
    by_unit: bool | Sequence[str] = False,
) -> Figures:
    """The ``measures`` (all of the source's by default) of ``target``: totals, cells of the
    ``breakdown`` fields, and with ``by_unit`` the figures of each direct sub-unit (``True``: every
    measure, or the names of the few a sub-unit table shows). Only records inside the viewer's scope
    count (``WHOLE_SYSTEM`` for the system's own callers). A table is read once per breakdown and
    once for the sub-units; the totals are the sum of either's groups.
    """
    window = target.window
    chosen = [source.measure(name) for name in measures] if measures is not None else list(source.measures)
    conditions = {m.name: source.condition(m, window) for m in chosen}
    zero: dict[str, Value] = {m.name: (None if m.aggregate == "sum" else 0) for m in chosen}
    figures = Figures(total=dict(zero))
    prefixes = target.prefixes(source.permission)
    if not prefixes or not chosen:
        return figures
    found = _rows(source, prefixes)
    if found is None:  # nothing under the coverage: no scan, no sub-unit
        return figures
    rows = found.scan

    def aggregates(names: Iterable[str]) -> dict[str, models.Aggregate]:
        # Aliased, so that a measure may share its name with a field or a relation of the model.
        return {_alias(m.name): _aggregate(m, conditions[m.name]) for m in chosen if m.name in names}

    totals: dict[str, Value] | None = None
    # A distinct count is not the sum of its groups' counts: it is counted over the whole coverage.
    summable = all(m.aggregate != "count_distinct" for m in chosen)
    if by_unit:
        names = list(zero) if by_unit is True else [n for n in zero if n in by_unit]
        owners = target.owners()
        if owners.lengths:
            unit_zero = {n: zero[n] for n in names}
            figures.by_unit, unit_totals = _by_sub_unit(found.by_unit, source, aggregates(names), owners, unit_zero)
            if len(names) == len(zero):
                totals = unit_totals
    if breakdown:
        cell_totals = dict(zero)
        # Led by the province key, so that the groups come in the order of the index that leads with it
        # (a province's coverage may hold several old provinces); the provinces' cells are then added up.
        lead = [source.key] if source.key else []
        for row in rows.values(*lead, *breakdown).annotate(**aggregates(zero)):
            values = {name: row[_alias(name)] for name in zero}
            cell = figures.cells.setdefault(tuple(row[f] for f in breakdown), dict(zero))
            for name, value in values.items():
                cell[name] = _add(cell[name], value)
                cell_totals[name] = _add(cell_totals[name], value)
        totals = cell_totals
    if totals is None or not summable:
        aggregated = rows.aggregate(**aggregates(zero))
        totals = {name: aggregated[_alias(name)] for name in zero}
    figures.total = totals
    return figures


#: Several targets share one pass only while their prefixes are shallow (provinces: 4 characters), so
#: that a group of the pass is one province and a breakdown combination, not one commune's.
MANY_DEPTH = 2 * Unit.steplen


def compute_many(
    source: Source,
    targets: Sequence[Target],
    *,
    measures: Sequence[str] | None = None,
    breakdown: Sequence[str] = (),
    by_unit: bool | Sequence[str] = False,
) -> list[Figures]:
    """:func:`compute` for several targets of one period and viewer — the 34 provinces of a national
    report — in the same passes: each ``GROUP BY`` also groups by the unit path cut at the depth of the
    targets' prefixes, and each group goes to the targets whose coverage holds it. Falls back to one
    :func:`compute` per target for a single target, deep prefixes or a distinct count."""
    chosen = [source.measure(name) for name in measures] if measures is not None else list(source.measures)
    prepare(targets)
    prefixes = [t.prefixes(source.permission) for t in targets]
    depth = max((len(p) for ps in prefixes for p in ps), default=0)
    shallow = all(p for ps in prefixes for p in ps) and depth <= MANY_DEPTH
    same = len({(t.period, t.today, t.today_tree) for t in targets}) <= 1
    if len(targets) < 2 or not shallow or not same or any(m.aggregate == "count_distinct" for m in chosen):
        return [compute(source, t, measures=measures, breakdown=breakdown, by_unit=by_unit) for t in targets]
    window = targets[0].window
    conditions = {m.name: source.condition(m, window) for m in chosen}
    zero: dict[str, Value] = {m.name: (None if m.aggregate == "sum" else 0) for m in chosen}
    results = [Figures(total=dict(zero)) for _ in targets]
    union = paths.whole_tree_if_covered(minimal_prefixes([p for ps in prefixes for p in ps]))
    found = _rows(source, union) if union and chosen else None
    if found is None:
        return results
    rows = found.scan

    def aggregates(names: Iterable[str]) -> dict[str, models.Aggregate]:
        return {_alias(m.name): _aggregate(m, conditions[m.name]) for m in chosen if m.name in names}

    holders: dict[str, list[int]] = {}

    def targets_of(key: str) -> list[int]:
        if key not in holders:
            holders[key] = [i for i, ps in enumerate(prefixes) if any(key.startswith(p) for p in ps)]
        return holders[key]

    def add(into: dict[str, Value], values: dict[str, Value]) -> None:
        for name, value in values.items():
            into[name] = _add(into[name], value)

    # The province key when the targets' prefixes are provinces (read in index order), else the cut path.
    key = F(source.key) if source.key and depth == keys.KEY_LENGTH else Substr(source.path, 1, depth)
    # The totals come from the breakdown's groups, or from groups of the cut path alone.
    by_key = breakdown or ()
    for row in rows.annotate(_key=key).values("_key", *by_key).annotate(**aggregates(zero)):
        values = {name: row[_alias(name)] for name in zero}
        for i in targets_of(row["_key"]):
            add(results[i].total, values)
            if breakdown:
                add(results[i].cells.setdefault(tuple(row[f] for f in breakdown), dict(zero)), values)
    if by_unit:
        names = list(zero) if by_unit is True else [n for n in zero if n in by_unit]
        unit_lookup = source.path.removesuffix("__path")
        grouped = list(found.by_unit.values(*source.unit_group()).annotate(**aggregates(names)))
        unit_paths = _paths_of(r[unit_lookup] for r in grouped)
        per_target: list[dict[int, dict[str, Value]]] = [{} for _ in targets]
        owners_of: dict[int, Unit] = {}
        for row in grouped:
            path = unit_paths[row[unit_lookup]]
            values = {name: row[_alias(name)] for name in names}
            for i in targets_of(path[:depth]):
                owner = targets[i].owners().owner(path)
                if owner is not None:
                    owners_of[owner.pk] = owner
                    add(per_target[i].setdefault(owner.pk, {n: zero[n] for n in names}), values)
        for i, of_target in enumerate(per_target):
            ordered = sorted((owners_of[pk] for pk in of_target), key=lambda u: (u.code, u.name))
            results[i].by_unit = [(u, of_target[u.pk]) for u in ordered if any(of_target[u.pk].values())]
    return results


#: On SQLite, above this share of a table the records are read in one pass rather than through the
#: unit index (random reads of most of a table cost more than reading it in order).
SCAN_SHARE = 0.05


@dataclass(frozen=True)
class _Rows:
    """The records of one compute: ``by_unit`` for the ``GROUP BY`` on the unit (through the unit index,
    which delivers them in unit order: no sort), ``scan`` for the other groupings."""

    by_unit: models.QuerySet[Any]
    scan: models.QuerySet[Any]


def _rows(source: Source, prefixes: list[str]) -> _Rows | None:
    """The records of ``source`` under ``prefixes`` (None: there are none)."""
    manager = source.model._default_manager
    rows = manager.filter(source.under(prefixes)).order_by()
    if "" in prefixes:
        return _Rows(rows, rows)  # the nation reads everything
    if connection.vendor != "sqlite":
        # PostgreSQL's planner has the statistics to choose; one look (LIMIT 1, through the unit
        # index) spares the scans of a coverage without any record — most provinces, on a small install.
        return _Rows(rows, rows) if rows.exists() else None
    # SQLite's planner enters through the unit index whatever the share; count it (two index-only
    # counts) and, for a province, make the unit test a plain filter of one pass over the table.
    found = rows.count()
    if not found:
        return None
    if source.key or found <= SCAN_SHARE * manager.count():  # the key's ranges serve every grouping
        return _Rows(rows, rows)
    unit = F(f"{source.path.removesuffix('__path')}_id") + 0
    scan = manager.alias(_unit_in_one_pass=unit).filter(_unit_in_one_pass__in=paths.unit_ids(prefixes)).order_by()
    return _Rows(rows, scan)


#: Every unit's path, kept per process under the tree's revision: the sub-unit groups of a national report
#: name 2.348 units, and one query for the whole table is cheaper than an IN list of them.
_KEPT_PATHS: dict[str, dict[int, str]] = {}


def _paths_of(ids: Iterable[int]) -> dict[int, str]:
    """The paths of the units ``ids`` (the whole table's, kept under the tree's revision)."""
    token = revision.current()
    paths_by_pk = _KEPT_PATHS.get(token)
    if paths_by_pk is None:
        paths_by_pk = dict(Unit.objects.values_list("pk", "path"))
        _KEPT_PATHS.clear()
        _KEPT_PATHS[token] = paths_by_pk
    wanted = set(ids)
    missing = wanted - paths_by_pk.keys()
    if missing:  # written since, in this very transaction: read them
        paths_by_pk = paths_by_pk | dict(Unit.objects.filter(pk__in=missing).values_list("pk", "path"))
    return {pk: paths_by_pk[pk] for pk in wanted}


#: The sub-units of the targets computed lately, by (unit, tree, today, period end, tree revision).
_KEPT_OWNERS: OrderedDict[tuple[Any, ...], _Owners] = OrderedDict()
KEPT_OWNERS_MAX = 512


def _keep(key: tuple[Any, ...], owners: _Owners) -> None:
    _KEPT_OWNERS[key] = owners
    _KEPT_OWNERS.move_to_end(key)
    while len(_KEPT_OWNERS) > KEPT_OWNERS_MAX:
        _KEPT_OWNERS.popitem(last=False)


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


def _by_sub_unit(
    rows: models.QuerySet[Any],
    source: Source,
    annotations: dict[str, models.Aggregate],
    owners: _Owners,
    zero: dict[str, Value],
) -> tuple[list[tuple[Unit, dict[str, Value]]], dict[str, Value]]:
    """Group by the record's unit (one group per unit that has records: a few hundred for a province,
    never the records), then give each unit's group to the sub-unit whose prefix holds the unit's path.
    Returns the sub-units' figures and the total over every group."""
    unit_lookup = source.path.removesuffix("__path")
    grouped = list(rows.values(*source.unit_group()).annotate(**annotations))
    unit_paths = _paths_of(row[unit_lookup] for row in grouped)
    total = dict(zero)
    per_owner: dict[int, dict[str, Value]] = {}
    units: dict[int, Unit] = {}
    for row in grouped:
        owner = owners.owner(unit_paths[row[unit_lookup]])
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
