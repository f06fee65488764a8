"""The staged-import engine: upload → check every row → preview → apply, all rows or none.

An area declares an :class:`Importer`: its columns (:class:`Column`: the header, whether it is
required, how long a cell may be), a row parser (a :class:`Row` in, a clean row object or
:class:`RowError`\\ s out), the service's checks over the parsed rows, and an apply that calls the
area's service. The engine owns everything else, the same for every import:

- the header, matched ignoring accents and case; a missing required column, an unknown or a
  repeated one refuses the file;
- the limits (:class:`Limits`, whose defaults are this module's constants, read when a Limits is
  made): the file's size and its unpacked size (checked before openpyxl reads a byte, so a small
  file holding a 150 MB cell is refused at once), the size of each part openpyxl reads whole (the
  styles, the workbook), the declared size of the sheet (its ``<dimension>``), the number of rows,
  the length of every cell (never more than the model field holds, :data:`TEXT_MAX_LENGTH` for a
  text without one), the XML elements of one row, a time budget, and a bounded number of errors;
- reading in openpyxl's streaming mode (``read_only=True``), never trusting the declared size, and
  ending the sheet at the first run of :attr:`Limits.blank_run` blank rows, so five million blank
  rows cost a thousand;
- errors named by row and column in Vietnamese (“Dòng 4, cột “Năm”: …”), sorted by row;
- one transaction around the checks and the apply: a failing row rolls everything back.

An importer may also accept CSV (``formats`` with :data:`CSV`): UTF-8 with or without its BOM, or the
UTF-16 of Excel's "Unicode text"; the delimiter (comma, semicolon or tab) read from the header line. A
CSV goes through the same limits (size, rows, cell length, time, errors) and the same messages.

When the file's headers are not the importer's labels (another system's export: "Mã HS", "Ngày nhận"),
the caller passes a column *mapping*: each header of the file → the key (or label) of a column, or ""
to leave it out. :func:`inspect` reads the headers and the first rows and :func:`suggest` offers a mapping
by folded label and :attr:`Column.aliases`; :func:`check_mapping` refuses a missing required column, a
column chosen twice, an unknown target or a header the file does not have (docs/decisions/0013).

:func:`stage` checks and returns the preview (nothing written); :func:`run` checks and applies.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import io
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import IO, TYPE_CHECKING, Any, Literal, cast
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.core.text import fold, format_number, nfc

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook

MB = 1024 * 1024

# The limits of every import (see :class:`Limits`); a test or a deployment may change them here.
MAX_FILE_BYTES = 10 * MB
#: The sum of the unpacked parts of the .xlsx (a zip): 158 KB can unpack to 150 MB. Twenty thousand
#: rows of a registration sheet are a few MB of XML.
MAX_UNPACKED_BYTES = 50 * MB
#: A part openpyxl reads whole and turns into objects at once (the styles, the workbook, the
#: relationships): Excel's own are kilobytes; 47 MB of styles took openpyxl 27 s and 1,4 GB.
MAX_PART_BYTES = 5 * MB
MAX_ROWS = 20_000
MAX_COLUMNS = 100
#: This many blank rows in a row end the sheet; what follows is not read.
BLANK_RUN = 1_000
#: The XML elements inside one row (or one shared string): openpyxl builds a whole row before it
#: hands it over, and one row of 12 million empty cells took 42 s and 3,9 GB. A full Excel row is
#: 16.384 cells of two or three elements each.
MAX_ROW_ELEMENTS = 100_000
#: The XML elements outside rows (the sheet's other parts: merged cells, links, formatting…).
MAX_OTHER_ELEMENTS = 500_000
#: The shared strings (the distinct texts of the workbook): openpyxl reads them all before the first
#: row, about 7 µs each; 125 KB of them took 21 s. 20.000 rows of 20 columns hold at most 400.000.
MAX_STRINGS = 1_000_000
MAX_ERRORS = 200
#: Reading and parsing every row, openpyxl's reading included: 20.000 good rows take a few seconds.
MAX_SECONDS = 30.0
#: A text column whose model field has no max_length (a TextField): ten thousand characters is pages.
TEXT_MAX_LENGTH = 10_000
#: Where a worksheet's <dimension> is looked for: it comes second, after <sheetPr>.
_HEAD_BYTES = 64 * 1024


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


_DATETIME_FORMATS = (
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%H:%M %d/%m/%Y",
    "%H:%M:%S %d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
)


def parse_datetime(value: Any) -> datetime.datetime:
    """An Excel date and time, or text in dd/mm/yyyy [HH:MM[:SS]] (also "HH:MM dd/mm/yyyy" and ISO);
    a date alone is its midnight. Naive (the office's local time); ``ValueError`` otherwise."""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    text = " ".join(cell_text(value).split())
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)  # noqa: DTZ007 (the office's local time)
        except ValueError:
            continue
    return datetime.datetime.combine(parse_date(text), datetime.time())


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
    #: Other headers that mean this column (other systems' names), for :func:`suggest`.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limits:
    """What a sheet may hold. Each default is the module constant of the same name, read when the
    Limits is made; the defaults fit the imports README promises (up to 20.000 rows)."""

    max_file_bytes: int = field(default_factory=lambda: MAX_FILE_BYTES)
    max_unpacked_bytes: int = field(default_factory=lambda: MAX_UNPACKED_BYTES)
    max_part_bytes: int = field(default_factory=lambda: MAX_PART_BYTES)
    max_rows: int = field(default_factory=lambda: MAX_ROWS)
    max_columns: int = field(default_factory=lambda: MAX_COLUMNS)
    blank_run: int = field(default_factory=lambda: BLANK_RUN)
    max_row_elements: int = field(default_factory=lambda: MAX_ROW_ELEMENTS)
    max_other_elements: int = field(default_factory=lambda: MAX_OTHER_ELEMENTS)
    max_strings: int = field(default_factory=lambda: MAX_STRINGS)
    max_errors: int = field(default_factory=lambda: MAX_ERRORS)
    max_seconds: float = field(default_factory=lambda: MAX_SECONDS)


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

    def has(self, key: str) -> bool:
        """Does the file have this column (by its header or the mapping)? An absent column leaves a
        record's field as it is; a present one, even empty, is the file's value."""
        return key in self._cells

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

    def datetime(self, key: str, errors: list[RowError]) -> datetime.datetime | None:
        """The cell as a naive date and time (dd/mm/yyyy [HH:MM]), None when empty; a bad one (31/02,
        25:00) is added to ``errors``."""
        raw = self._cells.get(key)
        if not cell_text(raw).strip():
            return None
        try:
            return parse_datetime(raw)
        except ValueError:
            shown = cell_text(raw) if not isinstance(raw, datetime.datetime) else str(raw)
            errors.append(self.error(key, f"“{shown}” không phải ngày giờ hợp lệ (dd/mm/yyyy hoặc dd/mm/yyyy hh:mm)."))
            return None


