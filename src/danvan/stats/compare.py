"""A figure beside the previous period and the same period last year, and a figure month by month.

Both are answered by :func:`danvan.stats.engine.compute` with the area's declared measures, never by
reading records into Python:

* :func:`compare` computes the totals of the chosen measures for the period, the one before it and the
  same period a year earlier (:meth:`danvan.core.periods.Period.previous`,
  :meth:`~danvan.core.periods.Period.same_period_last_year`): one scan per source and period.
* :func:`monthly` groups each measure by the year and month of its own date (a breakdown on
  ``<date>__year``, ``<date>__month``): one scan per date field. A measure dated across a relation
  (a commendation's decision) or without a date (a stock such as "carried over") is computed once per
  month instead.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from danvan.core.periods import Period
from danvan.core.text import format_amount, format_number, format_percent
from danvan.stats.engine import Measure, Source, Target, Value, compute

Direction = Literal["up", "down", "same", "none"]


@dataclass(frozen=True)
class Change:
    """How a figure moved from another period's: the difference and, when the other is not zero, the
    percentage of it."""

    current: Value
    other: Value

    @property
    def delta(self) -> Decimal | None:
        if self.current is None and self.other is None:
            return None
        return Decimal(self.current or 0) - Decimal(self.other or 0)

    @property
    def percent(self) -> Decimal | None:
        delta = self.delta
        if delta is None or not self.other:
            return None
        return (delta * 100 / Decimal(self.other)).quantize(Decimal("0.1"))

    @property
    def direction(self) -> Direction:
        delta = self.delta
        if delta is None:
            return "none"
        return "up" if delta > 0 else "down" if delta < 0 else "same"

    @property
    def text(self) -> str:
        """As a report writes it: "▲ 12 (+8,5%)", "▼ 3 (−20%)", "▲ 4" (from nothing), "không đổi"."""
        delta = self.delta
        if delta is None or delta == 0:
            return "không đổi"
        arrow = "▲" if delta > 0 else "▼"
        out = f"{arrow} {format_amount(abs(delta))}"
        percent = self.percent
        if percent is not None:
            sign = "+" if percent > 0 else "−"
            out += f" ({sign}{format_percent(abs(percent), 1)})"
        return out


@dataclass(frozen=True)
class Comparison:
    """One measure in the period, the previous period and the same period last year."""

    name: str
    label: str
    period: Period
    current: Value
    previous: Value
    last_year: Value

    @property
    def previous_period(self) -> Period:
        return self.period.previous()

    @property
    def last_year_period(self) -> Period:
        return self.period.same_period_last_year()

    @property
    def vs_previous(self) -> Change:
        return Change(self.current, self.previous)

    @property
    def vs_last_year(self) -> Change:
        return Change(self.current, self.last_year)


def other_period(target: Target, period: Period) -> Target:
    """``target`` for another period: the same unit, viewer, tree and day. The coverage and the viewer's
    scope do not depend on the period, so they are shared rather than worked out again."""
    other = Target(target.unit, period, viewer=target.viewer, today_tree=target.today_tree, today=target.today)
    other._coverage = target._coverage
    other._visible = target._visible
    return other


def compare(
    target: Target, sources: Sequence[tuple[Source, Sequence[str]]], *, current: Mapping[str, Value] | None = None
) -> dict[str, Comparison]:
    """The named measures of each source for ``target``'s period, the previous period and the same period
    last year, by measure name, in the order given. ``current`` gives the period's own figures when the
    page has them already (the selector's totals), so that they are not computed twice."""
    others = [
        other_period(target, target.period.previous()),
        other_period(target, target.period.same_period_last_year()),
    ]
    out: dict[str, Comparison] = {}
    for source, names in sources:
        if current is not None and all(n in current for n in names):
            now = {n: current[n] for n in names}
        else:
            now = compute(source, target, measures=names).total
        before, last_year = (compute(source, t, measures=names).total for t in others)
        for name in names:
            label = source.measure(name).label
            out[name] = Comparison(name, label, target.period, now[name], before[name], last_year[name])
    return out


def months(period: Period) -> list[Period]:
    """The calendar months a period runs over, in order (a custom range's first and last may be partial
    months: their figures are still only those inside the period)."""
    out = []
    year, month = period.start.year, period.start.month
    while datetime.date(year, month, 1) <= period.end:
        out.append(Period.month(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@dataclass(frozen=True)
class Series:
    """Measures month by month: ``values[name][i]`` is the measure in ``months[i]`` (0 or None when none)."""

    months: list[Period]
    values: dict[str, list[Value]]


def _grouped_by_month(measure: Measure) -> bool:
    return bool(measure.date) and "__" not in measure.date


def monthly(source: Source, target: Target, names: Sequence[str]) -> Series:
    """The named measures of ``source`` in each month of ``target``'s period."""
    span = months(target.period)
    index = {(m.start.year, m.start.month): i for i, m in enumerate(span)}
    chosen = [source.measure(name) for name in names]
    values: dict[str, list[Value]] = {m.name: [None if m.aggregate == "sum" else 0 for _ in span] for m in chosen}
    by_date: dict[str, list[str]] = {}
    for measure in chosen:
        if _grouped_by_month(measure):
            by_date.setdefault(measure.date, []).append(measure.name)
    for date, grouped in by_date.items():
        figures = compute(source, target, measures=grouped, breakdown=(f"{date}__year", f"{date}__month"))
        for (year, month), cell in figures.cells.items():
            i = index.get((year, month))
            if i is None:
                continue  # a group outside the period: its filtered aggregates are empty
            for name in grouped:
                values[name][i] = cell[name]
    others = [m.name for m in chosen if not _grouped_by_month(m)]
    if others:
        for i, month in enumerate(span):
            part = Period.custom(max(month.start, target.period.start), min(month.end, target.period.end))
            total = compute(source, other_period(target, part), measures=others).total
            for name in others:
                values[name][i] = total[name]
    return Series(span, values)


# --- ordering by name -----------------------------------------------------------------------------

#: The Vietnamese alphabet's order (ă after a, đ after d, ơ after ô…); tones sort after the letter,
#: in the dictionary's order: ngang, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A sort key that orders names as a Vietnamese list does: "Bắc Kạn" after "Ba Bể", "Đức Xuân"
    after "Dương Quang", tones only breaking ties."""
    letters: list[int] = []
    tones: list[int] = []
    for char in text.casefold():
        parts = unicodedata.normalize("NFD", char)
        base = parts[0] + "".join(p for p in parts[1:] if p in _MODIFIERS)
        letter = unicodedata.normalize("NFC", base)
        position = _ALPHABET.find(letter) if len(letter) == 1 else -1
        if position < 0:  # a space before any letter ("Ba Bể" before "Bắc"), digits next, then the rest
            position = (
                -20 if letter.isspace() else -10 + int(letter) if letter in "0123456789" else 100 + ord(letter[0])
            )
        letters.append(position)
        tones.append(max((_TONES.get(p, 0) for p in parts[1:]), default=0))
    return tuple(letters), tuple(tones)


def as_text(value: Value) -> str:
    """A figure as the tables write it (1.451; a sum with its decimals: 10.250,5; nothing: 0)."""
    if value is None:
        return "0"
    return format_number(value) if isinstance(value, int) else format_amount(value)
