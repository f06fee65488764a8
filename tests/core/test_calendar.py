"""The working-day calendar, from the Labour Code (Điều 111–112) and the official schedules of 2025–2027."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.calendar import (
    DAY_OFF,
    WORKING_DAY,
    WorkCalendar,
    add_calendar_days,
    add_working_days,
    working_days_between,
)

CAL = WorkCalendar()
d = dt.date


@pytest.mark.parametrize(
    ("year", "days_off"),
    [
        # Tết Ất Tỵ 2025: the official schedule gave 27–31/01 (Monday to Friday).
        (2025, [d(2025, 1, 27), d(2025, 1, 28), d(2025, 1, 29), d(2025, 1, 30), d(2025, 1, 31)]),
        # Tết Bính Ngọ 2026: 16–20/02.
        (2026, [d(2026, 2, 16), d(2026, 2, 17), d(2026, 2, 18), d(2026, 2, 19), d(2026, 2, 20)]),
        # Tết Đinh Mùi 2027 (mùng 1 = Saturday 06/02): eve and days moved off the weekend,
        # as the holidays package models it until the Prime Minister's decision is known.
        (2027, [d(2027, 2, 4), d(2027, 2, 5), d(2027, 2, 8), d(2027, 2, 9), d(2027, 2, 10)]),
    ],
)
def test_tet_working_days_off(year: int, days_off: list[dt.date]) -> None:
    for day in days_off:
        assert not CAL.is_working_day(day), day
    # The working days just around Tết are working days.
    assert CAL.is_working_day(days_off[0] - dt.timedelta(days=1 if days_off[0].weekday() else 3))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (d(2025, 4, 26), True),  # Saturday worked in exchange for Friday 02/05/2025
        (d(2025, 5, 2), False),
        (d(2025, 4, 7), False),  # Giỗ Tổ Hùng Vương 10/3 âm lịch
        (d(2025, 9, 1), False),  # Quốc khánh, second day
        (d(2026, 8, 22), True),  # Saturday worked in exchange for Monday 31/08/2026
        (d(2026, 8, 31), False),
        (d(2026, 4, 27), False),  # Hùng Kings' day fell on Sunday 26/04: compensatory day (Điều 111.3)
        (d(2026, 11, 24), False),  # Ngày Văn hóa Việt Nam, from 2026
        (d(2025, 11, 24), True),  # …but not before
        (d(2026, 11, 21), False),  # an ordinary Saturday
    ],
)
def test_official_swaps_and_holidays(day: dt.date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_override_takes_precedence() -> None:
    cal = WorkCalendar(overrides={d(2026, 11, 23): DAY_OFF, d(2026, 11, 28): WORKING_DAY})
    assert not cal.is_working_day(d(2026, 11, 23))
    assert cal.is_working_day(d(2026, 11, 28))
    assert cal.reason_off(d(2026, 11, 23)) == "Ngày nghỉ theo thông báo"


def test_working_days_skip_tet() -> None:
    # Received Friday 13/02/2026; Tết 16–20/02; 5 working days run to Friday 27/02.
    assert add_working_days(d(2026, 2, 13), 5, CAL) == d(2026, 2, 27)


def test_event_day_is_not_counted() -> None:
    # Bộ luật Dân sự, Điều 147.1: counting starts the next day.
    assert add_working_days(d(2026, 11, 16), 1, CAL) == d(2026, 11, 17)
    assert add_calendar_days(d(2026, 11, 16), 1, CAL) == d(2026, 11, 17)


def test_calendar_period_ending_on_day_off_moves_to_next_working_day() -> None:
    # 30 days from 25/10/2026 ends Tuesday 24/11/2026, Ngày Văn hóa Việt Nam → Wednesday 25/11 (Điều 148.5).
    assert add_calendar_days(d(2026, 10, 25), 30, CAL) == d(2026, 11, 25)
    # Ending on a Saturday moves to Monday.
    assert add_calendar_days(d(2026, 11, 7), 14, CAL) == d(2026, 11, 23)


def test_negative_periods_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(d(2026, 1, 5), -1, CAL)


dates = st.dates(min_value=d(2020, 1, 1), max_value=d(2030, 12, 31))
small = st.integers(min_value=0, max_value=60)


@given(start=dates, n=small)
def test_working_day_deadline_is_a_working_day_after_the_event(start: dt.date, n: int) -> None:
    due = add_working_days(start, n, CAL)
    if n == 0:
        assert due == start
    else:
        assert due > start
        assert CAL.is_working_day(due)
        assert working_days_between(start, due, CAL) == n


@given(start=dates, n=small, m=small)
def test_working_days_compose(start: dt.date, n: int, m: int) -> None:
    assert add_working_days(add_working_days(start, n, CAL), m, CAL) == add_working_days(start, n + m, CAL)


@given(start=dates, n=small)
def test_working_day_deadline_grows_with_n(start: dt.date, n: int) -> None:
    assert add_working_days(start, n, CAL) < add_working_days(start, n + 1, CAL)


@given(start=dates, n=st.integers(min_value=1, max_value=90))
def test_calendar_day_deadline_is_never_before_n_days_and_lands_on_a_working_day(start: dt.date, n: int) -> None:
    due = add_calendar_days(start, n, CAL)
    assert due >= start + dt.timedelta(days=n)
    assert CAL.is_working_day(due)
    # It moves only across days off.
    day = start + dt.timedelta(days=n)
    while day < due:
        assert not CAL.is_working_day(day)
        day += dt.timedelta(days=1)


@given(start=dates, n=small)
def test_working_days_are_at_least_calendar_days(start: dt.date, n: int) -> None:
    assert add_working_days(start, n, CAL) >= start + dt.timedelta(days=n)


@given(day=dates)
def test_weekdays_without_holiday_are_working_days(day: dt.date) -> None:
    from danvan.core.calendar import holiday_name

    if day.weekday() < 5 and holiday_name(day) is None:
        assert CAL.is_working_day(day)
