import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.periods import Period, PeriodError, PeriodKind, parse_period

d = dt.date


def test_labels() -> None:
    assert Period.first_half(2026).label == "6 tháng đầu năm 2026"
    assert Period.second_half(2018).label == "6 tháng cuối năm 2018"
    assert Period.nine_months(2026).label == "9 tháng đầu năm 2026"
    assert Period.quarter(2026, 3).label == "Quý III/2026"
    assert Period.month(2026, 7).label == "Tháng 7/2026"
    assert Period.year(2026).label == "Năm 2026"
    assert Period.custom(d(2026, 1, 5), d(2026, 2, 20)).label == "Từ 5/1/2026 đến 20/2/2026"
    assert Period.first_half(2026).label_en == "First half of 2026"


def test_previous_periods() -> None:
    assert Period.first_half(2026).previous() == Period.second_half(2025)
    assert Period.second_half(2026).previous() == Period.first_half(2026)
    assert Period.quarter(2026, 1).previous() == Period.quarter(2025, 4)
    assert Period.month(2026, 1).previous() == Period.month(2025, 12)
    assert Period.nine_months(2026).previous() == Period.nine_months(2025)
    assert Period.year(2026).previous() == Period.year(2025)
    assert Period.custom(d(2026, 3, 11), d(2026, 3, 20)).previous() == Period.custom(d(2026, 3, 1), d(2026, 3, 10))


def test_same_period_last_year() -> None:
    assert Period.first_half(2026).same_period_last_year() == Period.first_half(2025)
    assert Period.month(2024, 2).same_period_last_year() == Period.month(2023, 2)
    leap = Period.custom(d(2024, 2, 29), d(2024, 3, 1)).same_period_last_year()
    assert (leap.start, leap.end) == (d(2023, 2, 28), d(2023, 3, 1))


def test_bad_periods_are_refused() -> None:
    with pytest.raises(ValueError, match="Quý"):
        Period.quarter(2026, 5)
    with pytest.raises(ValueError):
        Period.custom(d(2026, 2, 1), d(2026, 1, 1))


@given(year=st.integers(2000, 2100), month=st.integers(1, 12))
def test_months_tile_the_year(year: int, month: int) -> None:
    p = Period.month(year, month)
    assert p.kind is PeriodKind.MONTH
    nxt = p.end + dt.timedelta(days=1)
    assert p.previous().end + dt.timedelta(days=1) == p.start
    assert nxt.day == 1


@given(year=st.integers(2000, 2100), q=st.integers(1, 4))
def test_previous_quarter_is_adjacent(year: int, q: int) -> None:
    p = Period.quarter(year, q)
    assert p.previous().end + dt.timedelta(days=1) == p.start
    assert d(year, 3 * q - 1, 15) in p


def test_the_request_parser_reads_every_kind() -> None:
    assert parse_period("year", "2026") == Period.year(2026)
    assert parse_period("", 2026) == parse_period(None, 2026) == Period.year(2026)
    assert parse_period("h1", 2026) == Period.first_half(2026)
    assert parse_period("h2", 2026) == Period.second_half(2026)
    assert parse_period("9m", 2026) == Period.nine_months(2026)
    assert parse_period("q3", " 2026 ") == Period.quarter(2026, 3)
    assert parse_period("month", 2026, month="7") == Period.month(2026, 7)
    assert parse_period("custom", start="2026-03-01", end="31/03/2026") == Period.custom(d(2026, 3, 1), d(2026, 3, 31))
    assert parse_period("h1", "", default_year=2025) == Period.first_half(2025)


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"kind": "week", "year": 2026}, "period", "Kỳ: “week” không phải là kỳ báo cáo"),
        ({"kind": "year", "year": "hai nghìn"}, "year", "Năm: “hai nghìn” không phải là số."),
        ({"kind": "year", "year": ""}, "year", "Năm: chưa nhập."),
        ({"kind": "h1", "year": 20260}, "year", "Năm: phải từ 1990 đến 2100."),
        ({"kind": "month", "year": 2026, "month": 13}, "month", "Tháng: phải từ 1 đến 12."),
        ({"kind": "custom", "start": "2026-02-30", "end": "2026-03-01"}, "start", "Từ ngày: “2026-02-30” không phải"),
        ({"kind": "custom", "start": "2026-03-01"}, "end", "Đến ngày: chưa nhập"),
        ({"kind": "custom", "start": "2026-03-02", "end": "2026-03-01"}, "end", "Đến ngày: phải từ ngày bắt đầu"),
    ],
)
def test_the_request_parser_names_the_field_in_vietnamese(arguments: dict, field: str, message: str) -> None:
    kind = arguments.pop("kind")
    with pytest.raises(PeriodError) as caught:
        parse_period(kind, **arguments)
    assert caught.value.field == field
    assert caught.value.message.startswith(message)


def test_an_interface_may_offer_fewer_kinds() -> None:
    assert parse_period("h2", 2026, allowed=("year", "h1", "h2")) == Period.second_half(2026)
    with pytest.raises(PeriodError, match="year, h1, h2"):
        parse_period("q1", 2026, allowed=("year", "h1", "h2"))
