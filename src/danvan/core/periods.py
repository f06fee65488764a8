"""Reporting periods: month, quarter, 6 tháng đầu năm, 9 tháng, năm, custom range.

A period is a closed date range with a kind; each knows its Vietnamese and
English label, its previous period and the same period a year earlier.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum

from danvan.core.text import format_date


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    FIRST_HALF = "h1"
    SECOND_HALF = "h2"
    NINE_MONTHS = "9m"
    YEAR = "year"
    CUSTOM = "custom"


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, _calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("Ngày kết thúc kỳ phải sau ngày bắt đầu")

    # --- constructors ---------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(datetime.date(year, month, 1), _month_end(year, month), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError("Quý phải từ 1 đến 4")
        first = 3 * (quarter - 1) + 1
        return cls(datetime.date(year, first, 1), _month_end(year, first + 2), PeriodKind.QUARTER)

    @classmethod
    def first_half(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 6, 30), PeriodKind.FIRST_HALF)

    @classmethod
    def second_half(cls, year: int) -> Period:
        return cls(datetime.date(year, 7, 1), datetime.date(year, 12, 31), PeriodKind.SECOND_HALF)

    @classmethod
    def nine_months(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 9, 30), PeriodKind.NINE_MONTHS)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def custom(cls, start: datetime.date, end: datetime.date) -> Period:
        return cls(start, end, PeriodKind.CUSTOM)

    # --- relations --------------------------------------------------------------
    def previous(self) -> Period:
        """The period just before this one, of the same kind.

        For "9 tháng" (no adjacent nine-month period exists) it is the same
        nine months of the previous year; for a custom range, the range of the
        same length that ends the day before.
        """
        y = self.start.year
        match self.kind:
            case PeriodKind.MONTH:
                return Period.month(y - 1, 12) if self.start.month == 1 else Period.month(y, self.start.month - 1)
            case PeriodKind.QUARTER:
                q = (self.start.month - 1) // 3 + 1
                return Period.quarter(y - 1, 4) if q == 1 else Period.quarter(y, q - 1)
            case PeriodKind.FIRST_HALF:
                return Period.second_half(y - 1)
            case PeriodKind.SECOND_HALF:
                return Period.first_half(y)
            case PeriodKind.NINE_MONTHS:
                return Period.nine_months(y - 1)
            case PeriodKind.YEAR:
                return Period.year(y - 1)
        length = self.end - self.start
        end = self.start - datetime.timedelta(days=1)
        return Period.custom(end - length, end)

    def same_period_last_year(self) -> Period:
        def back(day: datetime.date) -> datetime.date:
            if day.month == 2 and day.day == 29:
                return datetime.date(day.year - 1, 2, 28)
            return day.replace(year=day.year - 1)

        if self.kind is PeriodKind.MONTH:
            return Period.month(self.start.year - 1, self.start.month)
        return Period(back(self.start), back(self.end), self.kind)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    # --- labels -----------------------------------------------------------------
    @property
    def label(self) -> str:
        """Vietnamese label as reports write it: "6 tháng đầu năm 2026", "Quý III/2026"."""
        y = self.start.year
        match self.kind:
            case PeriodKind.MONTH:
                return f"Tháng {self.start.month}/{y}"
            case PeriodKind.QUARTER:
                return f"Quý {('I', 'II', 'III', 'IV')[(self.start.month - 1) // 3]}/{y}"
            case PeriodKind.FIRST_HALF:
                return f"6 tháng đầu năm {y}"
            case PeriodKind.SECOND_HALF:
                return f"6 tháng cuối năm {y}"
            case PeriodKind.NINE_MONTHS:
                return f"9 tháng đầu năm {y}"
            case PeriodKind.YEAR:
                return f"Năm {y}"
        return f"Từ {format_date(self.start)} đến {format_date(self.end)}"

    @property
    def label_en(self) -> str:
        y = self.start.year
        match self.kind:
            case PeriodKind.MONTH:
                return f"{self.start.strftime('%B')} {y}"
            case PeriodKind.QUARTER:
                return f"Q{(self.start.month - 1) // 3 + 1} {y}"
            case PeriodKind.FIRST_HALF:
                return f"First half of {y}"
            case PeriodKind.SECOND_HALF:
                return f"Second half of {y}"
            case PeriodKind.NINE_MONTHS:
                return f"First nine months of {y}"
            case PeriodKind.YEAR:
                return f"Year {y}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


# --- the one parser of a request's period ---------------------------------------------------------

#: The period kinds a page, the API or an export may ask for, with their Vietnamese labels.
PERIOD_CHOICES: list[tuple[str, str]] = [
    ("year", "Cả năm"),
    ("h1", "6 tháng đầu năm"),
    ("h2", "6 tháng cuối năm"),
    ("9m", "9 tháng"),
    ("q1", "Quý I"),
    ("q2", "Quý II"),
    ("q3", "Quý III"),
    ("q4", "Quý IV"),
    ("month", "Tháng"),
    ("custom", "Khoảng ngày tự chọn"),
]
#: Vietnamese names of the parameters, for the messages.
FIELD_LABELS = {"period": "Kỳ", "year": "Năm", "month": "Tháng", "start": "Từ ngày", "end": "Đến ngày"}
MIN_YEAR, MAX_YEAR = 1990, 2100


class PeriodError(ValueError):
    """A period parameter that cannot be read; ``field`` names the parameter (``year``, ``start``…)."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{FIELD_LABELS.get(field, field)}: {problem}")

    @property
    def message(self) -> str:
        return str(self)


