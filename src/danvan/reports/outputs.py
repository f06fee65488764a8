"""A report's files: DOCX in the issuer's official layout, XLSX with every table, PDF — all drawn from its
:class:`~danvan.reports.content.Content` and its :class:`~danvan.reports.content.Header`, and from nothing
else (no database, no request): a draft prints what it shows, an issued report what it froze.

* :func:`docx` — through the one layout engine of every generated document (:mod:`danvan.core.officialdoc`):
  the header blocks where Nghị định 30/2020 puts them ("state"), Hướng dẫn 36-HD/VPTW ("party") or the
  Front's own guidance ("front"); the number line (blanks on a draft: "Số:       /BC-UBND"); the place and
  date in italics; "BÁO CÁO" and the subject; each section a heading "I.", "II."… with its paragraphs, its
  tables (a table wider than :data:`PORTRAIT_COLUMNS` on landscape pages) and its charts as pictures; "Nơi
  nhận" and the signature block.
* :func:`xlsx` — one sheet per section, every table under its title with a bold header row, numbers as
  numbers from the table's ``values`` (a percentage as a number with a % format, a date as a date), every
  text cell through :func:`danvan.core.exports.sheet_cell` (formula-like text stays text); the charts'
  figures too, as tables.
* :func:`pdf` — the same document laid out by WeasyPrint from ``templates/reports/print.html``, the charts
  inlined as SVG.

A header that cannot be printed (an unknown format, a day that is not a date) raises :class:`OutputError`
with a Vietnamese message naming the field.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from danvan.core import officialdoc
from danvan.core.exports import sheet_cell
from danvan.core.officialdoc import LAYOUTS, Format, OfficialDocument, Signature
from danvan.core.text import fold, format_date
from danvan.reports import charts
from danvan.reports.content import ChartJSON, Content, Header, SectionJSON, TableJSON

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
#: A table with more columns than this goes on landscape pages (DOMAIN §7.1: "tables may be landscape").
PORTRAIT_COLUMNS = 6
LANDSCAPE_TEXT_MM = officialdoc.PAGE_HEIGHT_MM - officialdoc.MARGINS_MM["left"] - officialdoc.MARGINS_MM["right"]
CHART_MM = 150


class OutputError(ValueError):
    """A header or content that cannot be printed; the message names the field."""


# --- the header -------------------------------------------------------------------------------------


def document_format(header: Header) -> Format:
    try:
        return Format(header.get("fmt") or Format.STATE)
    except ValueError:
        known = ", ".join(f"“{f.value}”" for f in Format)
        raise OutputError(f"Thể thức “{header.get('fmt')}” không có; dùng một trong {known}.") from None


def issue_day(header: Header) -> datetime.date | None:
    """The day of issue, or None on a draft (the blanks are printed)."""
    text = (header.get("day") or "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise OutputError(f"Ngày ban hành “{text}” không phải một ngày (viết dạng 2026-07-05).") from None


#: Type abbreviations (NĐ 30/2020, Phụ lục III; HD 36-HD/VPTW): what a blank number is made of.
_TYPES = {"bao cao": "BC", "thong bao": "TB", "ke hoach": "KH", "to trinh": "TTr", "chuong trinh": "CTr"}
#: How the usual issuers abbreviate their name in a number's symbol ("05/BC-UBND", "25-BC/BTGDVTU",
#: "12/BC-MTTQ-BTT"): the folded start of the name and its letters. Longest first.
_ISSUERS = (
    ("uy ban trung uong mat tran to quoc viet nam", "MTTW"),
    ("uy ban mat tran to quoc viet nam", "MTTQ"),
    ("uy ban mttq viet nam", "MTTQ"),
    ("ban tuyen giao va dan van", "BTGDV"),
    ("ban thuong truc", "BTT"),
    ("uy ban nhan dan", "UBND"),
    ("hoi dong nhan dan", "HĐND"),
    ("ban dan van", "BDV"),
    ("tinh uy", "TU"),
    ("thanh uy", "TU"),
    ("huyen uy", "HU"),
    ("quan uy", "QU"),
    ("dang uy", "ĐU"),
)


def _letters(name: str) -> str:
    folded = fold(name)
    return next((code for start, code in _ISSUERS if folded.startswith(start)), "")


def symbol(header: Header) -> str:
    """The number's symbol from the issuer, as the office writes it: "BC-UBND" (state), "BC/BTGDVTU"
    (Party: the organ, then its committee), "BC-MTTQ-BTT" (Front: the committee, then the organ); dots
    where the issuer's letters are not known. The issuer's template's own symbol, when the header carries
    it (``header["symbol"]``), wins."""
    given = str(header.get("symbol") or "").strip()
    if given:
        return given
    fmt = document_format(header)
    kind = _TYPES.get(fold(header.get("doc_type") or "Báo cáo"), "BC")
    issuer, parent = _letters(header.get("issuer", "")), _letters(header.get("parent", ""))
    if fmt == Format.PARTY:
        return f"{kind}/{issuer + parent or '……'}"
    if fmt == Format.FRONT:
        return f"{kind}-{'-'.join(c for c in (parent, issuer) if c) or '……'}"
    return f"{kind}-{issuer or '……'}"


#: The room left for the number on a draft, written in by hand or on issue.
BLANK = "\u00a0" * 7


def number(header: Header) -> str:
    """What follows "Số": the issued number, or on a draft its blanks with the symbol ("       /BC-UBND",
    "       -BC/BTGDVTU")."""
    given = (header.get("number") or "").strip()
    if given:
        return given
    mark = symbol(header)
    if document_format(header) == Format.PARTY:
        return f"{BLANK}-{mark}"
    return f"{BLANK}/{mark}"


def _signature(header: Header, fmt: Format) -> Signature | None:
    signed: dict[str, Any] = dict(header.get("signature") or {})
    title, name = (signed.get("title") or "").strip(), (signed.get("name") or "").strip()
    on_behalf = (signed.get("on_behalf") or "").strip()
    if not (title or name or on_behalf):
        return None
    return Signature(title=title, name=name, on_behalf=officialdoc.authority_line(on_behalf, fmt) if on_behalf else "")


# --- the body ---------------------------------------------------------------------------------------

_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50), ("XL", 40),
          ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))  # fmt: skip


def roman(n: int) -> str:
    """1 → "I", 4 → "IV", 14 → "XIV": the numbers of a report's parts."""
    out = []
    for letters, value in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def heading(index: int, section: SectionJSON) -> str:
    return f"{roman(index)}. {section['title']}"


