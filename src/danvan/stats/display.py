"""What a statistics page draws from the figures: tables with their total row, and charts whose data is
the same numbers (the table is the chart's text alternative).

These hold figures the engine has computed; nothing here counts. A chart's :meth:`Chart.data` is plain
JSON (numbers, not decimals) for ``json_script`` and the page's script, which draws it with Chart.js
and formats the numbers the Vietnamese way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from danvan.stats.compare import Series, as_text, vietnamese_key
from danvan.stats.engine import Value

ChartKind = Literal["line", "bar", "hbar"]


def _plain(value: Value) -> int | float:
    if value is None:
        return 0
    return value if isinstance(value, int) else float(value)


def _add(a: Value, b: Value) -> Value:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


@dataclass(frozen=True)
class Row:
    label: str
    values: list[Value]
    #: A link for the label (the list of the records behind the row), or "".
    href: str = ""
    #: Rows the page keeps apart from the sorted ones (the records of the unit itself).
    fixed: bool = False

    @property
    def cells(self) -> list[str]:
        return [as_text(v) for v in self.values]

    @property
    def numbers(self) -> list[int | float]:
        """The values for sorting (a missing sum is 0)."""
        return [_plain(v) for v in self.values]

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """Each cell as written and as the page's script sorts it (a plain number, never localised)."""
        return [(as_text(v), repr(n)) for v, n in zip(self.values, self.numbers, strict=True)]


@dataclass
class Table:
    """A table of figures: one row per label, one column per measure, and the total row.

    ``total`` is the figure over the whole coverage (the engine's total, not the sum of the rows): when
    the rows do not add up to it — records of the unit itself, outside every sub-unit — a row says so
    (``rest_label``) so that the table still adds up."""

    id: str
    title: str
    head: str
    columns: list[str]
    rows: list[Row]
    total: list[Value] | None = None
    rest_label: str = ""
    #: Sortable on the page (by the label or any column, in the browser).
    sortable: bool = True
    #: The rows are in alphabetical order of their labels (the page marks that column as sorted).
    by_label: bool = False

    def __post_init__(self) -> None:
        if self.total is None:
            return
        sums: list[Value] = [None] * len(self.columns)
        for row in self.rows:
            sums = [_add(s, v) for s, v in zip(sums, row.values, strict=True)]
        rest = [_plain(t) - _plain(s) for t, s in zip(self.total, sums, strict=True)]
        if any(rest) and self.rest_label:
            values: list[Value] = [Decimal(str(r)) if isinstance(r, float) else r for r in rest]
            self.rows.append(Row(self.rest_label, values, fixed=True))

    @property
    def total_cells(self) -> list[str]:
        return [as_text(v) for v in self.total] if self.total is not None else []

    def by_name(self) -> Table:
        """The rows in Vietnamese alphabetical order of their labels (the kept-apart rows last)."""
        self.rows.sort(key=lambda r: (r.fixed, vietnamese_key(r.label)))
        self.by_label = True
        return self


@dataclass
class Dataset:
    label: str
    values: list[Value]


@dataclass
class Chart:
    """A chart of some of a table's figures; ``table`` is the id of the table that is its text
    alternative, ``summary`` the sentence a screen reader hears for the picture itself."""

    id: str
    title: str
    kind: ChartKind
    labels: list[str]
    datasets: list[Dataset]
    table: str
    summary: str = ""
    #: A note under the chart (e.g. "the 15 communes with the most letters; all in the table").
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def height(self) -> int:
        """Pixels: horizontal bars get room for each label."""
        if self.kind == "hbar":
            return max(160, 28 * len(self.labels) + 60)
        return 280

    def data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "labels": self.labels,
            "datasets": [{"label": d.label, "data": [_plain(v) for v in d.values]} for d in self.datasets],
            **self.extra,
        }

    @property
    def empty(self) -> bool:
        return not self.labels or not any(_plain(v) for d in self.datasets for v in d.values)


def month_labels(series: Series) -> list[str]:
    """ "1/2026", "2/2026"… — a month as officers write it."""
    return [f"{m.start.month}/{m.start.year}" for m in series.months]


def series_table(series: Series, names: Sequence[str], labels: dict[str, str], *, id: str, title: str) -> Table:
    """The month-by-month figures as a table (one row per month), with the period's total."""
    rows = [Row(label, [series.values[n][i] for n in names]) for i, label in enumerate(month_labels(series))]
    total: list[Value] = []
    for name in names:
        acc: Value = None
        for value in series.values[name]:
            acc = _add(acc, value)
        total.append(acc if acc is not None else 0)
    return Table(id, title, "Tháng", [labels[n] for n in names], rows, total=total)


def series_chart(series: Series, names: Sequence[str], labels: dict[str, str], *, id: str, title: str,
                 table: str) -> Chart:  # fmt: skip
    chart = Chart(
        id, title, "line", month_labels(series), [Dataset(labels[n], list(series.values[n])) for n in names], table
    )
    if series.months:
        first, last = month_labels(series)[0], month_labels(series)[-1]
        names_text = ", ".join(labels[n].lower() for n in names)
        chart.summary = f"Biểu đồ đường: {names_text} theo tháng, từ tháng {first} đến tháng {last}."
    return chart


def bar_chart(table: Table, columns: Sequence[int], *, id: str, title: str, top: int = 0,
              horizontal: bool = False) -> Chart:  # fmt: skip
    """A bar chart of some columns of ``table`` (its kept-apart rows left out). With ``top``, only the
    ``top`` rows with the largest first column, in that order; the table keeps them all."""
    rows = [r for r in table.rows if not r.fixed]
    note = ""
    if top and len(rows) > top:
        rows = sorted(rows, key=lambda r: -r.numbers[columns[0]])[:top]
        note = f"{top} {table.head.lower()} có số {table.columns[columns[0]].lower()} nhiều nhất; đủ cả trong bảng."
    chart = Chart(
        id,
        title,
        "hbar" if horizontal else "bar",
        [r.label for r in rows],
        [Dataset(table.columns[c], [r.values[c] for r in rows]) for c in columns],
        table.id,
        note=note,
    )
    kind = "Biểu đồ cột ngang" if horizontal else "Biểu đồ cột"
    chart.summary = f"{kind}: {', '.join(table.columns[c].lower() for c in columns)} theo {table.head.lower()}."
    return chart
