"""The one-stop imports (issue 12): the province's procedure catalogue, and another system's dossier history
through a column mapping; all rows or none, errors named by row and column in Vietnamese."""

from __future__ import annotations

import datetime
import io
import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from danvan.core.actors import SystemActor
from danvan.core.imports import ImportRejected
from danvan.core.models import Event
from danvan.onestop import history, imports, rules, services
from danvan.onestop.models import Dossier, Procedure
from tests.conftest import Personas, Tree
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.onestop.conftest import Desk

pytestmark = pytest.mark.django_db
SYSTEM = SystemActor("kiểm thử nhập")

CATALOGUE_HEADER = ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Thời hạn giải quyết",
                    "Giờ tiếp nhận cuối", "Phí, lệ phí", "Mức độ DVC trực tuyến", "Một cửa", "Thành phần hồ sơ",
                    "Căn cứ pháp lý"]  # fmt: skip


def xlsx(header: list[str], rows: list[list[object]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def catalogue_row(code: str = "1.000656", **changes: object) -> list[object]:
    values = {
        "stt": 1, "code": code, "name": "Thủ tục đăng ký kết hôn", "field": "Hộ tịch", "level": "Cấp xã",
        "time": "03 ngày làm việc", "cutoff": "", "fee": "Miễn lệ phí", "online": "Toàn trình", "one_stop": "Có",
        "components": "- Tờ khai đăng ký kết hôn; 1; 0\n- Giấy xác nhận tình trạng hôn nhân",
        "basis": "Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP",
    } | changes  # fmt: skip
    return list(values.values())


def messages(exc: pytest.ExceptionInfo[ImportRejected]) -> list[str]:
    return [str(e) for e in exc.value.errors]


# --- the catalogue ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("15 ngày làm việc", (15, 0)), ("04 giờ làm việc", (0, 4)), ("4 giờ", (0, 4)), ("Trong ngày", (0, 0)),
     ("Trong ngày làm việc (sau 15 giờ thì trả trong ngày làm việc tiếp theo)", (0, 0)), (10, (10, 0)),
     ("7", (7, 0)), ("Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ", (5, 0)), (3.0, (3, 0))],
)  # fmt: skip
def test_the_processing_time_as_provinces_write_it(text: object, expected: tuple[int, int]) -> None:
    assert imports.parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [("30 ngày", "là ngày lịch"), ("0,5 ngày làm việc", "ngày làm việc nguyên"), ("nhanh", "không phải thời hạn")],
)
def test_a_processing_time_that_cannot_be_read_is_refused_not_guessed(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        imports.parse_duration(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [("Toàn trình", "full"), ("DVC trực tuyến một phần", "partial"), ("Mức 4", "full"), ("Mức độ 3", "partial"),
     ("Mức 2", "none"), ("mức 1", "none"), ("Không", "none"), ("", "none")],
)  # fmt: skip
def test_online_levels_new_and_old(text: str, level: str) -> None:
    assert imports.parse_online_level(text) == level


def test_the_catalogue_creates_and_updates_through_the_service(tree: Tree, desk: Desk) -> None:
    rows = [
        catalogue_row(),
        catalogue_row("2.000815", name="Chứng thực bản sao từ bản chính", field="Chứng thực", time="Trong ngày",
                      cutoff="15:00", online="Mức 3", components="", basis=""),
        catalogue_row("1.004227", name="Đăng ký biến động đất đai", field="Đất đai", level="Cấp tỉnh, cấp xã",
                      time="04 giờ làm việc", online="Mức 2", one_stop="Không"),
    ]  # fmt: skip
    preview = imports.read_catalogue(xlsx(CATALOGUE_HEADER, rows), SYSTEM, tree.province)
    assert (preview.count, preview.created, preview.updated, preview.ignored) == (3, 1, 2, ["STT"])
    assert Procedure.objects.filter(code="1.000656").count() == 0  # the preview wrote nothing
    assert Procedure.objects.get(pk=desk.certify.pk).online_level == "partial"

    created, updated = imports.import_catalogue(actor=SYSTEM, province=tree.province,
                                                stream=xlsx(CATALOGUE_HEADER, rows))  # fmt: skip
    assert (created, updated) == (1, 2)
    marriage = Procedure.objects.get(unit=tree.province, code="1.000656")
    assert (marriage.days, marriage.hours, marriage.level, marriage.online_level) == (3, 0, "commune", "full")
    assert marriage.components == [
        {"name": "Tờ khai đăng ký kết hôn", "originals": 1, "copies": 0},
        {"name": "Giấy xác nhận tình trạng hôn nhân", "originals": 1, "copies": 0},
    ]
    assert marriage.legal_basis == "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"
    certify = Procedure.objects.get(pk=desk.certify.pk)
    assert (certify.days, certify.hours, certify.cutoff, certify.online_level) == (0, 0, datetime.time(15), "partial")
    land = Procedure.objects.get(pk=desk.land.pk)
    assert (land.hours, land.level, land.online_level, land.one_stop) == (4, "both", "none", False)
    # The other province's procedure of the same code is untouched: the code is the province's.
    assert Procedure.objects.get(pk=desk.other_certify.pk).days == 1


def test_a_bad_catalogue_row_names_its_row_and_column_and_nothing_is_written(tree: Tree, desk: Desk) -> None:
    rows = [catalogue_row(), catalogue_row("1.2", online="Mức 5"), catalogue_row("1.3", level="Cấp huyện"),
            catalogue_row("1.4", time="30 ngày"), catalogue_row("1.000656"), catalogue_row("1.5", name="")]  # fmt: skip
    with pytest.raises(ImportRejected) as exc:
        imports.import_catalogue(actor=SYSTEM, province=tree.province, stream=xlsx(CATALOGUE_HEADER, rows))
    found = messages(exc)
    assert found[0].startswith("Dòng 3, cột “Mức độ DVC trực tuyến”: “Mức 5” không phải mức dịch vụ công trực tuyến")
    assert found[1].startswith("Dòng 4, cột “Cấp thực hiện”: “Cấp huyện”: cấp huyện không còn từ 01/07/2025")
    assert found[2].startswith("Dòng 5, cột “Thời hạn giải quyết”: “30 ngày” là ngày lịch")
    assert found[3:] == [
        "Dòng 6, cột “Mã thủ tục”: mã “1.000656” trùng với dòng 2.",
        "Dòng 7, cột “Tên thủ tục”: bắt buộc.",
    ]
    assert not Procedure.objects.filter(code="1.000656").exists()


def test_the_service_refusal_shows_in_the_preview(tree: Tree, desk: Desk) -> None:
    too_long = catalogue_row(basis="Căn cứ " * 100)  # 700 characters: the service holds 500
    with pytest.raises(ImportRejected) as exc:
        imports.read_catalogue(xlsx(CATALOGUE_HEADER, [too_long]), SYSTEM, tree.province)
    assert messages(exc) == ["Dòng 2, cột “Căn cứ pháp lý”: Căn cứ pháp lý: tối đa 500 ký tự."]
    assert not Procedure.objects.filter(code="1.000656").exists()


def test_the_catalogue_needs_the_provinces_decide_right(tree: Tree, personas: Personas, desk: Desk) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        imports.read_catalogue(xlsx(CATALOGUE_HEADER, [catalogue_row()]), personas.leader_a, tree.province)


def test_the_catalogue_command(tree: Tree, desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "danh-muc.xlsx"
    path.write_bytes(xlsx(CATALOGUE_HEADER, [catalogue_row()]).getvalue())
    out = io.StringIO()
    call_command("import_procedures", str(path), "--province", tree.province.code, stdout=out)
    assert "1 thủ tục mới, 0 cập nhật" in out.getvalue()
    path.write_bytes(xlsx(CATALOGUE_HEADER, [catalogue_row("9.9", time="mãi mãi")]).getvalue())
    with pytest.raises(CommandError, match="Dòng 2, cột “Thời hạn giải quyết”"):
        call_command("import_procedures", str(path), "--province", tree.province.code)


# --- the dossier history ------------------------------------------------------------------------

#: The other system's headers: most are suggested by name; "Kênh" and "Ngày có KQ" must be mapped by hand.
HEADER = "Mã HS;Mã TTHC;Người nộp;Kênh;Ngày nhận;Ngày có KQ;Ngày trả;Trạng thái;Ngày kết thúc;Ngày hẹn trả;STT"
MAPPING_BY_HAND = {"Kênh": "channel", "Ngày có KQ": "finished"}
# Đăng ký khai sinh (3 working days) received Monday 10/3/2025 08:00 is due Thursday 13/3 17:00 by the rules;
# chứng thực (in the day, 15:00 cut-off) received at 15:30 is due the next day; the land procedure's file date kept.
GOOD = [
    "HS-001;1.001193;Nguyễn Văn An;Trực tiếp;10/03/2025 08:00;12/03/2025 10:00;12/03/2025 14:00;;;;1",
    "HS-002;1.001193;Trần Thị Bình;Trực tuyến;10/03/2025 08:00;13/03/2025 16:00;14/03/2025 09:00;;;;2",
    "HS-003;1.001193;Lê Văn Cường;Bưu chính;10/03/2025 08:00;14/03/2025 09:00;;;;;3",
    "HS-004;2.000815;Phạm Thị Dung;Trực tiếp;10/03/2025 15:30;11/03/2025 10:00;11/03/2025 10:30;Đã trả kết quả;;;4",
    "HS-005;1.004227;Hoàng Văn Em;trực tiếp;10/03/2025 09:00;21/03/2025 09:00;;;;20/03/2025;5",
    "HS-006;1.001193;Vũ Thị Giang;Trực tiếp;10/03/2025 09:00;;;;;;6",
    "HS-007;1.001193;Đỗ Văn Hải;Trực tiếp;10/03/2025 09:00;;;Rút hồ sơ;11/03/2025;;7",
    "HS-008;1.001193;Ngô Thị Yến;Trực tuyến;10/03/2025 09:00;;;Từ chối;10/03/2025;;8",
]


def history_file(rows: list[str], header: str = HEADER) -> io.BytesIO:
    return io.BytesIO(("\ufeff" + header + "\n" + "\n".join(rows) + "\n").encode())


def mapping(clerk: object, desk: Desk, rows: list[str]) -> dict[str, str]:
    sheet = imports.inspect_history(history_file(rows), clerk, desk.point.unit, desk.point)
    return {**sheet.suggested, **MAPPING_BY_HAND}


def test_the_mapping_screen_suggests_the_known_headers(desk: Desk) -> None:
    sheet = imports.inspect_history(history_file(GOOD), desk.clerk, desk.point.unit, desk.point)
    assert sheet.headers[:3] == ("Mã HS", "Mã TTHC", "Người nộp")
    assert sheet.suggested == {
        "Mã HS": "code", "Mã TTHC": "procedure", "Người nộp": "applicant", "Kênh": "", "Ngày nhận": "received",
        "Ngày có KQ": "", "Ngày trả": "returned", "Trạng thái": "status", "Ngày kết thúc": "ended",
        "Ngày hẹn trả": "due", "STT": "",
    }  # fmt: skip
    assert sheet.rows[0][:2] == ("HS-001", "1.001193") and len(sheet.rows) == 5
    with pytest.raises(ImportRejected) as exc:  # "Hình thức nộp" is required and was not mapped
        imports.read_history(history_file(GOOD), desk.clerk, desk.point.unit, desk.point, sheet.suggested)
    assert messages(exc) == ["Dòng 1, cột “Hình thức nộp”: thiếu cột bắt buộc: hãy chọn cột của tệp ứng với cột này."]


def test_a_good_history_gives_the_counts_the_rules_compute(desk: Desk) -> None:
    unit, point = desk.point.unit, desk.point
    chosen = mapping(desk.clerk, desk, GOOD)
    preview = imports.read_history(history_file(GOOD), desk.clerk, unit, point, chosen)
    o = preview.outcome
    assert (o.received, o.finished, o.early, o.on_time, o.late, o.returned) == (7, 5, 1, 2, 2, 3)
    assert (o.in_progress, o.withdrawn, o.refused, o.stopped, o.due_differs) == (1, 1, 1, 0, 1)
    assert o.by_channel == {"Trực tiếp": 5, "Trực tuyến": 1, "Bưu chính công ích": 1}
    assert Dossier.objects.count() == 0  # the preview wrote nothing

    created = imports.import_dossiers(actor=desk.clerk, unit=unit, point=point, stream=history_file(GOOD),
                                      mapping=chosen)  # fmt: skip
    assert len(created) == 8
    by_code = {d.code: d for d in Dossier.objects.select_related("procedure", "unit")}
    tz = timezone.get_current_timezone()
    assert by_code["HS-001"].due_at == datetime.datetime(2025, 3, 13, 17, 0, tzinfo=tz)
    assert {c: by_code[c].timeliness for c in ("HS-001", "HS-002", "HS-003", "HS-004", "HS-005")} == {
        "HS-001": "early", "HS-002": "on_time", "HS-003": "late", "HS-004": "on_time", "HS-005": "late"}  # fmt: skip
    assert by_code["HS-004"].due_at == datetime.datetime(2025, 3, 11, 17, 0, tzinfo=tz)  # after the 15:00 cut-off
    assert by_code["HS-005"].due_on == datetime.date(2025, 3, 20)  # the file's date, kept and compared
    assert [by_code[c].status for c in ("HS-001", "HS-003", "HS-006", "HS-007", "HS-008")] == [
        "returned", "result_ready", "processing", "withdrawn", "refused"]  # fmt: skip
    refused = by_code["HS-008"]
    assert refused.received_at is None and refused.ended_on == datetime.date(2025, 3, 11 - 1)
    assert all(d.imported and d.created_by == desk.clerk for d in by_code.values())
    assert by_code["HS-002"].channel == "online" and by_code["HS-003"].channel == "post"
    # The services' own recompute agrees with what the import stored (the same rules, not a copy).
    for code in ("HS-001", "HS-002", "HS-003", "HS-004", "HS-006"):
        assert services.recompute(by_code[code]) is False, code
    events = Event.objects.filter(action="import")
    assert events.count() == 8 and all(e.actor_id == desk.clerk.pk for e in events)
    assert (
        "Nhập từ hệ thống một cửa khác: Đã trả kết quả; tiếp nhận 10/3/2025 08:00"
        in events.get(object_id=str(by_code["HS-001"].pk)).note
    )


def test_an_unknown_procedure_an_impossible_date_and_a_known_code_write_nothing(desk: Desk) -> None:
    unit, point = desk.point.unit, desk.point
    imports.import_dossiers(actor=desk.clerk, unit=unit, point=point, stream=history_file(GOOD[:1]),
                            mapping=mapping(desk.clerk, desk, GOOD))  # fmt: skip
    future = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y 08:00")
    bad = [
        GOOD[1],
        "HS-001;1.001193;Lại Văn Khánh;Trực tiếp;10/03/2025 08:00;;;;;;2",  # already imported
        "HS-010;9.999999;Mai Thị Lan;Trực tiếp;10/03/2025 08:00;;;;;;3",  # not in the catalogue
        "HS-011;1.001193;Mai Thị Lan;Trực tiếp;31/02/2025 08:00;;;;;;4",  # no such day
        "HS-012;1.001193;Mai Thị Lan;Trực tiếp;12/03/2025 08:00;11/03/2025 08:00;;;;;5",  # result before receipt
        "HS-013;1.001193;Mai Thị Lan;Trực tiếp;10/03/2025 08:00;12/03/2025 08:00;11/03/2025 08:00;;;;6",  # return first
        f"HS-014;1.001193;Mai Thị Lan;Trực tiếp;{future};;;;;;7",  # received in the future
        "HS-002;1.001193;Mai Thị Lan;Trực tiếp;10/03/2025 08:00;;;;;;8",  # twice in the file
        "HS-015;1.001193;Mai Thị Lan;Trực tiếp;10/03/2025 08:00;;;Rút hồ sơ;;;9",  # withdrawn without its date
    ]
    with pytest.raises(ImportRejected) as exc:
        imports.import_dossiers(actor=desk.clerk, unit=unit, point=point, stream=history_file(bad),
                                mapping=mapping(desk.clerk, desk, bad))  # fmt: skip
    found = messages(exc)
    assert found[0] == "Dòng 3, cột “Mã HS”: mã hồ sơ “HS-001” đã có trong hệ thống."
    assert found[1].startswith("Dòng 4, cột “Mã TTHC”: thủ tục mã “9.999999” không có trong danh mục thủ tục")
    assert found[2] == (
        "Dòng 5, cột “Ngày nhận”: “31/02/2025 08:00” không phải ngày giờ hợp lệ (dd/mm/yyyy hoặc dd/mm/yyyy hh:mm)."
    )
    assert found[3] == "Dòng 6, cột “Ngày có KQ”: có kết quả (11/3/2025 08:00) trước khi tiếp nhận (12/3/2025 08:00)."
    assert found[4] == "Dòng 7, cột “Ngày trả”: trả kết quả (11/3/2025 08:00) trước khi có kết quả (12/3/2025 08:00)."
    assert found[5].startswith("Dòng 8, cột “Ngày nhận”: thời điểm tiếp nhận") and found[5].endswith("ở tương lai.")
    assert found[6] == "Dòng 9, cột “Mã HS”: mã hồ sơ “HS-002” trùng với dòng 2."
    assert found[7] == "Dòng 10, cột “Ngày kết thúc”: hồ sơ “Rút hồ sơ” cần ngày kết thúc."
    assert len(found) == 8
    assert Dossier.objects.count() == 1 and Event.objects.filter(action="import").count() == 1


def test_a_status_that_contradicts_the_dates_is_refused(desk: Desk) -> None:
    rows = ["HS-1;1.001193;An;Trực tiếp;10/03/2025 08:00;12/03/2025 08:00;;Đang xử lý;;;1",
            "HS-2;1.001193;An;Trực tiếp;10/03/2025 08:00;;;Chờ bổ sung;;;2"]  # fmt: skip
    with pytest.raises(ImportRejected) as exc:
        imports.read_history(
            history_file(rows), desk.clerk, desk.point.unit, desk.point, mapping(desk.clerk, desk, rows)
        )
    assert messages(exc)[0] == "Dòng 2, cột “Trạng thái”: trạng thái “Đang xử lý” nhưng đã có ngày giờ có kết quả."
    assert messages(exc)[1].startswith("Dòng 3, cột “Trạng thái”: “Chờ bổ sung” không phải trạng thái nhập được")


def test_the_history_needs_the_edit_right_on_the_unit(tree: Tree, personas: Personas, desk: Desk) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        imports.inspect_history(history_file(GOOD), personas.supervisor, desk.point.unit, desk.point)
    with pytest.raises(PermissionDenied):  # an officer of another commune
        imports.read_history(history_file(GOOD), personas.officer_b, desk.point.unit, desk.point, {})
    with pytest.raises(PermissionDenied):  # the service itself refuses too, whoever calls it
        history.history_errors(actor=personas.officer_b, unit=desk.point.unit, rows=[])


def test_the_history_command(tree: Tree, desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "ho-so.csv"
    path.write_bytes(history_file(GOOD).getvalue())
    out = io.StringIO()
    args = ["import_dossiers", str(path), "--unit", desk.point.unit.code, "--point", "trung tâm pvhcc xã a"]
    with pytest.raises(CommandError, match="Hình thức nộp"):
        call_command(*args)
    call_command(*args, "--map", "Kênh=Hình thức nộp", "--map", "Ngày có KQ=finished", "--check", stdout=out)
    assert "trước hạn 1, đúng hạn 2, quá hạn 2" in out.getvalue() and Dossier.objects.count() == 0
    call_command(*args, "--map", "Kênh=channel", "--map", "Ngày có KQ=finished", stdout=out)
    assert Dossier.objects.filter(imported=True).count() == 8
    with pytest.raises(CommandError, match="Dòng 2, cột “Mã HS”: mã hồ sơ “HS-001” đã có trong hệ thống"):
        call_command(*args, "--map", "Kênh=channel", "--map", "Ngày có KQ=finished")


# --- the pages ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings: object, tmp_path: Path) -> None:
    """The pages keep the waiting file under DATA_DIR/imports: here a directory of the test's own."""
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


def test_the_history_pages_upload_map_preview_apply(desk: Desk, tmp_path: Path) -> None:
    client = Client()
    client.force_login(desk.clerk)
    url = reverse("onestop_import_dossiers")
    assert client.get(url).status_code == 200
    upload = history_file(GOOD)
    upload.name = "ho-so-cu.csv"
    page = client.post(url, {"step": "upload", "point": desk.point.pk, "file": upload})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="import-mapping"' in html and "ho-so-cu.csv" in html
    assert '<option value="code" selected>' in html  # "Mã HS" suggested as the dossier code
    token = page.context["token"]
    rows = page.context["mapping_rows"]
    choice = {f"map-{m['index']}": m["chosen"] for m in rows}
    index = {m["header"]: m["index"] for m in rows}
    # A column chosen twice is refused on the mapping screen, by name.
    twice = {**choice, f"map-{index['Kênh']}": "code"}
    page = client.post(url, {"step": "map", "token": token, **twice})
    assert "cột “Mã hồ sơ” đã được gán cho cột “Mã HS” của tệp" in page.content.decode()
    choice |= {f"map-{index['Kênh']}": "channel", f"map-{index['Ngày có KQ']}": "finished"}
    page = client.post(url, {"step": "map", "token": token, **choice})
    html = page.content.decode()
    assert 'id="import-preview"' in html and page.context["outcome"].late == 2
    assert Dossier.objects.count() == 0
    assert len(list((tmp_path / "imports").glob("onestop-*"))) == 1  # the file waits between the steps
    page = client.post(url, {"step": "confirm", "token": token})
    assert page.status_code == 302 and page["Location"] == reverse("onestop_dossier_list")
    assert Dossier.objects.filter(imported=True, unit=desk.point.unit).count() == 8
    assert list((tmp_path / "imports").glob("onestop-*")) == []  # and is gone once imported
    # The file waited only for the steps: confirming again finds nothing.
    page = client.post(url, {"step": "confirm", "token": token})
    assert page.status_code == 302 and Dossier.objects.count() == 8


def test_a_refused_history_on_the_page_names_the_row(desk: Desk) -> None:
    client = Client()
    client.force_login(desk.clerk)
    url = reverse("onestop_import_dossiers")
    upload = history_file([GOOD[0], GOOD[0].replace("1.001193", "0.0").replace("HS-001", "HS-009"), GOOD[0]])
    upload.name = "ho-so.csv"
    page = client.post(url, {"step": "upload", "point": desk.point.pk, "file": upload})
    choice = {f"map-{m['index']}": m["chosen"] for m in page.context["mapping_rows"]}
    index = {m["header"]: m["index"] for m in page.context["mapping_rows"]}
    choice |= {f"map-{index['Kênh']}": "channel", f"map-{index['Ngày có KQ']}": "finished"}
    page = client.post(url, {"step": "map", "token": page.context["token"], **choice})
    html = page.content.decode()
    assert "Dòng 3, cột “Mã TTHC”: thủ tục mã “0.0” không có trong danh mục" in html
    assert "Dòng 4, cột “Mã HS”: mã hồ sơ “HS-001” trùng với dòng 2." in html
    assert Dossier.objects.count() == 0


def test_the_catalogue_page_preview_and_confirm(tree: Tree, desk: Desk) -> None:
    leader = UserFactory(username="tinh_lanhdao")
    RoleAssignmentFactory(user=leader, role="leader", unit=tree.province)
    client = Client()
    client.force_login(leader)
    url = reverse("onestop_import_procedures")
    upload = xlsx(CATALOGUE_HEADER, [catalogue_row()])
    upload.name = "danh-muc.xlsx"
    page = client.post(url, {"step": "upload", "file": upload})
    assert 'id="import-preview"' in page.content.decode() and page.context["preview"].created == 1
    page = client.post(url, {"step": "confirm", "token": page.context["token"]})
    assert page.status_code == 302 and Procedure.objects.filter(unit=tree.province, code="1.000656").exists()


def test_the_pages_refuse_a_user_without_the_right(tree: Tree, personas: Personas, desk: Desk) -> None:
    client = Client()
    client.force_login(personas.supervisor)  # reads everything, changes nothing
    assert client.get(reverse("onestop_import_dossiers")).status_code == 403
    assert client.get(reverse("onestop_import_procedures")).status_code == 403
    client.force_login(desk.clerk)  # a desk officer: dossiers yes, the catalogue no
    assert client.get(reverse("onestop_import_procedures")).status_code == 403
    client.force_login(personas.leader_a)  # a commune's leader decides there, not over the province's catalogue
    assert client.get(reverse("onestop_import_procedures")).status_code == 403


# --- size ---------------------------------------------------------------------------------------


def big_history(n: int) -> io.BytesIO:
    start = datetime.datetime(2025, 1, 6, 8, 0)  # noqa: DTZ001 (the office's local time)
    lines = []
    for i in range(n):
        received = start + datetime.timedelta(hours=i % 500 * 7)
        finished = received + datetime.timedelta(days=i % 6)
        lines.append(f"HS-{i:06d};1.001193;Người nộp {i};Trực tiếp;{received:%d/%m/%Y %H:%M};"
                     f"{finished:%d/%m/%Y %H:%M};;;;;{i}")  # fmt: skip
    return history_file(lines)


def test_two_thousand_rows_import_whole(desk: Desk) -> None:
    """2.000 rows in one import, every one judged (its speed is the gated measure below, never a timed assertion)."""
    unit, point = desk.point.unit, desk.point
    chosen = mapping(desk.clerk, desk, GOOD)
    created = imports.import_dossiers(
        actor=desk.clerk, unit=unit, point=point, stream=big_history(2000), mapping=chosen
    )
    assert len(created) == 2000 and Dossier.objects.filter(imported=True).count() == 2000
    counts = {t: Dossier.objects.filter(timeliness=t).count() for t in rules.Timeliness.values}
    assert sum(counts.values()) == 2000 and all(counts.values())


@pytest.mark.skipif(not os.environ.get("DANVAN_IMPORT_20000"), reason="the 20.000-row measure: DANVAN_IMPORT_20000=1")
def test_twenty_thousand_rows_import_well_under_a_minute(desk: Desk) -> None:
    """The engine's MAX_ROWS, end to end (read, check, plan, bulk insert, one event each); prints the figure."""
    unit, point = desk.point.unit, desk.point
    chosen = mapping(desk.clerk, desk, GOOD)
    data = big_history(20_000)
    started = time.perf_counter()
    preview = imports.read_history(data, desk.clerk, unit, point, chosen)
    checked = time.perf_counter() - started
    data.seek(0)
    started, cpu = time.perf_counter(), time.process_time()
    created = imports.import_dossiers(actor=desk.clerk, unit=unit, point=point, stream=data, mapping=chosen)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    size = len(data.getvalue()) / 1e6
    print(f"\n20.000 rows: preview {checked:.1f} s, import {elapsed:.1f} s (Python CPU {cpu:.1f} s), {size:.1f} MB CSV")
    assert preview.count == len(created) == 20_000 == Dossier.objects.filter(imported=True).count()
    assert Event.objects.filter(action="import").count() == 20_000
    assert elapsed < 60, f"{elapsed:.1f} s"
