"""Official documents as DOCX: the one layout engine of every generated document (DOMAIN §7).

Three formats:

* :attr:`Format.STATE` — a state document, Nghị định 30/2020/NĐ-CP, Phụ lục I (DOMAIN §7.1): the national
  motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" top right with its rule, the
  issuing body top left (its parent body above it, a short rule below) with "Số: 12/TB-UBND" under it;
* :attr:`Format.PARTY` — a Party document, Hướng dẫn 36-HD/VPTW (DOMAIN §7.2): "ĐẢNG CỘNG SẢN VIỆT NAM"
  top right with its rule, the superior Party committee (regular) and the issuing organ (bold) top left,
  then an asterisk, and "Số 25-TB/BTGDVTU" (a hyphen between number and type, no colon). A Ban Tuyên giáo
  và Dân vận's inspection conclusion is a Party document;
* :attr:`Format.FRONT` — a document of the Mặt trận Tổ quốc, the Front's own layout (DOMAIN §7.2, last
  paragraph): the Front's committee top left, its name broken after "VIỆT NAM" ("ỦY BAN MTTQ VIỆT NAM" /
  "TỈNH THÁI NGUYÊN"), the organ under it in bold ("BAN THƯỜNG TRỰC"), a short rule, and "Số: 12/BC-MTTQ-BTT";
  top right the national motto, as the Front's own guidance is headed (Hướng dẫn 91/HD-MTTW-BTT, 08/4/2013,
  as published: "ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Số: 91/HD-MTTW-BTT") [V3]. DOMAIN's "similar to the Party layout" is from memory [M]: what differs per
  format is one row of :data:`LAYOUTS`.

All three: A4 portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman, body 14 pt,
justified with a 1,27 cm first-line indent and 6 pt after; the place and date in italics under the motto;
the type in capitals and the subject centred in bold with a short rule; headings, simple tables (their header
row repeated on each page), pictures; "Nơi nhận" bottom left and the signature block bottom right; page
numbers centred in the header from page 2, continued on a landscape page.

A caller describes the document (:class:`OfficialDocument`: who issues it, its number, type and subject,
its blocks — paragraphs, headings, bullets, tables (a wide one on a landscape page of its own) and images
(a chart) —, recipients and signature) and :func:`render` lays it out. Pure: no database, no settings; the
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
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
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
    FRONT = "front"  # the Mặt trận Tổ quốc's own (Hướng dẫn 91/HD-MTTW-BTT)


@dataclass(frozen=True)
class Layout:
    """What differs between the formats: the heading top right (each line with its size), the mark under
    the issuer ("rule" or "*"), whether "Số" takes a colon, and the rule under the heading (its share of
    the column cut off each side)."""

    top_right: tuple[tuple[str, float], ...]
    mark: str
    colon: bool
    rule_inset: float


LAYOUTS = {
    # NĐ 30/2020, Phụ lục I: the Quốc hiệu 12–13 pt, the Tiêu ngữ 13–14 pt, both bold; the issuer's rule.
    Format.STATE: Layout(((MOTTO_STATE, 12), (MOTTO_STATE_SUB, 13)), mark="rule", colon=True, rule_inset=1 / 5),
    # HD 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold with its rule; an asterisk under the organ; "Số 25-…".
    Format.PARTY: Layout(((MOTTO_PARTY, 15),), mark="*", colon=False, rule_inset=1 / 4),
    # HD 91/HD-MTTW-BTT as published: the national motto top right, "Số:" with a colon [V3]; the rule [M].
    Format.FRONT: Layout(((MOTTO_STATE, 12), (MOTTO_STATE_SUB, 13)), mark="rule", colon=True, rule_inset=1 / 5),
}


#: The authority prefixes of a signature: the state writes "TM.", the Party "T/M" (DOMAIN §7.1, §7.2); the
#: Front "TM. BAN THƯỜNG TRỰC", as the state does.
_PREFIXES = {
    "TM": {Format.STATE: "TM.", Format.PARTY: "T/M", Format.FRONT: "TM."},
    "KT": {Format.STATE: "KT.", Format.PARTY: "K/T", Format.FRONT: "KT."},
    "TL": {Format.STATE: "TL.", Format.PARTY: "T/L", Format.FRONT: "TL."},
    "TUQ": {Format.STATE: "TUQ.", Format.PARTY: "TUQ.", Format.FRONT: "TUQ."},
    "Q": {Format.STATE: "Q.", Format.PARTY: "Q.", Format.FRONT: "Q."},
}


def _prefix_key(prefix: str) -> str:
    return prefix.strip(" ./").upper().replace("/", "")


def authority(prefix: str, body: str, fmt: Format) -> str:
    """The authority line of a signature: ``authority("TM", "Đoàn kiểm tra", Format.PARTY)`` →
    "T/M ĐOÀN KIỂM TRA"; ``""`` as the prefix signs in one's own name (the body is then left out)."""
    if not prefix:
        return ""
    mark = _PREFIXES.get(_prefix_key(prefix), {}).get(fmt, prefix)
    return f"{mark} {body.upper()}".strip()