def _no_check(rows: list[Parsed[Any]]) -> list[RowError]:
    return []


#: The kinds of file an importer may accept (:attr:`Importer.formats`).
XLSX = "xlsx"
CSV = "csv"


@dataclass(frozen=True)
class Importer[T, R]:
    """One import: its columns, how a row is parsed, the service's checks, and the apply.

    ``parse`` turns a :class:`Row` into a clean row object, or returns the row's errors; it is
    called only when the row's required cells are filled and every cell is within its length.
    ``check`` runs the service's checks over all parsed rows without writing (for the preview and
    before applying). ``apply`` calls the area's service, inside the engine's transaction; it
    raises :class:`ImportRejected` (see :func:`errors_from`) when the service refuses a row.
    ``formats``: :data:`XLSX` only unless the importer also takes :data:`CSV`.
    """

    columns: tuple[Column, ...]
    parse: Callable[[Row], T | list[RowError]]
    apply: Callable[[list[Parsed[T]]], R]
    check: Callable[[list[Parsed[T]]], list[RowError]] = field(default=_no_check)
    limits: Limits = field(default_factory=Limits)
    formats: frozenset[str] = frozenset({XLSX})


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


_INVALID = "Tệp không phải bảng tính Excel (.xlsx) hợp lệ."


class _Budget:
    """The time allowed for reading, and the limits, shared by every part read."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.max_seconds

    def check_time(self, row: int = 0) -> None:
        if time.monotonic() > self.deadline:
            seconds = format_number(self.limits.max_seconds)
            raise _refuse(f"Kiểm tra tệp vượt quá {seconds} giây; hãy chia thành nhiều tệp nhỏ hơn.", row=row)


class _Shape:
    """A part's XML counted element by element as openpyxl reads it (expat, no tree kept).

    openpyxl builds a whole record (a sheet's ``<row>``, a shared string's ``<si>``) before it hands
    it over, and keeps every element it does not know; a record of too many elements, or too many
    elements outside records, is refused before openpyxl has read them.
    """

    RECORDS = frozenset({"row", "si"})

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.row = 0  # the sheet row being read, as openpyxl numbers it (0 outside a sheet's rows)
        self.depth = 0  # inside a record: how deep
        self.elements = 0  # inside the current record
        self.others = 0
        self.strings = 0
        self.record = ""
        self.parser: Any = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end

    def feed(self, data: bytes) -> None:
        if self.parser is None:
            return
        try:
            self.parser.Parse(data, False)
        except expat.ExpatError:
            self.parser = None  # openpyxl's parser (expat too) refuses the same XML

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        if self.depth:
            self.depth += 1
            self.elements += 1
            if self.elements > self.limits.max_row_elements:
                raise self._too_many()
            return
        local = name.rpartition(" ")[2]
        if local in self.RECORDS:
            self.depth, self.elements, self.record = 1, 0, local
            if local == "row":
                number = attributes.get("r", "")
                self.row = int(number) if number.isdigit() else self.row + 1
            else:
                self.strings += 1
                if self.strings > self.limits.max_strings:
                    raise _refuse(
                        f"Tệp có hơn {format_number(self.limits.max_strings)} chuỗi chữ khác nhau; tệp có thể bị "
                        "hỏng hoặc bị làm giả."
                    )
            return
        self.others += 1
        if self.others > self.limits.max_other_elements:
            raise _refuse(
                f"Tệp có hơn {format_number(self.limits.max_other_elements)} phần tử XML ngoài các dòng dữ liệu; "
                "tệp có thể bị hỏng hoặc bị làm giả."
            )

    def _end(self, name: str) -> None:
        if self.depth:
            self.depth -= 1

    def _too_many(self) -> ImportRejected:
        limit = format_number(self.limits.max_row_elements)
        if self.record == "row":
            return _refuse(
                f"dòng có quá nhiều ô (hơn {limit} phần tử XML); tệp có thể bị hỏng hoặc bị làm giả, "
                "hãy chép dữ liệu sang một bảng tính mới rồi tải lên lại.",
                row=self.row,
            )
        return _refuse(f"Một ô chữ của tệp có hơn {limit} phần tử XML; tệp có thể bị hỏng hoặc bị làm giả.")


class _Metered:
    """A part of the archive as openpyxl streams it: each read checks the time and the part's shape."""

    def __init__(self, part: IO[bytes], budget: _Budget) -> None:
        self._part = part
        self._budget = budget
        self._shape = _Shape(budget.limits)

    def read(self, size: int = -1) -> bytes:
        self._budget.check_time(self._shape.row)
        data = self._part.read(size)
        self._shape.feed(data)
        return data

    def close(self) -> None:
        self._part.close()

    def __enter__(self) -> _Metered:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Archive(zipfile.ZipFile):
    """The .xlsx as openpyxl reads it: a part read whole is bounded, a part streamed is metered."""

    def __init__(self, stream: IO[bytes], budget: _Budget) -> None:
        super().__init__(stream)
        self.budget = budget

    def read(self, name: str | zipfile.ZipInfo, pwd: bytes | None = None) -> bytes:
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        limit = self.budget.limits.max_part_bytes
        if info.file_size > limit:
            raise _refuse(
                f"Phần “{info.filename}” của tệp khi giải nén là {_megabytes(info.file_size)}, vượt quá mức cho "
                f"phép ({_megabytes(limit)}); tệp có thể bị hỏng hoặc chứa quá nhiều định dạng, hãy chép dữ liệu "
                "sang một bảng tính mới rồi tải lên lại."
            )
        return super().read(name, pwd)

    def open(
        self,
        name: str | zipfile.ZipInfo,
        mode: Literal["r", "w"] = "r",
        pwd: bytes | None = None,
        *,
        force_zip64: bool = False,
    ) -> IO[bytes]:
        part = super().open(name, mode, pwd, force_zip64=force_zip64)
        return cast(IO[bytes], _Metered(part, self.budget)) if mode == "r" else part


