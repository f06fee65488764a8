"""The staged-import engine: header, limits, errors by row and column, all rows or none.

A small import of calendar overrides (a date, a kind, the document) stands for an area's import.
"""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import Workbook

from danvan.core import imports
from danvan.core.imports import Column, Importer, ImportRejected, Limits, Parsed, Row, RowError
from danvan.core.models import CalendarOverride
from danvan.core.text import fold

pytestmark = pytest.mark.django_db

COLUMNS = (
    Column("day", "Ngày", required=True, max_length=32),
    Column("kind", "Loại nghỉ", required=True, max_length=32),
    Column("source_doc", "Văn bản căn cứ", required=True, max_length=255),
    Column("note", "Ghi chú", max_length=255),
)
KINDS = {"nghi": CalendarOverride.Kind.DAY_OFF, "lam bu": CalendarOverride.Kind.WORKING_DAY}
HEADER = ["Ngày", "Loại nghỉ", "Văn bản căn cứ", "Ghi chú"]


def parse(row: Row) -> dict[str, object] | list[RowError]:
    errors: list[RowError] = []
    day = row.date("day", errors)
    kind = KINDS.get(fold(row.text("kind")))
    if kind is None:
        errors.append(row.error("kind", f"“{row.text('kind')}” phải là “Nghỉ” hoặc “Làm bù”."))
    if errors:
        return errors
    return {"date": day, "kind": kind, "source_doc": row.text("source_doc"), "note": row.text("note")}


def apply(rows: list[Parsed[dict[str, object]]]) -> list[CalendarOverride]:
    """Writes row by row, like a service would; a row whose note says so is refused at the end."""
    created = []
    for parsed in rows:
        if parsed.value["note"] == "từ chối":
            raise ImportRejected([RowError(parsed.row, "Ghi chú", "dịch vụ từ chối dòng này.")])
        created.append(CalendarOverride.objects.create(**parsed.value))
    return created


def overrides(**limits: int) -> Importer[dict[str, object], list[CalendarOverride]]:
    return Importer(columns=COLUMNS, parse=parse, apply=apply, limits=Limits(**limits))


def xlsx(rows: list[list[object]], header: list[str] = HEADER) -> io.BytesIO:
    workbook = Workbook()
    ws = workbook.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def row(n: int = 1, **changes: object) -> list[object]:
    values = {"day": datetime.date(2030, 1, 1) + datetime.timedelta(days=n), "kind": "Nghỉ",
              "source_doc": f"Thông báo số {n}/TB-VPCP", "note": ""} | changes  # fmt: skip
    return list(values.values())


def messages(exc: pytest.ExceptionInfo[ImportRejected]) -> list[str]:
    return [str(e) for e in exc.value.errors]


def test_headers_match_ignoring_accents_and_case_in_any_order() -> None:
    sheet = xlsx([["Làm bù", "TB 1", "3/1/2030"]], header=["LOAI NGHI", "văn bản căn cứ", "ngay"])
    staged = imports.stage(overrides(), sheet)
    assert staged.count == 1
    assert staged.values[0] == {"date": datetime.date(2030, 1, 3), "kind": "work", "source_doc": "TB 1", "note": ""}
    assert CalendarOverride.objects.count() == 0  # the preview writes nothing


def test_missing_unknown_and_repeated_columns_refuse_the_file() -> None:
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), xlsx([], header=["Ngày", "Ngay", "Loại nghỉ", "Người ký"]))
    assert messages(exc) == [
        "Dòng 1, cột “Ngay”: cột bị lặp.",
        "Dòng 1, cột “Người ký”: cột không được hỗ trợ.",
        "Dòng 1, cột “Văn bản căn cứ”: thiếu cột bắt buộc.",
    ]


def test_every_bad_cell_is_named_by_row_and_column() -> None:
    rows = [row(1), row(2, day="31/02/2030"), row(3, kind="Nghỉ phép"), row(4, source_doc=""), row(5)]
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), xlsx(rows))
    assert messages(exc) == [
        "Dòng 3, cột “Ngày”: “31/02/2030” không phải ngày (dd/mm/yyyy).",
        "Dòng 4, cột “Loại nghỉ”: “Nghỉ phép” phải là “Nghỉ” hoặc “Làm bù”.",
        "Dòng 5, cột “Văn bản căn cứ”: bắt buộc.",
    ]


def test_a_sheet_without_data_rows_is_refused() -> None:
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), xlsx([]))
    assert messages(exc) == ["Bảng tính không có dòng dữ liệu nào."]


def test_a_file_that_is_not_xlsx_is_refused() -> None:
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), io.BytesIO(b"PK\x03\x04 not really"))
    assert messages(exc) == ["Tệp không phải bảng tính Excel (.xlsx) hợp lệ."]


def test_too_many_rows() -> None:
    assert imports.stage(overrides(max_rows=5), xlsx([row(n) for n in range(5)])).count == 5
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(max_rows=5), xlsx([row(n) for n in range(6)]))
    assert messages(exc) == ["Dòng 7: Tệp có quá 5 dòng."]