def wide(table: TableJSON) -> bool:
    return len(table["columns"]) > PORTRAIT_COLUMNS


def column_widths(count: int, total_mm: float) -> tuple[float, ...]:
    """The first column (the row's name) about a third of the width, the figures share the rest."""
    if count <= 1:
        return (total_mm,) * count
    first = total_mm * (0.34 if count <= PORTRAIT_COLUMNS else 0.22)
    rest = (total_mm - first) / (count - 1)
    return (first, *([rest] * (count - 1)))


def _rows(table: TableJSON) -> list[list[str]]:
    width = len(table["columns"])
    return [[str(c) for c in row] + [""] * (width - len(row)) for row in table["rows"]]


def official_document_header(header: Header) -> OfficialDocument:
    """The header, footer and signature of the report without its body."""
    fmt = document_format(header)
    return OfficialDocument(
        issuer=header.get("issuer", ""),
        parent=header.get("parent", ""),
        doc_type=header.get("doc_type") or "Báo cáo",
        subject=header.get("subject", ""),
        fmt=fmt,
        number=number(header),
        place=header.get("place", ""),
        day=issue_day(header),
        recipients=list(header.get("recipients") or ()),
        signature=_signature(header, fmt),
    )


def official_document(content: Content, header: Header) -> OfficialDocument:
    """The report as the layout engine's document (what :func:`docx` renders)."""
    doc = official_document_header(header)
    for index, section in enumerate(content["sections"], start=1):
        doc.heading(heading(index, section))
        for paragraph in section.get("paragraphs") or []:
            doc.paragraph(paragraph)
        for table in section.get("tables") or []:
            landscape = wide(table)
            total = LANDSCAPE_TEXT_MM if landscape else officialdoc.TEXT_WIDTH_MM
            widths = column_widths(len(table["columns"]), total)
            doc.table(table["columns"], _rows(table), widths, title=table["title"], landscape=landscape)
        for chart in (section.get("charts") or [])[:DOCX_CHARTS]:
            doc.image(charts.png(chart, width_mm=CHART_MM, titled=False), width_mm=CHART_MM, title=chart["title"])
    return doc


