"""The staged-import engine: upload → check every row → preview → apply, all rows or none.

An area declares an :class:`Importer`: its columns (:class:`Column`: the header, whether it is
required, how long a cell may be), a row parser (a :class:`Row` in, a clean row object or
:class:`RowError`\\ s out), the service's checks over the parsed rows, and an apply that calls the
area's service. The engine owns everything else, the same for every import:

- the header, matched ignoring accents and case; a missing required column, an unknown or a
  repeated one refuses the file;
- the limits (:class:`Limits`): the file's size and its unpacked size (checked before openpyxl
  reads a byte, so a small file holding a 150 MB cell is refused at once), the number of rows,
  the length of every cell (never more than the model field holds), a time budget, and a bounded
  number of error messages;
- reading in openpyxl's streaming mode (``read_only=True``), ignoring the sheet's declared size,
  and ending the sheet at the first run of :attr:`Limits.blank_run` blank rows, so five million
  blank rows cost a thousand;
- errors named by row and column in Vietnamese (“Dòng 4, cột “Năm”: …”), sorted by row;
- one transaction around the checks and the apply: a failing row rolls everything back.

:func:`stage` checks and returns the preview (nothing written); :func:`run` checks and applies.
"""

from __future__ import annotations

import datetime
import time
import zipfile
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.core.text import fold, format_number, nfc

MB = 1024 * 1024


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
    """The file was rejected; nothing was written. ``errors`` names each row and column.

    ``truncated`` says that checking stopped after :attr:`Limits.max_errors` errors; :attr:`note`
    is the sentence to show after them.
    """

    def __init__(self, errors: list[RowError], *, truncated: bool = False) -> None:
        self.errors = errors
        self.truncated = truncated
        lines = [str(e) for e in errors]
        if truncated:
            lines.append(self.note)
        super().__init__("\n".join(lines))

    @property
    def note(self) -> str:
        if not self.truncated:
            return ""
        return f"Đã dừng kiểm tra sau {format_number(len(self.errors))} lỗi; hãy sửa các lỗi trên rồi tải tệp lên lại."


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
    text = cell_text(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date, no time)
        except ValueError:
            continue
    raise ValueError(text)


# --- what an importer declares -----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the sheet. ``max_length`` in characters: never more than the model field holds."""

    key: str
    label: str
    required: bool = False
    max_length: int = 255


@dataclass(frozen=True)
class Limits:
    """What a sheet may hold. The defaults fit the imports README promises (up to 20.000 rows)."""

    max_file_bytes: int = 10 * MB
    #: The sum of the unpacked parts of the .xlsx (a zip): a 158 KB file can unpack to 150 MB.
    max_unpacked_bytes: int = 100 * MB
    max_rows: int = 20_000
    max_columns: int = 100
    #: This many blank rows in a row end the sheet; what follows is not read.
    blank_run: int = 1_000
    max_errors: int = 200
    max_seconds: float = 300.0


@dataclass(frozen=True)
class Parsed[T]:
    """A clean row object and the sheet row it came from."""

    row: int
    value: T


class Row:
    """One data row as a parser sees it: cells by column key, already within their length."""

    __slots__ = ("_cells", "_columns", "number")

    def __init__(self, number: int, cells: dict[str, Any], columns: Mapping[str, Column]) -> None:
        self.number = number
        self._cells = cells
        self._columns = columns

    def value(self, key: str) -> Any:
        """The raw cell (a number, a date, text) or None."""
        return self._cells.get(key)

    def text(self, key: str) -> str:
        """The cell as text, NFC, without surrounding spaces; "" when empty or absent."""
        return cell_text(self._cells.get(key)).strip()

    def error(self, key: str, message: str) -> RowError:
        """An error on this row, in the column of ``key`` (or on the row as a whole for "")."""
        column = self._columns.get(key)
        return RowError(self.number, column.label if column else key, message)

    def date(self, key: str, errors: list[RowError]) -> datetime.date | None:
        """The cell as a date, None when empty; a bad date is added to ``errors``."""
        raw = self._cells.get(key)
        if not cell_text(raw).strip():
            return None
        try:
            return parse_date(raw)
        except ValueError:
            errors.append(self.error(key, f"“{cell_text(raw)}” không phải ngày (dd/mm/yyyy)."))
            return None


