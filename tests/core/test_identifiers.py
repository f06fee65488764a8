"""The CCCD and the Vietnamese phone number, as rules: what is accepted, how it is normalised, what is said."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.identifiers import (
    ID_NUMBER_MESSAGE,
    PHONE_MESSAGE,
    InvalidIdentifier,
    format_phone,
    normalise_id_number,
    normalise_phone,
)


@pytest.mark.parametrize("raw", ["001099000111", "001 099 000 111", "001.099.000.111", " 001099000111 "])
def test_a_cccd_is_twelve_digits_however_it_is_grouped(raw: str) -> None:
    assert normalise_id_number(raw) == "001099000111"


@pytest.mark.parametrize(
    "raw", ["abc", "1", "00109900011", "0010990001112", "00109900011a", "００１０９９０００１１１", ""]
)
def test_anything_else_is_not_a_cccd(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as refused:
        normalise_id_number(raw)
    assert str(refused.value) == ID_NUMBER_MESSAGE and "12 chữ số" in ID_NUMBER_MESSAGE


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084912345678", "0912345678"),
        ("0387-654-321", "0387654321"),
        ("(0209) 3870 123", "02093870123"),
        ("+84 24 3825 1234", "02438251234"),
    ],
)
def test_mobile_and_fixed_numbers_are_normalised(raw: str, number: str) -> None:
    assert normalise_phone(raw) == number


@pytest.mark.parametrize(
    "raw",
    ["abc", "1", "0", "0" * 21, "0112345678", "0412345678", "0612345678", "091234567", "09123456789", "0243825123",
     "+1 202 555 0100", "0912/345/678"],
)  # fmt: skip
def test_what_is_not_a_vietnamese_number_is_refused_with_an_example(raw: str) -> None:
    with pytest.raises(InvalidIdentifier, match="ví dụ 0912 345 678"):
        normalise_phone(raw)
    assert PHONE_MESSAGE.startswith("Nhập số điện thoại Việt Nam")


@given(st.sampled_from("35789"), st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_every_mobile_number_survives_its_own_formatting(prefix: str, rest: str) -> None:
    number = f"0{prefix}{rest}"
    assert normalise_phone(format_phone(number)) == number
    assert normalise_phone("+84" + number[1:]) == number
