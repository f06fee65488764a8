"""The desk enters a neighbour's letter about a land dispute already on file (issue 11), in Chromium: as the
letter is typed the page suggests the existing case with its reason and the letter's kind, the officer
takes the kind, joins the case with one click (and with the keyboard), saves, and lands on that case, which
now holds the letter."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from danvan.accounts.access import SYSTEM
from danvan.petitions import services
from danvan.petitions.models import Letter, Subject, Suggestion
from danvan.petitions.services import Intake
from tests.browser.a11y import assert_accessible
from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DISPUTE = (
    "Gia đình ông Hoàng Văn Tài ở thôn Nà Săm xây tường rào lấn sang 40 m² đất vườn của gia đình tôi tại thửa "
    "số 112, tờ bản đồ số 9. Đề nghị UBND xã A đo đạc lại ranh giới và giải quyết tranh chấp."
)
NEIGHBOUR = (
    "Đơn kiến nghị. Tôi là hàng xóm, xác nhận ông Hoàng Văn Tài xây tường rào lấn sang đất vườn nhà ông Bình ở "
    "thửa 112 tờ bản đồ số 9 thôn Nà Săm; kiến nghị xã đo đạc lại ranh giới."
)


def test_the_desk_joins_a_neighbours_letter_to_the_case_on_file(page: Page, live_server, tree) -> None:
    base = live_server.url
    on_file = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=Intake(
            received_on=timezone.localdate(), channel="post", kind="kng", subject=Subject.objects.get(name="Đất đai"),
            content=DISPUTE, sender_name="Nông Văn Bình", sender_address="thôn Nà Săm, xã A",
            conditions_met={"form", "content", "not_handled"},
        ),
    ).case  # fmt: skip
    assert on_file is not None
    desk = UserFactory(username="tiepdan_a", full_name="Lý Thị Mai")
    RoleAssignmentFactory(user=desk, role="reception", unit=tree.commune_a)
    # No transitions: axe reads the colours as they settle, not halfway through a button's focus change.
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, base, "tiepdan_a", PASSWORD)
    page.locator("#inbox-starts").get_by_role("link", name="Vào sổ đơn mới").click()

    panel = page.locator("#intake-suggestions")
    page.get_by_label("Tóm tắt nội dung").fill(NEIGHBOUR)
    expect(panel).to_be_hidden()  # no sender yet: nothing asked
    page.get_by_label("Họ tên người gửi").fill("Lò Thị Hoa")
    page.get_by_label("Địa chỉ", exact=True).fill("thôn Nà Săm, xã A")

    # The case on file, with its reason; the screen reader hears how many.
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link", name=f"Vụ việc {on_file.number}")).to_be_visible()
    expect(panel).to_contain_text("cùng thôn Nà Săm")
    expect(panel).to_contain_text(re.compile(r"điểm \d+/100"))
    expect(page.locator("#intake-suggestions-status")).to_have_text(re.compile("Có 1 vụ việc có thể cùng nội dung"))
    assert_accessible(page)

    # The classifier's kind, taken with one click (the kind's own conditions follow).
    kind_hint = page.locator("#intake-hint-kind")
    expect(kind_hint).to_contain_text("Gợi ý: Kiến nghị — vì")
    kind_hint.get_by_role("button", name="Dùng gợi ý").click()
    expect(page.get_by_label("Loại đơn")).to_have_value("kng")
    expect(kind_hint).to_contain_text("Đã dùng gợi ý: Kiến nghị")
    expect(page.locator("#intake-hint-subject")).to_contain_text("Gợi ý: Đất đai")

    # Join, change his mind with the keyboard, join again.
    panel.get_by_role("button", name="Gộp vào vụ việc này").click()
    choice = page.locator("#intake-choice")
    expect(choice).to_contain_text(f"Đã chọn: gộp đơn vào vụ việc {on_file.number}")
    unchoose = choice.get_by_role("button", name="Bỏ chọn")
    expect(unchoose).to_be_focused()
    page.keyboard.press("Enter")
    expect(choice).to_be_hidden()
    join = panel.get_by_role("button", name="Gộp vào vụ việc này")
    expect(join).to_be_focused()
    page.keyboard.press("Enter")
    expect(choice).to_contain_text(f"vụ việc {on_file.number}")
    expect(page.locator("#intake-suggestions-status")).to_contain_text(f"Đã chọn gộp đơn vào vụ việc {on_file.number}")
    assert_accessible(page)
    # On a phone: the panel fits the screen, its buttons at hand.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    panel.scroll_into_view_if_needed()
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    expect(choice.get_by_role("button", name="Bỏ chọn")).to_be_visible()

    for condition in ("Viết bằng tiếng Việt", "Kiến nghị, phản ánh ghi rõ", "Chưa được xử lý"):
        page.get_by_label(re.compile(condition)).check()
    # The last question answered before saving (the test server's SQLite takes one request at a time).
    expect(page.locator("#intake-form")).to_have_attribute("data-suggestions", "ready")
    page.get_by_role("button", name="Vào sổ").click()

    # The case on file, now with the neighbour's letter.
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Vụ việc {on_file.number}")
    expect(page.get_by_role("alert").first).to_contain_text("đã gộp vào vụ việc đã có")
    expect(page.get_by_text("Lò Thị Hoa").first).to_be_visible()
    letter = Letter.objects.get(sender_name="Lò Thị Hoa")
    assert letter.case_id == on_file.pk and letter.kind == "kng"
    assert letter.suggestion.decision == Suggestion.Decision.JOINED and letter.suggestion.decided_by == desk
