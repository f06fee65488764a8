"""The rules of grassroots democracy, each at its boundary (DOMAIN §5.5), without a database."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.core.calendar import DAY_OFF, WorkCalendar, add_working_days, working_days_between
from danvan.democracy import rules

CAL = WorkCalendar()
D = datetime.date
F = rules.Form


def facts(**kw) -> rules.PublicationFacts:
    base = {
        "category": rules.Category.PLANS,
        "decided_on": D(2026, 3, 2),
        "published_on": D(2026, 3, 3),
        "forms": [F.POSTING],
        "posted_from": D(2026, 3, 3),
        "posted_to": D(2026, 4, 1),
    }
    return rules.PublicationFacts(**(base | kw))


# --- Điều 13: within 05 working days --------------------------------------------------------------------


def test_fifth_working_day_across_a_holiday_is_on_time_and_the_sixth_is_late() -> None:
    # Thursday 23/04/2026; 27/04 (Giỗ Tổ observed), 30/04 and 01/05 are days off.
    decided = D(2026, 4, 23)
    due = rules.publication_due(decided, CAL)
    assert due == D(2026, 5, 5)
    on_time = rules.check_publication(
        facts(decided_on=decided, published_on=due, posted_from=due, posted_to=due + datetime.timedelta(days=29)), CAL
    )
    assert on_time.late_days == 0 and not on_time.warnings
    late = rules.check_publication(
        facts(decided_on=decided, published_on=D(2026, 5, 6), posted_from=D(2026, 5, 6), posted_to=D(2026, 6, 4)), CAL
    )
    assert late.late_days == 1
    assert late.warnings == ("Công khai trễ 1 ngày làm việc (hạn 5/5/2026, Điều 13).",)


def test_a_declared_day_off_moves_the_due_day() -> None:
    calendar = WorkCalendar(overrides={D(2026, 3, 5): DAY_OFF})
    assert rules.publication_due(D(2026, 3, 2), CAL) == D(2026, 3, 9)
    assert rules.publication_due(D(2026, 3, 2), calendar) == D(2026, 3, 10)


def test_a_specific_law_replaces_the_five_working_days() -> None:
    assert rules.publication_due(D(2026, 3, 2), CAL, law_deadline_days=10) == D(2026, 3, 16)


def test_published_before_its_decision_is_refused() -> None:
    errors = rules.publication_errors(facts(published_on=D(2026, 3, 1), posted_from=None))
    assert "published_on" in errors and "không được trước ngày ban hành" in errors["published_on"]


# --- Điều 13.2: posted ≥ 30 consecutive days --------------------------------------------------------------


def test_29_days_of_posting_warn_and_30_do_not() -> None:
    short = rules.check_publication(facts(posted_from=D(2026, 3, 3), posted_to=D(2026, 3, 31)), CAL)
    assert short.posting_short and "Niêm yết chưa đủ 30 ngày (mới 29 ngày liên tục, Điều 13.2)." in short.warnings
    enough = rules.check_publication(facts(posted_from=D(2026, 3, 3), posted_to=D(2026, 4, 1)), CAL)
    assert not enough.posting_short and not enough.warnings


def test_a_posting_still_on_the_board_is_not_short() -> None:
    assert not rules.check_publication(facts(posted_to=None), CAL).warnings


def test_permanent_items_are_not_taken_down() -> None:
    for category in (rules.Category.CHARTER, rules.Category.PROCEDURES):
        ended = rules.check_publication(facts(category=category), CAL)
        assert ended.permanent and ended.posting_short and "thường xuyên" in ended.warnings[0]
        kept = rules.check_publication(facts(category=category, posted_to=None), CAL)
        assert kept.permanent and not kept.warnings
        unposted = rules.check_publication(facts(category=category, forms=[F.PORTAL], posted_from=None), CAL)
        assert unposted.posting_short


def test_loudspeaker_three_days_for_items_7_to_12_only() -> None:
    for category in range(7, 13):
        two = rules.check_publication(facts(category=category, forms=[F.POSTING, F.LOUDSPEAKER], broadcast_days=2), CAL)
        assert two.broadcast_short
        three = rules.check_publication(
            facts(category=category, forms=[F.POSTING, F.LOUDSPEAKER], broadcast_days=3), CAL
        )
        assert not three.broadcast_short
    other = rules.check_publication(facts(category=6, forms=[F.POSTING, F.LOUDSPEAKER], broadcast_days=1), CAL)
    assert not other.broadcast_short


def test_an_ended_quarter_without_its_list_is_missing() -> None:
    published = [D(2026, 2, 10), D(2026, 5, 3), D(2026, 8, 20)]
    missing = rules.missing_quarter_lists(published, [(2026, 1), (2026, 2)], D(2026, 11, 5))
    assert missing == [(2026, 3)]
    assert rules.quarter_label(2026, 3) == "quý III/2026"
    # The quarter in course is not due yet.
    assert rules.missing_quarter_lists(published, [(2026, 1), (2026, 2), (2026, 3)], D(2026, 12, 31)) == []
    assert rules.missing_quarter_lists([], [], D(2026, 12, 31)) == []


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dates(D(2024, 1, 1), D(2027, 12, 1)), st.integers(0, 20))
def test_published_within_five_working_days_is_never_late(decided: datetime.date, delay: int) -> None:
    published = decided + datetime.timedelta(days=delay)
    check = rules.check_publication(
        facts(
            decided_on=decided,
            published_on=published,
            posted_from=published,
            posted_to=published + datetime.timedelta(days=40),
        ),
        CAL,
    )
    counted = working_days_between(decided, published, CAL)
    assert (check.late_days == 0) == (counted <= rules.PUBLISH_WITHIN)
    assert check.late_days == max(0, counted - rules.PUBLISH_WITHIN)
    assert check.due_on == add_working_days(decided, 5, CAL)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dates(D(2024, 1, 1), D(2027, 12, 1)), st.integers(1, 90))
def test_posting_is_short_exactly_below_thirty_days(start: datetime.date, days: int) -> None:
    end = start + datetime.timedelta(days=days - 1)
    check = rules.check_publication(facts(decided_on=start, published_on=start, posted_from=start, posted_to=end), CAL)
    assert rules.posting_length(start, end) == days
    assert check.posting_short == (days < 30)


# --- Điều 17, 19, 21: the decisions -------------------------------------------------------------------


def votes(households: int, votes_for: int, **kw) -> rules.Votes:
    return rules.Votes(households, households, 0, households, votes_for, 0, 0, **kw)


def test_two_thirds_exactly_passes_items_1_and_2() -> None:
    for matter in (1, 2):
        assert rules.outcome(matter, votes(90, 60), commune_wide=False).passed
        below = rules.outcome(matter, votes(90, 59), commune_wide=False)
        assert not below.passed and below.needed == 60
    assert rules.outcome(1, votes(100, 67), commune_wide=False).passed
    assert not rules.outcome(1, votes(100, 66), commune_wide=False).passed  # 66 < 66,67


def test_half_exactly_is_not_more_than_half_for_items_3_to_6() -> None:
    for matter in (3, 4, 5, 6):
        assert not rules.outcome(matter, votes(100, 50), commune_wide=False).passed
        assert rules.outcome(matter, votes(100, 51), commune_wide=False).passed
        assert rules.outcome(matter, votes(101, 51), commune_wide=False).passed
        assert rules.outcome(matter, votes(100, 50), commune_wide=False).needed == 51


def test_commune_wide_items_1_and_2_count_hamlets() -> None:
    passed = rules.outcome(1, votes(900, 10, hamlets_total=9, hamlets_agreeing=6), commune_wide=True)
    assert passed.passed and passed.threshold.by_hamlets and "6/9 thôn, tổ dân phố" in passed.explanation
    assert not rules.outcome(1, votes(900, 899, hamlets_total=9, hamlets_agreeing=5), commune_wide=True).passed
    # Items 3–6 commune-wide still count the households.
    assert rules.outcome(6, votes(900, 451, hamlets_total=9, hamlets_agreeing=0), commune_wide=True).passed


def test_votes_beyond_the_households_are_refused() -> None:
    errors = rules.vote_errors(rules.Votes(100, 100, 0, 100, 80, 15, 6), commune_wide=False)
    assert "votes_for" in errors and "vượt tổng số hộ gia đình (100)" in errors["votes_for"]
    assert rules.vote_errors(rules.Votes(100, 100, 0, 100, 80, 15, 5), commune_wide=False) == {}
    assert "absent" in rules.vote_errors(rules.Votes(100, 90, 5, 90, 50, 0, 0), commune_wide=False)
    assert "participating" in rules.vote_errors(rules.Votes(100, 100, 0, 101, 50, 0, 0), commune_wide=False)
    assert "hamlets_total" in rules.vote_errors(rules.Votes(100, 100, 0, 100, 50, 0, 0), commune_wide=True)


def test_online_only_for_item_6_and_items_3_to_5_meet_unless_a_ballot_case() -> None:
    assert "way" in rules.way_error(1, rules.Way.ONLINE, "")
    assert rules.way_error(6, rules.Way.ONLINE, "") == {}
    assert "ballot_case" in rules.way_error(4, rules.Way.BALLOT, "")
    assert rules.way_error(4, rules.Way.BALLOT, rules.BallotCase.NO_QUORUM) == {}
    assert rules.way_error(1, rules.Way.BALLOT, "") == {}
    assert "ballot_case" in rules.way_error(1, rules.Way.MEETING, rules.BallotCase.CANNOT_MEET)


def test_who_recognises() -> None:
    assert [rules.recogniser(m) for m in range(1, 7)] == ["none", "none", "ubnd", "ubnd", "mttq", "none"]


def test_the_record_needs_the_fields_of_article_20() -> None:
    errors = rules.record_errors(
        {
            "held_at": None,
            "content": "x",
            "decision_text": "",
            "hamlet_head": "A",
            "mttq_head": "B",
            "representative_1": "C",
            "representative_2": "C",
        }
    )
    assert set(errors) == {"held_at", "decision_text", "representative_2"}


def test_a_board_below_five_members_is_not_complete() -> None:
    assert "complete" in rules.board_errors(complete=True, members=4, officials=[])
    assert rules.board_errors(complete=True, members=5, officials=[]) == {}
    assert rules.board_errors(complete=False, members=2, officials=[]) == {}
    assert "is_official" in rules.board_errors(complete=False, members=5, officials=["Nguyễn Văn A"])


def test_convention_moves() -> None:
    assert rules.convention_move_error("draft", "adopted") is None
    assert rules.convention_move_error("recognised", "review") is None
    assert "Không thể chuyển" in (rules.convention_move_error("draft", "recognised") or "")
    assert rules.convention_move_error("annulled", "review") is not None