def _declared_size(archive: zipfile.ZipFile, path: str) -> tuple[int, int, int, int] | None:
    """A worksheet's declared size (its ``<dimension>``: columns and rows), from the head of its XML only."""
    from openpyxl.utils.cell import range_boundaries

    with archive.open(path) as part:
        head = part.read(_HEAD_BYTES)
    found: dict[str, str] = {}  # the first of <dimension> and <sheetData>, and the ref if it is the former

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local in ("dimension", "sheetData") and "first" not in found:
            found["first"] = local
            found["ref"] = attributes.get("ref", "")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    with contextlib.suppress(expat.ExpatError):  # openpyxl's own parser will say so
        parser.Parse(head, False)
    if found.get("first") != "dimension":
        return None
    try:
        low_column, low_row, high_column, high_row = range_boundaries(found["ref"])
    except (ValueError, TypeError):
        return None
    if low_column and low_row and high_column and high_row:
        return low_column, low_row, high_column, high_row
    return None


@cache
def _loader() -> Callable[[_Archive, IO[bytes]], Workbook]:
    """openpyxl's read-only reader on our archive; built on first use (openpyxl takes a second to import).

    Only the first worksheet is sized, from the head of its XML: openpyxl sizes every sheet when it
    opens the file, reading the whole of one that declares no size (its write-only files, our exports
    among them, never do): five million blank rows took seconds and half a gigabyte before the first
    row. Chartsheets and external links are not read.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Sheet(ReadOnlyWorksheet):
        def __init__(self, workbook: Workbook, title: str, path: str, strings: list[str], size: Any) -> None:
            self._declared = size  # before openpyxl's __init__, which asks _get_size
            super().__init__(workbook, title, path, strings)

        def _get_size(self) -> None:
            if self._declared is not None:
                self._min_column, self._min_row, self._max_column, self._max_row = self._declared

    class Reader(ExcelReader):
        def __init__(self, archive: _Archive, stream: IO[bytes]) -> None:
            super().__init__(stream, read_only=True, keep_vba=False, data_only=True, keep_links=False)
            self.archive.close()  # openpyxl opened the stream itself; it reads through ours instead
            self.archive = archive
            self.valid_files = archive.namelist()

        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    first = not self.wb._sheets  # type: ignore[attr-defined]
                    size = _declared_size(self.archive, rel.target) if first else None  # only the first is read
                    worksheet = Sheet(self.wb, sheet.name, rel.target, self.shared_strings, size)
                    worksheet.sheet_state = sheet.state or "visible"
                    self.wb._sheets.append(worksheet)  # type: ignore[attr-defined]

    def load(archive: _Archive, stream: IO[bytes]) -> Workbook:
        reader = Reader(archive, stream)
        reader.read()
        return reader.wb

    return load


def _open_xlsx_rows(stream: IO[bytes], budget: _Budget) -> Generator[tuple[Any, ...]]:
    """The first worksheet's rows, streamed, after the size checks. Closes the file when done."""
    limits = budget.limits
    size = _size(stream)
    if size > limits.max_file_bytes:
        raise _refuse(f"Tệp {_megabytes(size)} vượt quá dung lượng cho phép ({_megabytes(limits.max_file_bytes)}).")
    stream.seek(0)
    try:
        archive = _Archive(stream, budget)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(_INVALID) from exc
    try:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > limits.max_unpacked_bytes:
            raise _refuse(
                f"Nội dung tệp khi giải nén là {_megabytes(unpacked)}, vượt quá mức cho phép "
                f"({_megabytes(limits.max_unpacked_bytes)}); có thể một ô chứa quá nhiều chữ."
            )
        try:
            workbook = _loader()(archive, stream)
        except ImportRejected:
            raise
        except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
            raise _refuse(_INVALID) from exc
        if not workbook.worksheets:
            raise _refuse("Bảng tính trống.")
        sheet = workbook.worksheets[0]
        # A sheet declaring more than the rows allowed and a blank run after them cannot be read to its
        # declared end; refused before its rows are read (a sheet with fewer data rows and many styled
        # blank ones below them is told what to delete).
        declared = sheet.max_row
        if declared is not None and declared - 1 > limits.max_rows + limits.blank_run:
            raise _refuse(
                f"Bảng tính khai báo {format_number(declared - 1)} dòng dữ liệu ({sheet.calculate_dimension()}), "
                f"vượt quá {format_number(limits.max_rows)} dòng cho phép. Nếu cuối bảng là các dòng trống còn "
                "định dạng, hãy xóa các dòng đó rồi tải tệp lên lại."
            )
        # The declared size may be stale or forged: read until our own limits say stop.
        sheet.reset_dimensions()
        try:
            first = sheet.iter_rows(max_row=1, max_col=limits.max_columns, values_only=True)
            header = next(first, None)
            first.close()
            if header is None:
                raise _refuse("Bảng tính trống.")
            width = max((i + 1 for i, cell in enumerate(header) if cell_text(cell).strip()), default=0)
            yield tuple(header[:width])
            if width:
                yield from sheet.iter_rows(min_row=2, max_col=width, values_only=True)
        except ImportRejected:
            raise
        except Exception as exc:  # a sheet's XML broken further down
            raise _refuse(_INVALID) from exc
    finally:
        archive.close()


