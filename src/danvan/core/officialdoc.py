"""Official documents as DOCX: the one layout engine of every generated document (DOMAIN §7).

Two formats:

* :attr:`Format.STATE` — a state document, Nghị định 30/2020/NĐ-CP, Phụ lục I (DOMAIN §7.1): the national
  motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" top right with its rule, the
  issuing body top left (its parent body above it, a short rule below) with "Số: 12/TB-UBND" under it;
* :attr:`Format.PARTY` — a Party document, Hướng dẫn 36-HD/VPTW (DOMAIN §7.2): "ĐẢNG CỘNG SẢN VIỆT NAM"
  top right with its rule, the superior Party committee (regular) and the issuing organ (bold) top left,
  then an asterisk, and "Số 25-TB/BTGDVTU" (a hyphen between number and type, no colon). A Ban Tuyên giáo
  và Dân vận's inspection conclusion is a Party document.

Both: A4 portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman, body 14 pt,
justified with a 1,27 cm first-line indent and 6 pt after; the place and date in italics under the motto;
the type in capitals and the subject centred in bold with a short rule; headings, simple tables; "Nơi nhận"
bottom left and the signature block bottom right; page numbers centred in the header from page 2.

A caller describes the document (:class:`OfficialDocument`: who issues it, its number, type and subject,
its blocks, recipients and signature) and :func:`render` lays it out. Pure: no database, no settings; the
caller gives the names, the place and the date. Decision: the header is a borderless two-column table
(40 % / 60 %, so that the motto stands on one line), the rules are paragraph bottom borders.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from danvan.core.text import format_date_long

FONT = "Times New Roman"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
#: The header's columns: the issuer about 40 %, the motto about 60 % (DOMAIN §7.1, checked in LibreOffice).
LEFT_SHARE = 0.4
BODY_PT = 14
FIRST_LINE_INDENT_CM = 1.27

MOTTO_STATE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_STATE_SUB = "Độc lập - Tự do - Hạnh phúc"
MOTTO_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"


class Format(StrEnum):
    STATE = "state"  # Nghị định 30/2020/NĐ-CP
    PARTY = "party"  # Hướng dẫn 36-HD/VPTW


#: The authority prefixes of a signature: the state writes "TM.", the Party "T/M" (DOMAIN §7.1, §7.2).
_PREFIXES = {
    "TM": {Format.STATE: "TM.", Format.PARTY: "T/M"},
    "KT": {Format.STATE: "KT.", Format.PARTY: "K/T"},
    "TL": {Format.STATE: "TL.", Format.PARTY: "T/L"},
    "TUQ": {Format.STATE: "TUQ.", Format.PARTY: "TUQ."},
    "Q": {Format.STATE: "Q.", Format.PARTY: "Q."},
}


def authority(prefix: str, body: str, fmt: Format) -> str:
    """The authority line of a signature: ``authority("TM", "Đoàn kiểm tra", Format.PARTY)`` →
    "T/M ĐOÀN KIỂM TRA"; ``""`` as the prefix signs in one's own name (the body is then left out)."""
    if not prefix:
        return ""
    mark = _PREFIXES.get(prefix.strip(" ./").upper().replace("/", ""), {}).get(fmt, prefix)
    return f"{mark} {body.upper()}".strip()


def number_line(number: str, fmt: Format) -> str:
    """ "Số: 12/TB-UBND" (state) or "Số 12-TB/BTGDVTU" (Party); the number as the body writes it."""
    return f"Số {number}" if fmt == Format.PARTY else f"Số: {number}"


def dated_line(place: str, day: datetime.date | None) -> str:
    """ "Đức Xuân, ngày 05 tháng 02 năm 2026"; without a day, the blanks the signer fills in by hand."""
    when = format_date_long(day) if day is not None else "ngày     tháng     năm 20…"
    return f"{place}, {when}" if place else when[:1].upper() + when[1:]


