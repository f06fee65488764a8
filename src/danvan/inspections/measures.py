"""The figures of inspections, declared once for the statistics layer (registered as ``inspections.*``).

Plans count by their date (``plan_date``) at the inspecting body's unit; visits and recommendations at the
visited unit, by the visit's day and the day the recommendation was made. "Open" is the stock at the
period's end (made by then, not ended by then), within time or overdue against that day; a closed
recommendation is on time when it ended on or before its deadline.
"""

from __future__ import annotations

import datetime

from django.db.models import F, Q

from danvan.accounts import roles
from danvan.inspections import rules
from danvan.inspections.models import Plan, Recommendation, Visit
from danvan.stats.engine import Measure, Source, Window

R = rules.RecStatus


def _end(window: Window) -> datetime.date:
    return min(window.period.end, window.today)


def _open_at_end(window: Window) -> Q:
    end = _end(window)
    return Q(made_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=end))


def _open_within(window: Window) -> Q:
    return _open_at_end(window) & Q(due_on__gte=_end(window))


def _open_overdue(window: Window) -> Q:
    return _open_at_end(window) & Q(due_on__lt=_end(window))


PLANS = Source(
    model=Plan,
    permission=roles.INSPECTIONS.view,
    measures=(
        Measure("plans", "Kế hoạch kiểm tra, giám sát", date="plan_date", where=~Q(status=rules.PlanStatus.CANCELLED)),
        Measure("concluded", "Đã ban hành kết luận", date="conclusion_date"),
        Measure("cancelled", "Kế hoạch bị hủy", date="ended_on", where=Q(status=rules.PlanStatus.CANCELLED)),
    ),
)

VISITS = Source(
    model=Visit,
    permission=roles.INSPECTIONS.view,
    measures=(
        Measure("visits", "Buổi kiểm tra", date="visited_on"),
        Measure("units_visited", "Đơn vị được kiểm tra", date="visited_on", aggregate="count_distinct",
                field="unit_id"),
    ),
)  # fmt: skip

RECOMMENDATIONS = Source(
    model=Recommendation,
    permission=roles.INSPECTIONS.view,
    measures=(
        Measure("made", "Kiến nghị đưa ra", date="made_on"),
        Measure("closed_on_time", "Đã thực hiện đúng hạn", date="ended_on",
                where=Q(status=R.CLOSED, ended_on__lte=F("due_on"))),
        Measure("closed_late", "Đã thực hiện quá hạn", date="ended_on",
                where=Q(status=R.CLOSED, ended_on__gt=F("due_on"))),
        Measure("not_accepted", "Không tiếp thu", date="ended_on", where=Q(status=R.NOT_ACCEPTED)),
        Measure("withdrawn", "Rút kiến nghị", date="ended_on", where=Q(status=R.WITHDRAWN)),
        Measure("open_within", "Đang thực hiện trong hạn", where=_open_within),
        Measure("open_overdue", "Chưa thực hiện, quá hạn", where=_open_overdue),
    ),
)  # fmt: skip

SOURCES = (PLANS, VISITS, RECOMMENDATIONS)
