import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.text import fold, format_date, format_date_long, format_number, format_percent, nfc


def test_fold_removes_marks_and_d() -> None:
    assert fold("Dân vận khéo") == "dan van kheo"
    assert fold("ĐẮK LẮK") == "dak lak"
    assert fold("  Bắc   Kạn ") == "bac kan"


def test_fold_handles_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Thượng Giáo")
    assert fold(decomposed) == "thuong giao"
    assert nfc(decomposed) == "Thượng Giáo"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1451, 0, "1.451"),
        (9247, 0, "9.247"),
        (2707, 0, "2.707"),
        (85.16, 2, "85,16"),
        (0, 0, "0"),
        (1234567.891, 2, "1.234.567,89"),
        (-5000, 0, "-5.000"),
        (999, 0, "999"),
    ],
)
def test_vietnamese_numbers(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_vietnamese_percentages_as_reports_write_them() -> None:
    assert format_percent(85.16) == "85,16%"
    assert format_percent(91.3) == "91,3%"
    assert format_percent(50) == "50%"
    assert format_percent(5.03) == "5,03%"


def test_vietnamese_dates() -> None:
    assert format_date(dt.date(2026, 7, 20)) == "20/7/2026"
    # Nghị định 30/2020: leading zero for days below 10 and months 1 and 2.
    assert format_date_long(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert format_date_long(dt.date(2026, 11, 22)) == "ngày 22 tháng 11 năm 2026"
    assert format_date_long(dt.date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9.000", "9000"), ("1.451", "1451"), ("85,16", "85.16"), ("9.000,5", "9000.5"), ("1.5", "1.5"), ("12", "12")],
)
def test_parse_number_as_officers_type_it(text: str, expected: str) -> None:
    from decimal import Decimal

    from danvan.core.text import parse_number

    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "NaN", True])
def test_parse_number_refuses_what_is_not_a_number(text: object) -> None:
    from danvan.core.text import parse_number

    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("9000.00", "9.000"), ("2.50", "2,5"), ("10250.5", "10.250,5"), ("3.125", "3,13"), ("0", "0")],
)
def test_format_amount_shows_only_the_decimals_it_has(value: str, expected: str) -> None:
    from decimal import Decimal

    from danvan.core.text import format_amount

    assert format_amount(Decimal(value)) == expected
