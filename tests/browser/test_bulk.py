"""Bulk actions in Chromium: a leader selects every model of the page from the keyboard, sees how many
are selected and for how many each action applies, is warned before a selection that would be refused,
submits it anyway and finds each refused model's reason beside its row with the selection kept, then
keeps only the models that can take the step and applies it.

Set ``DANVAN_SCREENSHOTS`` to a directory to keep the pictures."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from danvan.initiatives.models import Initiative
from tests.browser.test_journeys import sign_in
from tests.browser.test_unit_picker import OFFICE, PHONE, keep_picture, new_page
from tests.factories import PASSWORD, make_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_selects_all_is_told_what_applies_and_sees_refusals_beside_the_rows(
    browser: Browser, live_server: Any, tree: Any, personas: Any
) -> None:
    ready = [make_initiative(tree.commune_a, "in_progress", name=f"Mô hình sẵn sàng {n}") for n in (1, 2)]
    early = make_initiative(tree.commune_a, "registered", name="Mô hình mới đăng ký")
    make_initiative(tree.commune_a, "recognised", name="Mô hình đã công nhận")
    page = new_page(browser, OFFICE)
    sign_in(page, live_server.url, "leader_a", PASSWORD)
    page.goto(f"{live_server.url}/initiatives/")
    count = page.locator("#bulk-count")
    expect(count).to_have_text("Đã chọn 0")
    action = page.get_by_label("Thao tác", exact=True)
    expect(action.locator('option[value="propose"]')).to_have_text(
        "Đề nghị công nhận — áp dụng được cho 2/4 mô hình trên trang"
    )
    expect(action.locator('option[value="recognise"]')).to_be_disabled()

    select_all = page.get_by_label("Chọn tất cả mô hình trên trang này")
    select_all.focus()
    page.keyboard.press("Space")
    expect(count).to_have_text("Đã chọn 4")
    expect(action.locator('option[value="propose"]')).to_have_text(
        "Đề nghị công nhận — áp dụng được cho 2/4 mô hình đã chọn"
    )
    action.select_option("propose")
    warning = page.locator("#bulk-mismatch")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("không làm được với 2 mô hình đã chọn")
    expect(page.get_by_label("Ngày đề nghị")).to_be_visible()
    expect(page.locator('[data-bulk-params="recognise"]')).to_be_hidden()
    keep_picture(page, "bulk-warning-1366")

    # submitted as it is: nothing is written, each refused model says why beside its row
    page.get_by_role("button", name="Thực hiện").click()
    expect(page.get_by_role("alert")).to_contain_text("Không thực hiện thao tác nào")
    reason = page.locator(f"#bulk-refusal-{early.pk}")
    expect(reason).to_contain_text("Đã đăng ký")
    expect(page.get_by_label(f"Chọn {early.name}")).to_be_checked()
    expect(page.get_by_label(f"Chọn {early.name}")).to_have_attribute("aria-describedby", f"bulk-refusal-{early.pk}")
    expect(count).to_have_text("Đã chọn 4")
    expect(action).to_have_value("propose")
    keep_picture(page, "bulk-refused-1366")
    assert not Initiative.objects.filter(status="proposed").exists()

    page.get_by_role("button", name="Chỉ giữ các mô hình làm được").click()
    expect(count).to_have_text("Đã chọn 2")
    expect(warning).to_be_hidden()
    page.get_by_role("button", name="Thực hiện").click()
    expect(page.get_by_role("alert")).to_have_text("Đã thực hiện “Đề nghị công nhận” cho 2 mô hình.")
    assert set(Initiative.objects.filter(pk__in=[r.pk for r in ready]).values_list("status", flat=True)) == {"proposed"}

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/initiatives/")
    page.get_by_label("Chọn tất cả mô hình trên trang này").check()
    keep_picture(page, "bulk-390")
    expect(count).to_have_text("Đã chọn 4")
