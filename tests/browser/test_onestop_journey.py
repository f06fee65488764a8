"""The one-stop desk's dossier from receipt to the citizen's rating, in Chromium (issue 12, "Done when").

A desk officer of commune A signs in, receives a dossier on the intake screen with the keyboard (the
procedure's code, Enter), prints the appointment slip (the PDF the page links to: its text has the
dossier's code and its one image is the QR code of the dossier's public status page), and hands the
dossier over. The dossier runs late: the workspace warns the working day before the due date, the
officer issues the apology slip (a reason and one new date), and a second one is refused. The result is
marked ready after the due date (late), returned at the return desk, and rated "Rất hài lòng" on the
kiosk page; the unit's satisfaction index and one-stop statistics count the rating. The public status
page shows the public steps only, never the officer's hand-over note.

Arranging the clock: the test cannot wait three working days, so it moves the dossier's receipt back
(``received_at``/``received_on`` updated in the database, then :func:`danvan.onestop.services.recompute`,
the same function the service calls after every step) until the due date is the next working day, and
later until the due date has passed. That sets the test's clock, it does not mock the database: every
step after it is taken through the pages and the services they call.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, Expect, Page

from danvan.core.selectors import current_calendar
from danvan.onestop import documents, rules, selectors, services
from danvan.onestop.models import Apology, Dossier
from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD
from tests.onestop.conftest import desk  # noqa: F401 (the one-stop fixture, used by name)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
#: Page loads and the htmx answers on two shared, loaded cores.
SLOW = 20_000
#: This module's own ``expect``, waiting as long as the pages may take (the global one is left as it is).
expect = Expect()
expect.set_options(timeout=SLOW)
HANDOVER_NOTE = "Ghi chú nội bộ: gọi chị Hoa số máy lẻ 214 trước khi ký"


def _receive_back(dossier: Dossier, day: datetime.date) -> Dossier:
    """Move the dossier's receipt to 09:00 of ``day`` and recompute its due date (the test's clock)."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    Dossier.objects.filter(pk=dossier.pk).update(received_at=at, submitted_at=at, received_on=day)
    fresh = Dossier.objects.select_related("procedure", "unit").get(pk=dossier.pk)
    services.recompute(fresh)
    return Dossier.objects.get(pk=dossier.pk)


def _due_tomorrow(dossier: Dossier) -> Dossier:
    """The latest receipt day whose due date is the next working day after today."""
    today = timezone.localdate()
    target = selectors.next_working_day(today)
    for back in range(1, 60):
        moved = _receive_back(dossier, today - datetime.timedelta(days=back))
        if moved.due_on == target:
            assert rules.warn_due_tomorrow(today, moved.due_on, current_calendar())
            return moved
    raise AssertionError(f"no receipt day gives the due date {target}")


def _overdue(dossier: Dossier) -> Dossier:
    today = timezone.localdate()
    for back in range(3, 90):
        moved = _receive_back(dossier, today - datetime.timedelta(days=back))
        if moved.due_on is not None and moved.due_on < today and moved.due_at < timezone.now():
            return moved
    raise AssertionError("no receipt day puts the due date in the past")


