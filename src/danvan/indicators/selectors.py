"""Reading indicators: which apply to a unit, their value for a unit and a period, their targets.

The value of an indicator for a unit and a period (:func:`readings`) is

* for an indicator entered by hand: the unit's own entered value; else the values entered below it —
  in its coverage (:func:`danvan.stats.paths.coverage`: its subtree and, on today's tree, the subtrees of
  the units merged into it, so a value entered on a commune before the 2025 merger counts under its
  successor), inside the viewer's scope — aggregated by the indicator's rule (:func:`.rules.aggregate`);
* for an indicator computed from an area's statistics: the figure of that area's report section
  (``section.figures(Context(unit, period, viewer), period)[figure]``), or the rate of two of them.

The values are read in one query per period for every indicator asked about (the rows are units'
values, a few thousand at most for the nation, never records).

The target in force (:func:`targets_for`) is the unit's own target whose period is exactly the
report's, else the shortest that contains it (a resolution's target for its whole term); an indicator
that is a rate, an average or not aggregable also takes the nearest higher unit's target when the unit
has none of its own (the province's "dưới 6%" holds for its communes; its "19 xã" does not).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.periods import Period
from danvan.indicators import rules
from danvan.indicators.models import Indicator, Target, Value
from danvan.stats import paths, sections
from danvan.stats.engine import viewer_prefixes
from danvan.stats.sections import Context
from danvan.units.models import Unit

RIGHTS = roles.INDICATORS


# --- which indicators ---------------------------------------------------------------------------------------


def indicators_for(unit: Unit | None, *, today_tree: bool = True, active: bool = True) -> QuerySet[Indicator]:
    """The indicators that concern ``unit`` (None: the nation, every one): those that apply everywhere,
    those set by the unit or above it, and those set inside its coverage (a commune's own indicator
    shows in its province's list)."""
    chosen = Indicator.objects.select_related("unit")
    if active:
        chosen = chosen.filter(active=True)
    if unit is None:
        return chosen
    above = [unit.path[:n] for n in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    coverage = paths.coverage(unit, today_tree=today_tree)
    # The units merged into the unit count as "the unit" for their own indicators, too.
    merged_above = [p[:n] for p in coverage for n in range(Unit.steplen, len(p) + 1, Unit.steplen)]
    return chosen.filter(
        Q(unit__isnull=True)
        | Q(unit__path__in=sorted(set(above + merged_above)))
        | paths.prefix_q(coverage, "unit__path")
    )


def indicator_by_code(code: str) -> Indicator | None:
    code = code.strip()
    if not rules.CODE.match(code):
        return None
    return Indicator.objects.select_related("unit").filter(code=code).first()


# --- values -----------------------------------------------------------------------------------------------

HOW_ENTERED = "entered"
HOW_AGGREGATED = "aggregated"
HOW_COMPUTED = "computed"
HOW_LABELS = {
    HOW_ENTERED: "Số liệu của đơn vị",
    HOW_AGGREGATED: "Tổng hợp từ số liệu của các đơn vị",
    HOW_COMPUTED: "Tính từ số liệu thống kê",
}


@dataclass(frozen=True)
class Reading:
    """The value of an indicator for a unit and a period, and how it was obtained."""

    indicator: Indicator
    value: Decimal | None
    how: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    weight: Decimal | None = None
    #: How many units' values made an aggregated figure.
    units: int = 0
    #: The unit's own value, when the figure is it.
    entered: Value | None = None
    #: Why a computed figure could not be read (its section is gone).
    problem: str = ""

    @property
    def shown(self) -> str:
        return rules.show(self.value, self.indicator.spec)

    @property
    def how_label(self) -> str:
        if self.how == HOW_AGGREGATED:
            return f"Tổng hợp từ số liệu của {self.units} đơn vị"
        return HOW_LABELS.get(self.how, "")


def _visible(unit: Unit | None, viewer: Any, today_tree: bool) -> list[str]:
    coverage = paths.coverage(unit, today_tree=today_tree)
    visible = viewer_prefixes(viewer, RIGHTS.view)
    return coverage if visible is None else paths.intersect(coverage, visible)


@dataclass
class _Row:
    unit_id: int
    entry: rules.Entry
    value: Value | None = None


def _rows(indicators: Sequence[Indicator], period: Period, prefixes: list[str]) -> dict[int, list[_Row]]:
    """The values entered for ``period`` under ``prefixes``, by indicator."""
    found: dict[int, list[_Row]] = defaultdict(list)
    if not indicators or not prefixes:
        return found
    values = (
        Value.objects.filter(indicator__in=indicators, start=period.start, end=period.end)
        .filter(paths.prefix_q(prefixes, "unit__path"))
        .order_by()
        .values_list("indicator_id", "unit_id", "unit__path", "value", "numerator", "denominator", "weight")
    )
    for indicator_id, unit_id, path, value, numerator, denominator, weight in values:
        found[indicator_id].append(_Row(unit_id, rules.Entry(path, value, numerator, denominator, weight)))
    return found


def _reading(indicator: Indicator, unit: Unit | None, rows: list[_Row]) -> Reading:
    own = next((r for r in rows if unit is not None and r.unit_id == unit.pk), None)
    if own is not None:
        e = own.entry
        return Reading(indicator, e.value, HOW_ENTERED, e.numerator, e.denominator, e.weight, units=1)
    figure = rules.aggregate(indicator.aggregation, [r.entry for r in rows])
    if figure.value is None:
        return Reading(indicator, None)
    return Reading(indicator, figure.value, HOW_AGGREGATED, figure.numerator, figure.denominator, figure.weight,
                   units=figure.units)  # fmt: skip


def _computed(
    indicators: Sequence[Indicator], unit: Unit | None, period: Period, viewer: Any, today_tree: bool,
    today: datetime.date,
) -> dict[int, Reading]:  # fmt: skip
    """Computed indicators from their sections' figures; each section is asked once."""
    context = Context(unit, period, viewer, today_tree=today_tree, today=today)
    asked: dict[str, sections.Figures | LookupError] = {}

    def figure(name: str) -> Decimal | None:
        key = name.partition(".")[0]
        if key not in asked:
            try:
                section = sections.section(key)
                asked[key] = section.figures(context, period)
            except LookupError as exc:
                asked[key] = exc
        got = asked[key]
        if isinstance(got, LookupError):
            raise got
        sections.figure(name)  # the figure is still declared
        value = got.get(name.partition(".")[2])
        return None if value is None else Decimal(value)

    out: dict[int, Reading] = {}
    for indicator in indicators:
        try:
            if indicator.figure:
                out[indicator.pk] = Reading(indicator, figure(indicator.figure), HOW_COMPUTED)
            else:
                numerator = figure(indicator.numerator_figure) or Decimal(0)
                denominator = figure(indicator.denominator_figure) or Decimal(0)
                out[indicator.pk] = Reading(indicator, rules.rate(numerator, denominator), HOW_COMPUTED,
                                            numerator, denominator)  # fmt: skip
        except LookupError as exc:
            out[indicator.pk] = Reading(indicator, None, problem=str(exc))
    return out


def readings(
    indicators: Iterable[Indicator],
    unit: Unit | None,
    period: Period,
    *,
    viewer: Any,
    today_tree: bool = True,
    today: datetime.date | None = None,
) -> dict[int, Reading]:
    """The value of each of ``indicators`` for ``unit`` (None: the nation) in ``period``, as ``viewer``
    may see it (``WHOLE_SYSTEM`` for the system's own callers), by indicator id."""
    chosen = list(indicators)
    manual = [i for i in chosen if not i.is_computed]
    rows = _rows(manual, period, _visible(unit, viewer, today_tree))
    out = {i.pk: _reading(i, unit, rows.get(i.pk, [])) for i in manual}
    computed = [i for i in chosen if i.is_computed]
    if computed:
        out |= _computed(computed, unit, period, viewer, today_tree, today or timezone.localdate())
    return out


def reading(
    indicator: Indicator, unit: Unit | None, period: Period, *, viewer: Any, today_tree: bool = True
) -> Reading:
    """:func:`readings` of one indicator."""
    return readings([indicator], unit, period, viewer=viewer, today_tree=today_tree)[indicator.pk]


def by_sub_unit(
    indicator: Indicator,
    unit: Unit | None,
    period: Period,
    *,
    viewer: Any,
    today_tree: bool = True,
    today: datetime.date | None = None,
) -> list[tuple[Unit, Reading]]:
    """The value of a hand-entered indicator for each direct sub-unit of ``unit`` (the drill-down), in
    code order; sub-units without any value are left out."""
    if indicator.is_computed:
        return []
    day = today or timezone.localdate()
    prefixes = _visible(unit, viewer, today_tree)
    rows = _rows([indicator], period, prefixes).get(indicator.pk, [])
    children = paths.sub_units(unit, today_tree=today_tree, period_end=period.end, today=day)
    out = []
    for child, covered in children:
        mine = [r for r in rows if any(r.entry.path.startswith(p) for p in covered)]
        if mine:
            got = _reading(indicator, child, mine)
            if got.value is not None:
                out.append((child, got))
    return out


def values_entered(indicator: Indicator, unit: Unit, *, viewer: Any) -> QuerySet[Value]:
    """The values the viewer may see of ``indicator`` in ``unit``'s subtree and coverage, newest period first."""
    prefixes = _visible(unit, viewer, True)
    return (
        Value.objects.filter(indicator=indicator)
        .filter(paths.prefix_q(prefixes, "unit__path"))
        .select_related("unit", "entered_by")
        .order_by("-end", "unit__path")
    )


# --- targets ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetInForce:
    """The target an indicator is judged against for a unit and a period."""

    target: Target
    #: The target is a higher unit's (the unit has none of its own).
    inherited: bool = False

    @property
    def words(self) -> str:
        return self.target.words

    @property
    def basis(self) -> str:
        return self.target.basis


#: The aggregations whose target carries down to the units below (a share, an average, an index).
_INTENSIVE = (rules.Aggregation.RATE, rules.Aggregation.WEIGHTED, rules.Aggregation.NONE)


def targets_for(indicators: Iterable[Indicator], unit: Unit | None, period: Period) -> dict[int, TargetInForce]:
    """The target in force of each of ``indicators`` for ``unit`` in ``period``, by indicator id."""
    chosen = {i.pk: i for i in indicators}
    if unit is None or not chosen:
        return {}
    above = [unit.path[:n] for n in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    candidates = (
        Target.objects.filter(indicator_id__in=list(chosen), unit__path__in=above)
        .filter(start__lte=period.start, end__gte=period.end)
        .select_related("unit", "indicator")
    )
    best: dict[int, tuple[tuple[int, int], Target]] = {}
    for target in candidates:
        indicator = chosen[target.indicator_id]
        own = target.unit_id == unit.pk
        if not own and indicator.aggregation not in _INTENSIVE:
            continue
        # The unit's own before a higher one's (the nearest first), then the shortest period.
        rank = (len(unit.path) - len(target.unit.path), (target.end - target.start).days)
        if target.indicator_id not in best or rank < best[target.indicator_id][0]:
            best[target.indicator_id] = (rank, target)
    return {pk: TargetInForce(t, inherited=t.unit_id != unit.pk) for pk, (_, t) in best.items()}


def targets_of(indicator: Indicator, unit: Unit) -> QuerySet[Target]:
    """The targets set for ``unit`` and the units above it, latest period first."""
    above = [unit.path[:n] for n in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return Target.objects.filter(indicator=indicator, unit__path__in=above).select_related("unit").order_by("-end")


# --- the board: every indicator of a unit for a period ----------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    indicator: Indicator
    now: Reading
    previous: Reading
    last_year: Reading
    target: TargetInForce | None
    status: rules.Status | None = None
    trend: str = ""

    @property
    def status_label(self) -> str:
        return self.status.label if self.status is not None else ""


@dataclass
class Board:
    unit: Unit | None
    period: Period
    rows: list[BoardRow] = field(default_factory=list)


def judge(reading_now: Reading, target: TargetInForce | None) -> rules.Status | None:
    if target is None:
        return None
    indicator = reading_now.indicator
    return rules.status(reading_now.value, comparison=target.target.comparison, target=target.target.value,
                        direction=indicator.direction, decimals=indicator.decimals)  # fmt: skip


def board(
    unit: Unit | None,
    period: Period,
    *,
    viewer: Any,
    today_tree: bool = True,
    today: datetime.date | None = None,
    indicators: Iterable[Indicator] | None = None,
) -> Board:
    """Every indicator of ``unit``: its value this period, the previous period and the same period last
    year, its target in force and its status."""
    chosen = list(indicators) if indicators is not None else list(indicators_for(unit, today_tree=today_tree))
    options = {"viewer": viewer, "today_tree": today_tree, "today": today}
    now = readings(chosen, unit, period, **options)
    previous = readings(chosen, unit, period.previous(), **options)
    last_year = readings(chosen, unit, period.same_period_last_year(), **options)
    targets = targets_for(chosen, unit, period)
    rows = []
    for indicator in chosen:
        here, target = now[indicator.pk], targets.get(indicator.pk)
        rows.append(BoardRow(
            indicator, here, previous[indicator.pk], last_year[indicator.pk], target, judge(here, target),
            rules.trend(here.value, previous[indicator.pk].value, indicator.direction, indicator.decimals),
        ))  # fmt: skip
    return Board(unit, period, rows)


def may_enter(user: Any, unit: Unit) -> bool:
    return access.can(user, RIGHTS.edit, unit)


def may_set_targets(user: Any, unit: Unit) -> bool:
    return access.can(user, RIGHTS.decide, unit)
