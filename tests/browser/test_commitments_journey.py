"""The commitments journey in Chromium: a commune leader plans and records a dialogue with two commitments,
completes one with evidence, publishes both, and a citizen reads "Đã thực hiện 1/2 cam kết" on the public page."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def act(page: Page, label: str) -> None:
    page.locator("#actions").get_by_role("link", name=label, exact=True).click()
    page.get_by_role("button", name=label, exact=True).click()


def test_a_leader_keeps_one_of_two_commitments_in_public(page: Page, live_server, tree, personas) -> None:
    base = live_server.url
    OrganizationFactory(unit=tree.commune_a, name="Ủy ban nhân dân xã A")
    sign_in(page, base, "leader_a", PASSWORD)

    page.goto(f"{base}/dialogues/")
    page.get_by_role("link", name="Lên kế hoạch buổi mới").click()
    page.get_by_label("Đối thoại trực tiếp với nhân dân").check()
    page.get_by_label("Chủ đề, nội dung").fill("Đối thoại về sửa đường thôn A1")
    page.get_by_label("Ngày tổ chức").fill("2026-03-02")
    page.get_by_label("Địa điểm").fill("Nhà văn hóa thôn A1")
    page.get_by_label("Lãnh đạo chủ trì").select_option(value=str(personas.leader_a.pk))
    page.get_by_label("Hộ dân").check()
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator("#status")).to_have_text("Đã lên kế hoạch")

    page.locator("#actions").get_by_role("link", name="Ghi kết quả buổi làm việc").click()
    page.get_by_label("Ngày đã tổ chức").fill("2026-03-02")
    page.locator("#id_attendance_ho_dan").fill("42")
    page.locator("#id_issues-0-text").fill("Đường thôn A1 lầy lội mùa mưa")
    page.locator("#id_issues-0-field").select_option("ha_tang")
    page.locator("#id_issues-0-raised_by_name").fill("Ông Lò Văn Dân")
    page.locator("#id_issues-0-answer").fill("Xã sẽ sửa trong quý II")
    for n, (content, due) in enumerate([("Sửa 1 km đường thôn A1", "2026-05-30"), ("Lắp 10 đèn đường", "2026-06-30")]):
        page.locator(f"#id_commitments-{n}-content").fill(content)
        page.locator(f"#id_commitments-{n}-responsible_organization").select_option(label="Ủy ban nhân dân xã A")
        page.locator(f"#id_commitments-{n}-due_on").fill(due)
    page.get_by_role("button", name="Ghi kết quả").click()
    expect(page.locator("#status")).to_have_text("Đã tổ chức")
    expect(page.locator("#commitment-list li")).to_have_count(2)
    meeting_url = page.url

    page.locator("#commitment-list").get_by_role("link", name="Sửa 1 km đường thôn A1").click()
    page.locator("#actions").get_by_role("link", name="Báo cáo đã thực hiện", exact=True).click()
    page.get_by_label("Kết quả đã thực hiện").fill("Đã đổ bê tông 1 km đường thôn A1")
    page.get_by_label("Ngày thực hiện xong").fill("2026-05-20")
    page.get_by_role("button", name="Báo cáo đã thực hiện").click()
    expect(page.get_by_text("Cần minh chứng").first).to_be_visible()  # no file, no document number: refused
    page.get_by_label("Tệp minh chứng (ảnh, PDF, Word, Excel)").set_input_files(
        files=[{"name": "duong-thon.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="Báo cáo đã thực hiện").click()
    expect(page.locator("#status")).to_have_text("Đã thực hiện")
    expect(page.locator("#updates")).to_contain_text("duong-thon.png")
    act(page, "Công khai cam kết")
    expect(page.locator("#published")).to_be_visible()

    page.goto(meeting_url)
    page.locator("#commitment-list").get_by_role("link", name="Lắp 10 đèn đường").click()
    act(page, "Công khai cam kết")
    expect(page.locator("#published")).to_be_visible()

    # A citizen, signed out, finds the commune's page from the chooser.
    page.context.clear_cookies()
    page.goto(f"{base}/cam-ket/")
    page.get_by_role("link", name="Xã A").click()
    expect(page.locator("#kept")).to_contain_text("Đã thực hiện 1/2 cam kết")
    expect(page.locator("#public-commitments")).to_contain_text("Sửa 1 km đường thôn A1")
    expect(page.locator("#public-commitments")).not_to_contain_text("Lò Văn Dân")  # a citizen's name is not public
