"""The kit's clocks with a rule that is not a petition's: any area's table gets the same counting."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.calendar import WorkCalendar, working_days_between
from danvan.workflow.clocks import DayUnit, DeadlineRule, Pause, Trigger, compute_due, extension_errors, rule_for

CAL = WorkCalendar()
#: A one-stop-like rule: three working days from receipt of a complete dossier (the procedure's own time).
DOSSIER = DeadlineRule(
    "dossier", "Giải quyết thủ tục hành chính", 3, DayUnit.WORK, Trigger.RECEIVED,
    "Nghị định 61/2018/NĐ-CP, Điều 19", "M", trigger_label="ngày tiếp nhận hồ sơ",
)  # fmt: skip
COMMITMENT = DeadlineRule("commitment", "Thực hiện cam kết", 30, DayUnit.CAL, Trigger.MADE, "Kết luận đối thoại", "M")
days = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))


@settings(deadline=None)
@given(days)
def test_a_working_day_rule_ends_on_a_working_day_after_exactly_its_days(start: dt.date) -> None:
    due = compute_due(DOSSIER, start, CAL)
    assert due.due is not None and CAL.is_working_day(due.due)
    assert working_days_between(start, due.due, CAL) == 3
    assert "ngày tiếp nhận hồ sơ" in due.explanation and "Nghị định 61/2018/NĐ-CP" in due.explanation


@settings(deadline=None)
@given(days, st.integers(min_value=0, max_value=20), st.integers(min_value=1, max_value=30))
def test_a_pause_never_shortens_and_a_closed_pause_gives_the_unused_days_back(
    start: dt.date, after: int, length: int
) -> None:
    plain = compute_due(COMMITMENT, start, CAL).due
    pause_start = start + dt.timedelta(days=after)
    paused = compute_due(COMMITMENT, start, CAL, pauses=[Pause(pause_start, pause_start + dt.timedelta(days=length))])
    assert plain is not None and paused.due is not None
    assert paused.due >= plain
    running = compute_due(COMMITMENT, start, CAL, pauses=[Pause(pause_start)])
    if after < 30:
        assert running.due is None and running.remaining_when_paused == 30 - after


def test_rules_are_chosen_by_regime_and_extensions_checked_against_the_rule() -> None:
    old = DeadlineRule("x", "Bước", 10, DayUnit.CAL, Trigger.RECEIVED, "Luật cũ", "V", valid_to=dt.date(2026, 6, 30))
    new = DeadlineRule("x", "Bước", 7, DayUnit.WORK, Trigger.RECEIVED, "Luật mới", "V", valid_from=dt.date(2026, 7, 1))
    assert rule_for((old, new), "x", dt.date(2026, 6, 30)) is old
    assert rule_for((old, new), "x", dt.date(2026, 7, 1)) is new
    assert extension_errors(DOSSIER, [5], complexity=0) == ["“Giải quyết thủ tục hành chính” không được gia hạn "
                                                             "(Nghị định 61/2018/NĐ-CP, Điều 19)."]  # fmt: skip
