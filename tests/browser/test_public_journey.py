"""A citizen on a 390-pixel phone, in Chromium: finds the form from /, gives a wrong CCCD then the right one
(the error summary takes the focus and links to the field), chooses the ward by name with the keyboard,
checks the answers, gets the confirmation with the receipt and its QR code, and looks the case up."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from danvan.core.text import format_date
from danvan.petitions.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
#: The suggestions come from the server after a pause in typing: on two shared cores under load, give them time.
SLOW = 15_000


def test_a_citizen_on_a_phone_sends_a_petition_and_looks_it_up(page: Page, live_server, tree) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Bắt đầu").click()
    expect(page.get_by_role("heading", name="Thông tin người gửi")).to_be_visible()

    page.get_by_label("Họ và tên").fill("Đàm Thị Hoa")
    page.get_by_label("Số căn cước công dân (CCCD)").fill("00618000")
    page.get_by_label("Địa chỉ nơi ở").fill("Thôn A1, xã A")
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_role("button", name="Tiếp tục").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Nhập số CCCD gồm 12 chữ số")
    summary.get_by_role("link", name="Nhập số CCCD gồm 12 chữ số, ví dụ 001099000111").click()
    cccd = page.get_by_label("Số căn cước công dân (CCCD)")
    expect(cccd).to_be_focused()
    cccd.fill("006180001111")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", name="Nội dung đơn")).to_be_visible()
    page.get_by_label("Phản ánh").check()
    unit = page.get_by_role("combobox", name="Gửi đến xã, phường")
    unit.fill("xa a")
    expect(unit).to_have_attribute("aria-expanded", "true", timeout=SLOW)
    option = page.get_by_role("option").first
    expect(option).to_contain_text("Xã A", timeout=SLOW)
    expect(option).to_contain_text(tree.province.name)  # where it lies
    unit.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    unit.press("Enter")
    expect(unit).to_have_value(f"Xã A — {tree.province.name}")
    expect(unit).to_have_attribute("aria-expanded", "false")
    page.get_by_label("Lĩnh vực").select_option(label="Môi trường")
    page.get_by_label("Nội dung").fill("Bãi rác tự phát cạnh suối đầu thôn A1 gây ô nhiễm nguồn nước.")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", name="Kiểm tra nội dung trước khi gửi")).to_be_visible()
    expect(page.locator("#answer-sender_id_number")).to_contain_text("006180001111")
    expect(page.locator("#answer-unit")).to_contain_text("Xã A")
    page.get_by_role("button", name="Xác nhận và gửi đơn").click()

    case = Case.objects.get()
    expect(page.locator("#tracking-code")).to_have_text(case.tracking_code)
    assert case.reply_due_on is not None
    expect(page.locator("#reply-due")).to_have_text(format_date(case.reply_due_on))
    receipt = page.locator("#receipt")
    expect(receipt).to_contain_text("Phiếu tiếp nhận đơn")
    qr = receipt.get_by_role("img", name=f"Mã QR mở trang tra cứu đơn mã {case.tracking_code}")
    expect(qr).to_be_visible()
    # the image was served and drawn (awaited: "visible" is true before it has loaded)
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    page.get_by_role("link", name="Tra cứu kết quả").click()
    expect(page.get_by_label("Mã tra cứu")).to_have_value(case.tracking_code)
    page.get_by_label("Số điện thoại hoặc thư điện tử đã khai").fill("+84 987 654 321")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("#public-status")).to_have_text("Đã tiếp nhận")
    expect(page.locator("#public-history")).to_contain_text(f"{format_date(timezone.localdate())} — Đã tiếp nhận")
