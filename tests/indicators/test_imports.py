"""The Excel import of values and targets: a good sheet (old codes for the years before the reform, a
file read twice updates), and bad rows named by row and column, with nothing written."""

import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from danvan.accounts import access
from danvan.accounts.access import SYSTEM
from danvan.core.imports import ImportRejected
from danvan.indicators import imports
from danvan.indicators.models import Target, Value
from tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def reads_the_province(user, province) -> None:
    """``user`` also reads the whole province (a supervisor's role there), but still edits only their own."""
    RoleAssignmentFactory(user=user, role="supervisor", unit=province)
    access.forget(user)


def sheet(*rows) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "so-lieu.xlsx"
    return buffer


VALUES = ("STT", "Mã chỉ tiêu", "Mã đơn vị", "Kỳ", "Năm", "Từ ngày", "Đến ngày", "Giá trị", "Tử số", "Mẫu số",
          "Trọng số", "Nguồn số liệu")  # fmt: skip
TARGETS = ("Mã chỉ tiêu", "Mã đơn vị", "Kỳ", "Năm", "So sánh", "Giá trị chỉ tiêu", "Căn cứ")


def test_a_good_sheet_of_values_then_the_same_sheet_again(tree, personas, poverty, new_rural, satisfaction) -> None:
    rows = [
        VALUES,
        (1, "ho_ngheo", "90010", "6 tháng đầu năm", 2026, None, None, None, 470, 9344, None, "Báo cáo của UBND xã"),
        (2, "ntm_xa", "90010", "Cả năm", 2026, None, None, "1", None, None, None, "Quyết định công nhận"),
        (3, "hai_long", "90010", "Khoảng ngày tự chọn", None, "1/3/2026", "30/9/2026", "91,3%", None, None, None,
         "Khảo sát SIPAS"),
        # Xã Cũ's code names it in 2024, before it was merged into xã A.
        (4, "ho_ngheo", "90001", "year", 2024, None, None, None, "12", "400", None, "Báo cáo của UBND xã"),
    ]  # fmt: skip
    preview = imports.read(sheet(*rows), actor=personas.officer_a, kind="values")
    assert (preview.count, preview.created, preview.updated) == (4, 4, 0) and not Value.objects.exists()
    assert preview.rows[0] == {"indicator": "Tỷ lệ hộ nghèo", "unit": "Xã A", "period": "6 tháng đầu năm 2026",
                               "value": "5,03%", "note": "Báo cáo của UBND xã"}  # fmt: skip
    done = imports.run(sheet(*rows), actor=personas.officer_a, kind="values")
    assert (done.created, done.updated) == (4, 0)
    assert Value.objects.get(unit=tree.old_commune).value == D(3)
    assert Value.objects.get(indicator=satisfaction).period.label == "Từ 1/3/2026 đến 30/9/2026"
    again = imports.run(sheet(*rows), actor=personas.officer_a, kind="values")
    assert (again.created, again.updated, Value.objects.count()) == (0, 4, 4)