#: The charts of a section the DOCX pictures (its first: the trend by month). Each costs about 0,3 s to draw,
#: and an issued report is a text with tables; every chart stays in the page, the PDF and the XLSX's figures.
DOCX_CHARTS = 1


def docx(content: Content, header: Header) -> bytes:
    """The report as DOCX in the official layout of its issuer."""
    return officialdoc.render(official_document(content, header))


# --- XLSX -------------------------------------------------------------------------------------------

#: Characters a sheet's name may not hold (Excel), and its longest name.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


def sheet_names(titles: Sequence[str]) -> list[str]:
    """A name for each sheet: "1. Tiếp công dân, xử lý đơn thư" cut to 31 characters, without the
    characters Excel refuses, unique (Excel compares names without case)."""
    used: set[str] = set()
    names = []
    for n, title in enumerate(titles, start=1):
        base = " ".join(_SHEET_FORBIDDEN.sub("-", f"{n}. {title}").split()).strip("'")
        name, copy = _cut(base, SHEET_NAME_MAX), 1
        while name.casefold() in used:
            copy += 1
            suffix = f" ({copy})"
            name = _cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def _cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut after a whole word and marked "…" when too long."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " " and " " in head[limit // 2 :]:  # not cut between two words: back to the last
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" '-,;:.") + "…"


_DAY = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


def _percent_format(text: str) -> str:
    """The Excel format showing as many decimals as the report did: "85,16%" → "0.00%", "50%" → "0%"."""
    decimals = len(text.rstrip("%").partition(",")[2])
    return "0." + "0" * decimals + "%" if decimals else "0%"


def excel_value(text: str, value: Any) -> tuple[Any, str]:
    """A table cell for Excel, from its printed text and its value: ``(value, number_format)``. Numbers
    stay numbers, a percentage becomes its fraction with a % format (85,16% → 0.8516, "0.00%"), a date a
    date; nothing counted (null printed "0") is 0; anything else the text as printed."""
    if isinstance(value, bool):
        return text, ""
    if isinstance(value, int | float):
        if text.strip().endswith("%"):
            return value / 100, _percent_format(text.strip())
        return value, ""
    if value is None:
        return (0, "") if text.strip() == "0" else (text, "")
    if isinstance(value, str) and _DAY.match(text.strip()):
        try:
            return datetime.date.fromisoformat(value), ""
        except ValueError:
            pass
    return text, ""


def _table_rows(table: TableJSON) -> Iterable[list[tuple[Any, str]]]:
    values = table.get("values") or []
    for r, row in enumerate(_rows(table)):
        raw = values[r] if r < len(values) else []
        yield [excel_value(text, raw[c] if c < len(raw) else text) for c, text in enumerate(row)]


def _chart_table(chart: ChartJSON) -> TableJSON:
    columns, rows = charts.series_rows(chart)
    columns[0] = "Mục"
    return {
        "title": f"Số liệu biểu đồ: {chart['title']}",
        "columns": columns,
        "rows": [[str(c) for c in row] for row in rows],
        "values": [list(row) for row in rows],
    }