# --- what a document is made of --------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified, first-line indent; ``bold`` / ``italic`` for the whole of it."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading inside the body ("I. KẾT QUẢ KIỂM TRA", "1. Ưu điểm"): bold, level 1 in capitals."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Bullets:
    """Lines each beginning with "- " (the Vietnamese list), justified with the body's indent."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A simple grid: a bold header row, then the rows; ``widths`` in millimetres (optional)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()


Block = Paragraph | Heading | Bullets | Table


@dataclass(frozen=True)
class Signature:
    """The block bottom right: "T/M ĐOÀN KIỂM TRA" / "TRƯỞNG ĐOÀN" / (space to sign) / "Nguyễn Thị Huế"."""

    title: str
    name: str = ""
    #: The authority line (:func:`authority`), e.g. "TM. ỦY BAN NHÂN DÂN"; empty when one signs as oneself.
    on_behalf: str = ""


@dataclass
class OfficialDocument:
    """One document: the issuer, its number, place and date, type and subject, the body, who receives it
    and who signs it. Build it, add blocks (:meth:`heading`, :meth:`paragraph`…), then :func:`render`."""

    issuer: str
    doc_type: str
    subject: str = ""
    fmt: Format = Format.STATE
    #: The body above the issuer (cơ quan chủ quản, or the superior Party committee).
    parent: str = ""
    #: After "Số": "12/TB-UBND", "25-TB/BTGDVTU"; blanks ("   /TB-UBND") when the number is given on issue.
    number: str = ""
    place: str = ""
    day: datetime.date | None = None
    recipients: Sequence[str] = ()
    signature: Signature | None = None
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str, level: int = 1) -> OfficialDocument:
        self.blocks.append(Heading(text, level))
        return self

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False) -> OfficialDocument:
        for part in [p.strip() for p in text.split("\n\n")] if text else []:
            if part:
                self.blocks.append(Paragraph(part, bold=bold, italic=italic))
        return self

    def bullets(self, items: Sequence[str]) -> OfficialDocument:
        chosen = tuple(i.strip() for i in items if i and i.strip())
        if chosen:
            self.blocks.append(Bullets(chosen))
        return self

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] = ()
    ) -> OfficialDocument:
        self.blocks.append(Table(tuple(header), tuple(tuple(str(c) for c in r) for r in rows), tuple(widths)))
        return self


def recipient_lines(items: Sequence[str]) -> list[str]:
    """The items of "Nơi nhận" as written: "- Như trên;" … "- Lưu: VT." — an item already beginning with
    "-" is kept as the caller wrote it (a template's own lines)."""
    chosen = [i.strip() for i in items if i and i.strip()]
    lines = []
    for n, item in enumerate(chosen):
        if item.startswith("-"):
            lines.append(item)
            continue
        end = "." if n == len(chosen) - 1 else ";"
        lines.append(f"- {item.rstrip(';.')}{end}")
    return lines


# --- the layout ------------------------------------------------------------------------------------


def _run(paragraph: Any, text: str, *, size: float, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    # East-Asian and complex-script slots too, so that Word does not substitute a font for Vietnamese.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    return run


def _para(container: Any, text: str = "", *, size: float = BODY_PT, align: Any = WD_ALIGN_PARAGRAPH.CENTER,
          bold: bool = False, italic: bool = False, after: float = 0, first: Any = None) -> Any:  # fmt: skip
    paragraph = container.add_paragraph() if hasattr(container, "add_paragraph") else container
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if first is not None:
        fmt.first_line_indent = first
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _rule(paragraph: Any, *, indent_mm: float) -> None:
    """A solid rule under ``paragraph`` (its bottom border), shortened by ``indent_mm`` on each side."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)
    paragraph.paragraph_format.left_indent = Mm(indent_mm)
    paragraph.paragraph_format.right_indent = Mm(indent_mm)


def _rule_paragraph(cell: Any, *, indent_mm: float) -> None:
    """An empty, tiny paragraph carrying the rule: the rule under a line stays the length asked for, not
    the length of the text above it."""
    p = _para(cell, size=2)
    _run(p, "", size=2)
    p.paragraph_format.line_spacing = Pt(2)
    _rule(p, indent_mm=indent_mm)


def _borderless(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table: Any, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)


def _page_number_header(section: Any) -> None:
    """Page numbers centred in the header, not on page 1 (DOMAIN §7.1)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(paragraph, "", size=13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _header(document: Any, doc: OfficialDocument) -> None:
    left_mm = TEXT_WIDTH_MM * LEFT_SHARE
    right_mm = TEXT_WIDTH_MM - left_mm
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _widths(table, (left_mm, right_mm))
    left, right = table.rows[0].cells
    # The issuer: the parent body (regular), the issuing body (bold), its rule (state) or "*" (Party).
    first = left.paragraphs[0]
    if doc.parent:
        _para(first, doc.parent.upper(), size=13)
        _para(left, doc.issuer.upper(), size=13, bold=True)
    else:
        _para(first, doc.issuer.upper(), size=13, bold=True)
    if doc.fmt == Format.PARTY:
        _para(left, "*", size=13)
    else:
        _rule_paragraph(left, indent_mm=left_mm / 3)
    if doc.number:
        _para(left, number_line(doc.number, doc.fmt), size=13, after=0).paragraph_format.space_before = Pt(6)
    # The motto (state) or the Party's name, with its rule, then the place and date in italics.
    if doc.fmt == Format.PARTY:
        _para(right.paragraphs[0], MOTTO_PARTY, size=15, bold=True)
        _rule_paragraph(right, indent_mm=right_mm / 4)
    else:
        _para(right.paragraphs[0], MOTTO_STATE, size=12, bold=True)
        _para(right, MOTTO_STATE_SUB, size=13, bold=True)
        _rule_paragraph(right, indent_mm=right_mm / 5)
    _para(right, dated_line(doc.place, doc.day), size=14, italic=True).paragraph_format.space_before = Pt(6)


def _title(document: Any, doc: OfficialDocument) -> None:
    _para(document, doc.doc_type.upper(), size=14, bold=True).paragraph_format.space_before = Pt(12)
    if doc.subject:
        for line in doc.subject.splitlines():
            _para(document, line.strip(), size=14, bold=True)
    _rule_paragraph(document, indent_mm=TEXT_WIDTH_MM * 0.38)
    _para(document, size=6, after=6)


def _body(document: Any, blocks: Sequence[Block]) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent = Cm(FIRST_LINE_INDENT_CM)
    for block in blocks:
        if isinstance(block, Heading):
            text = block.text.upper() if block.level == 1 else block.text
            p = _para(document, text, bold=True, align=justify, after=6, first=indent)
            p.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            _para(document, block.text, bold=block.bold, italic=block.italic, align=justify, after=6, first=indent)
        elif isinstance(block, Bullets):
            for item in block.items:
                text = item if item.startswith("-") else f"- {item}"
                _para(document, text, align=justify, after=6, first=indent)
        else:
            _table(document, block)


def _table(document: Any, block: Table) -> None:
    columns = max(len(block.header), *(len(r) for r in block.rows)) if block.rows else len(block.header)
    table = document.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.header, strict=False):
        _para(cell.paragraphs[0], text, size=13, bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for n, (cell, text) in enumerate(zip(cells, row, strict=False)):
            number = text.replace(".", "").replace(",", "").replace("%", "").strip().isdigit()
            align = WD_ALIGN_PARAGRAPH.RIGHT if number and n else WD_ALIGN_PARAGRAPH.LEFT
            _para(cell.paragraphs[0], text, size=13, align=align)
    if block.widths:
        _widths(table, block.widths)
    _para(document, size=6, after=6)


def _footer(document: Any, doc: OfficialDocument) -> None:
    left_mm = TEXT_WIDTH_MM * 0.45
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, (left_mm, TEXT_WIDTH_MM - left_mm))
    left, right = table.rows[0].cells
    lines = recipient_lines(doc.recipients)
    if lines:
        _para(left.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for line in lines:
            _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = doc.signature
    if signature is not None:
        first = right.paragraphs[0]
        if signature.on_behalf:
            _para(first, signature.on_behalf.upper(), size=13, bold=True)
            _para(right, signature.title.upper(), size=13, bold=True)
        else:
            _para(first, signature.title.upper(), size=13, bold=True)
        for _ in range(4):  # the space for the signature (and the seal)
            _para(right, size=13)
        if signature.name:
            _para(right, signature.name, size=14, bold=True)


def render(doc: OfficialDocument) -> bytes:
    """The document as DOCX bytes."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _page_number_header(section)
    _header(document, doc)
    _title(document, doc)
    _body(document, doc.blocks)
    _footer(document, doc)
    # python-docx's template opens with an empty paragraph; the header table comes first instead.
    body = document.element.body
    first = body[0]
    if first.tag == qn("w:p") and not first.xpath(".//w:t"):
        body.remove(first)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