_ZIP_MAGIC = b"PK\x03\x04"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DELIMITERS = (",", ";", "\t")


def _kind(stream: IO[bytes], formats: frozenset[str]) -> str:
    """:data:`XLSX` for a zip (an .xlsx, or a file that says it is one), :data:`CSV` for the rest if accepted."""
    stream.seek(0)
    head = stream.read(len(_ZIP_MAGIC))
    stream.seek(0)
    if head == _ZIP_MAGIC or CSV not in formats:
        return XLSX
    return CSV


def _decoded(data: bytes) -> str:
    """The CSV's text: UTF-8 (with or without its BOM) or UTF-16 with its BOM (Excel's "Unicode text")."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _refuse(f"Tệp CSV không đọc được theo mã {encoding.upper()}.") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(
            "Tệp CSV phải dùng bảng mã UTF-8 (trong Excel: Lưu thành “CSV UTF-8”) hoặc “Unicode Text”; "
            "tệp này dùng bảng mã khác (có thể là TCVN3, VNI hay Windows-1258)."
        ) from exc


def _delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _open_csv_rows(stream: IO[bytes], budget: _Budget) -> Generator[tuple[Any, ...]]:
    """The CSV's records as rows (text cells), after the size check: the header first."""
    limits = budget.limits
    size = _size(stream)
    if size > limits.max_file_bytes:
        raise _refuse(f"Tệp {_megabytes(size)} vượt quá dung lượng cho phép ({_megabytes(limits.max_file_bytes)}).")
    stream.seek(0)
    text = _decoded(stream.read(limits.max_file_bytes + 1))
    delimiter = _delimiter(text)
    record = 0

    def lines() -> Iterable[str]:
        # Each physical line is checked before the csv module splits it: the time, and how many cells
        # it could make (a line of a million delimiters is refused, not built).
        for line in io.StringIO(text, newline=""):
            budget.check_time(record + 1)
            if line.count(delimiter) > limits.max_row_elements:
                raise _refuse(
                    f"dòng có quá nhiều ô (hơn {format_number(limits.max_row_elements)}); tệp có thể bị hỏng.",
                    row=record + 1,
                )
            yield line

    reader = csv.reader(lines(), delimiter=delimiter, quotechar='"', strict=False)
    try:
        header = next(reader, None)
        record = 1
        if header is None:
            raise _refuse("Bảng tính trống.")
        header = header[: limits.max_columns]
        width = max((i + 1 for i, cell in enumerate(header) if cell.strip()), default=0)
        yield tuple(header[:width])
        if not width:
            return
        for values in reader:
            record += 1
            yield tuple(values[:width])
    except csv.Error as exc:
        raise _refuse(
            "tệp CSV không hợp lệ (dấu ngoặc kép không đóng, hoặc một ô dài hơn "
            f"{format_number(csv.field_size_limit())} ký tự).",
            row=record + 1,
        ) from exc