def _no_check(rows: list[Parsed[Any]]) -> list[RowError]:
    return []


@dataclass(frozen=True)
class Importer[T, R]:
    """One import: its columns, how a row is parsed, the service's checks, and the apply.

    ``parse`` turns a :class:`Row` into a clean row object, or returns the row's errors; it is
    called only when the row's required cells are filled and every cell is within its length.
    ``check`` runs the service's checks over all parsed rows without writing (for the preview and
    before applying). ``apply`` calls the area's service, inside the engine's transaction; it
    raises :class:`ImportRejected` (see :func:`errors_from`) when the service refuses a row.
    """

    columns: tuple[Column, ...]
    parse: Callable[[Row], T | list[RowError]]
    apply: Callable[[list[Parsed[T]]], R]
    check: Callable[[list[Parsed[T]]], list[RowError]] = field(default=_no_check)
    limits: Limits = field(default_factory=Limits)


@dataclass
class Staged[T]:
    """A checked sheet, nothing written: what the preview shows and what the apply writes."""

    rows: list[Parsed[T]]

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def values(self) -> list[T]:
        return [p.value for p in self.rows]


def errors_from(
    number: int, errors: Mapping[str, Iterable[str]] | ValidationError, labels: Mapping[str, str]
) -> list[RowError]:
    """A service's refusal (field → messages, or a ``ValidationError``) as errors of sheet row ``number``.

    ``labels`` maps the service's field names to the sheet's column labels; a field without a
    column is reported on the row.
    """
    if isinstance(errors, ValidationError):
        errors = errors.message_dict if hasattr(errors, "error_dict") else {"": errors.messages}
    return [
        RowError(number, labels.get(name, ""), message) for name, messages in errors.items() for message in messages
    ]


# --- the engine --------------------------------------------------------------------------------


class _Collector:
    """Errors up to the limit; one more stops the check (the file is refused anyway)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.errors: list[RowError] = []

    def add(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            if len(self.errors) >= self.limit:
                raise ImportRejected(self.sorted(), truncated=True)
            self.errors.append(error)

    def sorted(self) -> list[RowError]:
        return sorted(self.errors, key=lambda e: e.row)


def _refuse(message: str, row: int = 0) -> ImportRejected:
    return ImportRejected([RowError(row, "", message)])


def _size(stream: IO[bytes]) -> int:
    size = getattr(stream, "size", None)  # Django's UploadedFile knows it
    if isinstance(size, int):
        return size
    stream.seek(0, 2)
    end = stream.tell()
    stream.seek(0)
    return end


def _megabytes(size: int) -> str:
    return f"{format_number(size / MB, 1)} MB"


def _open_rows(stream: IO[bytes], limits: Limits) -> Generator[tuple[Any, ...]]:
    """The first worksheet's rows, streamed, after the size checks. Closes the workbook when done."""
    from openpyxl import load_workbook

    size = _size(stream)
    if size > limits.max_file_bytes:
        raise _refuse(f"Tệp {_megabytes(size)} vượt quá dung lượng cho phép ({_megabytes(limits.max_file_bytes)}).")
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.") from exc
    if unpacked > limits.max_unpacked_bytes:
        raise _refuse(
            f"Nội dung tệp khi giải nén là {_megabytes(unpacked)}, vượt quá mức cho phép "
            f"({_megabytes(limits.max_unpacked_bytes)}); có thể một ô chứa quá nhiều chữ."
        )
    stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise _refuse("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.") from exc
    try:
        if not workbook.worksheets:
            raise _refuse("Bảng tính trống.")
        sheet = workbook.worksheets[0]
        # The declared size (<dimension>) may be stale or forged: read until our own limits say stop.
        sheet.reset_dimensions()
        header = next(sheet.iter_rows(max_row=1, max_col=limits.max_columns, values_only=True), None)
        if header is None:
            raise _refuse("Bảng tính trống.")
        width = max((i + 1 for i, cell in enumerate(header) if cell_text(cell).strip()), default=0)
        yield tuple(header[:width])
        if width:
            yield from sheet.iter_rows(min_row=2, max_col=width, values_only=True)
    finally:
        workbook.close()


