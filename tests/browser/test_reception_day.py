"""The reception desk's day in Chromium, from the home page, without typing a URL or a code (issue 9):
a visit is recorded, the visitor's letter is entered in the book (the form shows only the kind's own
conditions), the desk prints the citizen's receipt with its QR code, and the new case waits in the inbox."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visit_a_letter_and_the_printed_receipt(page: Page, live_server, tree, personas) -> None:
    base = live_server.url
    desk = UserFactory(username="tiepdan_a", full_name="Lý Thị Mai")
    RoleAssignmentFactory(user=desk, role="reception", unit=tree.commune_a)
    sign_in(page, base, "tiepdan_a", PASSWORD)

    # The visit: from the home page's "start" links.
    page.locator("#inbox-starts").get_by_role("link", name="Ghi buổi tiếp công dân").click()
    page.get_by_text("Ghi buổi tiếp công dân").first.click()
    page.get_by_label("Loại").select_option("regular")
    page.get_by_role("button", name="Ghi", exact=True).click()
    expect(page.locator("#sessions")).to_contain_text("Thường xuyên")

    # The letter: the kind first, "trực tiếp" already chosen, the complaint's own conditions only.
    page.get_by_role("link", name="Việc của tôi").first.click()
    page.locator("#inbox-starts").get_by_role("link", name="Vào sổ đơn mới").click()
    expect(page.get_by_label("Loại đơn")).to_be_focused()
    expect(page.get_by_label("Nguồn đơn")).to_have_value("in_person")
    page.get_by_label("Loại đơn").select_option("tc")
    expect(page.get_by_label(re.compile("Tố cáo ghi rõ"))).to_be_visible()
    expect(page.get_by_label(re.compile("Khiếu nại ghi rõ"))).to_be_hidden()
    page.get_by_label("Loại đơn").select_option("kn")
    expect(page.get_by_label(re.compile("Tố cáo ghi rõ"))).to_be_hidden()
    page.get_by_label("Lĩnh vực").select_option(label="Đất đai")
    page.get_by_label("Tóm tắt nội dung").fill("Khiếu nại việc thu hồi 120 m² đất vườn để mở rộng đường thôn A1.")
    page.get_by_label("Họ tên người gửi").fill("Nông Văn Bình")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("006080001234")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    for condition in ("Viết bằng tiếng Việt", "Khiếu nại ghi rõ", "Chưa được xử lý"):
        page.get_by_label(re.compile(condition)).check()
    page.get_by_label("Buổi tiếp công dân").select_option(index=1)
    page.get_by_role("button", name="Vào sổ").click()
    expect(page.locator("#case-status")).to_have_text("Đã vào sổ")
    number = re.search(r"Vụ việc (\S+)", page.get_by_role("heading", level=1).inner_text())
    assert number is not None

    # The citizen's receipt, printed at the desk: the tracking code and the QR code of the status page.
    page.get_by_role("link", name="In phiếu tiếp nhận").click()
    expect(page.get_by_role("button", name="In phiếu tiếp nhận")).to_be_visible()
    qr = page.get_by_role("img", name=re.compile("Mã QR mở trang tra cứu"))
    expect(qr).to_be_visible()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle())  # it loaded

    # Back home: the new case waits for its classification, the desk's next step.
    page.get_by_role("link", name="Việc của tôi").first.click()
    group = page.locator('[data-group="case:classify"]')
    expect(group).to_contain_text(f"Vụ việc {number.group(1)}")
    expect(group.get_by_role("link", name="Phân loại", exact=True)).to_be_visible()
