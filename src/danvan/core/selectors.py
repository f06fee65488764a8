"""Reads of the shared core."""

from __future__ import annotations

from danvan.core.calendar import WorkCalendar
from danvan.core.models import CalendarOverride


def current_calendar() -> WorkCalendar:
    """The working-day calendar with the administrator's overrides (a small table)."""
    return WorkCalendar(overrides=dict(CalendarOverride.objects.values_list("date", "kind")))