def test_an_oversize_cell_is_refused_with_its_row_and_column_and_never_parsed() -> None:
    seen: list[int] = []

    def spying(r: Row) -> dict[str, object] | list[RowError]:
        seen.append(r.number)
        return parse(r)

    importer = Importer(columns=COLUMNS, parse=spying, apply=apply)
    hamlet = "Thôn " + "Nà Săm " * 715  # 5.010 characters, the length found in issue 10
    with pytest.raises(ImportRejected) as exc:
        imports.run(importer, xlsx([row(1), row(2, source_doc=hamlet + "x")]))
    assert messages(exc) == ["Dòng 3, cột “Văn bản căn cứ”: dài 5.011 ký tự, vượt quá 255 ký tự cho phép."]
    assert seen == [2]
    assert CalendarOverride.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    sheet = xlsx([row(n) for n in range(50)])
    size = len(sheet.getvalue())
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(max_file_bytes=size - 1), sheet)
    assert messages(exc)[0].startswith("Tệp ") and "vượt quá dung lượng cho phép" in messages(exc)[0]
    assert imports.stage(overrides(max_file_bytes=size), sheet).count == 50


def huge_cell(characters: int) -> io.BytesIO:
    """A sheet whose note holds ``characters`` letters (beyond Excel's own 32.767, as a crafted file can)."""
    import zipfile

    packed = io.BytesIO()
    with zipfile.ZipFile(xlsx([row(1, note="PLACEHOLDER")])) as source, zipfile.ZipFile(packed, "w") as target:
        for info in source.infolist():
            data = source.read(info).replace(b"PLACEHOLDER", b"a" * characters)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    packed.seek(0)
    return packed


def test_a_small_file_that_unpacks_to_a_huge_cell_is_refused_before_openpyxl_reads_it() -> None:
    sheet = huge_cell(3_000_000)  # a few kilobytes packed, three megabytes unpacked
    assert len(sheet.getvalue()) < 100_000
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(max_unpacked_bytes=1024 * 1024), sheet)
    assert messages(exc)[0].startswith("Nội dung tệp khi giải nén là 2,9 MB, vượt quá mức cho phép (1,0 MB)")
    with pytest.raises(ImportRejected) as exc:  # within the unpacked size, the cell itself is too long
        imports.stage(overrides(), sheet)
    assert messages(exc) == ["Dòng 2, cột “Ghi chú”: dài 3.000.000 ký tự, vượt quá 255 ký tự cho phép."]


def test_blank_rows_at_the_end_are_ignored() -> None:
    sheet = xlsx([row(1), row(2), [None, None, None, None], ["", " ", None, None]])
    assert imports.stage(overrides(), sheet).count == 2


def test_blank_rows_between_rows_keep_the_excel_row_numbers() -> None:
    sheet = xlsx([row(1), [None] * 4, [None] * 4, row(2, kind="?")])
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), sheet)
    assert messages(exc) == ["Dòng 5, cột “Loại nghỉ”: “?” phải là “Nghỉ” hoặc “Làm bù”."]


def test_a_hundred_thousand_blank_rows_end_the_sheet_quickly() -> None:
    """A styled blank cell in each of 100.000 rows, then data nobody can see: the sheet ends at the blank run."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet()
    ws.append(HEADER)
    ws.append(row(1))
    bold = Font(bold=True)
    for _ in range(100_000):
        blank = WriteOnlyCell(ws, value=None)
        blank.font = bold
        ws.append([blank])
    ws.append(row(2, kind="hidden far below"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    staged = imports.stage(overrides(), buffer)
    # The row far below the blank run is never read: the sheet ended after Limits().blank_run blank rows.
    assert staged.count == 1


def test_the_number_of_error_messages_is_bounded() -> None:
    rows = [row(n, kind="?") for n in range(300)]
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(max_errors=200), xlsx(rows))
    assert len(exc.value.errors) == 200 and exc.value.truncated
    assert exc.value.errors[-1].row == 201
    assert str(exc.value).endswith("Đã dừng kiểm tra sau 200 lỗi; hãy sửa các lỗi trên rồi tải tệp lên lại.")


def test_all_rows_or_none_when_the_service_refuses_the_last_row() -> None:
    rows = [row(n) for n in range(1, 10)] + [row(10, note="từ chối")]
    with pytest.raises(ImportRejected) as exc:
        imports.run(overrides(), xlsx(rows))
    assert messages(exc) == ["Dòng 11, cột “Ghi chú”: dịch vụ từ chối dòng này."]
    assert CalendarOverride.objects.count() == 0
    assert len(imports.run(overrides(), xlsx(rows[:-1]))) == 9
    assert CalendarOverride.objects.count() == 9


def test_a_bad_last_row_stops_the_apply_before_it_starts() -> None:
    applied: list[int] = []

    def counting(rows: list[Parsed[dict[str, object]]]) -> list[CalendarOverride]:
        applied.append(len(rows))
        return apply(rows)

    importer = Importer(columns=COLUMNS, parse=parse, apply=counting)
    with pytest.raises(ImportRejected, match="Dòng 5, cột “Ngày”"):
        imports.run(importer, xlsx([row(1), row(2), row(3), row(4, day="hôm qua")]))
    assert applied == [] and CalendarOverride.objects.count() == 0


def test_a_service_refusal_becomes_errors_of_the_row() -> None:
    from django.core.exceptions import ValidationError

    refusal = ValidationError({"source_doc": ["Cần ghi văn bản căn cứ."], "other": ["Không hợp lệ."]})
    assert [str(e) for e in imports.errors_from(7, refusal, {"source_doc": "Văn bản căn cứ"})] == [
        "Dòng 7, cột “Văn bản căn cứ”: Cần ghi văn bản căn cứ.",
        "Dòng 7: Không hợp lệ.",
    ]
