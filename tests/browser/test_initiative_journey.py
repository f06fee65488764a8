"""The "Dân vận khéo" journey in Chromium: an officer registers a model, a leader proposes it, the council
scores it, it is recognised and published, and a citizen finds it in the public gallery."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD

# Transactional: the live server needs committed data. The reference lists the migrations install
# are put back before each such test by the `_reference_lists` fixture (tests/conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page: Page, label: str, **fields: str) -> None:
    """Click a transition on the detail page, fill its form, confirm."""
    page.locator("#actions").get_by_role("link", name=label, exact=True).click()
    for name, value in fields.items():
        page.get_by_label(name).fill(value)
    page.get_by_role("button", name=label, exact=True).click()


def test_model_from_registration_to_the_public_gallery(page: Page, live_server, tree, personas) -> None:
    base = live_server.url

    # An officer of xã A registers a model of thôn A1 and launches it.
    sign_in(page, base, "officer_a", PASSWORD)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Dân vận khéo").click()
    page.get_by_role("link", name="Đăng ký mô hình").click()
    unit = page.get_by_role("combobox", name="Đơn vị đăng ký")  # chosen by name, accents not needed
    unit.fill("thon a1")
    page.get_by_role("option").filter(has_text="Thôn A1").first.click(timeout=15_000)
    expect(unit).to_have_value(re.compile("^Thôn A1"))
    page.get_by_label("Tên mô hình, điển hình").fill("Vận động nhân dân hiến đất làm đường")
    page.locator("#id_field").select_option(label="Kinh tế")
    page.get_by_label("Lĩnh vực con").select_option(label="Kinh tế › Xây dựng nông thôn mới, đô thị văn minh")
    page.get_by_label("Tập thể / cá nhân thực hiện").fill("Chi bộ thôn A1")
    page.get_by_label("Thực trạng, lý do xây dựng").fill("Đường vào thôn hẹp, mùa mưa lầy lội.")
    page.get_by_label("Mục tiêu, tiêu chí đo lường").fill("Mở rộng 2 km đường thôn lên 5 m.")
    page.get_by_label("Nội dung, cách thức vận động").fill("Đảng viên hiến đất trước, vận động từng hộ.")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.locator("#status")).to_have_text("Đã đăng ký")
    detail_url = page.url
    act(page, "Ra mắt mô hình")
    act(page, "Bắt đầu theo dõi")
    expect(page.locator("#status")).to_have_text("Đang thực hiện")
    expect(page.locator("#actions").get_by_role("link", name="Đề nghị công nhận")).to_have_count(0)

    # The commune leader proposes it and forms the council.
    page.context.clear_cookies()
    sign_in(page, base, "leader_a", PASSWORD)
    page.goto(detail_url)
    act(page, "Đề nghị công nhận")
    page.locator("#actions").get_by_role("link", name="Lập hội đồng thẩm định").click()
    page.get_by_label("Chủ tịch hội đồng").select_option(value=str(personas.leader_a.pk))
    page.get_by_label("Thành viên").select_option([str(personas.officer_a.pk)])
    page.get_by_role("button", name="Lập hội đồng thẩm định").click()
    expect(page.locator("#status")).to_have_text("Đang thẩm định")

    # The chair scores every criterion; a score off the scale is refused first.
    page.get_by_role("link", name=re.compile("^Hội đồng")).click()
    inputs = page.locator("input[name^=score_]")
    for index in range(inputs.count()):
        inputs.nth(index).fill("8,5")
    inputs.first.fill("11")
    page.get_by_role("button", name="Lưu điểm").click()
    expect(page.get_by_text("Điểm phải từ 0 đến 10.")).to_be_visible()
    page.locator("input[name^=score_]").first.fill("9")
    page.get_by_role("button", name="Lưu điểm").click()
    expect(page.locator("#council-total")).to_have_text("86,00")  # (9 + 4 × 8,5) / 50 × 100
    review_url = page.url

    # The council decides as a body: not before its other member has scored too.
    page.goto(detail_url)
    act(page, "Công nhận", **{"Số quyết định": "25-QĐ/ĐU", "Cơ quan ra quyết định": "Đảng ủy xã A"})
    expect(page.get_by_role("alert").first).to_contain_text("chưa chấm xong")
    page.context.clear_cookies()
    sign_in(page, base, "officer_a", PASSWORD)
    page.goto(review_url)
    page.locator("input[name^=score_]").first.fill("9")
    for index in range(1, page.locator("input[name^=score_]").count()):
        page.locator("input[name^=score_]").nth(index).fill("8,5")
    page.get_by_role("button", name="Lưu điểm").click()
    expect(page.locator("#council-total")).to_have_text("86,00")
    page.context.clear_cookies()
    sign_in(page, base, "leader_a", PASSWORD)

    # Recognised at the base level by the leader's decision, then published.
    page.goto(detail_url)
    act(page, "Công nhận", **{"Số quyết định": "25-QĐ/ĐU", "Cơ quan ra quyết định": "Đảng ủy xã A"})
    expect(page.locator("#status")).to_have_text("Được công nhận")
    expect(page.locator("#recognition")).to_contain_text("Cấp cơ sở — Quyết định số 25-QĐ/ĐU")
    page.get_by_label("Tóm tắt công khai").fill("Chi bộ thôn A1 vận động nhân dân hiến đất mở rộng đường thôn.")
    page.get_by_role("button", name="Công khai", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Đã công khai")
    expect(page.locator("#timeline")).to_contain_text("Công nhận")

    # A citizen, not signed in, finds it in the gallery of the province.
    page.context.clear_cookies()
    page.goto(f"{base}/gallery/")
    page.get_by_role("link", name="Tỉnh Mới").click()
    page.get_by_role("link", name="Vận động nhân dân hiến đất làm đường").click()
    expect(page.get_by_role("heading", name="Vận động nhân dân hiến đất làm đường")).to_be_visible()
    expect(page.get_by_text("hiến đất mở rộng đường thôn")).to_be_visible()
