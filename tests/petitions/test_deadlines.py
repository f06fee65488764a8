"""Legal clocks, written from DOMAIN §1.5 and the laws it cites; the calendar of 2026 (Tết 16–20/02,
24/11 Ngày Văn hóa Việt Nam) as in tests/core/test_calendar.py."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.calendar import DAY_OFF, WorkCalendar
from danvan.petitions import deadlines
from danvan.petitions.deadlines import Pause, Receiver, compute_due, rule_for

d = datetime.date
CAL = WorkCalendar()


def test_denunciation_initial_handling_across_tet() -> None:
    # Received Friday 13/02/2026: 7 working days (Luật Tố cáo Điều 24.1); Tết 16–20/02 is not counted:
    # 23, 24, 25, 26, 27/02, 02, 03/03.
    due = compute_due(rule_for("tc_initial", d(2026, 2, 13)), d(2026, 2, 13), CAL)
    assert due.due == d(2026, 3, 3)
    assert "7 ngày làm việc kể từ ngày nhận đơn 13/2/2026 (Luật Tố cáo 2018, Điều 24.1)" in due.explanation


def test_complaint_resolution_30_days_moved_off_a_holiday() -> None:
    # Accepted 25/10/2026: 30 days end Tuesday 24/11/2026, Ngày Văn hóa Việt Nam → Wednesday 25/11 (BLDS Điều 148.5).
    due = compute_due(rule_for("kn_resolve_1", d(2026, 10, 25)), d(2026, 10, 25), CAL)
    assert due.due == d(2026, 11, 25)
    assert "chuyển sang 25/11/2026" in due.explanation


@pytest.mark.parametrize(
    ("complex_case", "remote", "days"), [(False, False, 30), (True, False, 45), (False, True, 45), (True, True, 60)]
)
def test_complaint_variants_for_complex_cases_and_remote_communes(complex_case: bool, remote: bool, days: int) -> None:
    start = d(2026, 3, 2)  # a Monday; none of these ends on a day off
    due = compute_due(rule_for("kn_resolve_1", start), start, CAL, complex_case=complex_case, remote=remote)
    expected = start + datetime.timedelta(days=days)
    while not CAL.is_working_day(expected):
        expected += datetime.timedelta(days=1)
    assert due.due == expected


def test_acceptance_regime_changes_on_1_7_2026() -> None:
    # Received Tuesday 30/06/2026: 10 calendar days (Luật Khiếu nại 2011, Điều 27) → Friday 10/07.
    old = compute_due(rule_for("kn_accept_1", d(2026, 6, 30)), d(2026, 6, 30), CAL)
    assert (old.rule.unit, old.due) == (deadlines.DayUnit.CAL, d(2026, 7, 10))
    # Received Wednesday 01/07/2026: 7 working days (NĐ 155/2026) → Friday 10/07 as well, by another road.
    new = compute_due(rule_for("kn_accept_1", d(2026, 7, 1)), d(2026, 7, 1), CAL)
    assert (new.rule.unit, new.due) == (deadlines.DayUnit.WORK, d(2026, 7, 10))
    assert "155/2026" in new.explanation
    # Received Friday 03/07/2026: old rule would give 13/07, the new one gives Tuesday 14/07.
    assert compute_due(rule_for("kn_accept_1", d(2026, 7, 3)), d(2026, 7, 3), CAL).due == d(2026, 7, 14)


def test_suspension_pauses_the_clock_and_restarts_from_the_resume_date() -> None:
    # Accepted 02/03/2026 (30 days). Suspended 12/03 after 10 days; resumed 20/04: 20 days left → 10/05 (Sunday)
    # → Monday 11/05.
    rule = rule_for("kn_resolve_1", d(2026, 3, 2))
    due = compute_due(rule, d(2026, 3, 2), CAL, pauses=[Pause(d(2026, 3, 12), d(2026, 4, 20))])
    assert due.due == d(2026, 5, 11)
    assert "tạm đình chỉ từ 12/3/2026, tiếp tục từ 20/4/2026 (còn 20 ngày" in due.explanation
    paused = compute_due(rule, d(2026, 3, 2), CAL, pauses=[Pause(d(2026, 3, 12))])
    assert (paused.due, paused.remaining_when_paused) == (None, 20)


def test_denunciation_extensions_at_most_two_of_30_days() -> None:
    rule = rule_for("tc_resolve", d(2026, 3, 2))
    # 30 + 30 + 30 days from Monday 02/03/2026 = 31/05 (Sunday) → Monday 01/06.
    assert compute_due(rule, d(2026, 3, 2), CAL, extensions=[30, 30]).due == d(2026, 6, 1)
    assert deadlines.extension_errors(rule, [30, 30], complexity=2) == []
    assert "tối đa 1 lần" in deadlines.extension_errors(rule, [30, 30], complexity=1)[0]
    assert "không quá 30 ngày" in deadlines.extension_errors(rule, [31], complexity=1)[0]
    assert "không được gia hạn" in deadlines.extension_errors(rule, [10], complexity=0)[0]
    assert (
        "không được gia hạn"
        in deadlines.extension_errors(rule_for("kn_resolve_1", d(2026, 3, 2)), [5], complexity=1)[0]
    )


def test_a_day_off_added_by_the_government_moves_the_due_date() -> None:
    rule = rule_for("tc_transfer", d(2026, 11, 16))
    # Monday 16/11 + 5 working days: 17, 18, 19, 20, 23/11.
    assert compute_due(rule, d(2026, 11, 16), CAL).due == d(2026, 11, 23)
    with_day_off = WorkCalendar(overrides={d(2026, 11, 23): DAY_OFF})
    assert compute_due(rule, d(2026, 11, 16), with_day_off).due == d(2026, 11, 25)  # 24/11 is a holiday too


def test_no_rule_outside_its_regime() -> None:
    with pytest.raises(deadlines.NoRule):
        rule_for("khong_co", d(2026, 1, 1))


every_day = st.dates(min_value=d(2024, 1, 1), max_value=d(2028, 12, 31))


@given(every_day, st.sampled_from([r.code for r in deadlines.RULES]))
def test_a_due_date_is_a_working_day_after_the_start(start: datetime.date, code: str) -> None:
    due = compute_due(rule_for(code, start), start, CAL)
    assert due.due is not None and due.due > start and CAL.is_working_day(due.due)


@given(every_day, st.integers(0, 60), st.integers(0, 40))
def test_a_pause_never_shortens_and_delays_by_at_most_its_length_plus_the_roll(
    start: datetime.date, offset: int, length: int
) -> None:
    rule = rule_for("kn_resolve_2", start)
    plain = compute_due(rule, start, CAL).due
    pause = Pause(start + datetime.timedelta(days=offset), start + datetime.timedelta(days=offset + length))
    paused = compute_due(rule, start, CAL, pauses=[pause]).due
    assert plain is not None and paused is not None
    assert paused >= plain
    assert (paused - plain).days <= length + 10  # the last day may still roll over a Tết holiday


@given(every_day, st.integers(1, 30))
def test_extensions_never_move_the_date_earlier(start: datetime.date, days: int) -> None:
    rule = rule_for("tc_resolve", start)
    first = compute_due(rule, start, CAL).due
    extended = compute_due(rule, start, CAL, extensions=[days]).due
    # (a one-day extension of a date that had rolled over a weekend may land on the same Monday)
    assert first is not None and extended is not None and extended >= first
    assert (extended - first).days >= days - 10


def test_commune_chairman_reception_frequency_before_and_after_1_7_2026() -> None:
    assert (
        deadlines.required_frequency(Receiver.COMMUNE_CHAIR, d(2026, 6, 30)).label().startswith("ít nhất 1 ngày/tuần")
    )
    assert (
        deadlines.required_frequency(Receiver.COMMUNE_CHAIR, d(2026, 7, 1)).label().startswith("ít nhất 2 ngày/tháng")
    )
    # June 2026: weekly; the week of 22–28/06 has no reception day. July: only one day → short.
    held = [d(2026, 6, 1), d(2026, 6, 8), d(2026, 6, 15), d(2026, 7, 7)]
    short = deadlines.reception_shortfalls(Receiver.COMMUNE_CHAIR, held, d(2026, 6, 1), d(2026, 7, 31))
    assert [(s.start, s.required, s.held) for s in short] == [(d(2026, 6, 22), 1, 0), (d(2026, 7, 1), 2, 1)]


@pytest.mark.parametrize(
    ("people", "reps", "ok"), [(4, 0, True), (5, 0, False), (8, 2, True), (8, 3, False), (12, 5, True), (12, 6, False)]
)
def test_delegation_representatives(people: int, reps: int, ok: bool) -> None:
    assert (deadlines.representative_errors(people, reps) == []) is ok


def test_a_week_of_tet_asks_for_no_reception_day() -> None:
    # 16–22/02/2026: Tết 16–20 and the weekend; no working day, so no shortfall.
    held = [d(2026, 2, 12), d(2026, 2, 26)]
    gaps = deadlines.reception_shortfalls(Receiver.COMMUNE_CHAIR, held, d(2026, 2, 9), d(2026, 3, 1), CAL)
    assert gaps == []
    without_calendar = deadlines.reception_shortfalls(Receiver.COMMUNE_CHAIR, held, d(2026, 2, 9), d(2026, 3, 1))
    assert [g.start for g in without_calendar] == [d(2026, 2, 16)]
