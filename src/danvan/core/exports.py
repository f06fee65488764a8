"""Excel export shared by every area: a title, the filters used, a bold header and the rows.

Written with openpyxl's write-only mode, so a list of tens of thousands of
rows streams through in constant memory. Numbers stay numbers (Excel formats
them in the user's locale); dates are real Excel dates shown d/m/yyyy (1/12/2026, as on the pages).

Every cell of every export goes through :func:`sheet_cell`: text that a spreadsheet would run as a
formula or a DDE call (starting with =, +, -, @, a tab or a carriage return: OWASP's "CSV injection")
is written as a text cell, as typed, with Excel's quote prefix so that it stays text when edited too.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.http import HttpResponse

if TYPE_CHECKING:
    from openpyxl.styles import Font
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Text starting with one of these would become a formula (or a DDE call) in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: Any) -> bool:
    """Whether ``value`` is text that a spreadsheet would run rather than show (numbers never are)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def sheet_cell(sheet: WriteOnlyWorksheet, value: Any, font: Font | None = None) -> Any:
    """What to append to ``sheet`` for ``value``: the one place every exported cell is made.

    Control characters a sheet cannot hold are dropped. Formula-like text becomes a text cell (openpyxl
    would take "=…" for a formula) showing exactly what was typed, with the quote prefix; a date is shown
    d/m/yyyy. A value with nothing to do (a number, ordinary text) goes in as it is, so that a long
    export does not build a cell object per value."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        # Control characters (pasted from other software) cannot be stored in a sheet: openpyxl refuses
        # them and the whole export would fail. They carry nothing readable; they are left out.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    risky = formula_like(value)
    is_date = isinstance(value, datetime.date)
    if font is None and not risky and not is_date:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if risky:
        cell.data_type = "s"  # set after the value: the value's setter had made it "f"
        cell.quotePrefix = True
    elif is_date:
        cell.number_format = "d/m/yyyy"
    return cell


def write_xlsx(
    target: str | Path | IO[bytes],
    *,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    notes: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
    progress_every: int = 500,
) -> int:
    """Write the sheet (title, notes, a blank line, the bold header, the rows), every cell through
    :func:`sheet_cell`; ``progress`` hears the count every ``progress_every`` rows. Returns the number of rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31].replace("/", "-") or "DanVan")
    sheet.append([sheet_cell(sheet, title, Font(bold=True, size=13))])
    for note in notes:
        sheet.append([sheet_cell(sheet, note)])
    sheet.append([])
    bold = Font(bold=True)
    sheet.append([sheet_cell(sheet, h, bold) for h in header])
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append([sheet_cell(sheet, v) for v in row])
        if progress is not None and count % progress_every == 0:
            progress(count)
    workbook.save(target)
    return count


def xlsx_bytes(*, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], notes: Sequence[str] = ()) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, title=title, header=header, rows=rows, notes=notes)
    return buffer.getvalue()


def xlsx_response(
    filename: str, *, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], notes: Sequence[str] = ()
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title=title, header=header, rows=rows, notes=notes), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