def xlsx(content: Content, header: Header) -> bytes:
    """Every table of the report in a workbook: one sheet per section."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    title_font, bold = Font(bold=True, size=13), Font(bold=True)
    period = f"{content['period_label']} ({_period_span(content)})" if content.get("period_start") else ""
    about = " — ".join(t for t in (header.get("subject") or "", content.get("unit_name", ""), period) if t)
    sections: list[SectionJSON | None] = [*content["sections"]] or [None]
    names = sheet_names([s["title"] if s else "Báo cáo" for s in sections])
    for name, section in zip(names, sections, strict=True):
        sheet = workbook.create_sheet(name)
        sheet.column_dimensions["A"].width = 48
        for letter in "BCDEFGHIJKLMN":
            sheet.column_dimensions[letter].width = 20
        if section is None:
            sheet.append([sheet_cell(sheet, "Báo cáo không có phần nào trong phạm vi được xem.", title_font)])
            continue
        sheet.append([sheet_cell(sheet, section["title"], title_font)])
        if about:
            sheet.append([sheet_cell(sheet, about)])
        tables = [*(section.get("tables") or []), *(_chart_table(c) for c in section.get("charts") or [])]
        for table in tables:
            sheet.append([])
            sheet.append([sheet_cell(sheet, table["title"], bold)])
            sheet.append([sheet_cell(sheet, c, bold) for c in table["columns"]])
            for row in _table_rows(table):
                cells = []
                for value, number_format in row:
                    if number_format:
                        cell = WriteOnlyCell(sheet, value=value)
                        cell.number_format = number_format
                        cells.append(cell)
                    else:
                        cells.append(sheet_cell(sheet, value))
                sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _period_span(content: Content) -> str:
    start = datetime.date.fromisoformat(content["period_start"])
    end = datetime.date.fromisoformat(content["period_end"])
    return f"{format_date(start)} – {format_date(end)}"


# --- PDF --------------------------------------------------------------------------------------------


def _numeric(text: str) -> bool:
    return text.replace(".", "").replace(",", "").replace("%", "").replace("-", "").strip().isdigit()


def print_context(content: Content, header: Header) -> dict[str, Any]:
    """What ``reports/print.html`` lays out: the header blocks as lines, the sections with their tables
    and their charts as SVG, the recipients and the signature."""
    doc = official_document_header(header)
    layout = LAYOUTS[doc.fmt]
    left = [(line, False) for line in officialdoc.name_lines(doc.parent, doc.fmt)]
    left += [(line, True) for line in officialdoc.name_lines(doc.issuer, doc.fmt)]
    sections = []
    for index, section in enumerate(content["sections"], start=1):
        tables = [
            {
                "title": table["title"],
                "columns": table["columns"],
                "rows": [[(cell, n > 0 and _numeric(cell)) for n, cell in enumerate(row)] for row in _rows(table)],
                "wide": wide(table),
            }
            for table in section.get("tables") or []
        ]
        figures = [
            # The SVG is drawn here, every text in it escaped (charts.svg): it is inlined as it is.
            {"title": chart["title"], "svg": mark_safe(charts.svg(chart, id_prefix=f"s{index}c{n}"))}  # noqa: S308
            for n, chart in enumerate(section.get("charts") or [], start=1)
        ]
        sections.append({"heading": heading(index, section).upper(), "paragraphs": section.get("paragraphs") or [],
                         "tables": tables, "charts": figures})  # fmt: skip
    signature = doc.signature
    return {
        "title": " ".join(t for t in (doc.doc_type, doc.subject) if t),
        "fmt": doc.fmt.value,
        "left": left,
        "mark": layout.mark,
        "number": officialdoc.number_line(doc.number, doc.fmt),
        "top_right": layout.top_right,
        "rule_width": round(100 - 200 * layout.rule_inset),
        "dated": officialdoc.dated_line(doc.place, doc.day),
        "doc_type": doc.doc_type.upper(),
        "subject": [line.strip() for line in doc.subject.splitlines() if line.strip()],
        "sections": sections,
        "recipients": officialdoc.recipient_lines(doc.recipients),
        "signature": signature,
    }


def print_html(content: Content, header: Header) -> str:
    """The HTML the PDF is printed from (a test and a print preview read it too)."""
    return render_to_string("reports/print.html", print_context(content, header))


def pdf(content: Content, header: Header) -> bytes:
    """The report as PDF (A4, the official layout in HTML and CSS, the charts as SVG)."""
    # Imported here: WeasyPrint loads Pango when imported, and only printing needs it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Nothing is fetched: the page holds everything it shows (the charts are inline SVG).
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    out = HTML(string=print_html(content, header), url_fetcher=fetcher).write_pdf()
    assert isinstance(out, bytes)
    return out
