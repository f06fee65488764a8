"""The staged-import engine's CSV input and column mapping (issue 12): the same limits and messages as a sheet.

The calendar-overrides importer of ``test_imports`` stands for an area's import, here taking CSV too.
"""

from __future__ import annotations

import codecs
import datetime
import io

import pytest

from danvan.core import imports
from danvan.core.imports import Column, Importer, ImportRejected, Limits
from danvan.core.models import CalendarOverride
from tests.core.test_imports import COLUMNS, apply, parse

pytestmark = pytest.mark.django_db

HEADER = "Ngày,Loại nghỉ,Văn bản căn cứ,Ghi chú"
BOTH = frozenset({imports.XLSX, imports.CSV})


def overrides(**limits: int) -> Importer[dict[str, object], list[CalendarOverride]]:
    return Importer(columns=COLUMNS, parse=parse, apply=apply, limits=Limits(**limits), formats=BOTH)


def csv_file(text: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


def messages(exc: pytest.ExceptionInfo[ImportRejected]) -> list[str]:
    return [str(e) for e in exc.value.errors]


GOOD = f'{HEADER}\n2/1/2030,Nghỉ,TB 1/TB-VPCP,\n03/01/2030,Làm bù,"TB 2, VPCP",ghi chú\n'


def test_a_utf8_csv_with_commas_is_read_like_a_sheet() -> None:
    staged = imports.stage(overrides(), csv_file(GOOD))
    assert staged.values == [
        {"date": datetime.date(2030, 1, 2), "kind": "off", "source_doc": "TB 1/TB-VPCP", "note": ""},
        {"date": datetime.date(2030, 1, 3), "kind": "work", "source_doc": "TB 2, VPCP", "note": "ghi chú"},
    ]
    assert CalendarOverride.objects.count() == 0


def test_the_bom_and_the_semicolon_of_excel_are_understood() -> None:
    text = GOOD.replace(",", ";").replace('"TB 2; VPCP"', '"TB 2; VPCP"')
    staged = imports.stage(overrides(), io.BytesIO(codecs.BOM_UTF8 + text.encode()))
    assert [v["source_doc"] for v in staged.values] == ["TB 1/TB-VPCP", "TB 2; VPCP"]


def test_excel_unicode_text_is_utf16_with_tabs() -> None:
    text = GOOD.replace(",", "\t").replace('"TB 2\t VPCP"', "TB 2 VPCP")
    staged = imports.stage(overrides(), io.BytesIO(text.encode("utf-16")))  # Python writes the BOM, as Excel does
    assert staged.count == 2 and staged.values[1]["note"] == "ghi chú"


def test_a_csv_in_another_encoding_is_refused_in_vietnamese() -> None:
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), io.BytesIO(b"Ng\xe0y;Lo\xe1i ngh\xec\n2/1/2030;Ngh\xec\n"))  # Windows-1258
    assert messages(exc)[0].startswith("Tệp CSV phải dùng bảng mã UTF-8")


def test_an_importer_that_takes_only_xlsx_still_refuses_csv() -> None:
    importer = Importer(columns=COLUMNS, parse=parse, apply=apply)
    with pytest.raises(ImportRejected) as exc:
        imports.stage(importer, csv_file(GOOD))
    assert messages(exc) == ["Tệp không phải bảng tính Excel (.xlsx) hợp lệ."]


def test_bad_cells_are_named_by_row_and_column_as_in_a_sheet() -> None:
    text = f"{HEADER}\n2/1/2030,Nghỉ,TB 1,\n31/02/2030,Nghỉ,TB 2,\n\n4/1/2030,Nghỉ phép,TB 3,\n"
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), csv_file(text))
    assert messages(exc) == [
        "Dòng 3, cột “Ngày”: “31/02/2030” không phải ngày (dd/mm/yyyy).",
        "Dòng 5, cột “Loại nghỉ”: “Nghỉ phép” phải là “Nghỉ” hoặc “Làm bù”.",
    ]