def _header(header: tuple[Any, ...], columns: Sequence[Column]) -> tuple[dict[int, Column], list[RowError]]:
    by_label = {fold(c.label): c for c in columns}
    positions: dict[int, Column] = {}
    seen: set[str] = set()
    errors: list[RowError] = []
    for index, cell in enumerate(header):
        text = cell_text(cell).strip()
        column = by_label.get(fold(text))
        if column is not None:
            if column.key in seen:
                errors.append(RowError(1, text, "cột bị lặp."))
            seen.add(column.key)
            positions[index] = column
        elif text:
            errors.append(RowError(1, text, "cột không được hỗ trợ."))
    for column in columns:
        if column.required and column.key not in seen:
            errors.append(RowError(1, column.label, "thiếu cột bắt buộc."))
    return positions, errors


def _blank(values: tuple[Any, ...]) -> bool:
    return all(v is None or not cell_text(v).strip() for v in values)


def _read[T](importer: Importer[T, Any], stream: IO[bytes]) -> tuple[list[Parsed[T]], _Collector]:
    """Read and parse every row; the errors so far are in the collector (the check has not run)."""
    limits = importer.limits
    started = time.monotonic()
    rows = _open_rows(stream, limits)
    try:
        header = next(rows)
        positions, header_errors = _header(header, importer.columns)
        if header_errors:
            raise ImportRejected(header_errors)
        by_key = {c.key: c for c in importer.columns}
        errors = _Collector(limits.max_errors)
        parsed: list[Parsed[T]] = []
        blank_run = 0
        for number, values in enumerate(rows, start=2):
            if _blank(values):
                blank_run += 1
                if blank_run >= limits.blank_run:
                    break
                continue
            blank_run = 0
            if number - 1 > limits.max_rows:
                raise _refuse(f"Tệp có quá {format_number(limits.max_rows)} dòng.", row=number)
            if time.monotonic() - started > limits.max_seconds:
                seconds = format_number(limits.max_seconds)
                raise _refuse(f"Kiểm tra tệp vượt quá {seconds} giây; hãy chia thành nhiều tệp nhỏ hơn.", row=number)
            cells: dict[str, Any] = {c.key: None for c in positions.values()}
            row_errors: list[RowError] = []
            for index, column in positions.items():
                value = values[index] if index < len(values) else None
                if isinstance(value, str):
                    value = value.strip()
                text = cell_text(value)
                if len(text) > column.max_length:
                    row_errors.append(
                        RowError(
                            number,
                            column.label,
                            f"dài {format_number(len(text))} ký tự, vượt quá {format_number(column.max_length)}"
                            " ký tự cho phép.",
                        )
                    )
                    continue
                if column.required and not text.strip():
                    row_errors.append(RowError(number, column.label, "bắt buộc."))
                cells[column.key] = value if text.strip() else None
            if not row_errors:
                result = importer.parse(Row(number, cells, by_key))
                if isinstance(result, list):
                    row_errors = result
                else:
                    parsed.append(Parsed(number, result))
            errors.add(row_errors)
        return parsed, errors
    finally:
        rows.close()


def _checked[T](importer: Importer[T, Any], stream: IO[bytes]) -> list[Parsed[T]]:
    parsed, errors = _read(importer, stream)
    errors.add(importer.check(parsed))
    if errors.errors:
        raise ImportRejected(errors.sorted())
    if not parsed:
        raise _refuse("Bảng tính không có dòng dữ liệu nào.")
    return parsed


def stage[T](importer: Importer[T, Any], stream: IO[bytes]) -> Staged[T]:
    """Check every row (the parser's and the service's checks); nothing is written.

    :class:`ImportRejected` lists every bad cell (up to :attr:`Limits.max_errors`).
    """
    return Staged(_checked(importer, stream))


def run[T, R](importer: Importer[T, R], stream: IO[bytes]) -> R:
    """Check every row, then apply them through the service, in one transaction: all rows or none."""
    with transaction.atomic():
        return importer.apply(_checked(importer, stream))