def _open_rows(stream: IO[bytes], budget: _Budget, formats: frozenset[str]) -> Generator[tuple[Any, ...]]:
    """The rows of the file, the header first, whichever kind it is."""
    if _kind(stream, formats) == CSV:
        return _open_csv_rows(stream, budget)
    return _open_xlsx_rows(stream, budget)


# --- the header and the mapping ----------------------------------------------------------------

#: A column mapping: each header of the file → the key (or the label) of an importer's column; "" leaves
#: the file's column out.
ColumnMapping = Mapping[str, str]


def _texts(header: Sequence[Any]) -> list[str]:
    return [cell_text(cell).strip() for cell in header]


def target(columns: Sequence[Column], name: str) -> Column | None:
    """The column a mapping names: by key, or by its label or an alias (accents and case ignored)."""
    for column in columns:
        if name == column.key:
            return column
    folded = fold(name)
    for column in columns:
        if folded in (fold(column.label), *(fold(a) for a in column.aliases)):
            return column
    return None


def suggest(columns: Sequence[Column], headers: Sequence[str]) -> dict[str, str]:
    """A first mapping for the user to confirm: each header whose folded text is a column's label or
    alias → that column's key (each column once, the first header wins); the others → ""."""
    names: dict[str, str] = {}
    for column in columns:
        for name in (column.label, *column.aliases):
            names.setdefault(fold(name), column.key)
    taken: set[str] = set()
    out: dict[str, str] = {}
    for header in headers:
        if not header or header in out:
            continue
        key = names.get(fold(header), "")
        if key in taken:
            key = ""
        if key:
            taken.add(key)
        out[header] = key
    return out


