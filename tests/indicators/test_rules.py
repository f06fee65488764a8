"""The rules without a database: each aggregation, the status against a target, numbers as officers
write them, and every refusal of bad input with its message."""

import datetime
from decimal import Decimal as D

import pytest

from danvan.core.periods import PeriodKind
from danvan.indicators import rules
from danvan.indicators.rules import Aggregation as A
from danvan.indicators.rules import Comparison as C
from danvan.indicators.rules import Direction, Entry, Spec, Status
from danvan.indicators.rules import MeasureUnit as U

RATE = Spec(U.PERCENT, A.RATE, Direction.LOWER, 2, "Số hộ nghèo", "Tổng số hộ")
COUNT = Spec(U.COMMUNE, A.SUM, Direction.HIGHER, 0)
AVERAGE = Spec(U.CRITERION, A.WEIGHTED, Direction.HIGHER, 1, weight_label="Số xã")
INDEX = Spec(U.PERCENT, A.NONE, Direction.HIGHER, 2)


def test_a_sum_adds_the_topmost_values_only() -> None:
    entries = [Entry("0001", D(3)), Entry("00010001", D(2)), Entry("00010002", D(5)), Entry("0002", D(4))]
    # 0001 entered its own figure: its two communes are not counted again.
    assert rules.aggregate(A.SUM, entries) == rules.Aggregated(D(7), units=2)
    assert rules.aggregate(A.SUM, entries[1:3]) == rules.Aggregated(D(7), units=2)
    assert rules.aggregate(A.SUM, []) == rules.NOTHING


def test_a_rate_is_recomputed_from_numerators_and_denominators_never_averaged() -> None:
    entries = [Entry("0001", D("5.03"), D(470), D(9344)), Entry("0002", D(3), D(30), D(1000))]
    got = rules.aggregate(A.RATE, entries)
    assert (got.numerator, got.denominator, got.units) == (D(500), D(10344), 2)
    assert rules.quantize(got.value, 2) == D("4.83")  # the mean of the rates would be 4,02%
    assert rules.quantize((D("5.03") + D(3)) / 2, 2) == D("4.02")


def test_a_weighted_average_weighs_each_value() -> None:
    # A district's own average over 10 communes (13,0) and two communes (9 and 14 criteria).
    entries = [Entry("0001", D(13), weight=D(10)), Entry("0002", D(9), weight=D(1)), Entry("0003", D(14), weight=D(1))]
    got = rules.aggregate(A.WEIGHTED, entries)
    assert got.weight == D(12) and got.value == D(153) / D(12) and rules.show(got.value, AVERAGE) == "12,8 tiêu chí"
    assert rules.aggregate(A.WEIGHTED, [Entry("0001", D(13), weight=None)]) == rules.NOTHING


def test_an_index_is_not_aggregated() -> None:
    assert rules.aggregate(A.NONE, [Entry("0001", D("91.3"))]) == rules.NOTHING


@pytest.mark.parametrize(
    ("value", "comparison", "target", "direction", "expected"),
    [
        ("5.03", C.LT, "6", Direction.LOWER, Status.EXCEEDED),  # "dưới 6%": 5,03% is better
        ("6", C.LTE, "6", Direction.LOWER, Status.MET),
        ("6", C.LT, "6", Direction.LOWER, Status.MISSED),
        ("7.2", C.LT, "6", Direction.LOWER, Status.MISSED),
        ("91.3", C.GT, "80", Direction.HIGHER, Status.EXCEEDED),
        ("80", C.GTE, "80", Direction.HIGHER, Status.MET),
        ("80", C.GT, "80", Direction.HIGHER, Status.MISSED),
        ("79.996", C.GTE, "80", Direction.HIGHER, Status.MET),  # judged as shown: 80,00%
        ("79.994", C.GTE, "80", Direction.HIGHER, Status.MISSED),
    ],
)
def test_status_against_a_target(value, comparison, target, direction, expected) -> None:
    got = rules.status(D(value), comparison=comparison, target=D(target), direction=direction, decimals=2)
    assert got == expected


def test_no_value_no_status_and_the_trend_follows_the_direction() -> None:
    assert rules.status(None, comparison=C.LT, target=D(6), direction=Direction.LOWER, decimals=2) is None
    assert rules.trend(D(5), D(6), Direction.LOWER, 2) == "tốt lên"
    assert rules.trend(D(5), D(6), Direction.HIGHER, 2) == "kém đi"
    assert rules.trend(D(5), D("5.001"), Direction.HIGHER, 2) == "không đổi"
    assert rules.trend(D(5), None, Direction.HIGHER, 2) == ""


