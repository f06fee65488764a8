"""Documents of a case as DOCX in the official format (Nghị định 30/2020/NĐ-CP, Phụ lục I; DOMAIN §7.1).

A4 portrait; margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 13–14 pt;
the national motto top right, the issuing body top left with the number under it, place and
date in italics, the type and subject centred in bold, a justified body with a first-line
indent, "Nơi nhận" bottom left and the signature block bottom right. The wording comes from
the administrator-edited :class:`~danvan.petitions.models.DocumentTemplate`. A denouncer's
identity is never written into a transfer slip (Luật Tố cáo 2018, Điều 47).
"""

from __future__ import annotations

import datetime
import io
import string
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

from danvan.core.text import format_date, format_date_long
from danvan.petitions import rules, services
from danvan.petitions.models import Case, DocumentTemplate
from danvan.units.models import Unit

PLACEHOLDERS = {
    "so_vu_viec": "số vụ việc",
    "ngay_nhan": "ngày nhận đơn",
    "loai_don": "loại đơn (khiếu nại, tố cáo…)",
    "nguoi_gui": "người gửi (“được giữ bí mật” với đơn tố cáo)",
    "dia_chi": "địa chỉ người gửi (để trống với đơn tố cáo)",
    "noi_dung": "tóm tắt nội dung",
    "co_quan": "tên cơ quan ban hành",
    "co_quan_tham_quyen": "cơ quan có thẩm quyền",
    "ngay_thu_ly": "ngày thụ lý",
    "han_giai_quyet": "hạn giải quyết",
    "can_cu_thoi_han": "cách tính hạn và căn cứ",
}


def context(case: Case) -> dict[str, str]:
    letter = case.letters.order_by("pk").first()
    sealed = letter is not None and letter.sealed
    return {
        "so_vu_viec": case.number,
        "ngay_nhan": format_date(case.received_on),
        "loai_don": rules.KIND_LABELS[rules.LetterKind(case.kind)].lower(),
        "nguoi_gui": services.public_sender(letter) if letter else "",
        "dia_chi": "" if sealed or letter is None else letter.sender_address,
        "noi_dung": case.summary,
        "co_quan": case.unit.name,
        "co_quan_tham_quyen": letter.competent_sector if letter and letter.competent_sector else "",
        "ngay_thu_ly": format_date(case.accepted_on) if case.accepted_on else "",
        "han_giai_quyet": format_date(case.due_on) if case.due_on else "",
        "can_cu_thoi_han": case.due_explanation,
    }


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def fill(text: str, values: dict[str, str]) -> str:
    """Fill {placeholders}; an unknown one becomes "…" rather than failing the officer's download."""
    return string.Formatter().vformat(text, (), _Blank(values))


def _place(unit: Unit) -> str:
    province = unit
    while province.depth > 1:
        parent = Unit.objects.get_parent(province)
        if parent is None:
            break
        province = parent
    return province.short_name or province.name


def _dated(place: str, day: datetime.date) -> str:
    # The official date line, not the short date: a leading zero for days 1–9 and months 1–2 (NĐ 30/2020,
    # Phụ lục I), while the values in the body ("ngày nhận đơn") are short dates, 1/12/2026.
    return f"{place}, {format_date_long(day)}"


def _run(paragraph: Any, text: str, *, size: int = 13, bold: bool = False, italic: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def render(case: Case, kind: str, *, today: datetime.date | None = None) -> bytes:
    template = DocumentTemplate.objects.get(kind=kind)
    values = context(case)
    day = today or datetime.date.today()
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, case.unit.name.upper(), size=13, bold=True)
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, f"Số: {'   '}/{template.abbreviation}", size=13)
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, _dated(_place(case.unit), day), size=13, italic=True)

    title_lines = fill(template.title, values).split("\n")
    for index, line in enumerate(title_lines):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, line.upper() if index == 0 else line, size=14 if index == 0 else 13, bold=True)

    for block in fill(template.body, values).split("\n\n"):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.27)
        p.paragraph_format.space_after = Pt(6)
        _run(p, block.strip(), size=14)

    footer = document.add_table(rows=1, cols=2)
    left, right = footer.rows[0].cells
    p = left.paragraphs[0]
    _run(p, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in template.recipients.splitlines():
        _run(left.add_paragraph(), line, size=11)
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, template.signer_title.upper(), size=13, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
