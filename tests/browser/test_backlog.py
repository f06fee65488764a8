"""The backlog in Chromium (issue 11): an officer imports the letters of the earlier register from Excel,
starts the grouping and watches its progress bar fill by itself, splits a proposed group, applies the
proposals after the confirmation, and finds the cases in the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from danvan.petitions import backlog, imports
from danvan.petitions.backlog_grouping import propose
from danvan.petitions.models import Case, GroupingRun, Letter
from tests.browser.a11y import assert_accessible
from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD
from tests.petitions.test_backlog import LETTERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Four matters of the labelled set: the complaint against the land recovery (four letters, the wife's and
#: one without diacritics among them), a pension (two), the pig farm (three, one forwarded by the council),
#: the cultural house (one).
MATTERS = ("recovery", "pension", "pig_farm", "culture_house")
SUBJECTS = {"kn": "Đất đai", "kng": "Đất đai", "pa": "Môi trường"}
KINDS = {"kn": "Khiếu nại", "kng": "Kiến nghị", "pa": "Phản ánh"}
CHANNELS = {"post": "Bưu chính", "in_person": "Trực tiếp", "box": "Hòm thư", "council": "Hội đồng nhân dân",
            "front": "Mặt trận"}  # fmt: skip


def register_file(path: Path) -> Path:
    """The earlier register as a province keeps it: one row per letter, the headers of the import."""
    book = Workbook()
    sheet = book.active
    sheet.append(list(imports.COLUMNS.values()))
    rows = [row for row in LETTERS if row[0] in MATTERS]
    for day, (matter, kind, sender, id_number, address, content, channel, forwarded_by, signers) in enumerate(rows):
        row = {
            "Ngày nhận": f"{day + 1}/3/2026",
            "Nguồn đơn": CHANNELS[channel],
            "Cơ quan chuyển đến": forwarded_by,
            "Loại đơn": KINDS[kind],
            "Lĩnh vực": "Chế độ, chính sách" if matter == "pension" else SUBJECTS[kind],
            "Nội dung": content,
            "Họ tên người gửi": sender,
            "Số CCCD": id_number,
            "Địa chỉ": address,
            "Số người cùng ký": signers,
            "Số người đại diện": 2 if channel == "in_person" and signers >= 5 else None,
            "Mã đơn vị": "90010",
        }
        sheet.append([row.get(column) for column in imports.COLUMNS.values()])
    book.save(path)
    return path


def test_import_group_split_apply(page: Page, live_server, tree, personas, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    # A worker of its own would run the grouping; here the test plays the worker, to watch the bar move.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    base = live_server.url
    sign_in(page, base, "officer_a", PASSWORD)

    # From the petitions list to the backlog, then the import: upload, preview, confirm.
    page.get_by_role("link", name="Đơn thư", exact=True).first.click()
    page.get_by_role("link", name="Đơn chưa phân vụ việc").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đơn chưa phân vụ việc")
    page.get_by_role("link", name="Nhập đơn từ Excel").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(register_file(tmp_path / "so-theo-doi-don.xlsx")))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    expect(page.locator("#import-preview")).to_contain_text("Xem trước: 10 đơn hợp lệ")
    assert Letter.objects.count() == 0
    page.get_by_role("button", name="Xác nhận nhập toàn bộ").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã nhập 10 đơn vào danh sách đơn chưa phân vụ việc.")
    expect(page.locator("#backlog tbody tr")).to_have_count(10)

    # The grouping: the bar follows the run by itself (htmx), then offers the review.
    page.get_by_role("button", name="Đề xuất gộp đơn").click()
    expect(page.locator("#run-progress")).to_have_attribute("value", "0")
    run = GroupingRun.objects.get()
    GroupingRun.objects.filter(pk=run.pk).update(status="running", total=20, done=5)
    expect(page.get_by_text("so sánh nội dung các đơn: 5 / 10 đơn (25 %)")).to_be_visible(timeout=10_000)
    expect(page.locator("#run-progress")).to_have_attribute("value", "25")
    assert_accessible(page)
    run.refresh_from_db()
    propose(run)
    expect(page.get_by_role("link", name="Xem và duyệt đề xuất")).to_be_visible(timeout=10_000)  # no reload
    expect(page.locator("#run-progress")).to_have_attribute("value", "100")
    page.get_by_role("link", name="Xem và duyệt đề xuất").click()

    # The review: the groups to decide on, each with its letters, reasons and score; the officer takes the
    # last letter of the largest group apart (the proposals are read from the database, so that the journey
    # does not hang on the matcher's scores).
    expect(page.locator("#run-summary")).to_have_text(backlog.summary(run) + ".")
    proposals = list(backlog.proposals_of(run))
    largest = max(proposals, key=lambda p: (len(p.letters.all()), -p.position))
    size = len(largest.letters.all())
    assert size >= 3
    moved = list(largest.letters.all())[-1]
    group = page.locator(f"#nhom-{largest.position}")
    expect(group.get_by_role("heading")).to_contain_text(f"{size} đơn")
    expect(group.locator(".proposal-reasons li")).to_have_count(size - 1)
    assert_accessible(page)
    group.get_by_label(f"Đơn #{moved.pk}", exact=True).check()
    group.get_by_role("button", name="Tách các đơn đã chọn").click()
    expect(page.get_by_role("alert")).to_contain_text(
        f"Đã tách 1 đơn của nhóm {largest.position} thành nhóm {largest.position + 1}."
    )
    page.get_by_role("link", name="Tất cả").click()
    expect(page.locator("section.proposal")).to_have_count(len(proposals) + 1)
    expect(page.locator(f"#nhom-{largest.position}").get_by_role("heading")).to_contain_text(f"{size - 1} đơn")
    expect(page.locator(f"#nhom-{largest.position + 1}")).to_contain_text(moved.sender_name)

    # Apply, after the confirmation: all at once, one case per proposal.
    waiting = backlog.plan(run).waiting
    page.get_by_role("button", name=f"Đồng ý tất cả {waiting} nhóm còn lại").click()
    page.get_by_role("link", name="Áp dụng…").click()
    cases = len(proposals) + 1
    expect(page.locator("#apply-plan")).to_contain_text(f"Mở {cases} vụ việc mới")
    expect(page.locator("#apply-plan")).to_contain_text("Tổng cộng 10 đơn")
    assert Case.objects.count() == 0
    page.get_by_role("button", name="Xác nhận áp dụng").click()
    expect(page.get_by_role("alert").first).to_contain_text(f"Đã áp dụng: 10 đơn thành {cases} vụ việc mới.")
    expect(page.locator("#run-applied")).to_be_visible()
    expect(page.locator(f"#nhom-{largest.position + 1}")).to_contain_text("Vụ việc")

    # The cases, in the list.
    page.locator("#run-applied").get_by_role("link", name="Xem danh sách vụ việc").click()
    expect(page.locator("#result-count")).to_contain_text(f"{cases} vụ việc")
    assert Case.objects.count() == cases and not Letter.objects.filter(case__isnull=True).exists()
