"""The working-day calendar that legal deadlines count on.

Pure functions of dates and a :class:`WorkCalendar`; no database. The calendar
is Vietnam's public holidays as the ``holidays`` package computes them
(Bộ luật Lao động 2019, Điều 112: Tết Dương lịch, 5 days of Tết Âm lịch,
Giỗ Tổ Hùng Vương 10/3 lunar, 30/4, 1/5, Quốc khánh 2 days, and 24/11
"Ngày Văn hóa Việt Nam" from 2026; compensatory days under Điều 111.3 and the
official swaps it knows), overlaid by the yearly official overrides an
administrator keeps in :class:`danvan.core.models.CalendarOverride`
(extra days off, make-up working Saturdays), which take precedence.

Civil servants work Monday to Friday (40-hour week).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

DAY_OFF = "off"
WORKING_DAY = "work"


@lru_cache(maxsize=1)
def _national_holidays() -> holidays.HolidayBase:
    # One shared, lazily expanding instance: years are filled in on first lookup.
    return holidays.country_holidays("VN", language="vi")


def holiday_name(day: datetime.date) -> str | None:
    """The Vietnamese name of the public holiday on ``day``, if any."""
    name = _national_holidays().get(day)
    return str(name) if name else None


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days.

    ``overrides`` maps a date to :data:`DAY_OFF` or :data:`WORKING_DAY`; an
    override beats the national holidays and the weekend.
    """

    overrides: Mapping[datetime.date, str] = field(default_factory=dict)

    def is_working_day(self, day: datetime.date) -> bool:
        override = self.overrides.get(day)
        if override is not None:
            return override == WORKING_DAY
        national = _national_holidays()
        if day in national:
            return False
        # Swapped working Saturdays the package knows (e.g. 22/08/2026).
        if day in national.weekend_workdays:
            return True
        return day.weekday() < 5

    def reason_off(self, day: datetime.date) -> str | None:
        """Why ``day`` is not a working day, in Vietnamese, or None if it is one."""
        if self.is_working_day(day):
            return None
        if self.overrides.get(day) == DAY_OFF:
            return "Ngày nghỉ theo thông báo"
        name = holiday_name(day)
        if name:
            return name
        return "Thứ Bảy" if day.weekday() == 5 else "Chủ nhật"


def add_working_days(start: datetime.date, n: int, calendar: WorkCalendar) -> datetime.date:
    """The day on which a period of ``n`` working days from ``start`` ends.

    The day of the triggering event is not counted: counting starts the next
    day (Bộ luật Dân sự 2015, Điều 147.1; "N ngày làm việc" counts only working days).
    ``n == 0`` returns ``start``.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def add_calendar_days(start: datetime.date, n: int, calendar: WorkCalendar) -> datetime.date:
    """The day on which a period of ``n`` calendar days from ``start`` ends.

    Counting starts the day after the event (Bộ luật Dân sự 2015, Điều 147.1);
    if the last day is a day off, the period ends on the next working day
    (Điều 148.5).
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start + datetime.timedelta(days=n)
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def working_days_between(start: datetime.date, end: datetime.date, calendar: WorkCalendar) -> int:
    """Working days in the half-open interval (start, end]; negative if ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start, calendar)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
    return count


# --- Recomputation after the calendar changes ------------------------------------
# Areas that store due dates register a function here (in their AppConfig.ready)
# that recomputes the due dates of their open records and returns how many changed.
# The calendar services call them explicitly; no signals.
Recomputation = Callable[[WorkCalendar], int]
_recomputations: dict[str, Recomputation] = {}


def register_recomputation(name: str, func: Recomputation) -> None:
    _recomputations[name] = func


def registered_recomputations() -> dict[str, Recomputation]:
    return dict(_recomputations)