def check_mapping(
    columns: Sequence[Column], headers: Sequence[str], mapping: ColumnMapping
) -> tuple[dict[int, Column], list[RowError]]:
    """The file's column positions of a mapping, or why it is refused (errors of row 1, in Vietnamese):
    a header the file does not have (or has twice), an unknown target, a column chosen twice, a required
    column left without a header."""
    positions: dict[int, Column] = {}
    chosen: dict[str, str] = {}
    errors: list[RowError] = []
    folded = [fold(h) for h in headers]
    counts = Counter(f for f in folded if f)
    for source, name in mapping.items():
        source = nfc(source).strip()
        name = nfc(name or "").strip()
        if not name:
            continue
        column = target(columns, name)
        if column is None:
            labels = "; ".join(c.label for c in columns)
            errors.append(RowError(1, source, f"“{name}” không phải cột nào của mẫu nhập (các cột: {labels})."))
        if fold(source) not in counts:
            errors.append(RowError(1, source, "tệp không có cột này."))
            continue
        if counts[fold(source)] > 1:
            errors.append(RowError(1, source, "tệp có nhiều cột cùng tên này; hãy đổi tên cho khác nhau."))
            continue
        if column is None:
            continue
        if column.key in chosen:
            errors.append(
                RowError(
                    1,
                    source,
                    f"cột “{column.label}” đã được gán cho cột “{chosen[column.key]}” của tệp; "
                    "mỗi cột của mẫu chỉ nhận một cột của tệp.",
                )
            )
            continue
        chosen[column.key] = source
        positions[folded.index(fold(source))] = column
    for column in columns:
        if column.required and column.key not in chosen:
            errors.append(RowError(1, column.label, "thiếu cột bắt buộc: hãy chọn cột của tệp ứng với cột này."))
    return positions, errors


def _header(
    header: tuple[Any, ...], columns: Sequence[Column], mapping: ColumnMapping | None = None
) -> tuple[dict[int, Column], list[RowError]]:
    if mapping is not None:
        return check_mapping(columns, _texts(header), mapping)
    by_label = {fold(c.label): c for c in columns}
    positions: dict[int, Column] = {}
    seen: set[str] = set()
    errors: list[RowError] = []
    for index, text in enumerate(_texts(header)):
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


