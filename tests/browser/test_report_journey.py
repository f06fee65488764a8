"""A leader draws the commune's half-year report in Chromium (issue 14, "Done when"): chooses the unit and the
period, generates it, sees the progress while the background task runs, then downloads the DOCX and the XLSX
and issues the report with its number.

The task queue is Django's dummy backend for this test, so that the report waits in the queue as it does
under ``make run``; the test then runs the task's function itself, as the worker would, and the page's
progress bar (polled by htmx) takes the browser to the finished report.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from playwright.sync_api import Expect, Page

from danvan.reports import generation
from danvan.reports.models import Report
from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW = 20_000
expect = Expect()
expect.set_options(timeout=SLOW)


def test_a_leader_generates_downloads_and_issues_the_report(page: Page, live_server, tree, personas, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    base = live_server.url
    page.set_default_timeout(SLOW)
    sign_in(page, base, "leader_a", PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    page.goto(f"{base}/bao-cao/")
    expect(page.get_by_role("heading", name="Báo cáo định kỳ", level=1)).to_be_visible()
    page.get_by_label("Năm", exact=True).fill("2026")
    page.get_by_label("Kỳ báo cáo", exact=True).select_option("h1")
    page.get_by_role("button", name="Lập báo cáo").click()

    # Queued: the progress bar, polled every second.
    expect(page.locator("#report-progress")).to_contain_text("Đang tổng hợp số liệu")
    expect(page.get_by_role("progressbar")).to_be_visible()
    report = Report.objects.get()
    assert (report.status, report.unit, report.period_code) == (Report.Status.GENERATING, tree.commune_a, "h1")
    generation.generate(report.pk)  # what the worker does with the queued task
    expect(page.locator("#report-status")).to_have_text("Dự thảo")
    expect(page.get_by_role("heading", name=re.compile("Báo cáo 6 tháng đầu năm 2026 — Xã A"))).to_be_visible()
    expect(page.locator("#section-units")).to_contain_text("Đến hết 6 tháng đầu năm 2026, Xã A có 1 thôn, tổ dân phố.")

    with page.expect_download() as download:
        page.locator("#download-docx").click()
    docx = download.value
    assert docx.suggested_filename.endswith(".docx")
    with zipfile.ZipFile(io.BytesIO(open(docx.path(), "rb").read())) as archive:
        body = archive.read("word/document.xml").decode()
    assert "ỦY BAN NHÂN DÂN XÃ A" in body and "BÁO CÁO" in body

    with page.expect_download() as download:
        page.locator("#download-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    assert len(book.sheetnames) >= 1

    # Issued: the number, and the report is frozen.
    page.get_by_role("link", name="Ban hành").click()
    page.get_by_role("button", name="Ban hành").click()
    expect(page.locator("#report-status")).to_contain_text("Đã ban hành · Số 01/BC-UBND")
    expect(page.locator("#frozen-note")).to_be_visible()