def test_values_and_targets_as_reports_write_them() -> None:
    assert rules.show(D("5.0300"), RATE) == "5,03%"
    assert rules.show(D("91.30"), INDEX) == "91,3%"
    assert rules.show(D(19), COUNT) == "19 xã"
    assert rules.show(D(1451), Spec(U.PERSON, A.SUM, decimals=0)) == "1.451 người"
    assert rules.target_words(C.LT, D(6), RATE) == "dưới 6%"
    assert rules.target_words(C.GT, D(80), INDEX) == "trên 80%"
    assert rules.target_words(C.GTE, D(19), COUNT) == "từ 19 xã trở lên"
    assert rules.target_words(C.LTE, D(10), Spec(U.CASE, A.SUM, decimals=0)) == "không quá 10 vụ việc"


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [("5,03", "5.03", ""), ("5,03%", "5.03", "%"), ("1.451", "1451", ""), ("2.707.000 đồng", "2707000", "đồng"),
     ("1.451,5", "1451.5", ""), ("5.03", "5.03", ""), ("12,5 tiêu chí", "12.5", "tiêu chí"), ("19 xã", "19", "xã"),
     ("-3", "-3", "")],
)  # fmt: skip
def test_numbers_as_officers_write_them(text, number, unit) -> None:
    assert rules.parse_amount(text) == (D(number), unit)


@pytest.mark.parametrize("text", ["", "năm", "1,2,3", "1.2.3"])
def test_what_is_not_a_number(text) -> None:
    with pytest.raises(ValueError, match=r"không phải là số|nhiều dấu phẩy"):
        rules.parse_amount(text)


def test_comparisons_in_words() -> None:
    assert [rules.parse_comparison(t) for t in ("≥", ">=", "từ … trở lên", "Trên", "không quá", "dưới", "<")] == [
        C.GTE, C.GTE, C.GTE, C.GT, C.LTE, C.LT, C.LT,
    ]  # fmt: skip
    with pytest.raises(ValueError, match="không phải phép so sánh"):
        rules.parse_comparison("bằng")


def errors(spec, **kw):
    return rules.value_errors(spec, **{"value": None, **kw})


def test_a_percentage_over_100_or_negative_is_refused() -> None:
    assert errors(INDEX, value=D(101)) == {"value": "Giá trị: tỷ lệ phần trăm phải từ 0 đến 100 (đã ghi 101%)."}
    assert errors(INDEX, value=D(-1)) == {"value": "Giá trị: không được âm (-1)."}
    assert errors(INDEX, value=D("91.3")) == {}


def test_a_count_must_be_whole_and_not_negative() -> None:
    assert errors(COUNT, value=D("19.5")) == {"value": "Giá trị: số xã phải là số nguyên (đã ghi 19,5)."}
    assert errors(COUNT, value=D(-2)) == {"value": "Giá trị: không được âm (-2)."}
    assert errors(COUNT) == {"value": "Giá trị: bắt buộc."}
    # A province's own average over its communes may be a fraction; one commune's count (weight 1) may not.
    assert errors(AVERAGE, value=D("12.5"), weight=D(95)) == {}
    assert "phải là số nguyên" in errors(AVERAGE, value=D("12.5"), weight=D(1))["value"]
    assert errors(AVERAGE, value=D(12)) == {
        "weight": "Số xã: bắt buộc (giá trị được tính bình quân theo trọng số khi tổng hợp)."
    }
    assert errors(AVERAGE, value=D(12), weight=D(0)) == {"weight": "Số xã: phải lớn hơn 0."}
    assert errors(COUNT, value=D(3), weight=D(1)) == {
        "weight": "Trọng số: chỉ tiêu này không tính bình quân, không nhập trọng số."
    }


def test_a_rate_needs_its_parts_and_a_numerator_not_above_the_denominator() -> None:
    assert errors(RATE, value=D("5.03")) == {
        "numerator": "Số hộ nghèo: bắt buộc (tỷ lệ được tính lại từ tử số và mẫu số khi tổng hợp).",
        "denominator": "Tổng số hộ: bắt buộc (tỷ lệ được tính lại từ tử số và mẫu số khi tổng hợp).",
    }
    assert errors(RATE, numerator=D(500), denominator=D(400)) == {
        "numerator": "Số hộ nghèo (500) lớn hơn tổng số hộ (400)."
    }
    assert errors(RATE, numerator=D(0), denominator=D(0)) == {"denominator": "Tổng số hộ: phải lớn hơn 0."}
    assert errors(RATE, numerator=D(-1), denominator=D(10)) == {"numerator": "Số hộ nghèo: không được âm."}
    assert errors(RATE, numerator=D(470), denominator=D(9344)) == {}
    assert errors(RATE, value=D("5.03"), numerator=D(470), denominator=D(9344)) == {}
    assert errors(RATE, value=D("5.1"), numerator=D(470), denominator=D(9344)) == {
        "value": "Giá trị 5,1% không khớp với số hộ nghèo/tổng số hộ (470/9.344 = 5,03%); để trống để tính tự động."
    }
    assert errors(COUNT, value=D(3), numerator=D(1)) == {
        "numerator": "Tử số: chỉ tiêu này không tính theo tỷ lệ, không nhập tử số, mẫu số."
    }