def authority_line(line: str, fmt: Format) -> str:
    """An authority line as a template writes it, in the format's own prefix: "TM. Ban Thường vụ" in a
    Party document → "T/M BAN THƯỜNG VỤ"; "T/M Ủy ban nhân dân" in a state one → "TM. ỦY BAN NHÂN DÂN". A
    line that starts with no known prefix is kept (in capitals)."""
    text = " ".join(line.split())
    head, _, rest = text.partition(" ")
    if _prefix_key(head) in _PREFIXES and rest:
        return authority(head, rest, fmt)
    return text.upper()


def number_line(number: str, fmt: Format) -> str:
    """ "Số: 12/TB-UBND" (state, Front) or "Số 12-TB/BTGDVTU" (Party); the number as the body writes it."""
    return f"Số: {number}" if LAYOUTS[fmt].colon else f"Số {number}"


#: The Front's committee is named "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh X": the level goes on its own line.
_FRONT_NAME = (
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM ",
    "ỦY BAN MTTQ VIỆT NAM ",
    "ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM ",
)


def name_lines(name: str, fmt: Format) -> list[str]:
    """A body's name in the header, in capitals, as its lines: one line, except a Front committee's name,
    broken after "VIỆT NAM" ("ỦY BAN MTTQ VIỆT NAM" / "TỈNH THÁI NGUYÊN")."""
    text = " ".join(name.split()).upper()
    if fmt == Format.FRONT:
        for start in _FRONT_NAME:
            if text.startswith(start):
                return [start.strip(), text[len(start) :]]
    return [text] if text else []


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
    """A simple grid: a bold header row, then the rows; ``widths`` in millimetres (optional). ``title``
    is written centred in bold above it; a ``landscape`` table stands on landscape pages of its own (NĐ
    30/2020, Phụ lục I: "tables may be landscape"), the text after it back on portrait pages."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    title: str = ""
    landscape: bool = False


@dataclass(frozen=True)
class Image:
    """A picture in the body (a chart as PNG), centred, ``width_mm`` wide, its ``title`` centred in bold
    above it (the text a reader and a search see; the picture itself need not repeat it)."""

    data: bytes
    width_mm: float = 150
    title: str = ""


Block = Paragraph | Heading | Bullets | Table | Image


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
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] = (),
        *,
        title: str = "",
        landscape: bool = False,
    ) -> OfficialDocument:
        cells = tuple(tuple(str(c) for c in r) for r in rows)
        self.blocks.append(Table(tuple(header), cells, tuple(widths), title=title, landscape=landscape))
        return self

    def image(self, data: bytes, *, width_mm: float = 150, title: str = "") -> OfficialDocument:
        self.blocks.append(Image(data, min(width_mm, TEXT_WIDTH_MM), title))
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
    layout = LAYOUTS[doc.fmt]
    # The issuer: the parent body (regular), the issuing body (bold), its rule (state, Front) or "*" (Party).
    lines = [(line, False) for line in name_lines(doc.parent, doc.fmt)]
    lines += [(line, True) for line in name_lines(doc.issuer, doc.fmt)]
    for n, (line, bold) in enumerate(lines):
        _para(left.paragraphs[0] if n == 0 else left, line, size=13, bold=bold)
    if layout.mark == "rule":
        _rule_paragraph(left, indent_mm=left_mm / 3)
    else:
        _para(left, layout.mark, size=13)
    if doc.number:
        _para(left, number_line(doc.number, doc.fmt), size=13, after=0).paragraph_format.space_before = Pt(6)
    # The motto (state, Front) or the Party's name, with its rule, then the place and date in italics.
    for n, (line, size) in enumerate(layout.top_right):
        _para(right.paragraphs[0] if n == 0 else right, line, size=size, bold=True)
    _rule_paragraph(right, indent_mm=right_mm * layout.rule_inset)
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
        elif isinstance(block, Image):
            _image(document, block)
        elif block.landscape:
            _turn(document, landscape=True)
            _table(document, block)
            _turn(document, landscape=False)
        else:
            _table(document, block)


def _caption(document: Any, text: str) -> None:
    if text:
        p = _para(document, text, size=13, bold=True, after=3)
        p.paragraph_format.keep_with_next = True


def _image(document: Any, block: Image) -> None:
    _caption(document, block.title)
    p = _para(document, after=6)
    p.paragraph_format.keep_together = True
    p.add_run().add_picture(io.BytesIO(block.data), width=Mm(block.width_mm))


def _turn(document: Any, *, landscape: bool) -> None:
    """Start a new section on a new page, landscape or back to portrait, with the same margins; its page
    numbers follow on (the header is inherited, and it has no first page of its own)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.different_first_page_header_footer = False


