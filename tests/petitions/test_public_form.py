"""The citizens' form one question group at a time: errors summarised with links to the fields, the answers
kept in the session and checked, nothing written before the citizen sends, the confirmation with the code,
the reply date and the receipt, the desk's print of the same receipt, and the status page's history."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.text import format_date
from danvan.petitions import services
from danvan.petitions.models import Case, Letter, Subject
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

SENDER = {
    "sender_name": "Đàm Thị Hoa",
    "sender_id_number": "006180001111",
    "sender_address": "Thôn A1, xã A",
    "sender_phone": "0987 654 321",
}


def matter(tree) -> dict:
    return {
        "kind": "pa",
        "unit": "xa a",
        "subject": Subject.objects.get(name="Môi trường").pk,
        "content": "Bãi rác tự phát cạnh suối đầu thôn A1 gây ô nhiễm nguồn nước.",
    }


def test_a_citizen_walks_the_steps_and_gets_the_receipt(tree) -> None:
    client = Client()
    start = client.get(reverse("public_petition"))
    assert start.status_code == 200 and "Bước 1 / 3" in start.content.decode()

    wrong = client.post(reverse("public_petition"), {**SENDER, "sender_id_number": "abc", "sender_phone": "abc"})
    page = wrong.content.decode()
    assert wrong.status_code == 200 and "data-error-summary" in page and "<title>Lỗi:" in page
    assert '<a href="#id_sender_id_number">Nhập số CCCD gồm 12 chữ số, ví dụ 001099000111</a>' in page
    assert '<a href="#id_sender_phone">Nhập số điện thoại Việt Nam, ví dụ 0912 345 678</a>' in page
    assert "This field" not in page and "Trường này là bắt buộc" not in page

    step2 = client.post(reverse("public_petition"), SENDER)
    assert step2.url == reverse("public_petition_step", args=["noi-dung"])
    short = client.post(step2.url, {**matter(tree), "content": "x"})
    assert "Nội dung cần ít nhất 15 ký tự" in short.content.decode()
    check = client.post(step2.url, matter(tree))
    assert check.url == reverse("public_petition_check")
    assert not Letter.objects.exists()  # nothing is written before the citizen sends

    answers = client.get(check.url).content.decode()
    assert "Kiểm tra nội dung trước khi gửi" in answers and "Xã A — " in answers and "0987 654 321" in answers
    assert answers.count(">Thay đổi<") == 9
    # Changing an answer returns to the check, not to the next step.
    changed = client.post(
        reverse("public_petition_step", args=["nguoi-gui"]) + "?sua=1", {**SENDER, "sender_name": "Đàm Thị Hoà"}
    )
    assert changed.url == reverse("public_petition_check")

    sent = client.post(check.url)
    assert sent.url == reverse("public_petition_done")
    letter = Letter.objects.get()
    case = letter.case
    assert (letter.sender_name, letter.sender_phone, letter.channel) == ("Đàm Thị Hoà", "0987654321", "online")
    done = client.get(sent.url).content.decode()
    assert case.tracking_code in done and "Phiếu tiếp nhận đơn" in done
    assert case.reply_due_on is not None and format_date(case.reply_due_on) in done
    assert "Luật Tiếp công dân 2013, Điều 28.1" in done and "10 ngày làm việc" in done
    assert reverse("public_status_qr", args=[case.tracking_code]) in done and case.number not in done
    assert client.get(check.url).url == reverse("public_petition")  # the answers are gone once sent

    qr = Client().get(reverse("public_status_qr", args=[case.tracking_code]))
    assert qr["Content-Type"].startswith("image/svg+xml") and b"<svg" in qr.content
    assert Client().get("/tra-cuu/ma-qr/khong-dung.svg").status_code == 404


def test_a_later_step_is_not_reached_before_the_earlier_ones(tree) -> None:
    client = Client()
    assert client.get(reverse("public_petition_check")).url == reverse("public_petition")
    client.post(reverse("public_petition"), SENDER)
    assert client.get(reverse("public_petition_check")).url == reverse("public_petition_step", args=["noi-dung"])


def test_the_desk_prints_the_same_receipt_with_the_case_number(tree, personas) -> None:
    desk = UserFactory(username="tiepdan_a")
    RoleAssignmentFactory(user=desk, role="reception", unit=tree.commune_a)
    letter = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a,
        intake=services.Intake(received_on=timezone.localdate(), channel="in_person", kind="tc",
                               subject=Subject.objects.get(name="Tham nhũng, tiêu cực"),
                               content="Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục.",
                               sender_name="Hoàng Văn Thụ", sender_id_number="006090009999"),
    )  # fmt: skip
    client = Client()
    client.force_login(desk)
    case_page = client.get(reverse("case_detail", args=[letter.case_id])).content.decode()
    assert reverse("letter_receipt", args=[letter.pk]) in case_page and "In phiếu tiếp nhận" in case_page
    receipt = client.get(reverse("letter_receipt", args=[letter.pk])).content.decode()
    assert letter.case.number in receipt and letter.case.tracking_code in receipt
    assert "Hoàng Văn Thụ" not in receipt and "Được giữ bí mật" in receipt  # a denouncer is never printed
    outsider = Client()
    outsider.force_login(personas.officer_b)
    assert outsider.get(reverse("letter_receipt", args=[letter.pk])).status_code == 404


def test_the_status_page_shows_the_public_history_and_the_next_rights(tree, personas) -> None:
    letter = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a,
        intake=services.Intake(received_on=timezone.localdate(), channel="post", kind="kn",
                               subject=Subject.objects.get(name="Đất đai"), sender_phone="0912 345 678",
                               content="Khiếu nại quyết định thu hồi đất.", sender_name="Nông Văn Bình",
                               conditions_met={"form", "kn_content", "not_handled"}),
    )  # fmt: skip
    case = letter.case
    services.classify(actor=SYSTEM, case=case, note="Ghi chú nội bộ: gọi anh Bình")
    services.propose_acceptance(actor=SYSTEM, case=case)
    services.accept(actor=personas.leader_a, case=case, handlers=[personas.officer_a], on=timezone.localdate())
    services.decide(
        actor=personas.leader_a, case=Case.objects.get(pk=case.pk), on=timezone.localdate(), outcome="partly"
    )
    form = Client().get(reverse("public_status"), {"ma": case.tracking_code}).content.decode()
    assert f'value="{case.tracking_code}"' in form  # the QR code's link fills the code in
    page = Client().post(reverse("public_status"), {"code": case.tracking_code, "contact": "+84 912 345 678"})
    body = page.content.decode()
    for label in ("Đã tiếp nhận", "Đang xử lý", "Đã thụ lý, đang giải quyết", "Đã có kết quả giải quyết"):
        assert label in body
    assert "khiếu nại lần hai" in body and "khởi kiện" in body and "Luật Khiếu nại 2011, Điều 7.1, Điều 33" in body
    assert "Đúng một phần" in body
    assert "Ghi chú nội bộ" not in body and personas.leader_a.get_full_name() not in body
    missing = Client().post(reverse("public_status"), {"code": case.tracking_code, "contact": "0900 000 000"})
    assert "Không tìm thấy hồ sơ" in missing.content.decode() and "data-error-summary" in missing.content.decode()
