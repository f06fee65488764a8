"""The report's periods as the API, the command and the page name them (issue 14: a promise).

``year``, ``h1``, ``h2``, ``q1``…``q4``, ``m1``…``m12``, ``9m``; ``custom`` with a start and an end; and the
complaint sector's reporting periods, which run from the 15th of December of the year before
(``tt_q1``…``tt_q4``, ``tt_h1``, ``tt_9m``, ``tt_year``: 15/12/2025–14/6/2026 for ``tt_h1`` of 2026). The
sector's first day is configurable (``DANVAN_COMPLAINT_PERIOD_START``, "15/12"), because the Thanh tra
Chính phủ sets it in its reporting rules and has moved it before [DOMAIN §1.7; Thông tư 02/2021/TT-TTCP
on the complaint sector's reports, as recalled — verify the current rule].
"""

from __future__ import annotations

import datetime

from django.conf import settings

from danvan.core.periods import Period, PeriodError, parse_period

#: The codes of the API and the command, with the page's labels.
CHOICES: list[tuple[str, str]] = [
    ("year", "Cả năm"),
    ("h1", "6 tháng đầu năm"),
    ("h2", "6 tháng cuối năm"),
    ("9m", "9 tháng đầu năm"),
    *[(f"q{q}", f"Quý {roman}") for q, roman in zip(range(1, 5), ("I", "II", "III", "IV"), strict=True)],
    *[(f"m{m}", f"Tháng {m}") for m in range(1, 13)],
    ("tt_h1", "Kỳ ngành thanh tra: 6 tháng (từ 15/12 năm trước)"),
    ("tt_9m", "Kỳ ngành thanh tra: 9 tháng"),
    ("tt_year", "Kỳ ngành thanh tra: cả năm"),
    *[
        (f"tt_q{q}", f"Kỳ ngành thanh tra: quý {roman}")
        for q, roman in zip(range(1, 5), ("I", "II", "III", "IV"), strict=True)
    ],
    ("custom", "Khoảng ngày tự chọn"),
]
CODES = tuple(code for code, _ in CHOICES)
#: The codes the API promises (issue 14), in the order it lists them.
API_CODES = ("year", "h1", "h2", *[f"q{q}" for q in range(1, 5)], *[f"m{m}" for m in range(1, 13)], "9m")


def sector_start(year: int) -> datetime.date:
    """The first day of the complaint sector's reporting year ``year`` (15/12 of the year before)."""
    text = str(getattr(settings, "DANVAN_COMPLAINT_PERIOD_START", "15/12"))
    day, month = (int(part) for part in text.split("/"))
    return datetime.date(year - 1, month, day)


def _sector(code: str, year: int) -> Period:
    start = sector_start(year)
    months = {"tt_h1": 6, "tt_9m": 9, "tt_year": 12, "tt_q1": 3, "tt_q2": 6, "tt_q3": 9, "tt_q4": 12}[code]
    first = 0 if not code.startswith("tt_q") else months - 3

    def shift(day: datetime.date, n: int) -> datetime.date:
        month = day.month - 1 + n
        return day.replace(year=day.year + month // 12, month=month % 12 + 1)

    return Period.custom(shift(start, first), shift(start, months) - datetime.timedelta(days=1))


def parse(code: str | None, year: object, *, start: object = None, end: object = None) -> Period:
    """The period ``code`` of ``year``; raises :class:`~danvan.core.periods.PeriodError` naming the field."""
    code = (code or "year").strip()
    if code not in CODES:
        raise PeriodError("period", f"“{code}” không phải là kỳ báo cáo; chọn một trong: {', '.join(API_CODES)}.")
    if code == "custom":
        return parse_period("custom", start=start, end=end)  # type: ignore[arg-type]
    if code.startswith("m") and code[1:].isdigit():
        return parse_period("month", year, month=int(code[1:]))  # type: ignore[arg-type]
    if code.startswith("tt_"):
        checked = parse_period("year", year)  # type: ignore[arg-type]
        return _sector(code, checked.start.year)
    return parse_period(code, year)  # type: ignore[arg-type]


def label(code: str, period: Period) -> str:
    """The period's title on a report: "6 tháng đầu năm 2026"; the sector's with its dates."""
    if code.startswith("tt_"):
        name = {"tt_h1": "6 tháng đầu năm", "tt_9m": "9 tháng đầu năm", "tt_year": "Năm"}.get(code)
        if name is None:
            name = f"Quý {('I', 'II', 'III', 'IV')[int(code[-1]) - 1]} năm"
        return f"{name} {period.end.year} ({period.label[:1].lower()}{period.label[1:]})"
    return period.label
