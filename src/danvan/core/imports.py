"""What every Excel import shares: reading the header, cell text and dates, and errors named by row and column.

An import checks every row first and writes nothing if one is bad
(:class:`ImportRejected` lists each bad cell as "Dòng N, cột “X”: …").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from danvan.core.text import fold, nfc


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return self.message
        column = f", cột “{self.column}”" if self.column else ""
        return f"Dòng {self.row}{column}: {self.message}"


class ImportRejected(Exception):
    """The file was rejected; nothing was written. ``errors`` names each row and column."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value.day}/{value.month}/{value.year}"
    return nfc(str(value))


def parse_date(value: Any) -> datetime.date:
    """An Excel date, or text in dd/mm/yyyy (also yyyy-mm-dd, dd-mm-yyyy); ``ValueError`` otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date, no time)
        except ValueError:
            continue
    raise ValueError(text)


@dataclass
class Sheet:
    """The first worksheet: where each known column is, and the data rows numbered as Excel shows them."""

    positions: dict[str, int]
    rows: Iterator[tuple[int, tuple[Any, ...]]]

    def get(self, values: tuple[Any, ...], key: str) -> Any:
        index = self.positions.get(key)
        return values[index] if index is not None and index < len(values) else None


def open_sheet(stream: IO[bytes], columns: dict[str, str], required: tuple[str, ...]) -> Sheet:
    """Read the header row against ``columns`` (key → Vietnamese label; case and accents ignored)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportRejected([RowError(0, "", "Tệp không phải bảng tính Excel (.xlsx) hợp lệ.")]) from exc
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ImportRejected([RowError(0, "", "Bảng tính trống.")])
    by_label = {fold(label): key for key, label in columns.items()}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for index, cell in enumerate(header):
        key = by_label.get(fold(cell_text(cell)))
        if key:
            if key in positions:
                errors.append(RowError(1, cell_text(cell), "cột bị lặp."))
            positions[key] = index
        elif cell_text(cell):
            errors.append(RowError(1, cell_text(cell), "cột không được hỗ trợ."))
    for key in required:
        if key not in positions:
            errors.append(RowError(1, columns[key], "thiếu cột bắt buộc."))
    if errors:
        raise ImportRejected(errors)

    def numbered() -> Iterator[tuple[int, tuple[Any, ...]]]:
        for number, values in enumerate(rows, start=2):
            if any(cell_text(v) for v in values):
                yield number, values

    return Sheet(positions, numbered())
