"""A report's files (issue 14, "Output"): the DOCX in the issuer's official layout — rendered by LibreOffice
and read back from the PDF it prints —, the XLSX with every table, the PDF, and the charts.

Built from a hand-made :class:`~danvan.reports.content.Content` (two sections, tables and charts): the
outputs read nothing else, so no database is needed.
"""

from __future__ import annotations

import copy
import datetime
import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from danvan.reports import charts, outputs
from danvan.reports.content import ChartJSON, Content, Header

MONTHS: ChartJSON = {
    "title": "Đơn, thư tiếp nhận theo tháng",
    "kind": "line",
    "labels": [f"{m}/2026" for m in range(1, 7)],
    "series": [
        {"name": "Đơn, thư", "values": [120, 1451, 980, 1300, 2000, 1750]},
        {"name": "Vụ việc", "values": [100, 1200, 800, 1000, 1600, 1400]},
    ],
}
FIELDS: ChartJSON = {
    "title": "Mô hình “Dân vận khéo” theo lĩnh vực",
    "kind": "bar",
    "labels": ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng, an ninh", "Xây dựng hệ thống chính trị"],
    "series": [
        {"name": "Đăng ký", "values": [1100, 800, 300, 507]},
        {"name": "Được công nhận", "values": [500, 300, 100, 200]},
    ],
}

CONTENT: Content = {
    "unit": "19",
    "unit_name": "Tỉnh Thái Nguyên",
    "period": "h1",
    "period_label": "6 tháng đầu năm 2026",
    "period_start": "2026-01-01",
    "period_end": "2026-06-30",
    "tree": "today",
    "sections": [
        {
            "key": "petitions",
            "title": "Tiếp công dân, xử lý đơn thư",
            "paragraphs": [
                "Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 189 đơn, thư với 167 vụ việc; "
                "đã giải quyết 77 đơn/77 vụ việc.",
                "Số đơn, thư tăng 12 (6,78%) so với cùng kỳ năm trước.",
            ],
            "tables": [
                {
                    "title": "Tiếp công dân, xử lý đơn thư: các số liệu chính",
                    "columns": ["Chỉ tiêu", "6 tháng đầu năm 2026", "Kỳ trước", "Cùng kỳ", "So với cùng kỳ"],
                    "rows": [
                        ["Đơn, thư tiếp nhận", "1.451", "1.300", "1.177", "tăng 274 (23,28%)"],
                        ["Tỷ lệ giải quyết đúng hạn", "85,16%", "91,3%", "—", "tăng 5"],
                        ['=HYPERLINK("http://x")', "0", "2", "3", "giảm 3"],
                        ["Hạn báo cáo", "15/6/2026", "15/12/2025", "15/6/2025", ""],
                    ],
                    "values": [
                        ["Đơn, thư tiếp nhận", 1451, 1300, 1177, "tăng 274 (23,28%)"],
                        ["Tỷ lệ giải quyết đúng hạn", 85.16, 91.3, None, "tăng 5"],
                        ['=HYPERLINK("http://x")', None, 2, 3, "giảm 3"],
                        ["Hạn báo cáo", "2026-06-15", "2025-12-15", "2025-06-15", ""],
                    ],
                }
            ],
            "charts": [MONTHS],
            "figures": {},
            "labels": {},
        },
        {
            "key": "initiatives",
            "title": "Phong trào thi đua “Dân vận khéo”",
            "paragraphs": [
                "Toàn tỉnh đã đăng ký xây dựng 2.707 mô hình “Dân vận khéo”, trong đó 1.100 mô hình được công "
                "nhận, 274 mô hình điển hình, tiêu biểu."
            ],
            "tables": [
                {
                    "title": "Mô hình theo xã, theo tháng",
                    "columns": ["Đơn vị", "T1", "T2", "T3", "T4", "T5", "T6", "Cộng"],
                    "rows": [
                        ["Phường Đức Xuân", "1", "2", "3", "4", "5", "6", "21"],
                        ["Xã Chợ Rã", "0", "1", "0", "2", "0", "1", "4"],
                    ],
                    "values": [["Phường Đức Xuân", 1, 2, 3, 4, 5, 6, 21], ["Xã Chợ Rã", 0, 1, 0, 2, 0, 1, 4]],
                }
            ],
            "charts": [FIELDS],
            "figures": {},
            "labels": {},
        },
    ],
}