Value = str | int | datetime.date | None


def _number(field: str, value: Value, low: int, high: int) -> int:
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip() if value is not None else ""
        if not text.isdigit():
            raise PeriodError(field, f"“{text}” không phải là số." if text else "chưa nhập.")
        number = int(text)
    if not low <= number <= high:
        raise PeriodError(field, f"phải từ {low} đến {high}.")
    return number


def _date(field: str, value: Value) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip() if value is not None else ""
    if not text:
        raise PeriodError(field, "chưa nhập (kỳ tự chọn cần cả ngày bắt đầu và ngày kết thúc).")
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
    raise PeriodError(field, f"“{text}” không phải là ngày (viết 31/12/2026 hoặc 2026-12-31).")


def parse_period(
    kind: str | None,
    year: Value = None,
    *,
    month: Value = None,
    start: Value = None,
    end: Value = None,
    default_year: int | None = None,
    allowed: tuple[str, ...] | None = None,
) -> Period:
    """The period a request asks for: ``kind`` (year, h1, h2, 9m, q1–q4, month, custom; empty means
    year) of ``year`` (``default_year`` when empty), ``month`` for a month, ``start`` and ``end``
    (2026-12-31 or 31/12/2026) for a custom range. ``allowed`` narrows the kinds an interface offers.

    Raises :class:`PeriodError` with a Vietnamese message that names the parameter.
    """
    kind = (kind or "year").strip()
    kinds = allowed or tuple(k for k, _ in PERIOD_CHOICES)
    if kind not in kinds:
        raise PeriodError("period", f"“{kind}” không phải là kỳ báo cáo; chọn một trong: {', '.join(kinds)}.")
    if kind == "custom":
        first, last = _date("start", start), _date("end", end)
        if last < first:
            raise PeriodError("end", "phải từ ngày bắt đầu trở về sau.")
        return Period.custom(first, last)
    if (year is None or year == "") and default_year is not None:
        year = default_year
    y = _number("year", year, MIN_YEAR, MAX_YEAR)
    match kind:
        case "h1":
            return Period.first_half(y)
        case "h2":
            return Period.second_half(y)
        case "9m":
            return Period.nine_months(y)
        case "q1" | "q2" | "q3" | "q4":
            return Period.quarter(y, int(kind[1]))
        case "month":
            return Period.month(y, _number("month", month, 1, 12))
    return Period.year(y)
