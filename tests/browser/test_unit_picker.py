"""The working unit's picker in Chromium: from the keyboard at an office screen's width, on a phone inside
the collapsed menu, and without JavaScript — each time back on the same page, working for the chosen unit.

Set ``DANVAN_SCREENSHOTS`` to a directory to keep a picture of the open picker at each width."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_journeys import sign_in
from tests.conftest import Tree
from tests.factories import PASSWORD, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def duc_xuan(tree: Tree) -> Any:
    from danvan.units.rules import Kind

    return UnitFactory(parent=tree.province, kind=Kind.PHUONG, short_name="Đức Xuân", code="90040")


def new_page(browser: Browser, viewport: dict[str, int], **options: Any) -> Page:
    context = browser.new_context(locale="vi-VN", viewport=viewport, **options)  # type: ignore[arg-type]
    return context.new_page()


def keep_picture(page: Page, name: str) -> None:
    folder = os.environ.get("DANVAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def test_the_supervisor_picks_a_ward_from_the_keyboard_and_keeps_it(
    browser: Browser, live_server: Any, tree: Tree, personas: Any, duc_xuan: Any
) -> None:
    page = new_page(browser, OFFICE)
    base = live_server.url
    sign_in(page, base, "supervisor", PASSWORD)
    page.goto(f"{base}/petitions/stats/")
    expect(page.locator("h2")).to_contain_text("Tỉnh Mới")
    toggle = page.get_by_role("button", name="Đơn vị làm việc: Tỉnh Mới")
    expect(toggle).to_be_visible()
    keep_picture(page, "header-1366")
    # The whole navigation fits on one line beside the picker at 1366 px.
    box = page.locator("nav.navbar").bounding_box()
    assert box is not None and box["height"] < 70, box

    toggle.focus()
    page.keyboard.press("Enter")
    search = page.get_by_label("Tìm đơn vị làm việc")
    expect(search).to_be_focused()
    results = page.locator("#unit-picker-results")
    expect(results).to_contain_text("Tỉnh Mới")  # the user's own units, fetched on opening
    page.keyboard.type("duc xuan")
    choice = results.get_by_role("button", name=re.compile("Phường Đức Xuân — Tỉnh Mới"))
    expect(choice).to_be_visible()
    expect(results).not_to_contain_text("Xã A")
    keep_picture(page, "unit-picker-1366")

    page.keyboard.press("ArrowDown")
    expect(choice).to_be_focused()
    keep_picture(page, "unit-picker-1366-focus")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/petitions/stats/")
    expect(page.get_by_role("alert")).to_contain_text("Đơn vị làm việc: Phường Đức Xuân.")
    expect(page.locator("h2")).to_contain_text("Phường Đức Xuân")
    page.goto(f"{base}/initiatives/stats/")
    expect(page.get_by_role("button", name="Đơn vị làm việc: Phường Đức Xuân")).to_be_visible()
    expect(page.locator("h2").first).to_contain_text("Phường Đức Xuân")


def test_on_a_phone_the_picker_is_in_the_collapsed_menu(
    browser: Browser, live_server: Any, tree: Tree, personas: Any
) -> None:
    page = new_page(browser, PHONE)
    base = live_server.url
    sign_in(page, base, "officer_a", PASSWORD)
    page.goto(f"{base}/units/")
    # A slow network: the user's own units arrive after the search has been typed, and must not
    # overwrite its suggestions.
    page.route(
        lambda url: "/pick-unit/?" in url and "q=" not in url,
        lambda route: (page.wait_for_timeout(1000), route.continue_()),
    )
    toggle = page.get_by_role("button", name="Đơn vị làm việc: Xã A")
    expect(toggle).to_be_hidden()
    page.get_by_role("button", name="Mở menu").click()
    # The collapsed menu has finished opening (Bootstrap: "collapsing" while it slides, then "show"): a click
    # during the slide can land on a toggle that is still moving, on a loaded machine.
    expect(page.locator("#nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    toggle.click()
    page.get_by_label("Tìm đơn vị làm việc").fill("thon a")
    choice = page.locator("#unit-picker-results").get_by_role("button", name=re.compile("Thôn A1 — Xã A"))
    expect(choice).to_be_visible()
    page.wait_for_timeout(1500)  # the slow answer has come and gone
    expect(choice).to_be_visible()
    # The menu stays within the phone's width.
    menu = page.locator(".unit-picker-menu").bounding_box()
    assert menu is not None and menu["x"] >= 0 and menu["x"] + menu["width"] <= PHONE["width"], menu
    keep_picture(page, "unit-picker-390")
    choice.click()
    expect(page).to_have_url(f"{base}/units/")
    page.get_by_role("button", name="Mở menu").click()
    expect(page.get_by_role("button", name="Đơn vị làm việc: Thôn A1")).to_be_visible()


def test_without_javascript_the_picker_is_a_page_of_its_own(
    browser: Browser, live_server: Any, tree: Tree, personas: Any
) -> None:
    page = new_page(browser, OFFICE, java_script_enabled=False)
    base = live_server.url
    sign_in(page, base, "leader_a", PASSWORD)
    page.goto(f"{base}/petitions/stats/")
    page.get_by_role("button", name="Đơn vị làm việc: Xã A").click()
    expect(page.get_by_role("heading", name="Chọn đơn vị làm việc")).to_be_visible()
    main = page.locator("main")
    main.get_by_label("Tìm đơn vị làm việc").fill("a1")
    main.get_by_role("button", name="Tìm").click()
    main.get_by_role("button", name=re.compile("Thôn A1 — Xã A")).click()
    expect(page).to_have_url(f"{base}/petitions/stats/")
    expect(page.locator("h2")).to_contain_text("Thôn A1")


def test_the_system_administrator_starts_without_a_unit_and_searches_the_whole_country(
    browser: Browser, live_server: Any, tree: Tree, personas: Any
) -> None:
    page = new_page(browser, OFFICE)
    base = live_server.url
    sign_in(page, base, "sysadmin", PASSWORD)
    page.goto(f"{base}/petitions/stats/")
    toggle = page.get_by_role("button", name="Đơn vị làm việc: chưa chọn")
    toggle.click()
    expect(page.locator("#unit-picker-results")).to_contain_text("Tài khoản chưa được giao đơn vị")
    page.get_by_label("Tìm đơn vị làm việc").fill("phuong c")
    choice = page.locator("#unit-picker-results").get_by_role("button", name=re.compile("Phường C — Tỉnh Khác"))
    expect(choice).to_be_visible()
    # The administrator's two more menu items move the links to a second row; nothing is cut off.
    assert page.evaluate("document.querySelector('nav.navbar').scrollWidth <= window.innerWidth")
    expect(page.get_by_role("button", name=re.compile("Cán bộ"))).to_be_in_viewport()
    keep_picture(page, "unit-picker-admin-1366")
    choice.click()
    expect(page.locator("h2")).to_contain_text("Phường C")
