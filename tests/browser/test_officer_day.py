"""An officer's day in Chromium, from the home page, without typing a URL or a code (issue 9).

The leader opens the inbox, sees the case waiting for acceptance and the overdue one, accepts from the
inbox and names the handler; the handler finds the case in their inbox, starts the verification,
reports its result, and the case page says it now waits for the leader's decision.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from danvan.accounts.access import SYSTEM
from danvan.petitions import services
from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD
from tests.petitions.test_services import intake

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page: Page) -> None:
    page.context.clear_cookies()


def test_leader_accepts_from_the_inbox_and_the_handler_works_the_case_to_the_next_hand_off(
    page: Page, live_server, tree, personas
) -> None:
    base = live_server.url
    today = timezone.localdate()
    officer = personas.officer_a
    waiting = services.receive_letter(actor=officer, unit=tree.commune_a, intake=intake(received_on=today)).case
    services.classify(actor=officer, case=waiting)
    services.propose_acceptance(actor=officer, case=waiting)
    late = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=intake(sender_name="Hoàng Thị Lan", sender_id_number="", received_on=today - datetime.timedelta(60)),
    ).case
    services.classify(actor=officer, case=late)
    services.propose_acceptance(actor=officer, case=late)

    # The leader's inbox: two cases to accept, one of them overdue, each with its button.
    sign_in(page, base, "leader_a", PASSWORD)
    expect(page.get_by_role("heading", name="Việc của tôi", exact=True)).to_be_visible()
    expect(page.locator("#count-todo")).to_have_text("2")
    expect(page.locator("#count-overdue")).to_have_text("1")
    overdue = page.locator("#overdue")
    expect(overdue).to_contain_text(f"Vụ việc {late.number}")
    expect(overdue).to_contain_text("quá hạn")
    group = page.locator('[data-group="case:accept"]')
    expect(group).to_contain_text("Thụ lý — vụ việc")
    row = group.get_by_role("listitem").filter(has_text=f"Vụ việc {waiting.number}")
    row.get_by_role("link", name="Thụ lý", exact=True).click()

    # The step's page shows what it is about, then the leader names the handler.
    expect(page.locator("#record-summary")).to_contain_text(f"Vụ việc {waiting.number}")
    expect(page.locator("#record-summary")).to_contain_text("Đề xuất thụ lý")
    page.get_by_label("Người được giao xử lý").select_option([str(officer.pk)])
    page.get_by_role("button", name="Thụ lý", exact=True).click()
    expect(page.locator("#case-status")).to_have_text("Đã thụ lý")
    expect(page.locator("#waiting-for")).to_contain_text(re.compile(r"Xác minh — chờ .*Cán bộ"))
    page.get_by_role("link", name="Việc của tôi").first.click()
    expect(page.locator("#count-todo")).to_have_text("1")

    # The handler's inbox has the case to verify; the verification, then its report.
    sign_out(page)
    sign_in(page, base, "officer_a", PASSWORD)
    page.locator('[data-group="case:verify"]').get_by_role("link", name="Xác minh", exact=True).click()
    page.get_by_role("button", name="Xác minh", exact=True).click()
    expect(page.locator("#case-status")).to_have_text("Đang xác minh")
    primary = page.locator("#actions .btn-primary")
    expect(primary).to_have_text("Báo cáo kết quả xác minh")
    primary.click()
    page.get_by_label("Kết quả xác minh, đề xuất").fill("Đã xác minh tại thôn A1: việc thu hồi đúng quy hoạch.")
    page.get_by_role("button", name="Báo cáo kết quả xác minh", exact=True).click()
    expect(page.locator("#timeline")).to_contain_text("Báo cáo kết quả xác minh")
    expect(page.locator("#waiting-for")).to_contain_text("Ban hành quyết định, kết luận — chờ")
    # Nothing waits for the handler now; the case is followed, waiting for the leader.
    page.get_by_role("link", name="Việc của tôi").first.click()
    expect(page.locator("#following")).to_contain_text(f"Vụ việc {waiting.number}")