def _table(document: Any, block: Table) -> None:
    _caption(document, block.title)
    columns = max(len(block.header), *(len(r) for r in block.rows)) if block.rows else len(block.header)
    table = document.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.header, strict=False):
        _para(cell.paragraphs[0], text, size=13, bold=True)
    # The header row again at the top of every page the table runs on.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    if block.widths:
        _widths(table, block.widths)
    widths = [int(col.w or 0) for col in table._tbl.tblGrid.gridCol_lst]
    for row in block.rows:
        table._tbl.append(_row_xml(row, columns, widths))
    _para(document, size=6, after=6)


def _cell_xml(text: str, *, right: bool, width: int) -> str:
    """One body cell as WordprocessingML: what :func:`_para` and :func:`_run` make (13 pt, Times New Roman in
    every script slot, no spacing), written at once — python-docx's objects cost a millisecond a cell, and a
    province's report has tens of thousands of cells."""
    fonts = " ".join(f'w:{slot}="{FONT}"' for slot in ("ascii", "hAnsi", "cs", "eastAsia"))
    run = (
        f'<w:r><w:rPr><w:rFonts {fonts}/><w:b w:val="0"/><w:i w:val="0"/><w:sz w:val="26"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        if text
        else ""
    )
    jc = "right" if right else "left"
    tc_w = f'<w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>' if width else "<w:tcPr/>"
    return (
        f'<w:tc>{tc_w}<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="{jc}"/></w:pPr>{run}</w:p></w:tc>'
    )


def _row_xml(row: Sequence[str], columns: int, widths: Sequence[int]) -> Any:
    cells = []
    for n in range(columns):
        text = row[n] if n < len(row) else ""
        number = text.replace(".", "").replace(",", "").replace("%", "").strip().isdigit()
        cells.append(_cell_xml(text, right=bool(number and n), width=widths[n] if n < len(widths) else 0))
    return parse_xml(f"<w:tr {nsdecls('w')}>{''.join(cells)}</w:tr>")


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
