"""The rules of the index, the ranking, the targets, the sample check and the answers (no database)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.satisfaction import rules
from danvan.satisfaction.rules import Rank


def test_index_is_the_share_of_satisfied_among_valid_answers() -> None:
    assert rules.index_of(8516, 10000) == Decimal("85.16")
    assert rules.index_of(2, 3) == Decimal("66.67")
    assert rules.index_of(0, 5) == Decimal("0.00")
    assert rules.index_of(0, 0) is None
    with pytest.raises(ValueError):
        rules.index_of(4, 3)


def test_ties_share_a_place_with_competition_ranking() -> None:
    ranked = rules.ranks(
        {"a": Decimal("90"), "b": Decimal("85.16"), "c": Decimal("85.16"), "d": Decimal("80"), "e": None}
    )
    assert ranked == {"a": Rank(1, 4), "b": Rank(2, 4), "c": Rank(2, 4), "d": Rank(4, 4)}
    assert "e" not in ranked


def test_ranking_uses_the_value_as_displayed() -> None:
    # 85,164% and 85,155% are both shown as 85,16%: the same place.
    ranked = rules.ranks({"a": Decimal("85.164"), "b": Decimal("85.155"), "c": Decimal("85.149")})
    assert ranked["a"] == ranked["b"] == Rank(1, 3)
    assert ranked["c"] == Rank(3, 3)


def test_rank_text() -> None:
    assert Rank(32, 63).text("tỉnh, thành phố") == "xếp thứ 32/63 tỉnh, thành phố"


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=40), st.randoms())
def test_ranks_property(values: list[Decimal], rnd) -> None:
    data = dict(enumerate(values))
    ranked = rules.ranks(data)
    n = len(values)
    assert all(1 <= r.position <= n and r.of == n for r in ranked.values())
    best = max(values)
    assert all(ranked[k].position == 1 for k, v in data.items() if v == best)
    # Equal values get equal ranks, whatever the order they come in.
    shuffled = list(data.items())
    rnd.shuffle(shuffled)
    again = rules.ranks(dict(shuffled))
    assert again == ranked
    for i in data:
        for j in data:
            if data[i] == data[j]:
                assert ranked[i] == ranked[j]
            elif data[i] > data[j]:
                assert ranked[i].position < ranked[j].position


def test_rank_change() -> None:
    assert rules.rank_change(Rank(42, 63), Rank(32, 63)) == "tăng 10 bậc"
    assert rules.rank_change(Rank(3, 9), Rank(5, 9)) == "giảm 2 bậc"
    assert rules.rank_change(Rank(3, 9), Rank(3, 9)) == "giữ nguyên"
    assert rules.rank_change(None, Rank(3, 9)) == ""


def test_value_change() -> None:
    assert rules.value_change(Decimal("82.48"), Decimal("85.16")) == "tăng 2,68 điểm %"
    assert rules.value_change(Decimal("85.66"), Decimal("85.16")) == "giảm 0,5 điểm %"
    assert rules.value_change(Decimal("85.16"), Decimal("85.16")) == "không đổi"
    assert rules.value_change(None, Decimal("85.16")) == ""


def test_target_above_80_is_met_only_above_it() -> None:
    met = rules.target_status(Decimal("91.3"), Decimal("80"))
    assert met is not None and met.met and met.gap == Decimal("11.30")
    assert met.text == "Đạt chỉ tiêu (trên 80%), cao hơn 11,3 điểm %"
    equal = rules.target_status(Decimal("80.00"), Decimal("80"))
    assert equal is not None and not equal.met
    short = rules.target_status(Decimal("78.5"), Decimal("80"))
    assert short is not None and not short.met and short.text == "Chưa đạt chỉ tiêu (trên 80%), còn thiếu 1,5 điểm %"
    at_least = rules.target_status(Decimal("80"), Decimal("80"), rules.Comparison.AT_LEAST)
    assert at_least is not None and at_least.met
    assert rules.target_status(None, Decimal("80")) is None


def test_sample_check_per_stratum() -> None:
    plan = {("A", "1.001193"): 10, ("A", "2.000815"): 5, ("B", "1.001193"): 4}
    answered = {("A", "1.001193"): 10, ("A", "2.000815"): 2, ("B", "1.001193"): 6, ("B", "9.9"): 1}
    rows = {r.key: r for r in rules.sample_check(plan, answered)}
    assert rows[("A", "1.001193")].status == "đủ" and rows[("A", "1.001193")].complete
    assert rows[("A", "2.000815")].status == "thiếu 3" and not rows[("A", "2.000815")].complete
    assert rows[("B", "1.001193")].status == "vượt 2"
    assert rows[("B", "9.9")].status == "ngoài kế hoạch" and rows[("B", "9.9")].quota is None


def test_answers_are_checked_against_the_questionnaire() -> None:
    items = {1: "Tiêu chí 1.1 “Nơi ngồi chờ”", 2: "Câu hài lòng chung “Nhìn chung”"}
    assert rules.check_answers(items, {"1": "5", 2: ""}) == {1: 5, 2: None}
    assert rules.check_answers(items, {1: 4}) == {1: 4, 2: None}
    with pytest.raises(ValueError, match="Câu hỏi số 9 không có trong phiếu"):
        rules.check_answers(items, {9: 4})
    with pytest.raises(ValueError, match=r"Tiêu chí 1\.1 “Nơi ngồi chờ”: mức 6 nằm ngoài thang 1 đến 5"):
        rules.check_answers(items, {1: 6})
    with pytest.raises(ValueError, match=r"Câu hài lòng chung .*“x” không phải mức 1 đến 5"):
        rules.check_answers(items, {1: 3, 2: "x"})
    with pytest.raises(ValueError, match="chưa có câu trả lời"):
        rules.check_answers(items, {1: "không ý kiến", 2: 0})


def test_expectations_are_checked() -> None:
    questions = {7: ("Cần cải thiện", 4, 2)}
    assert rules.check_expectations(questions, {"7": ["2", 0, 2]}) == {7: [0, 2]}
    with pytest.raises(ValueError, match="chọn tối đa 2"):
        rules.check_expectations(questions, {7: [0, 1, 2]})
    with pytest.raises(ValueError, match="không có lựa chọn số 5"):
        rules.check_expectations(questions, {7: [4]})
    with pytest.raises(ValueError, match="số 8 không có"):
        rules.check_expectations(questions, {8: [0]})


def test_answer_date_within_the_campaign() -> None:
    d = datetime.date
    rules.check_answered_on(d(2026, 3, 1), starts_on=d(2026, 3, 1), ends_on=d(2026, 3, 31), today=d(2026, 4, 1))
    with pytest.raises(ValueError, match="ngoài thời gian khảo sát"):
        rules.check_answered_on(d(2026, 4, 1), starts_on=d(2026, 3, 1), ends_on=d(2026, 3, 31), today=d(2026, 5, 1))
    with pytest.raises(ValueError, match="chưa tới"):
        rules.check_answered_on(d(2026, 3, 9), starts_on=d(2026, 3, 1), ends_on=d(2026, 3, 31), today=d(2026, 3, 8))


def test_published_questionnaire_is_not_changed_and_campaign_steps() -> None:
    rules.check_draft("draft")
    with pytest.raises(ValueError, match="đã ban hành"):
        rules.check_draft("published")
    rules.check_campaign_step("planned", "open")
    rules.check_campaign_step("open", "closed")
    with pytest.raises(ValueError):
        rules.check_campaign_step("closed", "open")
    with pytest.raises(ValueError, match="chưa có câu hỏi về sự hài lòng"):
        rules.check_publishable({"Tiếp cận": True, "Thủ tục": False}, True)
    with pytest.raises(ValueError, match="hài lòng chung"):
        rules.check_publishable({"Tiếp cận": True}, False)


def test_plan_rows_and_targets() -> None:
    assert rules.check_plan_row(1, code="1.001193", name="Khai sinh", quota="20") == 20
    with pytest.raises(ValueError, match="Dòng 3: số phiếu phải từ 1"):
        rules.check_plan_row(3, code="1", name="x", quota=0)
    with pytest.raises(ValueError, match="Dòng 2: cần mã thủ tục"):
        rules.check_plan_row(2, code=" ", name="x", quota=1)
    assert rules.check_target_value("80,5") == Decimal("80.50")
    for bad in ("101", "abc", "80.123", "NaN"):
        with pytest.raises(ValueError):
            rules.check_target_value(bad)
