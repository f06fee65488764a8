"""A report's content from the registered sections: every area's part, for a unit and a period.

:func:`build` asks each section (:mod:`danvan.stats.sections`) the viewer may read for its key figures
of the period, of the previous period and of the same period last year, lets it write its narrative and
tables, fills the sentences with the wording in force (an administrator's, else the area's), and returns
the :class:`~danvan.reports.content.Content` every output is drawn from. Nothing is written: a draft or
an issued report stores what this returns.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from danvan.core.periods import Period
from danvan.reports.content import ChartJSON, Content, SectionJSON, TableJSON
from danvan.stats import sections
from danvan.stats.sections import Built, Context, Figures, Percent, Said, Section, TableData, comparison_table, say
from danvan.units.models import Unit

#: The wording of a sentence: its text and its zero variant ("" keeps the area's).
Wording = Mapping[str, tuple[str, str]]
Progress = Callable[[int, int, str], None]


def visible_sections(context: Context) -> list[Section]:
    """The sections whose right the viewer holds somewhere in the report's coverage."""
    target = context.target()
    return [section for section in sections.sections() if target.prefixes(section.permission)]


def number(value: Any) -> Any:
    """A figure as JSON: an integer, a decimal as a number, nothing as null."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float):
        as_decimal = Decimal(str(value))
        return int(as_decimal) if as_decimal == as_decimal.to_integral_value() else float(as_decimal)
    if isinstance(value, Percent):
        return None if value.value is None else float(value.value)
    return str(value)


def _cell_value(cell: Any) -> Any:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return number(cell)


def table_json(table: TableData) -> TableJSON:
    return {
        "title": table.title,
        "columns": list(table.columns),
        "rows": table.text_rows(),
        "values": [[_cell_value(c) for c in row] for row in table.rows],
    }


def _text(paragraph: Said | str, common: Mapping[str, str], wording: Wording) -> str:
    if isinstance(paragraph, str):
        return paragraph
    text, zero = wording.get(paragraph.phrase.key, ("", ""))
    return say(paragraph.phrase, {**common, **paragraph.values}, text=text or None, zero=zero or None)


def section_json(context: Context, section: Section, wording: Wording) -> SectionJSON:
    """One section: its figures of the three periods, its narrative, its tables and charts."""
    now = sections.figures_of(section, context, context.period)
    previous = sections.figures_of(section, context, context.previous)
    last_year = sections.figures_of(section, context, context.last_year)
    built: Built = section.build(context, now, previous, last_year)
    common = context.common()
    tables = [comparison_table(section, context, now, previous, last_year), *built.tables]
    # A section whose build already starts with the comparison does not get it twice.
    if len(tables) > 1 and tables[1].title == tables[0].title:
        tables.pop(0)
    charts: list[ChartJSON] = [
        {
            "title": chart.title,
            "kind": chart.kind,
            "labels": list(chart.labels),
            "series": [{"name": name, "values": [float(v or 0) for v in values]} for name, values in chart.series],
        }
        for chart in built.charts
    ]

    def figures_json(figures: Figures) -> dict[str, Any]:
        return {name: number(value) for name, value in figures.items()}

    return {
        "key": section.key,
        "title": section.title,
        "paragraphs": [t for p in built.paragraphs if (t := _text(p, common, wording))],
        "tables": [table_json(t) for t in tables],
        "charts": charts,
        "figures": {"now": figures_json(now), "previous": figures_json(previous), "last_year": figures_json(last_year)},
        "labels": dict(section.labels),
    }


def build(
    unit: Unit | None,
    period: Period,
    *,
    viewer: Any,
    period_code: str = "",
    today_tree: bool = True,
    today: datetime.date | None = None,
    wording: Wording | None = None,
    only: tuple[str, ...] = (),
    progress: Progress | None = None,
) -> Content:
    """The whole report of ``unit`` (None: the nation) for ``period``, as ``viewer`` may see it.

    ``wording`` maps a sentence's key to an administrator's text (:func:`wording_in_force` reads it);
    ``only`` keeps the named sections; ``progress(done, total, title)`` is told after each section (the
    background task's progress bar).
    """
    context = Context(unit, period, viewer, today_tree=today_tree, **({"today": today} if today else {}))
    out: list[SectionJSON] = []
    with sections.one_report():
        chosen = [s for s in visible_sections(context) if not only or s.key in only]
        for done, section in enumerate(chosen, start=1):
            out.append(section_json(context, section, wording or {}))
            if progress is not None:
                progress(done, len(chosen), section.title)
    return {
        "unit": unit.code if unit else "",
        "unit_name": unit.name if unit else "Toàn quốc",
        "period": period_code or period.kind.value,
        "period_label": period.label,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "tree": "today" if today_tree else "then",
        "sections": out,
    }