def test_the_limits_of_a_sheet_bound_a_csv() -> None:
    rows = "".join(f"{d}/1/2030,Nghỉ,TB {d},\n" for d in range(1, 8))
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(max_rows=5), csv_file(HEADER + "\n" + rows))
    assert messages(exc) == ["Dòng 7: Tệp có quá 5 dòng."]
    long = f"{HEADER}\n2/1/2030,Nghỉ,TB 1,{'a' * 300}\n"
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), csv_file(long))
    assert messages(exc) == ["Dòng 2, cột “Ghi chú”: dài 300 ký tự, vượt quá 255 ký tự cho phép."]
    data = csv_file(GOOD)
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(max_file_bytes=10), data)
    assert "vượt quá dung lượng cho phép" in messages(exc)[0]
    many = HEADER + "\n" + "".join(f"{d % 28 + 1}/1/2030,?,TB,\n" for d in range(300))
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(max_errors=50), csv_file(many))
    assert len(exc.value.errors) == 50 and exc.value.truncated


def test_a_line_of_a_million_delimiters_is_refused_before_it_is_split() -> None:
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(max_row_elements=1000), csv_file(HEADER + "\n" + "," * 5000 + "\n"))
    assert messages(exc)[0].startswith("Dòng 2: dòng có quá nhiều ô")


def test_the_time_budget_bounds_a_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f"{d % 28 + 1}/1/2030,Nghỉ,TB {d},\n" for d in range(2000))
    with pytest.raises(ImportRejected) as exc:
        imports.stage(Importer(columns=COLUMNS, parse=parse, apply=apply, formats=BOTH,
                               limits=Limits(max_seconds=-1)), csv_file(HEADER + "\n" + rows))  # fmt: skip
    assert "vượt quá" in messages(exc)[0] and "giây" in messages(exc)[0]


def test_an_unclosed_quote_is_refused() -> None:
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), csv_file(HEADER + '\n2/1/2030,Nghỉ,"TB 1\n' + "x" * 200_000))
    assert "tệp CSV không hợp lệ" in messages(exc)[0]


# --- the mapping -------------------------------------------------------------------------------

OTHER = "Ngày nghỉ;Kiểu;Số văn bản;STT\n2/1/2030;Nghỉ;TB 1;1\n3/1/2030;lam bu;TB 2;2\n"
MAPPING = {"Ngày nghỉ": "day", "Kiểu": "Loại nghỉ", "Số văn bản": "source_doc", "STT": ""}


def test_a_file_with_other_headers_is_read_through_the_mapping() -> None:
    staged = imports.stage(overrides(), csv_file(OTHER), mapping=MAPPING)
    assert [v["kind"] for v in staged.values] == ["off", "work"]
    assert [v["note"] for v in staged.values] == ["", ""]  # "STT" left out, "Ghi chú" not in the file


def test_inspect_reads_the_headers_and_suggests_by_folded_label_and_alias() -> None:
    columns = (*COLUMNS[:2], Column("source_doc", "Văn bản căn cứ", required=True, aliases=("Số văn bản",)), COLUMNS[3])
    importer = Importer(columns=columns, parse=parse, apply=apply, formats=BOTH)
    sheet = imports.inspect(importer, csv_file("NGAY;Kiểu;so van ban;STT\n2/1/2030;Nghỉ;TB 1;1\n"))
    assert sheet.headers == ("NGAY", "Kiểu", "so van ban", "STT") and sheet.kind == imports.CSV
    assert sheet.rows == (("2/1/2030", "Nghỉ", "TB 1", "1"),)
    assert sheet.suggested == {"NGAY": "day", "Kiểu": "", "so van ban": "source_doc", "STT": ""}