@dataclass(frozen=True)
class Sheet:
    """What :func:`inspect` saw of a file: its headers (in order, "" for a blank one), its first data rows
    as text, the suggested mapping and the kind of file."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    suggested: dict[str, str]
    kind: str


def inspect(importer: Importer[Any, Any], stream: IO[bytes], *, sample: int = 5) -> Sheet:
    """The headers and the first ``sample`` data rows, through the same limits, for the mapping screen."""
    budget = _Budget(importer.limits)
    kind = _kind(stream, importer.formats)
    rows = _open_rows(stream, budget, importer.formats)
    try:
        headers = tuple(_texts(next(rows)))
        if not any(headers):
            raise _refuse("Dòng đầu tiên của bảng tính phải là tên các cột; dòng này trống.")
        seen: list[tuple[str, ...]] = []
        blank_run = 0
        for number, values in enumerate(rows, start=2):
            budget.check_time(number)
            if len(seen) >= sample:
                break
            if _blank(values):
                blank_run += 1
                if blank_run >= importer.limits.blank_run:
                    break
                continue
            blank_run = 0
            texts = [cell_text(v).strip() for v in values] + [""] * (len(headers) - len(values))
            seen.append(tuple(t if len(t) <= 200 else t[:200] + "…" for t in texts[: len(headers)]))
        return Sheet(headers, tuple(seen), suggest(importer.columns, headers), kind)
    finally:
        rows.close()


# --- reading and checking ----------------------------------------------------------------------


def _read[T](
    importer: Importer[T, Any], stream: IO[bytes], mapping: ColumnMapping | None = None
) -> tuple[list[Parsed[T]], _Collector]:
    """Read and parse every row; the errors so far are in the collector (the check has not run)."""
    limits = importer.limits
    budget = _Budget(limits)
    rows = _open_rows(stream, budget, importer.formats)
    try:
        header = next(rows)
        positions, header_errors = _header(header, importer.columns, mapping)
        if header_errors:
            raise ImportRejected(header_errors)
        by_key = {c.key: c for c in importer.columns}
        errors = _Collector(limits.max_errors)
        parsed: list[Parsed[T]] = []
        blank_run = 0
        for number, values in enumerate(rows, start=2):
            budget.check_time(number)
            if _blank(values):
                blank_run += 1
                if blank_run >= limits.blank_run:
                    break
                continue
            blank_run = 0
            if number - 1 > limits.max_rows:
                raise _refuse(f"Tệp có quá {format_number(limits.max_rows)} dòng.", row=number)
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


def _checked[T](importer: Importer[T, Any], stream: IO[bytes], mapping: ColumnMapping | None = None) -> list[Parsed[T]]:
    parsed, errors = _read(importer, stream, mapping)
    errors.add(importer.check(parsed))
    if errors.errors:
        raise ImportRejected(errors.sorted())
    if not parsed:
        raise _refuse("Bảng tính không có dòng dữ liệu nào.")
    return parsed


@contextlib.contextmanager
def _named_by_file(columns: Sequence[Column], mapping: ColumnMapping | None) -> Generator[None]:
    """With a mapping, a refused row names the column as the file's header calls it ("Ngày nhận"), not
    as the importer does ("Ngày giờ tiếp nhận"): that is the column the user finds in the file."""
    try:
        yield
    except ImportRejected as exc:
        if not mapping:
            raise
        names: dict[str, str] = {}
        for source, name in mapping.items():
            column = target(columns, nfc(name or "").strip()) if name else None
            if column is not None:
                names[column.label] = nfc(source).strip()
        renamed = [RowError(e.row, names.get(e.column, e.column), e.message) if e.row > 1 else e for e in exc.errors]
        raise ImportRejected(renamed, truncated=exc.truncated) from exc


def stage[T](importer: Importer[T, Any], stream: IO[bytes], *, mapping: ColumnMapping | None = None) -> Staged[T]:
    """Check every row (the parser's and the service's checks); nothing is written.

    Without ``mapping`` the headers must be the importer's labels; with it, each header of the file is
    read as the column it is mapped to (:func:`check_mapping`). :class:`ImportRejected` lists every bad
    cell (up to :attr:`Limits.max_errors`).
    """
    with _named_by_file(importer.columns, mapping):
        return Staged(_checked(importer, stream, mapping))


def run[T, R](importer: Importer[T, R], stream: IO[bytes], *, mapping: ColumnMapping | None = None) -> R:
    """Check every row, then apply them through the service, in one transaction: all rows or none."""
    with _named_by_file(importer.columns, mapping), transaction.atomic():
        return importer.apply(_checked(importer, stream, mapping))
