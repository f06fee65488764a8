"""The petitions journey in Chromium: the reception desk records a visit with a letter, the leader accepts it,
the due date shows with its explanation, the handler resolves it, and the citizen sees the new status."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory

# Transactional, with the reference lists put back by tests/conftest.py.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page: Page, label: str, **fields: str) -> None:
    page.locator("#actions").get_by_role("link", name=label, exact=True).click()
    for name, value in fields.items():
        page.get_by_label(name).fill(value)
    page.get_by_role("button", name=label, exact=True).click()


def test_visit_letter_acceptance_resolution_and_public_status(page: Page, live_server, tree, personas) -> None:
    base = live_server.url
    desk = UserFactory(username="tiepdan_a", full_name="Lý Thị Mai")
    RoleAssignmentFactory(user=desk, role="reception", unit=tree.commune_a)
    today = timezone.localdate()

    # The reception officer records the session, then the citizen's letter, from the keyboard.
    sign_in(page, base, "tiepdan_a", PASSWORD)
    page.goto(f"{base}/petitions/sessions/")
    page.get_by_text("Ghi buổi tiếp công dân").click()
    page.get_by_label("Loại").select_option("regular")
    page.get_by_role("button", name="Ghi", exact=True).click()
    expect(page.locator("#sessions")).to_contain_text("Thường xuyên")
    page.goto(f"{base}/petitions/intake/")
    page.get_by_label("Loại đơn").select_option("kn")
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
    expect(page.locator("#due-explanation")).to_contain_text("Thụ lý khiếu nại lần đầu")
    code = page.locator("code").inner_text()
    case_url = page.url
    act(page, "Phân loại")
    act(page, "Đề xuất thụ lý")

    # The leader accepts it and assigns the handler; the due date shows with how it was counted.
    page.context.clear_cookies()
    sign_in(page, base, "leader_a", PASSWORD)
    page.goto(case_url)
    page.locator("#actions").get_by_role("link", name="Thụ lý", exact=True).click()
    page.get_by_label("Người được giao xử lý").select_option([str(personas.officer_a.pk)])
    page.get_by_role("button", name="Thụ lý", exact=True).click()
    expect(page.locator("#case-status")).to_have_text("Đã thụ lý")
    expect(page.locator("#due-explanation")).to_contain_text("30 ngày kể từ ngày thụ lý")
    expect(page.locator("#due-explanation")).to_contain_text("Luật Khiếu nại 2011, Điều 28")
    expect(page.locator("#due-on")).not_to_be_empty()

    # The handler verifies; the leader decides.
    page.context.clear_cookies()
    sign_in(page, base, "officer_a", PASSWORD)
    page.goto(case_url)
    act(page, "Xác minh")
    page.context.clear_cookies()
    sign_in(page, base, "leader_a", PASSWORD)
    page.goto(case_url)
    page.locator("#actions").get_by_role("link", name="Ban hành quyết định, kết luận").click()
    page.get_by_label("Kết quả").select_option("partly")
    page.get_by_role("button", name="Ban hành quyết định, kết luận").click()
    expect(page.locator("#case-status")).to_have_text("Đã có quyết định, kết luận")

    # The citizen looks it up with the tracking code and the phone number given.
    page.context.clear_cookies()
    page.goto(f"{base}/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code)
    page.get_by_label("Số điện thoại hoặc thư điện tử đã khai").fill("0912345678")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("#public-status")).to_have_text("Đã có kết quả giải quyết")
    expect(page.locator("#public-result")).to_contain_text(f"{today.day}/{today.month}/{today.year}")
    expect(page.locator("#public-result")).not_to_contain_text("thu hồi 120 m²")
