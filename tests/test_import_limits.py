"""Issue 10, finding 3: every import is bounded, through the entry points people use.

The hostile files of the finding are rebuilt here, smaller but of the same kind: a cell far longer
than its field, a small .xlsx that unpacks to far more than it weighs (in a cell, in blank rows, in
a row of empty cells, in the styles, in the shared strings), a sheet declaring five million rows.
Each is run through ``danvan import_units``, ``danvan import_initiatives --check`` or an import
page; each is refused with a Vietnamese error naming the row and column or the limit, or ends at
the blank run, and nothing is written.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from danvan.core import imports
from danvan.initiatives.models import Initiative
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
UNITS_HEADER = ["Mã xã", "Loại", "Tên"]
INITIATIVES_HEADER = ["Mã đơn vị", "Năm", "Tên mô hình", "Tập thể, cá nhân", "Lĩnh vực", "Thực trạng, lý do"]
SHEET = "xl/worksheets/sheet1.xml"
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def repack(
    data: bytes,
    parts: dict[str, Callable[[bytes], Iterable[bytes]]],
    added: dict[str, Iterable[bytes]] | None = None,
) -> bytes:
    """The .xlsx ``data`` with some parts rewritten and some ``added``, streamed in chunks so that a big
    part costs little memory to write."""
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            rewrite = parts.get(info.filename)
            if rewrite is None:
                target.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
                continue
            with target.open(info.filename, "w", force_zip64=True) as part:
                for chunk in rewrite(source.read(info)):
                    part.write(chunk)
        for name, chunks in (added or {}).items():
            with target.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return packed.getvalue()


def grown(data: bytes, placeholder: str, text: str) -> bytes:
    """``data`` with the cell holding ``placeholder`` holding ``text`` instead, past Excel's 32.767
    characters (openpyxl cuts a longer value; a crafted file is not bound by that)."""
    return repack(data, {SHEET: lambda xml: [xml.replace(placeholder.encode(), escape(text).encode())]})


def cells(number: int, values: list[str]) -> bytes:
    inline = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for i, v in enumerate(values)
    )
    return f'<row r="{number}">{inline}</row>'.encode()


def sheet_xml(rows: Iterable[bytes], dimension: str | None = None) -> Callable[[bytes], Iterable[bytes]]:
    """A worksheet part written by hand: ``rows`` inside ``<sheetData>``, with or without a ``<dimension>``."""

    def parts(_: bytes) -> Iterable[bytes]:
        yield b"<worksheet " + MAIN + b">"
        if dimension:
            yield f'<dimension ref="{dimension}"/>'.encode()
        yield b"<sheetData>"
        yield from rows
        yield b"</sheetData></worksheet>"

    return parts


def repeated(chunk: bytes, total: int) -> Iterable[bytes]:
    """``total`` bytes made of ``chunk`` (whose length divides one MB), a megabyte at a time."""
    block = chunk * (MB // len(chunk))
    for _ in range(total // MB):
        yield block


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "nhap.xlsx"
    path.write_bytes(data)
    return path


def refused(command: str, path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as info:
        call_command(command, str(path), *args, stdout=io.StringIO())
    message = str(info.value)
    assert message.startswith("Tệp bị từ chối, không có dòng nào được nhập:\n")
    return message.partition("\n")[2]


def hamlets() -> int:
    """The hamlets of Xã B (90020), where every sheet here puts its rows; the tree gives it none."""
    commune = Unit.objects.get(code="90020")
    return Unit.objects.get_children(commune).count()


# --- (a) a cell longer than its field ------------------------------------------------------------


def test_import_units_refuses_the_5011_character_hamlet_name_of_the_finding(tree, tmp_path) -> None:
    name = "Nà Săm " * 715 + "x"  # 5.006 characters; with "Thôn " the stored name had 5.011
    path = write(tmp_path, xlsx(UNITS_HEADER, [["90020", "Thôn", "Đúng"], ["90020", "Thôn", name]]))
    assert refused("import_units", path) == "Dòng 3, cột “Tên”: dài 5.006 ký tự, vượt quá 244 ký tự cho phép."
    assert hamlets() == 0


def test_a_text_field_without_max_length_has_the_general_cap(tree, tmp_path) -> None:
    problem = "Thực trạng " * 909 + "x" * 2  # 10.001 characters in a TextField column
    row = ["90010", 2026, "Mô hình A", "Chi bộ thôn", "Kinh tế", problem]
    path = write(tmp_path, xlsx(INITIATIVES_HEADER, [row]))
    assert refused("import_initiatives", path, "--check") == (
        "Dòng 2, cột “Thực trạng, lý do”: dài 10.001 ký tự, vượt quá 10.000 ký tự cho phép."
    )
    assert Initiative.objects.count() == 0


def test_a_huge_cell_in_the_upload_page_is_named_and_not_echoed(tree, personas, settings, tmp_path) -> None:
    """The 150 MB cell of the finding, at 3 MB: the page names its row and column; nothing is staged."""
    settings.DATA_DIR = tmp_path
    row = ["90010", 2026, "PLACEHOLDER", "Chi bộ thôn", "Kinh tế", ""]
    data = grown(xlsx(INITIATIVES_HEADER, [row]), "PLACEHOLDER", "Mô hình " * 375_000 + "A")
    assert len(data) < 100_000
    upload = io.BytesIO(data)
    upload.name = "dang-ky.xlsx"
    client = Client()
    client.force_login(personas.officer_a)
    response = client.post(reverse("initiative_import"), {"file": upload})
    body = response.content.decode()
    assert "Dòng 2, cột “Tên mô hình”: dài 3.000.001 ký tự, vượt quá 300 ký tự cho phép." in body
    assert len(response.content) < 200_000
    assert "token" not in response.context and not list((tmp_path / "imports").glob("*"))
    assert Initiative.objects.count() == 0


# --- (b) the unpacked size, before openpyxl opens the file ---------------------------------------


def test_a_small_file_unpacking_past_the_limit_is_refused_before_openpyxl_opens_it(tree, tmp_path, monkeypatch) -> None:
    from openpyxl.reader.excel import ExcelReader

    def never(self: ExcelReader) -> None:
        raise AssertionError("openpyxl opened a file the size check should have refused")

    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", MB)
    monkeypatch.setattr(ExcelReader, "read", never)
    row = ["90010", 2026, "Mô hình A", "Chi bộ thôn", "Kinh tế", "PLACEHOLDER"]
    path = write(tmp_path, grown(xlsx(INITIATIVES_HEADER, [row]), "PLACEHOLDER", "a" * 3_000_000))
    assert path.stat().st_size < 100_000
    message = refused("import_initiatives", path, "--check")
    assert message.startswith("Nội dung tệp khi giải nén là 2,9 MB, vượt quá mức cho phép (1,0 MB)")
    assert Initiative.objects.count() == 0


def test_a_zip_bomb_sheet_is_refused_at_the_default_limit(tree, tmp_path) -> None:
    """Sixty megabytes of a sheet in a file of a few dozen kilobytes; 50 MB is the limit."""
    rows = [cells(1, UNITS_HEADER), cells(2, ["90020", "Thôn", "Nà Săm"]), *repeated(b"\n", 60 * MB)]
    path = write(tmp_path, repack(xlsx(UNITS_HEADER, []), {SHEET: sheet_xml(rows, "A1:C2")}))
    assert path.stat().st_size < 200_000
    message = refused("import_units", path)
    assert message.startswith("Nội dung tệp khi giải nén là 60,0 MB, vượt quá mức cho phép (50,0 MB)")
    assert hamlets() == 0


def test_a_part_openpyxl_reads_whole_is_bounded_on_its_own(tree, tmp_path) -> None:
    """Styles openpyxl turns into objects all at once: 6 MB of them take seconds and hundreds of MB."""
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'  # 64 bytes

    def bloated(styles: bytes) -> Iterable[bytes]:
        head, _, tail = styles.partition(b'<cellXfs count="1">')
        yield head + b"<cellXfs>"
        yield from repeated(xf, 6 * MB)
        yield tail

    data = repack(xlsx(UNITS_HEADER, [["90020", "Thôn", "Nà Săm"]]), {"xl/styles.xml": bloated})
    message = refused("import_units", write(tmp_path, data))
    assert message.startswith("Phần “xl/styles.xml” của tệp khi giải nén là 6,0 MB, vượt quá mức cho phép (5,0 MB)")
    assert hamlets() == 0


# --- (b) rows: the declared size, the cap, blank runs, a row's own size --------------------------


def test_a_sheet_declaring_five_million_rows_is_refused_before_its_rows_are_read(tree, personas) -> None:
    rows = [cells(1, UNITS_HEADER), cells(2, ["90020", "Thôn", "Nà Săm"])]
    data = repack(xlsx(UNITS_HEADER, []), {SHEET: sheet_xml(rows, "A1:C5000001")})
    upload = io.BytesIO(data)
    upload.name = "thon.xlsx"
    client = Client()
    client.force_login(personas.unit_admin)
    body = client.post(reverse("unit_import"), {"file": upload}).content.decode()
    assert "Bảng tính khai báo 5.000.000 dòng dữ liệu (A1:C5000001), vượt quá 20.000 dòng cho phép" in body
    assert hamlets() == 0


def test_the_row_cap_is_a_module_constant_the_importers_follow(tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(imports, "MAX_ROWS", 5)
    rows = [["90020", "Thôn", f"Số {n}"] for n in range(6)]
    path = write(tmp_path, xlsx(UNITS_HEADER, rows))
    assert refused("import_units", path) == "Dòng 7: Tệp có quá 5 dòng."
    assert hamlets() == 0
    call_command("import_units", str(write(tmp_path, xlsx(UNITS_HEADER, rows[:5]))), stdout=io.StringIO())
    assert hamlets() == 5


def test_five_million_blank_rows_without_a_declared_size_end_at_the_blank_run(tree, tmp_path) -> None:
    """The finding's sheet of five million blank rows, with no <dimension> for openpyxl to trust: it used
    to read all of them before the first row (seconds, half a gigabyte); now the sheet ends after 1.000."""
    rows = [cells(1, UNITS_HEADER), cells(2, ["90020", "Thôn", "Nà Săm"]), *repeated(b"<row/>", 30 * MB)]
    path = write(tmp_path, repack(xlsx(UNITS_HEADER, []), {SHEET: sheet_xml(rows)}))
    assert path.stat().st_size < 200_000
    out = io.StringIO()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        call_command("import_units", str(path), stdout=out)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert "Đã nhập 1 thôn" in out.getvalue()
    assert peak < 50 * MB, f"{peak / MB:.0f} MB, {elapsed:.1f} s for a sheet of one row"


def test_a_row_of_half_a_million_empty_cells_is_refused_before_openpyxl_builds_it(tree, tmp_path) -> None:
    """Two megabytes of <c/> in one row (a 12-million-cell row took 42 s and 3,9 GB): openpyxl builds
    the whole row before handing it over, so the elements are counted as it reads them."""
    header = cells(1, INITIATIVES_HEADER)
    rows = [header, b'<row r="2">', *repeated(b"<c/>", 2 * MB), b"</row>"]
    path = write(tmp_path, repack(xlsx(INITIATIVES_HEADER, []), {SHEET: sheet_xml(rows, "A1:F2")}))
    message = refused("import_initiatives", path, "--check")
    assert message == (
        "Dòng 2: dòng có quá nhiều ô (hơn 100.000 phần tử XML); tệp có thể bị hỏng hoặc bị làm giả, "
        "hãy chép dữ liệu sang một bảng tính mới rồi tải lên lại."
    )
    assert Initiative.objects.count() == 0


# --- (c) the time budget -------------------------------------------------------------------------


def test_reading_is_refused_past_the_time_budget_even_inside_openpyxl(tree, tmp_path, monkeypatch) -> None:
    """655.360 shared strings in a file of a few dozen KB: openpyxl reads them all before the first row."""
    monkeypatch.setattr(imports, "MAX_SECONDS", 1)

    def strings() -> Iterable[bytes]:
        yield b"<sst " + MAIN + b">"
        yield from repeated(b"<si><t>a</t></si>", 10 * MB)  # 16 bytes each: 655.360 strings
        yield b"</sst>"

    override = (
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    data = repack(
        xlsx(UNITS_HEADER, [["90020", "Thôn", "Nà Săm"]]),
        {"[Content_Types].xml": lambda types: [types.replace(b"</Types>", override)]},
        {"xl/sharedStrings.xml": strings()},
    )
    # The refusal names the budget it hit; no wall-clock assertion (machines here are shared).
    message = refused("import_units", write(tmp_path, data))
    assert message == "Kiểm tra tệp vượt quá 1 giây; hãy chia thành nhiều tệp nhỏ hơn."
    assert hamlets() == 0