def test_a_value_in_the_wrong_unit_is_refused() -> None:
    assert errors(COUNT, value=D(19), written_unit="%") == {
        "value": "Đơn vị tính sai: chỉ tiêu tính bằng “xã”, không phải “%”."
    }
    assert errors(COUNT, value=D(19), written_unit="xã") == {}
    assert errors(INDEX, value=D(19), written_unit="phần trăm") == {}
    assert errors(INDEX, value=D(19), written_unit="percent") == {}


def test_numbers_the_database_cannot_hold_are_refused() -> None:
    assert errors(COUNT, value=D(10) ** 16) == {"value": "Giá trị: số quá lớn."}
    assert errors(Spec(U.HECTARE, A.SUM), value=D("1.23456")) == {"value": "Giá trị: tối đa 4 chữ số thập phân."}
    assert errors(COUNT, value=D("NaN")) == {"value": "Giá trị: không phải là số."}


def test_a_target_without_its_basis_or_pointing_the_wrong_way_is_refused() -> None:
    assert rules.target_errors(RATE, comparison=C.LT, value=D(6), basis=" ") == {
        "basis": "Căn cứ: bắt buộc — ghi kế hoạch, nghị quyết hoặc đề án đặt ra chỉ tiêu "
        "(ví dụ “Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX”, “Đề án 06”)."
    }
    assert rules.target_errors(RATE, comparison=C.GT, value=D(6), basis="Nghị quyết") == {
        "comparison": "Phép so sánh: chỉ tiêu càng thấp càng tốt, chọn “≤” hoặc “<”."
    }
    assert rules.target_errors(INDEX, comparison=C.GT, value=D(180), basis="Đề án 06") == {
        "value": "Giá trị chỉ tiêu: tỷ lệ phần trăm phải từ 0 đến 100 (đã ghi 180%)."
    }
    assert rules.target_errors(AVERAGE, comparison=C.GTE, value=D("12.5"), basis="Nghị quyết") == {}
    assert "số nguyên" in rules.target_errors(COUNT, comparison=C.GTE, value=D("19.5"), basis="NQ")["value"]


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    day = datetime.date
    assert rules.period_errors(day(2026, 6, 30), day(2026, 1, 1)) == {
        "end": "Đến ngày (1/1/2026) trước từ ngày (30/6/2026): kỳ không thể kết thúc trước khi bắt đầu."
    }
    assert rules.period_errors(None, day(2026, 1, 1)) == {"start": "Từ ngày: bắt buộc."}
    assert rules.period_of(day(2026, 1, 1), day(2026, 6, 30)).kind == PeriodKind.FIRST_HALF
    assert rules.period_of(day(2026, 4, 1), day(2026, 6, 30)).kind == PeriodKind.QUARTER
    assert rules.period_of(day(2026, 2, 1), day(2026, 2, 28)).kind == PeriodKind.MONTH
    assert rules.period_of(day(2018, 1, 1), day(2020, 12, 31)).kind == PeriodKind.CUSTOM


def test_a_definition_needs_consistent_parts() -> None:
    base = {"code": "ho_ngheo", "name": "Tỷ lệ hộ nghèo", "measure_unit": U.PERCENT, "direction": Direction.LOWER,
            "source": rules.Source.MANUAL, "aggregation": A.RATE, "decimals": 2}  # fmt: skip
    assert rules.definition_errors(**base) == {}
    assert rules.definition_errors(**{**base, "measure_unit": U.HOUSEHOLD}) == {
        "measure_unit": "Chỉ tiêu tỷ lệ (tính lại từ tử số và mẫu số) có đơn vị tính “%”."
    }
    assert rules.definition_errors(**{**base, "code": "hộ nghèo"})["code"].startswith("Mã chỉ tiêu: chỉ gồm")
    assert rules.definition_errors(**{**base, "source": rules.Source.COMPUTED}) == {
        "figure": "Chỉ tiêu tính từ số liệu thống kê: chọn số liệu (dạng “lĩnh_vực.số_liệu”)."
    }
    assert rules.definition_errors(**{**base, "source": rules.Source.COMPUTED, "numerator_figure": "a.b"}) == {
        "denominator_figure": "Tỷ lệ tính từ số liệu thống kê cần cả số liệu tử số và số liệu mẫu số."
    }
