"""Figures month by month (the report's and the dashboards' trend charts), in one ``GROUP BY`` per date.

A measure whose period is given by a plain date field of the record ("received_on") is counted by the
month of that date over the target's period: one query per distinct date field, grouped by month, inside
the viewer's scope like every figure. A measure dated across a relation or depending on the day drawn
(carried over, overdue) has no month of its own and is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models.functions import TruncMonth

from danvan.stats.engine import Source, Target, Value, _add, _aggregate, _alias, _rows


def months(target: Target) -> list[datetime.date]:
    """The first day of each month of the target's period."""
    day = target.period.start.replace(day=1)
    out = []
    while day <= target.period.end:
        out.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return out


def by_month(source: Source, target: Target, measures: Sequence[str]) -> dict[str, dict[datetime.date, Value]]:
    """``measure → {first day of the month → value}`` over the target's period (every month present)."""
    chosen = [source.measure(name) for name in measures]
    for measure in chosen:
        if not measure.date or "__" in measure.date or callable(measure.where):
            raise ValueError(f"“{measure.label}” không tính theo tháng được (không có ngày riêng của bản ghi).")
    window = target.window
    zero: Value = None
    out: dict[str, dict[datetime.date, Value]] = {}
    for measure in chosen:
        zero = None if measure.aggregate == "sum" else 0
        out[measure.name] = dict.fromkeys(months(target), zero)
    prefixes = target.prefixes(source.permission)
    found = _rows(source, prefixes) if prefixes else None
    if found is None:
        return out
    for date in sorted({m.date for m in chosen}):
        group = [m for m in chosen if m.date == date]
        rows = (
            found.scan.filter(**{f"{date}__gte": window.period.start, f"{date}__lte": window.period.end})
            .annotate(_month=TruncMonth(date))
            .values("_month")
            .annotate(**{_alias(m.name): _aggregate(m, source.condition(m, window)) for m in group})
        )
        for row in rows:
            month = row["_month"]
            if isinstance(month, datetime.datetime):
                month = month.date()
            for m in group:
                out[m.name][month] = _add(out[m.name].get(month), row[_alias(m.name)])
    return out
