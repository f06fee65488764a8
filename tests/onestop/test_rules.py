"""The one-stop rules from the law and the domain notes (DOMAIN §3.3, §4.2), without a database."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.calendar import WorkCalendar
from danvan.onestop import rules
from danvan.onestop.rules import RatingScheme, Timeliness, TimelinessRule

dt = datetime.datetime
DUE = dt(2026, 12, 3, 17, 0)


@pytest.mark.parametrize(
    ("finished", "by_day", "by_time"),
    [
        (dt(2026, 12, 2, 16, 59), Timeliness.EARLY, Timeliness.EARLY),  # at least one calendar day before
        (dt(2026, 12, 3, 7, 30), Timeliness.ON_TIME, Timeliness.ON_TIME),  # the due day
        (dt(2026, 12, 3, 17, 0), Timeliness.ON_TIME, Timeliness.ON_TIME),  # the due instant itself
        (dt(2026, 12, 3, 17, 40), Timeliness.ON_TIME, Timeliness.LATE),  # the due day, after the hour
        (dt(2026, 12, 4, 8, 0), Timeliness.LATE, Timeliness.LATE),  # the day after
    ],
)
def test_early_on_time_late_boundary(finished: dt, by_day: Timeliness, by_time: Timeliness) -> None:
    assert rules.classify(finished, DUE, TimelinessRule.BY_DAY) == by_day
    assert rules.classify(finished, DUE, TimelinessRule.BY_TIME) == by_time


moments = st.datetimes(min_value=dt(2025, 1, 1), max_value=dt(2027, 12, 31))


@settings(deadline=None)
@given(moments, moments)
def test_by_time_is_never_kinder_than_by_day(finished: dt, due: dt) -> None:
    """Comparing instants can only turn an on-time dossier late, never the reverse."""
    day, time = (
        rules.classify(finished, due, TimelinessRule.BY_DAY),
        rules.classify(finished, due, TimelinessRule.BY_TIME),
    )
    order = {Timeliness.EARLY: 0, Timeliness.ON_TIME: 1, Timeliness.LATE: 2}
    assert order[time] >= order[day]
    assert (day == Timeliness.EARLY) == (finished.date() < due.date())


def test_apology_only_once_before_due_with_a_later_date() -> None:
    now = dt(2026, 12, 2, 10, 0)
    ok = rules.apology_refusal(now=now, due=DUE, new_due=dt(2026, 12, 8, 17), already=False, reason="Chờ xác minh")
    assert ok == {}
    assert "status" in rules.apology_refusal(now=now, due=DUE, new_due=dt(2026, 12, 8, 17), already=True, reason="x")
    on_due_day = rules.apology_refusal(now=dt(2026, 12, 3, 8), due=DUE, new_due=dt(2026, 12, 8), already=False,
                                       reason="x")  # fmt: skip
    assert "trước ngày hẹn" in on_due_day["status"]
    earlier = rules.apology_refusal(now=now, due=DUE, new_due=dt(2026, 12, 3, 16), already=False, reason="x")
    assert "new_due" in earlier
    no_reason = rules.apology_refusal(now=now, due=DUE, new_due=dt(2026, 12, 9), already=False, reason="  ")
    assert "reason" in no_reason
    paused = rules.apology_refusal(now=now, due=None, new_due=dt(2026, 12, 9), already=False, reason="x")
    assert "tạm dừng" in paused["status"]


def test_only_the_first_supplement_pauses() -> None:
    assert rules.pauses_clock(rules.PauseKind.SUPPLEMENT, 0)
    assert not rules.pauses_clock(rules.PauseKind.SUPPLEMENT, 1)
    assert rules.pauses_clock(rules.PauseKind.FINANCIAL, 3)


def test_warned_on_the_last_working_day_before_due() -> None:
    cal = WorkCalendar()
    # Due Monday 7/12: the warning is on Friday 4/12 (the weekend between does not count).
    assert rules.warn_due_tomorrow(datetime.date(2026, 12, 4), datetime.date(2026, 12, 7), cal)
    assert not rules.warn_due_tomorrow(datetime.date(2026, 12, 3), datetime.date(2026, 12, 7), cal)
    assert not rules.warn_due_tomorrow(datetime.date(2026, 12, 7), datetime.date(2026, 12, 7), cal)
    assert not rules.warn_due_tomorrow(datetime.date(2026, 12, 4), None, cal)


def test_five_level_rating() -> None:
    assert rules.rating_values(RatingScheme.FIVE, level=4) == rules.RatingValues(level=4, satisfied=True)
    assert not rules.rating_values(RatingScheme.FIVE, level=3).satisfied
    for bad in (0, 6, True, None):
        with pytest.raises(ValueError, match="level"):
            rules.rating_values(RatingScheme.FIVE, level=bad)  # type: ignore[arg-type]


def test_nine_index_rating_and_officer_points() -> None:
    values = rules.rating_values(RatingScheme.NINE, indices=[2, 2, 1, 1, 2, 2, 2, 1, 2])
    assert values.level == 5 and values.satisfied
    assert values.officer_points == 2 + 2 + 1 + 1 + 2  # indices 1, 2, 3, 4 and 7
    unhappy = rules.rating_values(RatingScheme.NINE, indices=[0, 0, 0, 0, 0, 0, 0, 0, 0])
    assert unhappy.level == 2 and not unhappy.satisfied
    with pytest.raises(ValueError, match="chỉ số 3"):
        rules.rating_values(RatingScheme.NINE, indices=[2, 2, 3, 1, 2, 2, 2, 1, 2])
    with pytest.raises(ValueError, match="đủ 9"):
        rules.rating_values(RatingScheme.NINE, indices=[2, 2])


def test_labels_and_codes() -> None:
    assert rules.time_label(15, 0) == "15 ngày làm việc"
    assert rules.time_label(0, 4) == "4 giờ làm việc"
    assert rules.time_label(0, 0) == "Trong ngày"
    assert rules.dossier_code("01840", datetime.date(2026, 12, 1), 7) == "01840-261201-0007"
