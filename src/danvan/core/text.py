"""Vietnamese text: normalisation, accent folding and the Vietnamese number and date formats.

All text is stored in Unicode NFC. Search compares *folded* text: lower case,
without tone and vowel marks, with đ/Đ turned into d, so that "dan van kheo"
finds "Dân vận khéo".
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Fold ``text`` for accent-insensitive search: lower case, no diacritics, đ → d.

    Runs of whitespace become one space.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


_VI_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_VI_RANK = {ch: i for i, ch in enumerate(_VI_ALPHABET)}
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Order names as a Vietnamese dictionary does: a ă â b c d đ e ê …, the tones only after the letters
    ("Đức Xuân" after "Dương", "Bắc Kạn" after "Bạch Thông"), upper and lower case alike."""
    letters: list[int] = []
    tones: list[int] = []
    for char in nfc(text).lower():
        parts = unicodedata.normalize("NFD", char)
        tone = next((_TONE_MARKS[m] for m in parts if m in _TONE_MARKS), 0)
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONE_MARKS))
        # a space before any letter (a word before its longer neighbours), digits and signs after the letters
        letters.append(-1 if base.isspace() else _VI_RANK.get(base, 100 + ord(base[0]) if base else 0))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def _group_thousands(integer_digits: str) -> str:
    groups = []
    while len(integer_digits) > 3:
        groups.append(integer_digits[-3:])
        integer_digits = integer_digits[:-3]
    groups.append(integer_digits)
    return ".".join(reversed(groups))


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """Format a number the Vietnamese way: ``.`` groups thousands, ``,`` is the decimal mark.

    >>> format_number(1451)
    '1.451'
    >>> format_number(85.16, 2)
    '85,16'
    """
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):f}"
    integer, _, fraction = text.partition(".")
    result = sign + _group_thousands(integer)
    if decimals:
        result += "," + fraction
    return result


def format_amount(value: int | float | Decimal, max_decimals: int = 2) -> str:
    """A measured amount with only the decimals it has (at most ``max_decimals``).

    >>> format_amount(Decimal("9000.00"))
    '9.000'
    >>> format_amount(Decimal("2.50"))
    '2,5'
    """
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP)
    decimals = max(0, -rounded.normalize().as_tuple().exponent)  # type: ignore[operator]
    return format_number(rounded, min(decimals, max_decimals))


def format_percent(value: int | float | Decimal, decimals: int = 2) -> str:
    """Format a percentage: ``format_percent(85.16) == '85,16%'``.

    Trailing zeros of the fraction are dropped (``91,3%``, ``50%``), as reports write them.
    """
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text + "%"


def format_date(value: datetime.date) -> str:
    """Short Vietnamese date without leading zeros: ``20/7/2026``."""
    return f"{value.day}/{value.month}/{value.year}"


def format_datetime(value: datetime.datetime) -> str:
    """A moment: the short date, then the time on the 24-hour clock, in Vietnam's time: ``1/12/2026 09:05``."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{format_date(value.date())} {value:%H:%M}"


def format_date_long(value: datetime.date) -> str:
    """Date line of an official document: ``ngày 05 tháng 02 năm 2026``.

    Days below 10 and months 1 and 2 take a leading zero (Nghị định 30/2020/NĐ-CP,
    Phụ lục I: "ngày, tháng, năm ban hành văn bản").
    """
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


_THOUSANDS_ONLY = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(value: object) -> Decimal:
    """Read a number as officers type it: "9.000" and "1.451" are thousands, "85,16" has a decimal comma.

    "9.000,5" has both. A single dot not followed by exactly three-digit groups
    ("1.5") is a decimal point, as spreadsheets export it. Raises ``ValueError``.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        raise ValueError(value)
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS_ONLY.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(value) from exc
    if not number.is_finite():
        raise ValueError(value)
    return number