def test_a_mapping_is_refused_with_every_reason_in_vietnamese() -> None:
    bad = {"Ngày nghỉ": "day", "Kiểu": "day", "Số văn bản": "số hiệu", "Người ký": "note"}
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), csv_file(OTHER), mapping=bad)
    assert messages(exc) == [
        "Dòng 1, cột “Kiểu”: cột “Ngày” đã được gán cho cột “Ngày nghỉ” của tệp; mỗi cột của mẫu chỉ nhận một "
        "cột của tệp.",
        "Dòng 1, cột “Số văn bản”: “số hiệu” không phải cột nào của mẫu nhập (các cột: Ngày; Loại nghỉ; Văn bản "
        "căn cứ; Ghi chú).",
        "Dòng 1, cột “Người ký”: tệp không có cột này.",
        "Dòng 1, cột “Loại nghỉ”: thiếu cột bắt buộc: hãy chọn cột của tệp ứng với cột này.",
        "Dòng 1, cột “Văn bản căn cứ”: thiếu cột bắt buộc: hãy chọn cột của tệp ứng với cột này.",
    ]
    positions, errors = imports.check_mapping(COLUMNS, ["Ngày nghỉ", "Kiểu", "Số văn bản", "STT"], MAPPING)
    assert errors == [] and [c.key for c in positions.values()] == ["day", "kind", "source_doc"]


def test_a_header_the_file_has_twice_cannot_be_mapped() -> None:
    text = "Ngày;Ngày;Kiểu;Số văn bản\n2/1/2030;2/1/2030;Nghỉ;TB 1\n"
    with pytest.raises(ImportRejected) as exc:
        imports.stage(overrides(), csv_file(text), mapping={"Ngày": "day", "Kiểu": "kind", "Số văn bản": "source_doc"})
    assert messages(exc) == [
        "Dòng 1, cột “Ngày”: tệp có nhiều cột cùng tên này; hãy đổi tên cho khác nhau.",
        "Dòng 1, cột “Ngày”: thiếu cột bắt buộc: hãy chọn cột của tệp ứng với cột này.",
    ]


def test_with_a_mapping_a_bad_cell_is_named_by_the_files_header() -> None:
    text = "Ngày nghỉ;Kiểu;Số văn bản\n2/1/2030;Nghỉ;TB 1\n30/2/2030;Nghỉ;TB 2\n"
    with pytest.raises(ImportRejected) as exc:
        imports.stage(
            overrides(), csv_file(text), mapping={"Ngày nghỉ": "day", "Kiểu": "kind", "Số văn bản": "source_doc"}
        )
    assert messages(exc) == ["Dòng 3, cột “Ngày nghỉ”: “30/2/2030” không phải ngày (dd/mm/yyyy)."]


def test_all_rows_or_none_through_a_mapping() -> None:
    text = OTHER + "4/1/2030;Nghỉ;TB 3;3\n"
    mapping = {**MAPPING, "STT": "note"}
    refusing = text.replace("TB 3;3", "TB 3;từ chối")
    with pytest.raises(ImportRejected, match="Dòng 4, cột “STT”: dịch vụ từ chối dòng này"):
        imports.run(overrides(), csv_file(refusing), mapping=mapping)
    assert CalendarOverride.objects.count() == 0
    assert len(imports.run(overrides(), csv_file(text), mapping=mapping)) == 3


def test_parse_datetime_reads_the_forms_other_systems_write() -> None:
    at = datetime.datetime(2025, 3, 15, 8, 30)  # noqa: DTZ001 (the office's local time, as the parser gives)
    for text in (
        "15/03/2025 08:30",
        "15/3/2025 8:30",
        "08:30 15/03/2025",
        "2025-03-15 08:30:00",
        "15/03/2025 08:30:00",
    ):
        assert imports.parse_datetime(text) == at, text
    assert imports.parse_datetime("15/03/2025") == at.replace(hour=0, minute=0)
    assert imports.parse_datetime(at) == at
    for bad in ("31/02/2025 08:00", "15/03/2025 25:00", "hôm qua"):
        with pytest.raises(ValueError):
            imports.parse_datetime(bad)