def _unfilter_png_rows(data: bytes, width: int, colors: int) -> bytes:
    """Undo the PNG row filters (``/Predictor 15``): each row is a filter byte and ``width * colors`` bytes."""
    stride = width * colors
    out = bytearray()
    previous = bytearray(stride)
    for start in range(0, len(data), stride + 1):
        kind, row = data[start], bytearray(data[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = row[i - colors] if i >= colors else 0
            up = previous[i]
            corner = previous[i - colors] if i >= colors else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        out += row
        previous = row
    return bytes(out)


def _pdf_images(pdf: bytes) -> list[Image.Image]:
    """The image XObjects of the PDF, decoded here (8-bit samples, Flate, optionally with PNG predictors:
    what WeasyPrint writes for a PNG), so that the check needs no PDF tool."""
    images = []
    for match in re.finditer(rb"<<(/Type\s*/XObject\s*/Subtype\s*/Image.*?)>>\s*stream\r?\n", pdf, re.S):
        head = match.group(1)

        def number(name: bytes, head: bytes = head) -> int:
            found = re.search(rb"/" + name + rb"\s+(\d+)", head)
            assert found is not None, (name, head)
            return int(found.group(1))

        width, height, length = number(b"Width"), number(b"Height"), number(b"Length")
        assert number(b"BitsPerComponent") == 8 and b"/FlateDecode" in head, head
        colors = 3 if b"/DeviceRGB" in head else 1
        data = zlib.decompress(pdf[match.end() : match.end() + length])
        if b"/Predictor" in head:
            data = _unfilter_png_rows(data, width, colors)
        images.append(Image.frombytes("RGB" if colors == 3 else "L", (width, height), data))
    return images


def _poppler_images(pdf: bytes, tmp_path: Path) -> list[Image.Image]:
    """The same images as poppler's pdfimages extracts them (CI installs poppler-utils)."""
    (tmp_path / "slip.pdf").write_bytes(pdf)
    subprocess.run(["pdfimages", "-png", str(tmp_path / "slip.pdf"), str(tmp_path / "img")], check=True)  # noqa: S603, S607
    return [Image.open(p) for p in sorted(tmp_path.glob("img-*.png"))]


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as poppler reads it ("" without poppler-utils)."""
    if not shutil.which("pdftotext"):
        return ""
    (tmp_path / "text.pdf").write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(tmp_path / "text.pdf"), "-"], capture_output=True, check=True)  # noqa: S603, S607
    return " ".join(done.stdout.decode().split())


def _rating_figures(page: Page, base: str, code: str, year: int) -> tuple[str, str, str]:
    """The satisfaction index page's rating share and count, and the one-stop statistics' rating count."""
    page.goto(f"{base}/hai-long/?unit={code}&year={year}&period=year")
    ratings = page.locator("#sat-ratings")
    expect(ratings).to_be_visible(timeout=SLOW)
    share = ratings.locator('[data-measure="rating_share"]').inner_text().strip()
    count = " ".join(ratings.locator("div.small").inner_text().split())
    page.goto(f"{base}/mot-cua/thong-ke/?unit={code}&year={year}&period=year")
    rated = page.locator("#fig-rated")
    expect(rated).to_be_visible(timeout=SLOW)
    return share, count, rated.inner_text().strip()


def test_a_dossier_from_the_desk_to_the_rating(page: Page, browser: Browser, live_server, tree, desk, tmp_path) -> None:  # noqa: F811
    base = live_server.url
    page.set_default_timeout(SLOW)
    year = timezone.localdate().year
    commune = tree.commune_a.code
    sign_in(page, base, "clerk_a", PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    # The unit's index before: no dossier rated in the period.
    before = _rating_figures(page, base, commune, year)
    assert before == ("—", "0 hài lòng / 0 lượt đánh giá", "0"), before

    # Intake, by the keyboard: the box has the focus; the code, the match comes, the name, Enter.
    page.goto(f"{base}/mot-cua/tiep-nhan/")
    box = page.get_by_label("Thủ tục (mã hoặc vài chữ của tên, không cần dấu)")
    expect(box).to_be_focused()
    page.keyboard.type(desk.birth.code)
    expect(page.locator(f"#procedure-{desk.birth.pk}")).to_be_checked(timeout=SLOW)
    expect(page.locator("#procedure-matches")).to_contain_text("Đăng ký khai sinh")
    page.get_by_label("Họ tên người nộp").fill("Lò Thị Mai")
    page.get_by_label("Điện thoại").fill("0987 654 321")
    box.press("Enter")

    # The workspace, with the slip to print.
    expect(page.locator("#just-received")).to_be_visible(timeout=SLOW)
    dossier = Dossier.objects.get()
    assert (dossier.procedure, dossier.applicant_name, dossier.received_by) == (desk.birth, "Lò Thị Mai", desk.clerk)
    expect(page.get_by_role("heading", level=1)).to_contain_text(dossier.code)
    expect(page.locator("#dossier-status")).to_have_text(rules.Status.RECEIVED.label)
    link = page.get_by_role("link", name="In giấy tiếp nhận và hẹn trả kết quả").first
    expect(link).to_be_focused()
    href = link.get_attribute("href")
    assert href == f"/mot-cua/ho-so/{dossier.pk}/phieu/appointment.pdf"
    response = page.request.get(base + href)  # the page's own context: its session cookie goes along
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF-")
    assert dossier.code in response.headers["content-disposition"]  # giay-tiep-nhan-<code>.pdf
    text = _pdf_text(pdf, tmp_path)
    if text:  # the slip's own words, read from the PDF
        assert f"Mã hồ sơ: {dossier.code}" in text and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
        assert dossier.rating_token not in text  # the token is inside the QR code only
    # The one image is the qrcode rendering of the dossier's status page address (with its rating token).
    payload = documents.qr_payload(base + "/", dossier)
    assert payload == f"{base}/mot-cua/tra-cuu/?ma={dossier.code}&t={dossier.rating_token}"
    expected_qr = Image.open(io.BytesIO(documents.qr_png(payload))).convert("L")
    extracted = _pdf_images(pdf) + (_poppler_images(pdf, tmp_path) if shutil.which("pdfimages") else [])
    assert len(extracted) == (2 if shutil.which("pdfimages") else 1)  # one image, read both ways
    for image in extracted:
        assert image.size == expected_qr.size
        assert image.convert("L").tobytes() == expected_qr.tobytes()

    # Handed over to the civil-status officer, with a note for colleagues only.
    page.locator("#actions").get_by_role("link", name="Chuyển xử lý").click()
    page.get_by_label("Bộ phận, cơ quan nhận xử lý").fill("Công chức Tư pháp - Hộ tịch")
    page.get_by_label("Ghi chú").fill(HANDOVER_NOTE)
    page.get_by_role("button", name="Chuyển xử lý").click()
    expect(page.locator("#dossier-status")).to_have_text(rules.Status.PROCESSING.label)
    expect(page.locator("#handovers")).to_contain_text(HANDOVER_NOTE)

    # It runs late: the due date is the next working day (the test's clock, see the docstring).
    dossier = _due_tomorrow(dossier)
    page.reload()
    warning = page.locator("#due-tomorrow")
    expect(warning).to_contain_text("Ngày làm việc tới là hạn trả")
    new_day = dossier.due_on + datetime.timedelta(days=7)
    warning.get_by_role("link", name="Phát hành phiếu xin lỗi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phát hành phiếu xin lỗi và hẹn lại")
    page.get_by_label("Lý do chậm trả kết quả").fill("Chờ UBND xã nơi sinh xác minh thông tin người mẹ")
    page.get_by_label("Ngày hẹn trả mới").fill(new_day.isoformat())
    page.get_by_role("button", name="Phát hành phiếu xin lỗi và hẹn lại").click()
    expect(page.locator("#apology")).to_contain_text("Chờ UBND xã nơi sinh xác minh thông tin người mẹ")
    expect(page.locator("#apology-new-due")).to_contain_text(new_day.strftime("%d/%m/%Y"))
    expect(page.locator("#slips")).to_contain_text("Phiếu xin lỗi")
    # Once only: no longer offered, and the step's own page refuses it.
    expect(page.locator("#actions").get_by_role("link", name="Phát hành phiếu xin lỗi và hẹn lại")).to_have_count(0)
    expect(page.locator("#due-tomorrow").get_by_role("link")).to_have_count(0)
    page.goto(f"{base}/mot-cua/ho-so/{dossier.pk}/buoc/apologise/")
    expect(page.get_by_role("alert").first).to_contain_text("Hồ sơ đã có phiếu xin lỗi và hẹn lại")
    page.get_by_label("Lý do chậm trả kết quả").fill("Lần thứ hai")
    page.get_by_label("Ngày hẹn trả mới").fill((new_day + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Phát hành phiếu xin lỗi và hẹn lại").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("ngày hẹn mới chỉ được đặt một lần")
    apology = Apology.objects.get(dossier=dossier)
    assert apology.reason.startswith("Chờ UBND") and timezone.localtime(apology.new_due_at).date() == new_day

    # The due date passes; the result comes late.
    dossier = _overdue(dossier)
    page.goto(f"{base}/mot-cua/ho-so/{dossier.pk}/")
    expect(page.locator("#overdue-badge")).to_be_visible()
    page.locator("#actions").get_by_role("link", name="Có kết quả giải quyết").click()
    page.get_by_role("button", name="Có kết quả giải quyết").click()
    expect(page.locator("#dossier-status")).to_have_text(rules.Status.RESULT_READY.label)
    expect(page.locator("#timeliness")).to_have_text("Quá hạn")

    # The return desk: the code typed (a scanner types it), Enter; returned in person.
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Một cửa").click()
    page.get_by_role("navigation", name="Các trang một cửa").get_by_role("link", name="Trả kết quả").click()
    code_box = page.get_by_label("Mã hồ sơ (gõ hoặc quét mã, rồi Enter)")
    expect(code_box).to_be_focused()
    expect(page.locator("#ready")).to_contain_text(dossier.code)
    page.keyboard.type(dossier.code.lower())
    code_box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Trả kết quả hồ sơ {dossier.code}")
    page.locator("#return-form").get_by_role("button", name="Trả kết quả").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mời công dân đánh giá")
    dossier.refresh_from_db()
    assert dossier.status == rules.Status.RETURNED and dossier.timeliness == rules.Timeliness.LATE

    # The citizen rates it on the counter's tablet: one tap.
    page.get_by_role("link", name="Mở trang đánh giá tại quầy").click()
    expect(page.locator(".kiosk-caption")).to_contain_text(dossier.code)
    page.get_by_role("button", name="Rất hài lòng", exact=True).click()
    expect(page.get_by_text("Cảm ơn", exact=False).first).to_be_visible()
    dossier.refresh_from_db()
    assert dossier.status == rules.Status.RATED
    assert (dossier.rating.level, dossier.rating.channel, dossier.rating.satisfied) == (5, "kiosk", True)

    # The unit's index after: one rating, satisfied.
    after = _rating_figures(page, base, commune, year)
    assert after == ("100%", "1 hài lòng / 1 lượt đánh giá", "1"), after

    # Anyone with the code: the public steps, no note, no officer, no applicant.
    visitor = browser.new_context(locale="vi-VN")  # not signed in
    citizen = visitor.new_page()
    citizen.set_default_timeout(SLOW)
    citizen.goto(f"{base}/mot-cua/tra-cuu/")
    citizen.get_by_label("Mã hồ sơ").fill(dossier.code)
    citizen.get_by_role("button", name="Tra cứu").click()
    result = citizen.locator("#onestop-result")
    expect(result).to_contain_text(dossier.code)
    expect(citizen.locator("#onestop-status")).to_have_text("Đã trả kết quả")
    steps = citizen.locator("#onestop-steps li")
    expect(steps.filter(has_text="Phiếu xin lỗi và hẹn lại ngày trả kết quả")).to_have_count(1)
    expect(steps.filter(has_text="Đã trả kết quả")).to_have_count(1)
    expect(citizen.locator("#onestop-new-due")).to_contain_text(new_day.strftime("%d/%m/%Y"))
    body = citizen.locator("body").inner_text()
    for private in (HANDOVER_NOTE, "Công chức Tư pháp - Hộ tịch", "Lò Thị Mai", "0987654321",
                    desk.clerk.get_full_name(), "Chờ UBND xã nơi sinh"):  # fmt: skip
        assert private not in body, private
    assert "Chuyển xử lý" not in body  # the hand-over is not a public step
    visitor.close()