#: A state body's draft: no number yet (its blanks are printed), no day.
STATE: Header = {
    "fmt": "state",
    "parent": "",
    "issuer": "Ủy ban nhân dân tỉnh Thái Nguyên",
    "number": "",
    "place": "Thái Nguyên",
    "day": "",
    "doc_type": "Báo cáo",
    "subject": "Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026",
    "recipients": ["Ban Dân vận Trung ương", "Thường trực Tỉnh ủy", "Lưu: VT"],
    "signature": {"on_behalf": "TM. Ủy ban nhân dân", "title": "Chủ tịch", "name": "Nguyễn Văn An"},
}
#: The Ban Tuyên giáo và Dân vận's issued report (a Party document).
PARTY: Header = {
    **STATE,
    "fmt": "party",
    "parent": "Tỉnh ủy Thái Nguyên",
    "issuer": "Ban Tuyên giáo và Dân vận",
    "number": "25-BC/BTGDVTU",
    "day": "2026-07-05",
    "signature": {"on_behalf": "TM. Ban Thường vụ", "title": "Trưởng ban", "name": "Hoàng Thị Lan"},
}


# --- LibreOffice: the DOCX as an office opens and prints it -------------------------------------------


def _tool(*names: str) -> str:
    """The first of ``names`` on PATH; a clear skip without it, never on CI (CI=true must run it)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' / '.join(names)} chưa cài trên máy này (Debian: libreoffice-writer-nogui, poppler-utils)."
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _run(tool: str, *args: str, timeout: int = 60) -> str:
    """Run a tool of this machine (LibreOffice, poppler) on our own files; its standard output."""
    command = [_tool(*tool.split("|")), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout).stdout  # noqa: S603


def _text(pdf: Path, *pages: int) -> str:
    """``pdftotext -layout`` of the PDF (of pages ``first``–``last`` when given)."""
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return _run("pdftotext", "-layout", *span, str(pdf), "-")


def _lines(pdf: Path, page: int) -> list[dict[str, Any]]:
    """The text lines of ``page`` as poppler reads them: text, top, left, width, bold, italic."""
    xml = _run("pdftohtml", "-xml", "-i", "-stdout", "-f", str(page), "-l", str(page), str(pdf))
    root = ET.fromstring("<pdf2xml" + xml.split("<pdf2xml", 1)[1])  # noqa: S314 - poppler's own output
    out = []
    for node in root.iter("text"):
        out.append({
            "text": " ".join("".join(node.itertext()).split()),
            "top": int(node.get("top", 0)), "left": int(node.get("left", 0)), "width": int(node.get("width", 0)),
            "bold": node.find("b") is not None, "italic": node.find(".//i") is not None,
        })  # fmt: skip
    return out


def _line(lines: list[dict[str, Any]], start: str) -> dict[str, Any]:
    found = [line for line in lines if line["text"].startswith(start)]
    assert found, f"no line starting with {start!r} in {[line['text'] for line in lines]}"
    return found[0]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The state draft and the Party report, converted by LibreOffice in one run (each run costs seconds)."""
    folder = tmp_path_factory.mktemp("lo")
    sources = []
    for name, header in (("state", STATE), ("party", PARTY)):
        source = folder / f"{name}.docx"
        source.write_bytes(outputs.docx(CONTENT, header))
        sources.append(str(source))
    profile = (folder / "profile").as_uri()  # its own profile: another LibreOffice running does not block it
    _run("libreoffice|soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *sources, timeout=240)  # fmt: skip
    return {name: folder / f"{name}.pdf" for name in ("state", "party")}


def test_docx_opens_in_libreoffice_with_the_state_header_where_the_decree_puts_it(rendered: dict[str, Path]) -> None:
    pdf = rendered["state"]
    # The first page as a picture (what an officer sees): A4 portrait, not blank.
    _run("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix("")))
    page = Image.open(next(pdf.parent.glob("state-*1.png"))).convert("L")
    assert abs(page.height / page.width - 297 / 210) < 0.02
    assert page.getextrema()[0] < 100  # something black is printed on it

    layout = _text(pdf, 1)
    first, second = [line for line in layout.splitlines() if line.strip()][:2]
    # NĐ 30/2020, Phụ lục I: the issuer top left, the national motto top right, on the same first line.
    assert first.strip().startswith("ỦY BAN NHÂN DÂN")
    assert first.index("ỦY BAN NHÂN DÂN") < first.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "Độc lập - Tự do - Hạnh phúc" in second

    lines = _lines(pdf, 1)
    issuer, motto = _line(lines, "ỦY BAN NHÂN DÂN"), _line(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    sub, dated = _line(lines, "Độc lập - Tự do - Hạnh phúc"), _line(lines, "Thái Nguyên, ngày")
    number, kind = _line(lines, "Số:"), _line(lines, "BÁO CÁO")
    assert abs(issuer["top"] - motto["top"]) <= 5 and issuer["left"] + issuer["width"] <= motto["left"]
    assert issuer["bold"] and motto["bold"] and sub["bold"]
    # The draft's number: its blanks, then the symbol; under the issuer, in the left column.
    assert re.fullmatch(r"Số: /BC-UBND", number["text"]) and number["top"] > issuer["top"]
    assert number["left"] + number["width"] <= motto["left"]
    # The place and date in italics under the motto, in the right column; the day left blank on a draft.
    assert dated["italic"] and dated["top"] > sub["top"] and dated["left"] >= motto["left"] - 20
    assert dated["text"].endswith("năm 20…")
    # The type and the subject centred under the header, then the sections with their paragraphs.
    assert kind["top"] > dated["top"] and kind["bold"]
    subject = _line(lines, "Kết quả công tác dân vận chính quyền")
    assert abs(_mid(kind) - _centre(lines)) < 40 and abs(_mid(kind) - _mid(subject)) < 10 and subject["bold"]
    assert _line(lines, "I. TIẾP CÔNG DÂN, XỬ LÝ ĐƠN THƯ")["bold"]
    assert _line(lines, "Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 189 đơn")

    text = _text(pdf)
    pages = text.split("\f")
    assert "II. PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”" in text
    # The wide table stands on a landscape page; the recipients and the signature close the document.
    sizes = _run("pdfinfo", "-f", "1", "-l", "9", str(pdf))
    widths = [float(w) for w, _ in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", sizes)]
    assert any(w > 800 for w in widths) and widths[0] < 600
    last = [p for p in pages if p.strip()][-1]
    closing = [line for line in last.splitlines() if line.strip()]
    at = next(i for i, line in enumerate(closing) if "Nơi nhận:" in line)
    assert "TM. ỦY BAN NHÂN DÂN" in closing[at] and closing[at].index("Nơi nhận:") < closing[at].index("TM.")
    assert "CHỦ TỊCH" in closing[at + 1] and "- Ban Dân vận Trung ương;" in closing[at + 1]
    assert "- Lưu: VT." in last and closing[-1].strip() == "Nguyễn Văn An"


def _mid(line: dict[str, Any]) -> float:
    return line["left"] + line["width"] / 2


def _centre(lines: list[dict[str, Any]]) -> float:
    """The middle of the text block of a portrait page (in poppler's pixels), from the widest lines."""
    left = min(line["left"] for line in lines)
    right = max(line["left"] + line["width"] for line in lines)
    return (left + right) / 2


def test_docx_party_format_in_libreoffice(rendered: dict[str, Path]) -> None:
    lines = _lines(rendered["party"], 1)
    party, committee = _line(lines, "ĐẢNG CỘNG SẢN VIỆT NAM"), _line(lines, "TỈNH ỦY THÁI NGUYÊN")
    organ, star = _line(lines, "BAN TUYÊN GIÁO VÀ DÂN"), _line(lines, "*")
    number, dated = _line(lines, "Số 25-BC/BTGDVTU"), _line(lines, "Thái Nguyên, ngày 05 tháng 7 năm 2026")
    # HD 36-HD/VPTW: the Party's name top right, the committee (regular) and the organ (bold) top left,
    # an asterisk under them, "Số 25-BC/…" without a colon, the date in italics under the Party's name.
    assert party["bold"] and abs(party["top"] - committee["top"]) <= 5
    assert committee["left"] + committee["width"] <= party["left"]
    assert not committee["bold"] and organ["bold"] and organ["top"] > committee["top"]
    assert star["top"] > organ["top"] and number["top"] > star["top"]
    assert dated["italic"] and dated["top"] > party["top"] and dated["left"] > number["left"]
    assert not [line for line in lines if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in line["text"]]
    text = _text(rendered["party"])
    assert "T/M BAN THƯỜNG VỤ" in text and "Hoàng Thị Lan" in text  # the Party's prefix, with a slash


# --- the DOCX's structure (no LibreOffice) ------------------------------------------------------------


def test_docx_sections_tables_and_charts() -> None:
    document = Document(io.BytesIO(outputs.docx(CONTENT, STATE)))
    texts = [p.text for p in document.paragraphs]
    assert "I. TIẾP CÔNG DÂN, XỬ LÝ ĐƠN THƯ" in texts and "II. PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”" in texts
    assert texts.index("I. TIẾP CÔNG DÂN, XỬ LÝ ĐƠN THƯ") < texts.index(CONTENT["sections"][0]["paragraphs"][0])
    # Each table under its title, the header row repeated on every page; each chart a picture under its title.
    assert "Tiếp công dân, xử lý đơn thư: các số liệu chính" in texts and MONTHS["title"] in texts
    grid = document.tables[1]
    assert [c.text for c in grid.rows[0].cells][:2] == ["Chỉ tiêu", "6 tháng đầu năm 2026"]
    assert grid.rows[1].cells[1].text == "1.451" and grid.rows[2].cells[1].text == "85,16%"
    assert "w:tblHeader" in grid.rows[0]._tr.xml
    assert len(document.inline_shapes) == 2
    # The eight-column table on a landscape section, then back to portrait.
    orientations = [s.page_width > s.page_height for s in document.sections]
    assert orientations == [False, True, False]
    # The signature in the state's form, the recipients as the decree writes them.
    footer = document.tables[-1].rows[0].cells
    assert [p.text for p in footer[0].paragraphs][-1] == "- Lưu: VT."
    assert [p.text for p in footer[1].paragraphs if p.text] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]


def test_docx_front_format() -> None:
    signed = {"on_behalf": "T/M Ban Thường trực", "title": "Chủ tịch", "name": "Lý Văn Minh"}
    front: Header = {**STATE, "fmt": "front", "parent": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Nguyên",
                     "issuer": "Ban Thường trực", "signature": signed}  # type: ignore[typeddict-item]  # fmt: skip
    document = Document(io.BytesIO(outputs.docx(CONTENT, front)))
    left, right = document.tables[0].rows[0].cells
    # The Front's committee on its two lines, the organ in bold, the number with the Front's symbol.
    assert [p.text for p in left.paragraphs if p.text][:3] == [
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "TỈNH THÁI NGUYÊN", "BAN THƯỜNG TRỰC"
    ]  # fmt: skip
    assert not left.paragraphs[0].runs[0].bold and left.paragraphs[2].runs[0].bold
    assert any(re.fullmatch(r"Số:\s+/BC-MTTQ-BTT", p.text) for p in left.paragraphs)
    assert right.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    signature = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature[0] == "TM. BAN THƯỜNG TRỰC"


def test_blank_numbers_and_symbols() -> None:
    assert outputs.number(STATE) == f"{outputs.BLANK}/BC-UBND"
    assert outputs.number({**PARTY, "number": ""}) == f"{outputs.BLANK}-BC/BTGDVTU"
    assert outputs.number(PARTY) == "25-BC/BTGDVTU"
    assert outputs.symbol({**STATE, "issuer": "Hội Nông dân tỉnh"}) == "BC-……"  # letters not known: dots
    assert [outputs.roman(n) for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]


@pytest.mark.parametrize(
    ("change", "message"),
    [({"fmt": "union"}, "Thể thức “union” không có"), ({"day": "5/7/2026"}, "Ngày ban hành “5/7/2026”")],
)
def test_header_that_cannot_be_printed(change: dict[str, str], message: str) -> None:
    with pytest.raises(outputs.OutputError, match=message):
        outputs.docx(CONTENT, {**STATE, **change})  # type: ignore[typeddict-item]


# --- XLSX ---------------------------------------------------------------------------------------------


def test_xlsx_every_table_numbers_as_numbers() -> None:
    book = load_workbook(io.BytesIO(outputs.xlsx(CONTENT, STATE)))
    assert book.sheetnames == ["1. Tiếp công dân, xử lý đơn thư", "2. Phong trào thi đua “Dân vận…"]
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows())
    values = [[c.value for c in row] for row in rows]
    assert values[0][0] == "Tiếp công dân, xử lý đơn thư" and rows[0][0].font.bold
    assert "6 tháng đầu năm 2026 (1/1/2026 – 30/6/2026)" in values[1][0]
    at = next(i for i, row in enumerate(values) if row[0] == "Tiếp công dân, xử lý đơn thư: các số liệu chính")
    assert rows[at][0].font.bold
    header = rows[at + 1]
    assert [c.value for c in header] == ["Chỉ tiêu", "6 tháng đầu năm 2026", "Kỳ trước", "Cùng kỳ", "So với cùng kỳ"]
    assert all(c.font.bold for c in header)
    letters, rate, risky, due = rows[at + 2 : at + 6]
    assert [c.value for c in letters[:4]] == ["Đơn, thư tiếp nhận", 1451, 1300, 1177]
    assert all(isinstance(c.value, int) for c in letters[1:4])
    # Percentages: the fraction with a % format as the report wrote it; no denominator stays "—".
    assert rate[1].value == pytest.approx(0.8516) and rate[1].number_format == "0.00%"
    assert rate[2].value == pytest.approx(0.913) and rate[2].number_format == "0.0%"
    assert rate[3].value == "—"
    # Formula-like text stays text (written as typed, never run); nothing counted is 0.
    assert risky[0].value == '=HYPERLINK("http://x")' and risky[0].data_type == "s" and risky[1].value == 0
    day = datetime.datetime(2026, 6, 15)  # noqa: DTZ001 - an Excel date has no time zone
    assert due[1].value == day and due[1].number_format == "d/m/yyyy"
    # The chart's figures too, under their own title.
    chart_at = next(i for i, row in enumerate(values) if row[0] == f"Số liệu biểu đồ: {MONTHS['title']}")
    assert values[chart_at + 1][:3] == ["Mục", "Đơn, thư", "Vụ việc"]
    assert values[chart_at + 3][:3] == ["2/2026", 1451, 1200]
    second = [[c.value for c in row] for row in book.worksheets[1].iter_rows()]
    assert ["Phường Đức Xuân", 1, 2, 3, 4, 5, 6, 21] in second


def test_sheet_names_short_unique_and_allowed() -> None:
    long = "Dân chủ ở cơ sở: kiểm tra, giám sát [quý] và đối thoại / tiếp xúc"
    names = outputs.sheet_names([long, long, "Đơn thư?", "đơn thư?"])
    assert all(len(n) <= 31 for n in names) and len({n.casefold() for n in names}) == 4
    assert not any(set(n) & set("[]:*?/\\") for n in names)
    assert names[0].startswith("1. Dân chủ ở cơ sở")


def test_xlsx_of_a_report_without_sections() -> None:
    empty = {**copy.deepcopy(CONTENT), "sections": []}
    book = load_workbook(io.BytesIO(outputs.xlsx(empty, STATE)))  # type: ignore[arg-type]
    assert book.worksheets[0]["A1"].value.startswith("Báo cáo không có phần nào")


# --- PDF ----------------------------------------------------------------------------------------------


def test_pdf_has_the_sections_paragraphs(tmp_path: Path) -> None:
    data = outputs.pdf(CONTENT, PARTY)
    assert data.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = " ".join(_run("pdftotext", str(path), "-").split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số 25-BC/BTGDVTU" in text
    for section in CONTENT["sections"]:
        for paragraph in section["paragraphs"]:
            assert " ".join(paragraph.split()) in text
    assert "T/M BAN THƯỜNG VỤ" in text and "Hoàng Thị Lan" in text


def test_print_page_inlines_the_charts_as_safe_svg() -> None:
    html = outputs.print_html(CONTENT, STATE)
    assert html.count("<svg") == 2 and "<?xml" not in html and "<script" not in html.lower()
    assert f'<title id="s1c1-title">{MONTHS["title"]}</title>' in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # two charts, no id shared
    assert "Số:" in html and "/BC-UBND" in html and "Thái Nguyên, ngày" in html


# --- charts ---------------------------------------------------------------------------------------------


def test_png_chart_is_a_picture_of_the_asked_width() -> None:
    data = charts.png(FIELDS, width_mm=120)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    picture = Image.open(io.BytesIO(data))
    assert abs(picture.width - 120 / 25.4 * charts.DPI) <= 2 and picture.height < picture.width


def test_svg_chart_is_safe_to_inline_and_titled() -> None:
    hostile: ChartJSON = {
        "title": "Đơn <script>alert(1)</script> & “thư”",
        "kind": "bar",
        "labels": ["Xã <b>A</b>", 'Phường $x^2$ "B"'],
        "series": [{"name": "Đã nhận <img onerror=x>", "values": [1451, 12.5]}],
    }
    text = charts.svg(hostile)
    assert text.startswith("<svg") and "<?xml" not in text and "<!DOCTYPE" not in text
    assert "<script" not in text and "<style" not in text and "<img" not in text
    assert re.search(r"<[^>]*\son\w+\s*=", text) is None  # no event handler on any element
    assert "<title id=" in text and "Đơn &lt;script&gt;alert(1)&lt;/script&gt; &amp; “thư”" in text
    ET.fromstring(text)  # noqa: S314 - well-formed on its own (our own output)
    # Vietnamese figures on the axis and on the columns; the "$" is a dollar sign, not mathtext.
    assert ">1.451<" in text and ">12,5<" in text and "Phường $x^2$" in text
    # Two charts in one page keep apart: every id carries the chart's prefix.
    ids = re.findall(r'\sid="([^"]+)"', charts.svg(MONTHS, id_prefix="m"))
    assert ids and all(i.startswith("m-") for i in ids)


def test_tick_text_in_vietnamese() -> None:
    assert [charts.tick_text(v) for v in (0, 1451, 12.5, 2000000, 0.25)] == ["0", "1.451", "12,5", "2.000.000", "0,25"]


def test_empty_chart_says_so() -> None:
    empty: ChartJSON = {
        "title": "Không có gì",
        "kind": "line",
        "labels": ["1/2026"],
        "series": [{"name": "A", "values": [0]}],
    }
    assert charts.EMPTY in charts.svg(empty)
