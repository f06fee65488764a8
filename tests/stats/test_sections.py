"""The kit's report sentences (danvan.stats.sections): blanks, zero variants, Vietnamese formats, changes;
and the month-by-month figures (danvan.stats.trends)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.periods import Period
from danvan.stats import sections
from danvan.stats.sections import Percent, Phrase, PhraseError, placeholders, rate, say, versus

RECEIVED = Phrase(
    "petitions.test_received",
    "Tiếp nhận",
    "{trong_ky}, {pham_vi} đã tiếp nhận {don} đơn, thư với {vu} vụ việc",
    zero="{trong_ky}, {pham_vi} không phát sinh đơn, thư",
    lead="don",
    help={"don": "số đơn", "vu": "số vụ việc"},
)
COMMON = {"trong_ky": "Trong 6 tháng đầu năm 2026", "pham_vi": "toàn tỉnh"}


def test_a_sentence_in_the_register_of_a_report() -> None:
    assert say(RECEIVED, {**COMMON, "don": 189, "vu": 167}) == (
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 189 đơn, thư với 167 vụ việc."
    )
    assert say(RECEIVED, {**COMMON, "don": 2707, "vu": 1}) == (
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 2.707 đơn, thư với 1 vụ việc."
    )
    assert (
        say(RECEIVED, {**COMMON, "don": 0, "vu": 0})
        == "Trong 6 tháng đầu năm 2026, toàn tỉnh không phát sinh đơn, thư."
    )
    # An administrator's wording; a blank without a value stays visible rather than being guessed.
    assert say(RECEIVED, {"don": 5}, text="Tiếp nhận {don} đơn ({vu} vụ việc)") == "Tiếp nhận 5 đơn ({vu} vụ việc)."


def test_formats_and_changes() -> None:
    assert str(rate(1100, 2707)) == "40,64%" and str(rate(913, 1000)) == "91,3%" and str(rate(1, 0)) == "—"
    assert sections.show(Decimal("12.5")) == "12,5" and sections.show(datetime.date(2026, 12, 1)) == "1/12/2026"
    assert versus(189, 150) == "tăng 39 (26%)"
    assert versus(3, 4) == "giảm 1 (25%)" and versus(4, 0) == "tăng 4" and versus(0, 0) == "bằng"
    assert str(Percent(Decimal("85.16"))) == "85,16%"


def test_only_plain_blanks_are_allowed() -> None:
    assert placeholders("{a} và {b_2} {{không}}") == ["a", "b_2"]
    for bad in ("{a.b}", "{a[0]}", "{a!r}", "{a:>9}", "{", "{0}"):
        with pytest.raises(PhraseError):
            placeholders(bad)
    with pytest.raises(PhraseError, match="khong_co"):
        RECEIVED.check("{trong_ky} {khong_co}")
    with pytest.raises(ValueError, match="help"):
        Phrase("x.y", "nhãn", "{chua_mo_ta}")


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_a_change_reads_back_to_the_difference(now: int, before: int) -> None:
    words = versus(now, before)
    if now == before:
        assert words == "bằng"
    else:
        direction, amount = words.split(" ")[:2]
        assert direction == ("tăng" if now > before else "giảm")
        assert int(amount.replace(".", "")) == abs(now - before)


def test_period_words() -> None:
    assert sections.period_words(Period.first_half(2026)) == "6 tháng đầu năm 2026"
    assert sections.period_words(Period.year(2026)) == "năm 2026"
    assert sections.period_words(Period.quarter(2026, 3)) == "quý III/2026"
    assert sections.period_words(Period.custom(datetime.date(2025, 12, 15), datetime.date(2026, 6, 14))) == (
        "thời gian từ 15/12/2025 đến 14/6/2026"
    )


def test_shares_change_by_points_and_a_missing_share_is_a_dash() -> None:
    assert versus(Decimal("66.67"), Decimal("50"), points=True) == "tăng 16,67 điểm %"
    assert versus(None, Decimal("50"), points=True) == "—"
    section = sections.Section(
        key="test", title="Thử", order=1, permission="core.view_records",
        figures=lambda c, p: {}, labels={"share": "Tỷ lệ", "n": "Số"}, build=lambda c, a, b, d: sections.Built(),
        percents=frozenset({"share"}),
    )  # fmt: skip
    context = sections.Context(None, Period.first_half(2026), viewer=object())
    table = sections.comparison_table(section, context, {"share": None, "n": 3}, {"share": Decimal(50), "n": 1}, {})
    assert table.text_rows()[0][1:] == ["—", "50%", "—", "—"]
    assert table.text_rows()[1][1:] == ["3", "1", "0", "tăng 3"]
