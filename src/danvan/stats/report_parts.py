"""The parts the report's sections are made of, shared by every area's ``report.py`` (issue 14).

Each area writes its own sentences and chooses its own figures (:mod:`danvan.stats.sections`); the pieces
around them are the same everywhere and live here, once:

* the coercions and the words — :func:`as_int`, :func:`as_percent`, :func:`change` ("không thay đổi"
  rather than "bằng"), :func:`changes`, :func:`counts_in_words`, :func:`lower_first`, :func:`until`;
* the choice of a sentence's variant when a part of a whole is zero or all of it — :func:`part_phrase`;
* the tables — by direct sub-unit from the engine's ``by_unit`` (:func:`unit_table`, with the records kept
  at the unit itself in a row of their own, :func:`direct_label`), and rows of counts with their total
  (:func:`summed_table`, :data:`TOTAL`), and the note of a list cut short (:func:`list_note`);
* the charts — by month (:func:`month_chart`, :func:`month_label`, through :mod:`danvan.stats.trends`) and
  from a table's rows (:func:`table_chart`).

Nothing here counts on its own but :func:`month_chart` (one ``GROUP BY`` per source and date field): the
figures come from the statistics engine, inside the viewer's scope, as everywhere in a report.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, overload

from danvan.core.text import format_number
from danvan.stats import trends
from danvan.stats.engine import Figures as Computed
from danvan.stats.engine import Source, Target
from danvan.stats.sections import Cell, Chart, Context, Number, Percent, Phrase, TableData, show, versus
from danvan.units.models import Unit

#: The heading of a table's total row.
TOTAL = "Tổng cộng"

#: The longest list a report prints (the oldest overdue first); the figures count them all.
LIST_LIMIT = 20

# --- values and words ----------------------------------------------------------------------------------


def as_int(value: Any) -> int:
    """A figure as a whole number: a count as it is, a sum over no record (``None``) as 0."""
    return int(value or 0)


def as_percent(value: Number) -> Percent:
    """A share kept as a number (a figure in per cent) as a :class:`Percent`; ``None``: no share ("—")."""
    return Percent(None if value is None else Decimal(value))


def change(now: Number, before: Number) -> str:
    """:func:`~danvan.stats.sections.versus` as a clause of a sentence: "tăng 12 (7,14%)", "giảm 3 (50%)",
    and "không thay đổi" for an unchanged figure (a sentence reads "số đơn … không thay đổi", not "… bằng")."""
    words = versus(now, before)
    return "không thay đổi" if words == "bằng" else words


def changes(
    now: Mapping[str, Number], before: Mapping[str, Number], blanks: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """The blanks of a comparing sentence: each ``(blank, figure)`` with the :func:`change` of that figure
    from ``before`` to ``now``."""
    return {blank: change(now.get(name), before.get(name)) for blank, name in blanks}


def any_counted(figures: Iterable[Mapping[str, Number]], names: Iterable[str]) -> bool:
    """Whether any of the figures ``names`` is not zero in any of ``figures`` (a comparison of nothing with
    nothing is not said)."""
    chosen = tuple(names)
    return any(found.get(name) for found in figures for name in chosen)


def counts_in_words(parts: Iterable[tuple[int, str]], last: str = " và ") -> str:
    """The parts that are not zero, each its number and its words: "85 đơn khiếu nại, 40 đơn tố cáo và 64
    đơn kiến nghị, phản ánh"; ``last`` joins the last two ("46 tập thể, 72 cá nhân" with ``", "``)."""
    said = [f"{show(n)} {words}" for n, words in parts if n]
    if len(said) < 2:
        return "".join(said)
    return ", ".join(said[:-1]) + last + said[-1]


def lower_first(text: str) -> str:
    """A name inside a sentence: "Kinh tế" → "kinh tế" (the rest as written)."""
    return text[:1].lower() + text[1:]


def until(context: Context) -> datetime.date:
    """The day the stocks (open, overdue) are drawn: the period's end, or today if it has not ended."""
    return min(context.period.end, context.today)


def part_phrase(whole: int, part: int, some: Phrase, none: Phrase, every: Phrase | None = None) -> Phrase:
    """The wording of "``whole``, of which ``part``": ``none`` when no part, ``every`` (if given) when all of
    it, ``some`` otherwise — and when there is nothing at all, ``some``, whose zero wording says so."""
    if whole and not part:
        return none
    if whole and every is not None and part >= whole:
        return every
    return some


# --- tables ----------------------------------------------------------------------------------------


def direct_label(context: Context) -> str:
    """The row of the records kept at the unit itself, not under any of its sub-units."""
    return f"{context.unit.name} (trực tiếp)" if context.unit else "Trung ương (trực tiếp)"


