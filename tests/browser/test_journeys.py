"""Journeys a real user walks, in Chromium: sign in as a commune officer, browse units, sign out; lock-out."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

# Transactional: the live server needs committed data. The reference lists the migrations install
# are put back before each such test by the `_reference_lists` fixture (tests/conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_commune_officer_browses_units_and_signs_out(page: Page, live_server, tree, personas) -> None:
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    expect(page.get_by_role("heading", name="Việc của tôi", exact=True)).to_be_visible()
    page.get_by_text("Vai trò của tôi").click()
    expect(page.get_by_text("Cán bộ, chuyên viên")).to_be_visible()

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đơn vị hành chính").click()
    tree_view = page.locator("#unit-tree")
    expect(tree_view.get_by_role("link", name="Tỉnh Mới")).to_be_visible()
    expect(tree_view.get_by_role("link", name="Tỉnh Cũ")).to_have_count(0)
    # Expand the province with htmx, then open the commune.
    page.get_by_role("button", name="Mở Tỉnh Mới").click()
    expect(tree_view.get_by_role("link", name="Xã A")).to_be_visible()
    tree_view.get_by_role("link", name="Xã A").click()
    expect(page.get_by_role("heading", name="Xã A")).to_be_visible()
    expect(page.locator("#lineage")).to_contain_text("Xã Cũ")

    # The tree as it was before 1/7/2025, and an accent-free search.
    page.goto(f"{live_server.url}/units/")
    page.get_by_label("Cây đơn vị").select_option("before")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#unit-tree").get_by_role("link", name="Tỉnh Cũ")).to_be_visible()
    page.get_by_label("Tìm theo tên hoặc mã (không cần dấu)").fill("xa cu")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#search-results")).to_contain_text("Xã Cũ")

    page.get_by_role("button", name=re.compile("Cán bộ")).click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.goto(f"{live_server.url}/units/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/units/"))


def test_lock_out_after_failed_logins(page: Page, live_server, tree, personas, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(page, live_server.url, "officer_a", "mat-khau-sai")
        expect(page.get_by_role("alert")).to_contain_text("không đúng")
    sign_in(page, live_server.url, "officer_a", "mat-khau-sai")
    expect(page.get_by_role("heading", name="Tài khoản tạm khóa")).to_be_visible()
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    expect(page.get_by_role("heading", name="Tài khoản tạm khóa")).to_be_visible()
