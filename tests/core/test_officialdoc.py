"""The official document layout (DOMAIN §7): page, margins, font, the motto, the header, alignment, the footer."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

from danvan.core.officialdoc import (
    Format,
    OfficialDocument,
    Signature,
    authority,
    dated_line,
    number_line,
    recipient_lines,
    render,
)

DAY = datetime.date(2026, 2, 5)


def _doc(fmt: Format = Format.STATE) -> OfficialDocument:
    doc = OfficialDocument(
        issuer="Ủy ban nhân dân phường Đức Xuân" if fmt == Format.STATE else "Ban Tuyên giáo và Dân vận",
        parent="" if fmt == Format.STATE else "Tỉnh ủy Thái Nguyên",
        doc_type="Thông báo",
        subject="Kết luận kiểm tra thực hiện dân chủ ở cơ sở",
        fmt=fmt,
        number="12/TB-UBND" if fmt == Format.STATE else "27-TB/BTGDVTU",
        place="Đức Xuân",
        day=DAY,
        recipients=["Thường trực Tỉnh ủy", "Lưu: VT"],
        signature=Signature("Trưởng đoàn", "Nguyễn Thị Huế", authority("TM", "Đoàn kiểm tra", fmt)),
    )
    doc.heading("I. Kết quả kiểm tra").paragraph("Phường đã ban hành kế hoạch.\n\nCông khai đầy đủ.")
    doc.bullets(["Quy chế dân chủ ở cơ sở", "Mô hình “Dân vận khéo”"])
    doc.table(["STT", "Chỉ tiêu", "Số liệu"], [["1", "Mô hình đăng ký", "06"], ["2", "Được khen thưởng", "03"]])
    return doc


def _open(doc: OfficialDocument):
    return Document(io.BytesIO(render(doc)))


def _texts(container) -> list[str]:
    return [p.text for p in container.paragraphs]


def test_page_margins_and_font() -> None:
    document = _open(_doc())
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.page_width < section.page_height  # portrait
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 15]
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(14)
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.font.size and run.text}
    assert sizes <= {13, 14}  # the body and the title: 13–14 pt
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text}
    assert fonts == {"Times New Roman"}


def test_state_header_motto_top_right_issuer_top_left() -> None:
    document = _open(_doc())
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert _texts(right)[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(r.bold for p in right.paragraphs[:2] for r in p.runs)
    dated = next(p for p in right.paragraphs if p.text.startswith("Đức Xuân"))
    assert dated.text == "Đức Xuân, ngày 05 tháng 02 năm 2026"
    assert all(r.italic for r in dated.runs)
    assert _texts(left)[0] == "ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC XUÂN" and left.paragraphs[0].runs[0].bold
    assert "Số: 12/TB-UBND" in _texts(left)
    # The motto's column is wider (the motto stands on one line): about 60 % of the 165 mm text width.
    assert right.width > left.width and abs(right.width.mm - 99) < 1
    # A rule under the motto (a paragraph's bottom border).
    assert any(
        p._p.pPr is not None
        and p._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr") is not None
        for p in right.paragraphs
    )


def test_title_centred_bold_body_justified_with_indent() -> None:
    document = _open(_doc())
    title = next(p for p in document.paragraphs if p.text == "THÔNG BÁO")
    subject = next(p for p in document.paragraphs if p.text.startswith("Kết luận kiểm tra"))
    for p in (title, subject):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in p.runs)
    body = next(p for p in document.paragraphs if p.text == "Phường đã ban hành kế hoạch.")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent == Cm(1.27)
    assert body.paragraph_format.space_after == Pt(6)
    assert "Công khai đầy đủ." in _texts(document)  # "\n\n" makes two paragraphs
    heading = next(p for p in document.paragraphs if p.text == "I. KẾT QUẢ KIỂM TRA")
    assert heading.runs[0].bold
    assert "- Mô hình “Dân vận khéo”" in _texts(document)


def test_table_and_footer() -> None:
    document = _open(_doc())
    grid = document.tables[1]
    assert [c.text for c in grid.rows[0].cells] == ["STT", "Chỉ tiêu", "Số liệu"]
    assert (
        grid.rows[1].cells[2].text == "06" and grid.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    )
    footer = document.tables[-1]
    left, right = footer.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    run = left.paragraphs[0].runs[0]
    assert run.bold and run.italic and run.font.size == Pt(12)
    assert _texts(left)[1:] == ["- Thường trực Tỉnh ủy;", "- Lưu: VT."]
    assert left.paragraphs[1].runs[0].font.size == Pt(11)
    lines = [t for t in _texts(right) if t]
    assert lines == ["TM. ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN", "Nguyễn Thị Huế"]
    assert right.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_party_variant() -> None:
    document = _open(_doc(Format.PARTY))
    left, right = document.tables[0].rows[0].cells
    assert _texts(right)[0] == "ĐẢNG CỘNG SẢN VIỆT NAM" and right.paragraphs[0].runs[0].bold
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in "".join(_texts(right))
    assert _texts(left)[:3] == ["TỈNH ỦY THÁI NGUYÊN", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*"]
    assert not left.paragraphs[0].runs[0].bold and left.paragraphs[1].runs[0].bold
    assert "Số 27-TB/BTGDVTU" in _texts(left)
    signature = [t for t in _texts(document.tables[-1].rows[0].cells[1]) if t]
    assert signature[0] == "T/M ĐOÀN KIỂM TRA"


def test_page_numbers_from_page_two() -> None:
    document = _open(_doc())
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert Mm(0) < section.header_distance


@pytest.mark.parametrize(
    ("items", "lines"),
    [
        (["Như trên", "Lưu: VT"], ["- Như trên;", "- Lưu: VT."]),
        (["- Như trên;", "- Lưu: VT, P.TD."], ["- Như trên;", "- Lưu: VT, P.TD."]),  # a template's own lines
        (["", "  "], []),
    ],
)
def test_recipient_lines(items: list[str], lines: list[str]) -> None:
    assert recipient_lines(items) == lines


def test_small_helpers() -> None:
    assert number_line("12/TB-UBND", Format.STATE) == "Số: 12/TB-UBND"
    assert number_line("25-BC/BTGDVTU", Format.PARTY) == "Số 25-BC/BTGDVTU"
    assert authority("KT", "Chủ tịch", Format.STATE) == "KT. CHỦ TỊCH"
    assert authority("KT", "Trưởng ban", Format.PARTY) == "K/T TRƯỞNG BAN"
    assert authority("", "x", Format.STATE) == ""
    assert dated_line("Thái Nguyên", datetime.date(2026, 12, 1)) == "Thái Nguyên, ngày 01 tháng 12 năm 2026"
    assert dated_line("Chợ Rã", None).startswith("Chợ Rã, ngày ")


def test_document_opens_with_the_header_and_has_no_database() -> None:
    # Pure: rendering needs no database (this test has no db fixture) and starts with the header table.
    document = _open(_doc())
    first = document.element.body[0]
    assert first.tag.endswith("}tbl")