def test_a_good_sheet_of_targets_needs_the_decision_right(tree, personas, poverty) -> None:
    rows = [TARGETS, ("ho_ngheo", "92", "Cả năm", 2026, "dưới", "6", "Nghị quyết Đại hội Đảng bộ tỉnh")]
    reads_the_province(personas.leader_a, tree.province)
    with pytest.raises(PermissionDenied):
        imports.read(sheet(*rows), actor=personas.officer_a, kind="targets")
    with pytest.raises(ImportRejected) as caught:
        imports.run(sheet(*rows), actor=personas.leader_a, kind="targets")  # a commune's leader, the province's row
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 2, cột “Mã đơn vị”: Bạn không có quyền đặt chỉ tiêu cho Tỉnh Mới."
    ]
    done = imports.run(sheet(*rows), actor=SYSTEM, kind="targets")
    assert done.created == 1 and Target.objects.get().words == "dưới 6%"


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(tree, personas, poverty, satisfaction) -> None:
    rows = [
        VALUES,
        (1, "hai_long", "90010", "Cả năm", 2026, None, None, "120", None, None, None, "Khảo sát"),
        (2, "ho_ngheo", "90010", "Cả năm", 2026, None, None, None, 500, 400, None, "Báo cáo"),
        (3, "ho_ngheo", "90020", "Cả năm", 2026, None, None, None, 5, 400, None, "Báo cáo"),
        (4, "hai_long", "90010", "Khoảng ngày tự chọn", None, "30/6/2026", "1/1/2026", "90", None, None, None, "KS"),
        (5, "khong_co", "90010", "Cả năm", 2026, None, None, "1", None, None, None, "Báo cáo"),
        (6, "ho_ngheo", "90030", "Cả năm", 2026, None, None, None, 5, 400, None, "Báo cáo"),
        (7, "hai_long", "90010", "Quý V", 2026, None, None, "80", None, None, None, "KS"),
        (8, "hai_long", "90010", "Quý II", 2026, None, None, "19 hộ", None, None, None, "KS"),
        (9, "hai_long", "90010", "Cả năm", 2026, None, None, "80", None, None, None, None),
        (10, "ho_ngheo", "90010", "Quý I", 2026, None, None, None, 5, 400, None, "Báo cáo"),
        (11, "ho_ngheo", "90010", "quý 1", 2026, None, None, None, 6, 400, None, "Báo cáo"),
    ]  # fmt: skip
    reads_the_province(personas.officer_a, tree.province)
    with pytest.raises(ImportRejected) as caught:
        imports.run(sheet(*rows), actor=personas.officer_a, kind="values")
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 2, cột “Giá trị”: tỷ lệ phần trăm phải từ 0 đến 100 (đã ghi 120%).",
        "Dòng 3, cột “Tử số”: Số hộ nghèo (500) lớn hơn tổng số hộ (400).",
        "Dòng 4, cột “Mã đơn vị”: Bạn không có quyền nhập số liệu chỉ tiêu của Xã B.",
        "Dòng 5, cột “Đến ngày”: Đến ngày (1/1/2026) trước từ ngày (30/6/2026): "
        "kỳ không thể kết thúc trước khi bắt đầu.",
        "Dòng 6, cột “Mã chỉ tiêu”: không có chỉ tiêu mã “khong_co”.",
        "Dòng 7, cột “Mã đơn vị”: không có đơn vị mã “90030” trong kỳ này, trong phạm vi của bạn.",
        "Dòng 8, cột “Kỳ”: “Quý V” không phải kỳ báo cáo: ghi một trong Cả năm, 6 tháng đầu năm, 6 tháng cuối năm, "
        "9 tháng, Quý I, Quý II, Quý III, Quý IV, Tháng, Khoảng ngày tự chọn.",
        "Dòng 9, cột “Giá trị”: Đơn vị tính sai: chỉ tiêu tính bằng “%”, không phải “hộ”.",
        "Dòng 10, cột “Nguồn số liệu”: bắt buộc.",
        "Dòng 12: trùng chỉ tiêu, đơn vị và kỳ với dòng 11.",
    ]  # fmt: skip
    assert not Value.objects.exists()


def test_a_target_without_its_basis_is_refused(tree, poverty) -> None:
    rows = [
        TARGETS,
        ("ho_ngheo", "92", "Cả năm", 2026, "<", "6", None),
        ("ho_ngheo", "92", "Quý I", 2026, ">", "6", "NQ"),
    ]
    with pytest.raises(ImportRejected) as caught:
        imports.run(sheet(*rows), actor=SYSTEM, kind="targets")
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 2, cột “Căn cứ”: bắt buộc.",
        "Dòng 3, cột “So sánh”: Phép so sánh: chỉ tiêu càng thấp càng tốt, chọn “≤” hoặc “<”.",
    ]
    missing = [
        ("Mã chỉ tiêu", "Mã đơn vị", "Kỳ", "Năm", "So sánh", "Giá trị chỉ tiêu"),
        ("ho_ngheo", "92", "Cả năm", 2026, "<", 6),
    ]
    with pytest.raises(ImportRejected) as caught:
        imports.run(sheet(*missing), actor=SYSTEM, kind="targets")
    assert str(caught.value.errors[0]).startswith("Dòng 1, cột “Căn cứ”: thiếu cột bắt buộc")
    assert not Target.objects.exists()


def test_a_csv_file(tree, personas, poverty) -> None:
    text = "Mã chỉ tiêu;Mã đơn vị;Kỳ;Năm;Tử số;Mẫu số;Nguồn số liệu\nho_ngheo;90010;Cả năm;2026;1.451;20.000;Báo cáo\n"
    stream = io.BytesIO(text.encode("utf-8-sig"))
    done = imports.run(stream, actor=personas.officer_a, kind="values")
    assert done.created == 1 and Value.objects.get().numerator == D(1451) and Value.objects.get().value == D("7.2550")
