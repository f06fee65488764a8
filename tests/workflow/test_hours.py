"""Office-time clocks (danvan.workflow.hours): the law's examples, then properties over any receipt.

BLDS 2015 Điều 147.1 (the day of receipt not counted), the procedure's cut-off (chứng thực: NĐ 23/2015/NĐ-CP,
Điều 7 [V3]), paused intervals left out (DOMAIN §3.3, §6.3), the days off of the working-day calendar.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from danvan.core.calendar import DAY_OFF, WORKING_DAY, WorkCalendar
from danvan.workflow.hours import Interval, OfficeHours, due_at, effective_receipt, office_time_between

dt = datetime.datetime
CAL = WorkCalendar()
HOURS = OfficeHours()
CUTOFF = datetime.time(15, 0)


def test_days_end_at_the_close_of_the_nth_working_day() -> None:
    # Received Monday 30/11/2026 09:00, 3 working days: Tue, Wed, Thu → Thursday 17:00.
    assert due_at(dt(2026, 11, 30, 9), CAL, HOURS, days=3).due == dt(2026, 12, 3, 17, 0)
    # Friday 20/11/2026, 2 working days: Mon 23, (Tue 24/11 Ngày Văn hóa Việt Nam) Wed 25.
    assert due_at(dt(2026, 11, 20, 9), CAL, HOURS, days=2).due == dt(2026, 11, 25, 17, 0)


def test_hours_run_through_opening_hours_only() -> None:
    # 09:00 + 4 h: 2 h 30 in the morning, the rest after the lunch break → 15:00.
    assert due_at(dt(2026, 12, 1, 9), CAL, HOURS, work_hours=4).due == dt(2026, 12, 1, 15, 0)
    # Friday 16:00 + 4 h: one hour on Friday, three on Monday from 07:30 → 10:30.
    assert due_at(dt(2026, 12, 4, 16), CAL, HOURS, work_hours=4).due == dt(2026, 12, 7, 10, 30)


def test_cutoff_moves_receipt_to_the_next_working_day() -> None:
    assert due_at(dt(2026, 12, 1, 14, 59), CAL, HOURS, cutoff=CUTOFF).due == dt(2026, 12, 1, 17, 0)
    assert due_at(dt(2026, 12, 1, 15, 0), CAL, HOURS, cutoff=CUTOFF).due == dt(2026, 12, 2, 17, 0)
    # Friday after the cut-off: Monday.
    assert effective_receipt(dt(2026, 12, 4, 15, 30), CAL, HOURS, cutoff=CUTOFF) == dt(2026, 12, 7, 7, 30)
    # A Saturday receipt (a desk open at the weekend) counts from Monday.
    assert effective_receipt(dt(2026, 12, 5, 9), CAL, HOURS) == dt(2026, 12, 7, 7, 30)
    # In the lunch break: the afternoon's opening.
    assert effective_receipt(dt(2026, 12, 1, 12), CAL, HOURS) == dt(2026, 12, 1, 13, 30)


def test_a_pause_gives_back_exactly_its_office_time() -> None:
    received = dt(2026, 11, 30, 9)
    # Due Thursday 3/12 17:00; paused Wednesday 10:00 to Thursday 10:00: one office day given back → Friday.
    pause = Interval(dt(2026, 12, 2, 10), dt(2026, 12, 3, 10))
    assert due_at(received, CAL, HOURS, days=3, pauses=[pause]).due == dt(2026, 12, 4, 17, 0)
    # A pause across a weekend gives back only the office time inside it: Thursday 16:00 to Monday 08:30.
    weekend = Interval(dt(2026, 12, 3, 16), dt(2026, 12, 7, 8, 30))
    assert due_at(received, CAL, HOURS, days=3, pauses=[weekend]).due == dt(2026, 12, 7, 17, 0)
    # Still paused: no due instant, and what was left is kept.
    open_pause = due_at(received, CAL, HOURS, days=3, pauses=[Interval(dt(2026, 12, 2, 10))])
    assert open_pause.due is None
    # Tuesday's 7 h 30 and Wednesday's 2 h 30 were used of 22 h 30.
    assert open_pause.remaining_when_paused == datetime.timedelta(hours=12, minutes=30)


def test_overrides_of_the_calendar_count() -> None:
    off = WorkCalendar(overrides={datetime.date(2026, 12, 2): DAY_OFF})
    assert due_at(dt(2026, 11, 30, 9), off, HOURS, days=3).due == dt(2026, 12, 4, 17, 0)
    saturday = WorkCalendar(overrides={datetime.date(2026, 12, 5): WORKING_DAY})
    assert due_at(dt(2026, 12, 3, 9), saturday, HOURS, days=2).due == dt(2026, 12, 5, 17, 0)


def test_bad_office_hours_and_negative_periods_refused() -> None:
    with pytest.raises(ValueError):
        OfficeHours(((datetime.time(13), datetime.time(12)),))
    with pytest.raises(ValueError):
        due_at(dt(2026, 12, 1, 9), CAL, HOURS, days=-1)
    assert OfficeHours.parse("08:00-12:00, 13:00-17:00").day_length == datetime.timedelta(hours=8)


instants = st.datetimes(min_value=dt(2025, 1, 1), max_value=dt(2027, 12, 31)).map(lambda d: d.replace(microsecond=0))
periods = st.integers(min_value=0, max_value=40)
small_hours = st.integers(min_value=0, max_value=24)


@settings(deadline=None, max_examples=150)
@given(instants, periods, small_hours)
def test_due_is_a_working_instant_inside_opening_hours(received: dt, days: int, hours: int) -> None:
    due = due_at(received, CAL, HOURS, days=days, work_hours=hours).due
    assert due is not None and due > received
    assert CAL.is_working_day(due.date())
    assert HOURS.opening < due.time() <= HOURS.closing


@settings(deadline=None, max_examples=150)
@given(instants, periods)
def test_one_more_day_is_one_more_working_day(received: dt, days: int) -> None:
    a = due_at(received, CAL, HOURS, days=days + 1).due
    b = due_at(received, CAL, HOURS, days=days).due
    assert a is not None and b is not None and a > b
    between = office_time_between(b, a, CAL, HOURS)
    assert between == HOURS.day_length or days == 0  # "trong ngày" to one day: the receipt day is not counted


@settings(deadline=None, max_examples=150)
@given(instants, st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=20 * 24 * 60))
def test_a_pause_never_brings_the_due_instant_forward(received: dt, days: int, minutes: int) -> None:
    plain = due_at(received, CAL, HOURS, days=days).due
    assert plain is not None
    start = received + datetime.timedelta(hours=2)
    paused = due_at(
        received, CAL, HOURS, days=days, pauses=[Interval(start, start + datetime.timedelta(minutes=minutes))]
    )
    assert paused.due is not None and paused.due >= plain


@settings(deadline=None, max_examples=150)
@given(instants, st.integers(min_value=1, max_value=40))
def test_hours_counted_are_exactly_the_budget(received: dt, hours: int) -> None:
    result = due_at(received, CAL, HOURS, work_hours=hours)
    assert result.due is not None
    assume(result.counted_from < result.due)
    assert office_time_between(result.counted_from, result.due, CAL, HOURS) == datetime.timedelta(hours=hours)


@settings(deadline=None, max_examples=200)
@given(
    instants,
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=0, max_value=30 * 60),
    st.integers(min_value=1, max_value=15 * 24 * 60),
)
def test_a_pause_gives_back_exactly_the_office_time_inside_it(
    received: dt, hours: int, after: int, length: int
) -> None:
    """Counted in hours: the office time from receipt to the due instant, less the office time of the pause,
    is exactly the budget — whatever weekends, holidays and lunch breaks the pause spans."""
    start = effective_receipt(received, CAL, HOURS)
    pause = Interval(start + datetime.timedelta(minutes=after), start + datetime.timedelta(minutes=after + length))
    result = due_at(received, CAL, HOURS, work_hours=hours, pauses=[pause])
    assert result.due is not None
    assume(pause.start < result.due)
    assert pause.end is not None
    paused = office_time_between(pause.start, min(pause.end, result.due), CAL, HOURS)
    total = office_time_between(start, result.due, CAL, HOURS)
    assert total - paused == datetime.timedelta(hours=hours)
