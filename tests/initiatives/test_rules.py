"""The transition table, levels, scores, values and evidence: rules written from DOMAIN §5.3–5.4."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.initiatives import rules
from danvan.initiatives.rules import Action, RecognitionLevel, Status
from danvan.units.rules import Level

#: The life-cycle as the guidance describes it, written out by hand (not derived from the table).
EXPECTED = {
    (Action.REGISTER, Status.DRAFT): Status.REGISTERED,
    (Action.LAUNCH, Status.REGISTERED): Status.LAUNCHED,
    (Action.TRACK, Status.LAUNCHED): Status.IN_PROGRESS,
    (Action.PROPOSE, Status.IN_PROGRESS): Status.PROPOSED,
    (Action.RETURN, Status.PROPOSED): Status.IN_PROGRESS,
    (Action.OPEN_REVIEW, Status.PROPOSED): Status.UNDER_REVIEW,
    (Action.RECOGNISE, Status.UNDER_REVIEW): Status.RECOGNISED,
    (Action.REJECT, Status.UNDER_REVIEW): Status.NOT_RECOGNISED,
    (Action.MAKE_EXEMPLARY, Status.RECOGNISED): Status.EXEMPLARY,
    (Action.COMMEND, Status.RECOGNISED): Status.COMMENDED,
    (Action.COMMEND, Status.EXEMPLARY): Status.COMMENDED,
    (Action.COMMEND, Status.COMMENDED): Status.COMMENDED,
    (Action.REPLICATE, Status.RECOGNISED): Status.REPLICATED,
    (Action.REPLICATE, Status.EXEMPLARY): Status.REPLICATED,
    (Action.REPLICATE, Status.COMMENDED): Status.REPLICATED,
    **{
        (Action.DISCONTINUE, s): Status.DISCONTINUED
        for s in (
            Status.REGISTERED,
            Status.LAUNCHED,
            Status.IN_PROGRESS,
            Status.PROPOSED,
            Status.RECOGNISED,
            Status.EXEMPLARY,
            Status.COMMENDED,
            Status.REPLICATED,
        )
    },
}


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("status", list(Status))
def test_every_pair_of_action_and_status(action: Action, status: Status) -> None:
    if (action, status) in EXPECTED:
        assert rules.transition_for(action, status).target == EXPECTED[(action, status)]
    else:
        with pytest.raises(rules.TransitionRefused) as exc:
            rules.transition_for(action, status)
        assert rules.STATUS_LABELS[status] in str(exc.value)


def test_terminal_states_allow_nothing_but_are_reachable() -> None:
    for status in (Status.NOT_RECOGNISED, Status.DISCONTINUED):
        assert rules.allowed_actions(status) == []
    reachable = {Status.DRAFT} | {t.target for t in rules.TRANSITIONS.values()}
    assert reachable == set(Status)


def test_unknown_action_is_refused_in_vietnamese() -> None:
    with pytest.raises(rules.TransitionRefused, match="không tồn tại"):
        rules.transition_for("approve_everything", Status.DRAFT)


def test_decisions_need_the_leaders_right_and_ordinary_steps_the_officers() -> None:
    decide = {a for a, t in rules.TRANSITIONS.items() if t.right == rules.Right.DECIDE}
    assert decide == {
        Action.PROPOSE,
        Action.RETURN,
        Action.OPEN_REVIEW,
        Action.RECOGNISE,
        Action.REJECT,
        Action.MAKE_EXEMPLARY,
        Action.COMMEND,
        Action.REPLICATE,
    }


def test_levels_a_leader_decides() -> None:
    assert rules.deciding_levels(Level.COMMUNE) == {RecognitionLevel.BASE}
    assert RecognitionLevel.PROVINCE in rules.deciding_levels(Level.PROVINCE)
    assert RecognitionLevel.CENTRAL not in rules.deciding_levels(Level.PROVINCE)
    assert rules.deciding_levels(None) == set(RecognitionLevel)
    assert rules.deciding_levels(Level.HAMLET) == frozenset()


def test_district_level_only_before_the_two_tier_government() -> None:
    assert rules.level_errors("huyen", datetime.date(2025, 6, 30)) == []
    assert "cấp huyện" in rules.level_errors("huyen", datetime.date(2025, 7, 1))[0]
    assert rules.level_errors("tinh", datetime.date(2026, 1, 1)) == []
    assert rules.level_errors("xa", datetime.date(2026, 1, 1))


def test_commendation_refused_while_proceedings_pending() -> None:
    assert rules.commendation_refusal(False) is None
    assert "152/2025" in (rules.commendation_refusal(True) or "")
    assert rules.COMMENDATION_LEVEL["bang_khen"] == RecognitionLevel.PROVINCE


@pytest.mark.parametrize(
    ("score", "ok"), [("0", True), ("10", True), ("7.5", True), ("-1", False), ("10.5", False), ("7.25", False)]
)
def test_score_scale(score: str, ok: bool) -> None:
    assert (rules.score_errors(Decimal(score), 10) == []) is ok


def test_weighted_total_averages_members_who_finished() -> None:
    weights = [rules.CriterionWeight(1, Decimal(60), 10), rules.CriterionWeight(2, Decimal(40), 10)]
    scores = {(7, 1): Decimal(10), (7, 2): Decimal(5), (8, 1): Decimal(8), (8, 2): Decimal(8), (9, 1): Decimal(1)}
    # member 7: 60 + 20 = 80; member 8: 48 + 32 = 80; member 9 has not finished
    assert rules.weighted_total(weights, scores) == Decimal("80.00")
    assert rules.weighted_total(weights, {(9, 1): Decimal(1)}) is None


@given(st.lists(st.integers(0, 10), min_size=5, max_size=5), st.lists(st.integers(1, 50), min_size=5, max_size=5))
def test_weighted_total_stays_on_the_100_point_scale(marks: list[int], weights: list[int]) -> None:
    ws = [rules.CriterionWeight(i, Decimal(w), 10) for i, w in enumerate(weights)]
    total = rules.weighted_total(ws, {(1, i): Decimal(m) for i, m in enumerate(marks)})
    assert total is not None and Decimal(0) <= total <= Decimal(100)
    if len(set(marks)) == 1:
        assert total == Decimal(marks[0] * 10)


def test_value_in_the_wrong_unit_or_negative() -> None:
    ok = {"integral": False, "unit_label": "m²", "aliases": ["m2"]}
    assert rules.value_errors(Decimal(9000), given_unit="m2", **ok) == []
    assert rules.value_errors(Decimal(9000), given_unit="", **ok) == []
    assert "m²" in rules.value_errors(Decimal(1), given_unit="ha", **ok)[0]
    assert rules.value_errors(Decimal(-1), given_unit="", **ok) == ["Giá trị không được âm."]
    assert rules.value_errors(Decimal("1.5"), integral=True, given_unit="", unit_label="hộ", aliases=[])


@pytest.mark.parametrize(
    ("name", "size", "detected", "kind", "ok"),
    [
        ("anh.jpg", 1000, [".jpg"], "photo", True),
        ("anh.JPEG", 1000, [".jpg"], "photo", True),
        ("bien-ban.pdf", 1000, [".pdf"], "document", True),
        ("anh.jpg", 1000, [".pdf"], "photo", False),  # a PDF disguised as a photo
        ("anh.png", 6 * 1024 * 1024, [".png"], "photo", False),  # over 5 MB
        ("virus.exe", 10, [".exe"], "", False),
        ("rong.pdf", 0, [], "document", False),
    ],
)
def test_evidence_kind(name: str, size: int, detected: list[str], kind: str, ok: bool) -> None:
    got_kind, errors = rules.evidence_kind(name, size, detected)
    assert got_kind == kind
    assert (errors == []) is ok


def test_a_council_decides_only_when_every_member_has_scored() -> None:
    weights = [rules.CriterionWeight(1, Decimal(60), 10), rules.CriterionWeight(2, Decimal(40), 10)]
    chair_only = {(7, 1): Decimal(9), (7, 2): Decimal(8)}
    assert rules.unfinished_members([7, 9], weights, chair_only) == [9]
    assert rules.unfinished_members([7, 9], weights, chair_only | {(9, 1): Decimal(5)}) == [9]
    assert rules.unfinished_members([7, 9], weights, chair_only | {(9, 1): Decimal(5), (9, 2): Decimal(6)}) == []
