"""The Excel export of a list: formulas neutralised, small lists in the request, long ones in a background
task with a progress page, the file for its owner only, and gone after a day."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.lists import exports
from danvan.lists.models import ExportJob
from tests.factories import make_initiative
from tests.initiatives.test_views import logged_in

pytestmark = pytest.mark.django_db


def test_text_that_looks_like_a_formula_stays_text(tmp_path) -> None:
    path = tmp_path / "x.xlsx"
    risky = ["=1+1", "+84 912 345 678", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]
    exports.write_xlsx(path, title="T", header=["A", "B"], rows=[[v, 5] for v in risky], notes=["=ghi chú"])
    sheet = load_workbook(path).active
    cells = [row for row in sheet.iter_rows() if row[0].value in risky]
    assert [c[0].value for c in cells] == risky and {c[0].data_type for c in cells} == {"s"}
    assert all(c[0].quotePrefix for c in cells) and [c[1].value for c in cells] == [5] * 5
    assert sheet["A2"].value == "=ghi chú" and sheet["A2"].data_type == "s"
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_the_statistics_workbook_neutralises_formulas_too() -> None:
    from danvan.core.exports import xlsx_bytes

    sheet = load_workbook(io.BytesIO(xlsx_bytes(title="T", header=["A"], rows=[["=1+1"], [2]]))).active
    cell = next(row[0] for row in sheet.iter_rows() if row[0].value == "=1+1")
    assert cell.data_type == "s" and cell.quotePrefix


def test_initiative_named_like_a_formula_is_exported_as_text(tree, personas) -> None:
    make_initiative(tree.commune_a, "registered", name="=1+1", owner_name="@chi bộ")
    response = logged_in(personas.supervisor).get(reverse("initiative_export"))
    row = next(r for r in load_workbook(io.BytesIO(response.content)).active.iter_rows() if r[0].value == 1)
    assert (row[5].value, row[5].data_type, row[6].value, row[6].data_type) == ("=1+1", "s", "@chi bộ", "s")


def test_a_long_list_is_exported_in_the_background_for_its_owner_only(tree, personas, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    settings.DANVAN_EXPORT_SYNC_ROWS = 2
    for n in range(3):
        make_initiative(tree.commune_a, "registered", name=f"Mô hình xã A {n}")
    make_initiative(tree.commune_c, "registered", name="Mô hình tỉnh khác")
    client = logged_in(personas.supervisor)
    response = client.get(reverse("initiative_export"), {"sort": "name"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("export_job", args=[job.pk])
    assert (job.owner, job.list_name, job.params, job.status) == (
        personas.supervisor,
        "initiatives",
        {"sort": "name"},
        "done",
    )
    page = client.get(response.url)
    assert page.status_code == 200 and job.percent == 100
    body = page.content.decode()
    assert 'value="100"' in body and reverse("export_file", args=[job.pk]) in body and "every 1s" not in body
    download = client.get(reverse("export_file", args=[job.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    names = [r[5] for r in sheet.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    assert names == ["Mô hình xã A 0", "Mô hình xã A 1", "Mô hình xã A 2"]  # the owner's scope, sorted as asked
    for other in (personas.officer_a, personas.officer_b, personas.leader_a, personas.admin):
        assert logged_in(other).get(reverse("export_file", args=[job.pk])).status_code == 404
        assert logged_in(other).get(reverse("export_job", args=[job.pk])).status_code == 404
    assert Client().get(reverse("export_file", args=[job.pk])).status_code == 302  # to the login page


def test_progress_page_polls_while_the_job_runs(tree, personas, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    job = ExportJob.objects.create(owner=personas.supervisor, list_name="initiatives", filename="x.xlsx", total=2000)
    ExportJob.objects.filter(pk=job.pk).update(status="running", done=500)
    client = logged_in(personas.supervisor)
    body = client.get(reverse("export_job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body and 'value="25"' in body and "500 / 2.000 dòng (25 %)" in body
    part = client.get(reverse("export_job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert part.lstrip().startswith('<div id="export-status"') and "<html" not in part
    assert client.get(reverse("export_file", args=[job.pk])).status_code == 404  # not ready yet


def test_a_job_and_its_file_are_gone_after_a_day(tree, personas, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    old = ExportJob.objects.create(owner=personas.supervisor, list_name="initiatives", filename="x.xlsx")
    old.path.parent.mkdir(parents=True)
    old.path.write_bytes(b"PK")
    ExportJob.objects.filter(pk=old.pk).update(status="done", created_at=timezone.now() - datetime.timedelta(days=2))
    assert logged_in(personas.supervisor).get(reverse("export_file", args=[old.pk])).status_code == 404
    fresh = ExportJob.objects.create(owner=personas.supervisor, list_name="initiatives", filename="y.xlsx")
    out = io.StringIO()
    call_command("purge_exports", stdout=out)
    assert out.getvalue().strip() == "Đã xoá 1 lượt xuất Excel cũ."
    assert not old.path.exists() and list(ExportJob.objects.all()) == [fresh]
