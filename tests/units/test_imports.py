"""Importing hamlets from Excel: all rows or none, errors named by row and column."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from danvan.accounts.access import SYSTEM
from danvan.core.imports import ImportRejected
from danvan.units.imports import import_hamlets
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db


def xlsx(rows: list[list[object]], header: list[str] | None = None) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(header or ["Mã xã", "Loại", "Tên", "Hiệu lực từ"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def hamlets(commune: Unit) -> list[str]:
    commune.refresh_from_db()
    return sorted(u.name for u in Unit.objects.get_children(commune))


def test_import_creates_every_row(tree) -> None:
    created = import_hamlets(
        actor=SYSTEM,
        stream=xlsx(
            [
                ["90020", "Thôn", "Nà Săm", "01/07/2025"],
                ["90020", "tổ dân phố", "Giao Lâm", None],
                [90010, "Xom", "Nà Dì", None],
            ]
        ),
    )
    assert len(created) == 3
    assert hamlets(tree.commune_b) == ["Thôn Nà Săm", "Tổ dân phố Giao Lâm"]
    assert "Xóm Nà Dì" in hamlets(tree.commune_a)


def test_one_bad_row_rejects_the_file(tree) -> None:
    with pytest.raises(ImportRejected) as info:
        import_hamlets(
            actor=SYSTEM,
            stream=xlsx(
                [
                    ["90020", "Thôn", "Nà Săm", None],
                    ["99999", "Thôn", "Lạc", None],
                    ["90020", "Làng", "Bản Vàn", "31/02/2025"],
                    ["90020", "Thôn", "", None],
                    ["90020", "Thôn", "nà săm", None],
                ]
            ),
        )
    messages = [str(e) for e in info.value.errors]
    assert "Dòng 3, cột “Mã xã”: không có xã, phường, đặc khu mã “99999” hiện hành." in messages
    assert any(m.startswith("Dòng 4, cột “Loại”") for m in messages)
    assert any(m.startswith("Dòng 4, cột “Hiệu lực từ”") for m in messages)
    assert "Dòng 5, cột “Tên”: bắt buộc." in messages
    assert "Dòng 6, cột “Tên”: trùng với dòng 2." in messages
    assert hamlets(tree.commune_b) == []


def test_wrong_columns_and_existing_names_are_refused(tree) -> None:
    with pytest.raises(ImportRejected) as info:
        import_hamlets(actor=SYSTEM, stream=xlsx([["90020", "Thôn"]], header=["Mã xã", "Loại", "Ghi chú"]))
    messages = [str(e) for e in info.value.errors]
    assert "Dòng 1, cột “Ghi chú”: cột không được hỗ trợ." in messages
    assert "Dòng 1, cột “Tên”: thiếu cột bắt buộc." in messages
    with pytest.raises(ImportRejected, match="đã có trong Xã A"):
        import_hamlets(actor=SYSTEM, stream=xlsx([["90010", "Thôn", "A1", None]]))
    with pytest.raises(ImportRejected, match="không phải bảng tính Excel"):
        import_hamlets(actor=SYSTEM, stream=io.BytesIO(b"PK\x03\x04 not really"))


def test_import_respects_the_actors_scope(tree, personas) -> None:
    """The unit service refuses the commune out of scope; the import names the row like any other error."""
    with pytest.raises(ImportRejected) as info:
        import_hamlets(
            actor=personas.unit_admin,
            stream=xlsx([["90020", "Thôn", "Trong", None], ["90030", "Thôn", "Ngoài", None]]),
        )
    assert [str(e) for e in info.value.errors] == ["Dòng 3, cột “Mã xã”: Bạn không có quyền quản lý đơn vị này."]
    assert hamlets(tree.commune_c) == [] and hamlets(tree.commune_b) == []


def test_command_reports_rejection_in_vietnamese(tree, tmp_path) -> None:
    path = tmp_path / "thon.xlsx"
    path.write_bytes(xlsx([["99999", "Thôn", "X", None]]).getvalue())
    with pytest.raises(CommandError, match="Dòng 2, cột “Mã xã”"):
        call_command("import_units", str(path))
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([["90020", "Thôn", "Y", None]]).getvalue())
    out = io.StringIO()
    call_command("import_units", str(good), stdout=out)
    assert "Đã nhập 1" in out.getvalue()


def test_large_file_is_all_or_nothing(tree) -> None:
    rows = [["90020", "Thôn", f"Thôn số {i}", None] for i in range(2000)]
    rows.append(["90020", "Thôn", "Thôn số 7", None])  # a duplicate at the very end
    with pytest.raises(ImportRejected, match="Dòng 2002"):
        import_hamlets(actor=SYSTEM, stream=xlsx(rows))
    assert hamlets(tree.commune_b) == []


def test_an_oversize_name_is_refused_with_its_row_and_column(tree) -> None:
    """Issue 10: a 5.011-character hamlet name was stored in a 255-character field."""
    name = "Nà Săm " * 715 + "x"  # 5.006 characters: "Thôn " makes the stored name 5.011
    with pytest.raises(ImportRejected) as info:
        import_hamlets(actor=SYSTEM, stream=xlsx([["90020", "Thôn", "Đúng", None], ["90020", "Thôn", name, None]]))
    assert [str(e) for e in info.value.errors] == ["Dòng 3, cột “Tên”: dài 5.006 ký tự, vượt quá 244 ký tự cho phép."]
    assert hamlets(tree.commune_b) == []


def test_the_service_refuses_a_name_longer_than_the_field(tree) -> None:
    from django.core.exceptions import ValidationError

    from danvan.units.services import create_unit

    with pytest.raises(ValidationError, match="dài quá 255 ký tự"):
        create_unit(actor=SYSTEM, parent=tree.commune_b, kind="to_dan_pho", short_name="Giao Lâm " * 30)
    assert hamlets(tree.commune_b) == []


def test_remote_areas_are_stored_through_the_service(tree) -> None:
    header = ["Mã xã", "Loại", "Tên", "Mã", "Vùng sâu, vùng xa"]
    created = import_hamlets(
        actor=SYSTEM, stream=xlsx([["90020", "Bản", "Vàn", "B01", "Có"], ["90020", "Bản", "Lạc", "", "Không"]], header)
    )
    assert [(u.name, u.code, u.remote_area) for u in created] == [("Bản Vàn", "B01", True), ("Bản Lạc", "", False)]
