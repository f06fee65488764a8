"""The reception desk, the case workspace and the citizens' pages, as their users use them."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.petitions.models import Case, IdentityReveal, Letter, Subject
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def desk(tree):
    user = UserFactory(username="tiepdan_a", full_name="Lý Thị Mai")
    RoleAssignmentFactory(user=user, role="reception", unit=tree.commune_a)
    return user


def intake_post(**overrides) -> dict:
    data = {
        "received_on": timezone.localdate().isoformat(),
        "channel": "in_person",
        "kind": "tc",
        "subject": Subject.objects.get(name="Tham nhũng, tiêu cực").pk,
        "content": "Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận.",
        "sender_name": "Hoàng Văn Thụ",
        "sender_id_number": "006090009999",
        "sender_address": "Thôn A1, xã A",
        "sender_phone": "0912 345 678",
        "co_signers": 1,
        "conditions": ["form", "tc_content", "not_handled"],
        "in_competence": "on",
    }
    data.update(overrides)
    return data


def test_desk_records_a_letter_and_a_leader_accepts_it(tree, personas, desk) -> None:
    client = logged_in(desk)
    response = client.post(reverse("petition_intake"), intake_post())
    case = Case.objects.get()
    assert response.url == reverse("case_detail", args=[case.pk])
    page = client.get(response.url).content.decode()
    assert "Xử lý ban đầu thông tin tố cáo" in page and "Luật Tố cáo 2018, Điều 24.1" in page
    assert "Hoàng Văn Thụ" not in page and "Người tố cáo: được giữ bí mật" in page

    leader = logged_in(personas.leader_a)
    for action in ("classify", "propose"):
        assert leader.post(reverse("case_act", args=[case.pk, action]), {}).status_code == 302
    accepted = leader.post(
        reverse("case_act", args=[case.pk, "accept"]),
        {"on": timezone.localdate().isoformat(), "complexity": 0, "handlers": [personas.officer_a.pk]},
    )
    assert accepted.status_code == 302
    case.refresh_from_db()
    assert case.status == "accepted" and case.due_rule == "tc_resolve"
    assert (
        "Giải quyết tố cáo: 30 ngày kể từ ngày thụ lý"
        in leader.get(reverse("case_detail", args=[case.pk])).content.decode()
    )


def test_intake_errors_are_named_and_nothing_is_written(tree, desk) -> None:
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page = logged_in(desk).post(
        reverse("petition_intake"), intake_post(received_on=tomorrow, sender_name="", channel="press")
    )
    body = page.content.decode()
    assert "Ngày nhận đơn không được sau hôm nay." in body
    assert "Cần ghi họ tên người gửi, hoặc đánh dấu đơn nặc danh." in body
    assert "cần ghi cơ quan, đại biểu đã chuyển" in body
    assert Letter.objects.count() == 0


def test_the_sealed_identity_is_shown_only_to_the_handler_and_logged(tree, personas, desk) -> None:
    logged_in(desk).post(reverse("petition_intake"), intake_post())
    case = Case.objects.get()
    letter = case.letters.get()
    case.handlers.add(personas.officer_a)
    for outsider in (desk, personas.supervisor, personas.unit_admin):
        response = logged_in(outsider).post(reverse("letter_identity", args=[letter.pk]), {"reason": "xem"})
        assert response.status_code == 403
        for url in (reverse("case_detail", args=[case.pk]), reverse("case_list"), reverse("petition_stats")):
            assert "Hoàng Văn Thụ" not in logged_in(outsider).get(url).content.decode()
    shown = logged_in(personas.officer_a).post(reverse("letter_identity", args=[letter.pk]), {"reason": "Mời làm việc"})
    assert "Hoàng Văn Thụ" in shown.content.decode()
    assert IdentityReveal.objects.get().reason == "Mời làm việc"


def test_citizen_sends_online_and_looks_up_the_status(tree) -> None:
    client = Client()
    done = client.post(
        reverse("public_petition"),
        {
            "kind": "pa",
            "unit_code": tree.commune_a.code,
            "subject": Subject.objects.get(name="Môi trường").pk,
            "content": "Bãi rác tự phát cạnh suối đầu thôn A1 gây ô nhiễm.",
            "sender_name": "Đàm Thị Hoa",
            "sender_id_number": "006180001111",
            "sender_address": "Thôn A1",
            "sender_phone": "0987 654 321",
        },
    )
    code = done.context["code"]
    case = Case.objects.get(tracking_code=code)
    assert case.letters.get().channel == "online"
    wrong = client.post(reverse("public_status"), {"code": code, "contact": "0900000000"})
    assert "Không tìm thấy hồ sơ" in wrong.content.decode()
    found = client.post(reverse("public_status"), {"code": code.lower(), "contact": "0987654321"})
    body = found.content.decode()
    assert "Đã tiếp nhận" in body and "Bãi rác" not in body  # statuses and dates only, no content or notes


def test_the_honeypot_and_the_rate_limit(tree, settings) -> None:
    settings.DANVAN_PUBLIC_RATE = "2/h"
    client = Client(REMOTE_ADDR="10.1.2.3")
    post = {"kind": "pa", "unit_code": tree.commune_a.code, "subject": Subject.objects.first().pk, "content": "x",
            "sender_name": "A", "sender_id_number": "1", "sender_address": "B", "sender_phone": "1",
            "website": "http://spam"}  # fmt: skip
    assert client.post(reverse("public_petition"), post).status_code == 200
    assert Letter.objects.count() == 0  # the robot was answered, nothing written
    client.post(reverse("public_petition"), post)
    assert client.post(reverse("public_petition"), post).status_code == 429


def test_no_identity_in_the_admin_or_its_history(tree, personas, desk) -> None:
    logged_in(desk).post(reverse("petition_intake"), intake_post())
    letter = Letter.objects.get()
    admin = logged_in(personas.admin)
    for url in (
        reverse("admin:petitions_letter_change", args=[letter.pk]),
        reverse("admin:petitions_letter_changelist"),
        reverse("admin:petitions_case_change", args=[letter.case_id]),
        reverse("admin:petitions_case_history", args=[letter.case_id]),
    ):
        response = admin.get(url)
        assert response.status_code == 200
        assert "Hoàng Văn Thụ" not in response.content.decode() and "006090009999" not in response.content.decode()


def test_export_and_statistics_by_unit_never_name_the_denouncer(tree, personas, desk) -> None:
    import io

    from openpyxl import load_workbook

    logged_in(desk).post(reverse("petition_intake"), intake_post())
    for user in (personas.supervisor, personas.leader_a, personas.admin):
        client = logged_in(user)
        xlsx = client.get(reverse("case_export"))
        cells = [
            str(c) for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True) for c in row
        ]
        assert "Người tố cáo: được giữ bí mật" in cells and not any("Hoàng Văn Thụ" in c for c in cells)
    stats = logged_in(personas.supervisor).get(reverse("petition_stats"), {"unit": tree.province.code})
    assert [(u.short_name, letters) for u, letters, *_ in stats.context["stats"].by_unit] == [("A", 1)]


def test_attachments_are_sniffed_and_sealed_with_the_denunciation(tree, personas, desk, settings, tmp_path) -> None:
    import io

    settings.MEDIA_ROOT = tmp_path
    logged_in(desk).post(reverse("petition_intake"), intake_post())
    letter = Letter.objects.get()
    fake = io.BytesIO(b"%PDF-1.4\n" + b"0" * 300)
    fake.name = "anh.jpg"
    response = logged_in(desk).post(reverse("letter_attach", args=[letter.pk]), {"file": fake}, follow=True)
    assert "bị đổi tên" in response.content.decode() and letter.attachments.count() == 0
    scan = io.BytesIO(b"%PDF-1.4\n" + b"0" * 300)
    scan.name = "don-to-cao.pdf"
    logged_in(desk).post(reverse("letter_attach", args=[letter.pk]), {"file": scan})
    attachment = letter.attachments.get()
    assert logged_in(personas.supervisor).get(reverse("attachment_file", args=[attachment.pk])).status_code == 403
    assert logged_in(personas.officer_b).get(reverse("attachment_file", args=[attachment.pk])).status_code == 404
    letter.case.handlers.add(personas.officer_a)
    assert logged_in(personas.officer_a).get(reverse("attachment_file", args=[attachment.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["officer_a", "leader_a", "officer_b", "supervisor", "unit_admin", "admin"])
def test_no_persona_finds_the_denouncer_anywhere_but_the_logged_reveal(tree, personas, desk, persona: str) -> None:
    """Lists, search, detail, export, statistics, the reception book, the API and the admin history."""
    import json

    logged_in(desk).post(reverse("petition_intake"), intake_post())
    case = Case.objects.get()
    client = logged_in(getattr(personas, persona))
    urls = [
        reverse("case_list"),
        reverse("case_list") + "?q=Hoàng",
        reverse("case_detail", args=[case.pk]),
        reverse("case_export"),
        reverse("petition_stats") + f"?unit={tree.province.code}",
        reverse("session_list"),
        f"/api/v1/cases/{case.pk}",
        "/api/v1/cases?q=Hoàng",
        f"/api/v1/petitions/stats?unit={tree.province.code}&year={timezone.localdate().year}",
    ]
    if persona == "admin":
        urls.append(reverse("admin:petitions_case_history", args=[case.pk]))
    for url in urls:
        response = client.get(url)
        text = response.content.decode("utf-8", "ignore")
        if url.endswith(".xlsx"):
            import io

            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(response.content)).active
            text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
        elif response["Content-Type"].startswith("application/json"):
            text = json.dumps(response.json(), ensure_ascii=False)
        assert "Hoàng Văn Thụ" not in text and "006090009999" not in text and "0912 345 678" not in text, url
