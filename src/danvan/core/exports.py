"""Excel export shared by every area: a title, the filters used, a bold header and the rows.

Written with openpyxl's write-only mode, so a list of tens of thousands of
rows streams through in constant memory. Numbers stay numbers (Excel formats
them in the user's locale); dates are real Excel dates shown dd/mm/yyyy.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Text starting with one of these would become a formula (or a DDE call) in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_bytes(*, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], notes: Sequence[str] = ()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31].replace("/", "-") or "DanVan")
    bold = Font(bold=True)

    def styled(value: Any, font: Font | None = None) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        if font is not None:
            cell.font = font
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # text that a spreadsheet would run as a formula stays text
            cell.quotePrefix = True
        if isinstance(value, datetime.date):
            cell.number_format = "dd/mm/yyyy"
        return cell

    sheet.append([styled(title, Font(bold=True, size=13))])
    for note in notes:
        sheet.append([note])
    sheet.append([])
    sheet.append([styled(h, bold) for h in header])
    for row in rows:
        sheet.append([styled(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, *, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], notes: Sequence[str] = ()
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title=title, header=header, rows=rows, notes=notes), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