def unit_table(
    context: Context, title: str, columns: Sequence[tuple[str, tuple[str, ...]]], results: Sequence[Computed]
) -> TableData | None:
    """A table by direct sub-unit from the engine's ``by_unit`` figures of ``results`` (each computed with
    ``by_unit``): one column per ``(heading, measures)``, the sum of its measures; the sub-units in code
    order, then the records kept at the unit itself in their own row (:func:`direct_label`, when there are
    any), and the total (:data:`TOTAL`) of the whole coverage. None: no sub-unit has a record."""
    units: dict[int, Unit] = {}
    values: dict[int, dict[str, Any]] = {}
    totals: dict[str, Any] = {}
    for result in results:
        totals.update(result.total)
        for sub, row in result.by_unit:
            units[sub.pk] = sub
            values.setdefault(sub.pk, {}).update(row)
    if not units:
        return None

    def cell(row: Mapping[str, Any], names: tuple[str, ...]) -> int:
        return sum(as_int(row.get(name)) for name in names)

    rows: list[list[Cell]] = []
    for sub in sorted(units.values(), key=lambda u: (u.code, u.name)):
        rows.append([sub.name, *(cell(values[sub.pk], names) for _, names in columns)])
    total = [cell(totals, names) for _, names in columns]
    direct = [t - sum(cell(values[pk], names) for pk in values) for t, (_, names) in zip(total, columns, strict=True)]
    if any(direct):
        rows.append([direct_label(context), *direct])
    rows.append([TOTAL, *total])
    return TableData(title=title, columns=["Đơn vị", *(heading for heading, _ in columns)], rows=rows)


def summed_table(
    title: str,
    columns: Sequence[str],
    rows: Iterable[tuple[str, Sequence[int]]],
    *,
    keep: Callable[[Sequence[int]], bool] = any,
    tail: Callable[[Sequence[int]], Sequence[Cell]] | None = None,
) -> TableData:
    """A table of counts with its total row: each ``(label, counts)`` that ``keep`` keeps (by default, one
    with something counted), then :data:`TOTAL` with the sum of each column. ``tail`` adds the cells worked
    out from a row's counts (a share), on the total row from the sums. No row kept: a table without rows
    (and without a total)."""
    body: list[list[Cell]] = []
    sums: list[int] = []
    for label, counts in rows:
        if not keep(counts):
            continue
        sums = [a + b for a, b in zip(sums or [0] * len(counts), counts, strict=True)]
        body.append([label, *counts, *(tail(counts) if tail else ())])
    if body:
        body.append([TOTAL, *sums, *(tail(sums) if tail else ())])
    return TableData(title=title, columns=list(columns), rows=body)


def list_note(listed: int, count: int, words: str) -> str:
    """What a title adds when a list is cut short (:data:`LIST_LIMIT`): " (20 cam kết quá hạn lâu nhất trong
    tổng số 35)" with ``words`` "cam kết quá hạn lâu nhất"; nothing when every record is listed."""
    if count <= listed:
        return ""
    return f" ({format_number(listed)} {words} trong tổng số {format_number(count)})"


# --- charts ------------------------------------------------------------------------------------------


def month_label(month: datetime.date) -> str:
    """A month on a chart's axis: "5/2026"."""
    return f"{month.month}/{month.year}"


#: A line of a chart by month: the source, the measure counted by month, and the line's name.
MonthSeries = tuple[Source, str, str]


@overload
def month_chart(
    title: str, target: Target, series: Sequence[MonthSeries], *, skip_empty: Literal[False] = False
) -> Chart: ...


@overload
def month_chart(
    title: str, target: Target, series: Sequence[MonthSeries], *, skip_empty: Literal[True]
) -> Chart | None: ...


def month_chart(title: str, target: Target, series: Sequence[MonthSeries], *, skip_empty: bool = False) -> Chart | None:
    """A line chart of ``series`` month by month over the target's period (:func:`trends.by_month`: the
    measures of one source in one read per date field), every month on the axis, a month without a record
    at 0. ``skip_empty``: None, without a query, for a period of a single month, and None when nothing was
    counted in any month."""
    months = trends.months(target)
    if skip_empty and len(months) < 2:
        return None
    wanted: list[tuple[Source, list[str]]] = []
    for source, name, _ in series:
        group = next((names for known, names in wanted if known is source), None)
        if group is None:
            wanted.append((source, [name]))
        elif name not in group:
            group.append(name)
    counted = [(source, trends.by_month(source, target, names)) for source, names in wanted]
    lines: list[tuple[str, list[float]]] = []
    for source, name, label in series:
        values = next(found for known, found in counted if known is source)[name]
        lines.append((label, [float(values.get(m) or 0) for m in months]))
    if skip_empty and not any(v for _, points in lines for v in points):
        return None
    return Chart(title=title, kind="line", labels=[month_label(m) for m in months], series=lines)


def _number(cell: Cell) -> float:
    return float(cell) if isinstance(cell, int | Decimal) else 0.0


def table_chart(title: str, table: TableData, columns: Sequence[str]) -> Chart | None:
    """A bar chart of a table's rows (the total left out): one bar a row, one series per heading in
    ``columns`` (named by it); a cell that is not a number at 0. None: a table without rows."""
    rows = [row for row in table.rows if row[0] != TOTAL]
    if not rows:
        return None
    at = [table.columns.index(heading) for heading in columns]
    return Chart(
        title=title,
        kind="bar",
        labels=[str(row[0]) for row in rows],
        series=[(heading, [_number(row[i]) for row in rows]) for heading, i in zip(columns, at, strict=True)],
    )
