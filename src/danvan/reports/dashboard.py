"""The dashboard of a unit (issue 14, "Dashboards"): the key figures of every area with their trend against
the same period last year, the charts, the overdue lists of every workflow, and the sub-units to drill down to.

The figures are the report's own (:func:`danvan.reports.build.build`), so the dashboard and the report never
disagree; the overdue lists come from the workflows' inbox feeds (:mod:`danvan.workflow.inbox`), inside the
viewer's scope and the unit's coverage.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from danvan.core.periods import Period
from danvan.reports import build as builder
from danvan.reports import charts
from danvan.stats import paths
from danvan.stats.sections import Percent, show, versus
from danvan.units.models import Unit
from danvan.workflow import inbox

log = logging.getLogger(__name__)
#: How many figures of a section its card shows, and how many overdue records each list names.
CARD_FIGURES = 4
OVERDUE_SHOWN = 5


@dataclass
class Figure:
    label: str
    now: str
    last_year: str
    change: str
    trend: str  # "up", "down", "same"


@dataclass
class Card:
    key: str
    title: str
    figures: list[Figure]
    chart_svg: str = ""


@dataclass
class Overdue:
    label: str
    count: int
    items: list[tuple[str, str, str]]  # (title, url, due date)
    more_url: str | None = None


@dataclass
class Board:
    unit: Unit
    period: Period
    cards: list[Card] = field(default_factory=list)
    overdue: list[Overdue] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)


def _shown(value: Any, percent: bool) -> str:
    if value is None:
        return "—"
    return str(Percent(value)) if percent else show(value)


def board(user: Any, unit: Unit, period: Period, *, today_tree: bool = True) -> Board:
    content = builder.build(unit, period, viewer=user, today_tree=today_tree)
    out = Board(unit=unit, period=period)
    for section in content["sections"]:
        now, last = section["figures"]["now"], section["figures"]["last_year"]
        percents = {row[0] for t in section["tables"][:1] for row in t["rows"] if row and str(row[1]).endswith("%")}
        figures = []
        for name, label in list(section["labels"].items())[:CARD_FIGURES]:
            a, b = now.get(name), last.get(name)
            change = versus(a, b)
            trend = "same" if change == "bằng" else ("up" if change.startswith("tăng") else "down")
            figures.append(Figure(label, _shown(a, label in percents), _shown(b, label in percents), change, trend))
        svg = ""
        if section["charts"]:
            try:
                svg = charts.svg(section["charts"][0], id_prefix=f"d{section['key']}")
            except Exception:  # the card keeps its figures
                log.exception("chart of %s not drawn", section["key"])
        out.cards.append(Card(section["key"], section["title"], figures, svg))
    out.overdue = overdue_lists(user, unit)
    today = timezone.localdate()
    out.children = [
        child for child in unit.get_children().order_by("code", "name") if child.is_valid_on(today) or not today_tree
    ]
    return out


def overdue_lists(user: Any, unit: Unit) -> list[Overdue]:
    """Each workflow's records still open past their due date, under ``unit``'s coverage, that ``user`` sees."""
    today = timezone.localdate()
    prefixes = paths.coverage(unit, today_tree=True)
    lists = []
    for feed in inbox.feeds():
        if not feed.due_field or not feed.open_states:
            continue
        rows = (
            feed.visible(user)
            .filter(paths.path_filter(feed.path, prefixes))
            .filter(**{f"{feed.due_field}__lt": today, f"{feed.machine.state_field}__in": list(feed.open_states)})
        )
        count = rows.count()
        if not count:
            continue
        items = [
            (feed.title(obj), feed.url(obj), show(getattr(obj, feed.due_field)))
            for obj in rows.order_by(feed.due_field, "pk")[:OVERDUE_SHOWN]
        ]
        more = feed.list_url("overdue") if feed.list_url else None
        lists.append(Overdue(feed.machine.noun[:1].upper() + feed.machine.noun[1:], count, items, more))
    return lists
