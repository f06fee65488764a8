"""The page shell in Chromium at an office screen's 1366 px and on a 390 px phone: the header holds on one
line for the persona with the most links (the administrator), its links read at WCAG AA contrast, the
menu opens from the keyboard, and a tick box is drawn as a box.

Set ``DANVAN_SCREENSHOTS`` to a directory to keep the pictures."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_journeys import sign_in
from tests.browser.test_unit_picker import OFFICE, PHONE, keep_picture, new_page
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG 2.1 relative luminance and contrast of the link's colour (alpha blended) on the header's red.
CONTRAST_JS = """el => {
  const rgba = s => s.match(/[\\d.]+/g).map(Number);
  const bg = rgba(getComputedStyle(el.closest('nav')).backgroundColor);
  const [r, g, b, a = 1] = rgba(getComputedStyle(el).color);
  const mix = [r, g, b].map((c, i) => c * a + bg[i] * (1 - a));
  const lum = cs => cs.map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(mix), lum(bg)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}"""


def test_the_administrators_header_holds_on_one_line_at_1366_and_reads_at_aa_contrast(
    browser: Browser, live_server: Any, personas: Any
) -> None:
    page = new_page(browser, OFFICE)
    sign_in(page, live_server.url, "sysadmin", PASSWORD)
    page.goto(f"{live_server.url}/calendar/")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    links = nav.locator(".navbar-nav > .nav-item > .nav-link")
    assert links.count() >= 7
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}  # type: ignore[index]
    assert len(tops) == 1, tops
    box = nav.bounding_box()
    assert box is not None and box["height"] < 70, box
    keep_picture(page, "header-admin-1366")
    for i in range(links.count()):
        ratio = links.nth(i).evaluate(CONTRAST_JS)
        assert ratio >= 4.5, (links.nth(i).inner_text(), ratio)

    # the system's tools open under "Khác" from the keyboard
    more = nav.get_by_role("button", name="Khác")
    more.focus()
    page.keyboard.press("Enter")
    expect(nav.get_by_role("link", name="Quản trị hệ thống (Django admin)")).to_be_visible()
    current = nav.get_by_role("link", name="Lịch làm việc")
    expect(current).to_have_attribute("aria-current", "page")
    keep_picture(page, "header-admin-more-1366")


def test_on_a_phone_the_menu_opens_and_every_link_is_inside(browser: Browser, live_server: Any, personas: Any) -> None:
    page = new_page(browser, PHONE)
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("button", name="Mở menu").click()
    expect(nav.get_by_role("link", name="Một cửa")).to_be_visible()
    nav.get_by_role("button", name="Khác").click()
    expect(nav.get_by_role("link", name="Thư viện mô hình")).to_be_visible()
    expect(nav.get_by_role("link", name="Lịch làm việc")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    keep_picture(page, "header-officer-390")


def test_a_tick_box_is_a_box_beside_its_label(browser: Browser, live_server: Any, tree: Any, personas: Any) -> None:
    page: Page = new_page(browser, OFFICE)
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(f"{live_server.url}/petitions/intake/")
    box = page.get_by_label("Đơn nặc danh")
    expect(box).to_have_class("form-check-input")
    size = box.bounding_box()
    assert size is not None and size["width"] < 24 and abs(size["width"] - size["height"]) < 2, size
    box.check()
    expect(box).to_be_checked()
    keep_picture(page, "intake-checkboxes-1366")
