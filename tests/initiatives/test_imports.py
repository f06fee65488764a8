"""Importing the registration sheets: every row checked, errors by row and column, all rows or none."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from danvan.accounts.access import SYSTEM
from danvan.core.imports import ImportRejected
from danvan.core.models import Event
from danvan.initiatives.imports import import_initiatives, read_rows
from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Thôn, tổ dân phố", "Năm", "Loại", "Tên mô hình", "Tập thể, cá nhân", "Chức vụ", "Lĩnh vực",
          "Lĩnh vực con", "Ngày đăng ký"]  # fmt: skip


def sheet(rows: list[list[object]], header: list[str] = HEADER) -> io.BytesIO:
    workbook = Workbook()
    ws = workbook.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def good_row(n: int = 1, code: str = "90010") -> list[object]:
    subfield = "Giảm nghèo, phát triển sản xuất"
    return [code, "", 2026, "Mô hình", f"Mô hình số {n}", "Chi bộ thôn", "", "Kinh tế", subfield, "15/01/2026"]


def messages(exc: pytest.ExceptionInfo[ImportRejected]) -> list[str]:
    return [str(e) for e in exc.value.errors]


def test_a_good_sheet_registers_every_row_with_an_event(tree, personas) -> None:
    rows = [
        good_row(1),
        ["90010", "A1", 2026, "Điển hình", "Người có uy tín", "Nông Văn A", "Trưởng thôn", "Văn hóa – xã hội", "", ""],
    ]
    created = import_initiatives(actor=personas.officer_a, stream=sheet(rows))
    assert len(created) == 2
    exemplar = Initiative.objects.get(kind="exemplar")
    assert (exemplar.unit, exemplar.status, exemplar.owner_position) == (tree.hamlet_a, "registered", "Trưởng thôn")
    assert Event.objects.filter(action="register").count() == 2


def test_wrong_columns(tree) -> None:
    with pytest.raises(ImportRejected) as exc:
        read_rows(sheet([], header=["Mã đơn vị", "Năm", "Tên", "Ghi chú"]), None)
    found = messages(exc)
    assert "Dòng 1, cột “Tên”: cột không được hỗ trợ." in found
    assert "Dòng 1, cột “Tên mô hình”: thiếu cột bắt buộc." in found
    assert "Dòng 1, cột “Lĩnh vực”: thiếu cột bắt buộc." in found


def test_bad_dates_unknown_units_fields_and_kinds(tree) -> None:
    rows = [
        [*good_row(1)[:9], "31/02/2026"],
        good_row(2, code="99999"),
        ["90010", "Thôn Không Có", 2026, "", "X", "Chi bộ", "", "Kinh tế", "", ""],
        ["90010", "", 2026, "Phong trào", "Y", "Chi bộ", "", "Nông nghiệp", "", ""],
        ["90010", "", 2026, "Điển hình", "Z", "Ông B", "", "Kinh tế", "", ""],
        ["90010", "", "năm nay", "", "W", "Chi bộ", "", "Kinh tế", "", ""],
        ["90010", "", 2026, "", "V", "Chi bộ", "", "Kinh tế", "Bảo vệ môi trường", ""],
    ]
    with pytest.raises(ImportRejected) as exc:
        read_rows(sheet(rows), None)
    found = messages(exc)
    assert "Dòng 2, cột “Ngày đăng ký”: “31/02/2026” không phải ngày (dd/mm/yyyy)." in found
    assert "Dòng 3, cột “Mã đơn vị”: không có xã, phường, đặc khu hoặc tỉnh mã “99999” hiện hành." in found
    assert any(m.startswith("Dòng 4, cột “Thôn, tổ dân phố”") for m in found)
    assert "Dòng 5, cột “Loại”: “Phong trào” phải là “Mô hình” hoặc “Điển hình”." in found
    assert any(m.startswith("Dòng 5, cột “Lĩnh vực”: “Nông nghiệp”") for m in found)
    # The rules of a registration are the service's, in its words (a row that cannot be read is
    # not checked by the service: the sub-field row is apart from the exemplar row).
    assert "Dòng 6, cột “Chức vụ”: Điển hình cá nhân cần ghi chức vụ của người thực hiện." in found
    assert any(m.startswith("Dòng 7, cột “Năm”") for m in found)
    assert "Dòng 8, cột “Lĩnh vực con”: “Bảo vệ môi trường” không phải lĩnh vực con của “Kinh tế”." in found
    assert Initiative.objects.count() == 0


def test_duplicates_in_the_file_and_in_the_database(tree) -> None:
    import_initiatives(actor=SYSTEM, stream=sheet([good_row(1)]))
    with pytest.raises(ImportRejected) as exc:
        import_initiatives(actor=SYSTEM, stream=sheet([good_row(2), good_row(2), good_row(1)]))
    found = messages(exc)
    assert "Dòng 3, cột “Tên mô hình”: Trùng với dòng 2 (cùng đơn vị, cùng năm)." in found
    assert "Dòng 4, cột “Tên mô hình”: Xã A đã đăng ký mô hình “Mô hình số 1” năm 2026." in found
    assert Initiative.objects.count() == 1


def test_rows_outside_the_officers_scope(tree, personas) -> None:
    with pytest.raises(ImportRejected) as exc:
        import_initiatives(actor=personas.officer_b, stream=sheet([good_row(1)]))
    assert messages(exc) == ["Dòng 2, cột “Mã đơn vị”: Xã A ngoài phạm vi của bạn."]


def test_ten_thousand_rows_all_or_none(tree) -> None:
    rows = [good_row(n, code="90010" if n % 2 else "90020") for n in range(1, 10_001)]
    bad = [*rows[:9_999], good_row(10_000, code="00000")]
    with pytest.raises(ImportRejected) as exc:
        import_initiatives(actor=SYSTEM, stream=sheet(bad))
    assert messages(exc) == [
        "Dòng 10001, cột “Mã đơn vị”: không có xã, phường, đặc khu hoặc tỉnh mã “00000” hiện hành."
    ]
    assert Initiative.objects.count() == 0 and Event.objects.count() == 0
    created = import_initiatives(actor=SYSTEM, stream=sheet(rows))
    assert len(created) == 10_000
    assert Initiative.objects.filter(unit=tree.commune_b).count() == 5_000
    assert Event.objects.filter(action="register").count() == 10_000
    assert Initiative.history.count() == 10_000


def test_the_command_checks_then_imports(tree, tmp_path) -> None:
    from django.core.management import CommandError, call_command

    path = tmp_path / "dang-ky.xlsx"
    path.write_bytes(sheet([good_row(1), good_row(2)]).getvalue())
    out = io.StringIO()
    call_command("import_initiatives", str(path), "--check", stdout=out)
    assert "Hợp lệ: 2 mô hình (chưa ghi)." in out.getvalue() and Initiative.objects.count() == 0
    call_command("import_initiatives", str(path), stdout=out)
    assert Initiative.objects.count() == 2
    with pytest.raises(CommandError, match="Dòng 2, cột “Tên mô hình”"):
        call_command("import_initiatives", str(path))


def test_the_import_registers_through_the_service(tree, personas, monkeypatch) -> None:
    from danvan.initiatives import services

    calls: list[int] = []
    register = services.register_initiatives

    def spy(**kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(kwargs["rows"]))
        return register(**kwargs)

    monkeypatch.setattr(services, "register_initiatives", spy)
    import_initiatives(actor=personas.officer_a, stream=sheet([good_row(1), good_row(2)]))
    assert calls == [2]
    assert set(Event.objects.values_list("note", flat=True)) == {"Nhập từ tệp Excel"}


def test_the_bulk_service_refuses_a_unit_outside_the_actors_scope_and_writes_nothing(tree, personas) -> None:
    """The scope is the service's rule: a caller that skips the sheet's checks is refused all the same."""
    from danvan.initiatives.models import Field
    from danvan.initiatives.services import NewRegistration, Registration, RegistrationsRefused, register_initiatives

    field = Field.objects.get(parent=None, name="Kinh tế")
    rows = [
        NewRegistration(
            unit=tree.commune_a, data=Registration(name="Mô hình A", field=field, year=2026, owner_name="X")
        ),
        NewRegistration(
            unit=tree.commune_b, data=Registration(name="Mô hình B", field=field, year=2026, owner_name="Y")
        ),
    ]
    with pytest.raises(RegistrationsRefused) as exc:
        register_initiatives(actor=personas.officer_a, rows=rows)
    assert exc.value.rows == {1: {"unit": ["Xã B ngoài phạm vi của bạn."]}}
    assert Initiative.objects.count() == 0 and Event.objects.count() == 0
    created = register_initiatives(actor=personas.officer_a, rows=rows[:1])
    assert [(i.status, i.created_by) for i in created] == [("registered", personas.officer_a)]
    assert Event.objects.get().action == "register"


def test_an_oversize_name_is_refused_and_never_stored(tree) -> None:
    row = good_row(1)
    row[4] = "Mô hình " + "rất dài " * 40  # more than the 300 characters the name holds
    with pytest.raises(ImportRejected) as exc:
        import_initiatives(actor=SYSTEM, stream=sheet([row]))
    assert messages(exc) == [
        f"Dòng 2, cột “Tên mô hình”: dài {len(row[4].strip())} ký tự, vượt quá 300 ký tự cho phép."
    ]
    assert Initiative.objects.count() == 0


def test_the_page_previews_the_rows_and_bounds_the_errors(tree, personas, settings, tmp_path) -> None:
    from django.test import Client
    from django.urls import reverse

    settings.DATA_DIR = tmp_path
    client = Client()
    client.force_login(personas.officer_a)
    upload = sheet([good_row(1), ["90010", "A1", 2026, "Mô hình", "Tổ tự quản", "Tổ A1", "", "Kinh tế", "", ""]])
    upload.name = "dang-ky.xlsx"
    body = client.post(reverse("initiative_import"), {"file": upload}).content.decode()
    assert "Xem trước: 2 mô hình hợp lệ" in body
    assert "<td>Mô hình số 1</td>" in body and "<td>Thôn A1</td>" in body and "<td>Kinh tế</td>" in body
    bad = sheet([good_row(n, code="99999") for n in range(250)])
    bad.name = "sai.xlsx"
    body = client.post(reverse("initiative_import"), {"file": bad}).content.decode()
    assert body.count("<li>Dòng ") == 200
    assert "Đã dừng kiểm tra sau 200 lỗi" in body
    assert Initiative.objects.count() == 0
