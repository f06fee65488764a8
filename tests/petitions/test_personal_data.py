"""Issue 10: a citizen's personal data — exported for them, anonymised where the law allows, every export logged.

Nguyễn Văn An (CCCD 001099000111, phone 0912 345 678) wrote twice: a complaint to xã A, guided in August
2025, and a proposal to xã B. A namesake with another CCCD wrote to xã A, and so did his brother, who gave
the same household phone with his own CCCD. Neither is An's data. Statistics are compared figure for
figure before and after An's letters are anonymised.
"""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.models import Event, PersonalDataAccess
from danvan.core.periods import Period
from danvan.petitions import personal_data as pd
from danvan.petitions import selectors, services
from danvan.petitions.models import Case, IdentityReveal, Letter, Subject
from danvan.petitions.services import Intake
from danvan.stats.engine import WHOLE_SYSTEM
from tests.factories import RoleAssignmentFactory, UserFactory, make_initiative
from tests.petitions.test_views import logged_in

pytestmark = pytest.mark.django_db

d = datetime.date
AUGUST_5 = d(2025, 8, 5)
AN, AN_ID, AN_PHONE = "Nguyễn Văn An", "001099000111", "0912 345 678"
COMPLAINT = f"Tôi là {AN}, số điện thoại {AN_PHONE}, khiếu nại việc thu hồi đất nông nghiệp tại thôn A1."


def receive(unit, *, received_on=AUGUST_5, kind="kn", content=COMPLAINT, **sender) -> Letter:
    conditions = {"form", {"kn": "kn_content", "tc": "tc_content"}.get(kind, "content"), "not_handled"}
    return services.receive_letter(
        actor=SYSTEM,
        unit=unit,
        intake=Intake(
            received_on=received_on, channel="post", kind=kind, subject=Subject.objects.order_by("pk").first(),
            content=content, conditions_met=conditions, **sender,
        ),
    )  # fmt: skip


@pytest.fixture
def an(tree) -> list[Letter]:
    """An's two letters (the second with his CCCD written with spaces, his phone with the country code),
    a namesake's and his brother's; the complaint is guided, with a note naming him."""
    complaint = receive(tree.commune_a, sender_name=AN, sender_id_number=AN_ID, sender_phone=AN_PHONE,
                        sender_email="An.Nguyen@Example.vn", sender_address="Thôn A1, xã A")  # fmt: skip
    services.route(actor=SYSTEM, case=complaint.case, action="guide", on=d(2025, 8, 10),
                   note=f"Đã hướng dẫn ông {AN} gửi đơn đến UBND tỉnh")  # fmt: skip
    proposal = receive(tree.commune_b, kind="kng", content="Kiến nghị sửa đường liên thôn.",
                       sender_name=AN, sender_id_number="001 099 000 111", sender_phone="+84 912 345 678")  # fmt: skip
    services.route(actor=SYSTEM, case=proposal.case, action="transfer", on=d(2025, 8, 12))
    services.route(actor=SYSTEM, case=proposal.case, action="close", on=d(2025, 9, 1))
    receive(tree.commune_a, sender_name=AN, sender_id_number="001099000222", content="Phản ánh tiếng ồn.", kind="pa")
    receive(tree.commune_a, sender_name="Nguyễn Văn Bình", sender_id_number="001099000333", sender_phone=AN_PHONE,
            content="Kiến nghị về điện chiếu sáng.", kind="kng")  # fmt: skip
    return [Letter.objects.get(pk=complaint.pk), Letter.objects.get(pk=proposal.pk)]


def all_figures(tree) -> list:
    units = (tree.commune_a, tree.commune_b, tree.province)
    periods = (Period.year(2025), Period.second_half(2025), Period.year(2026))
    return [selectors.stats_for(u, p, user=WHOLE_SYSTEM) for u in units for p in periods]


# --- matching: exact, normalised, never by name ---------------------------------------------------------------


def test_identifiers_are_normalised_and_compared_exactly() -> None:
    assert pd.normalise_phone("+84 912 345 678") == pd.normalise_phone("0912.345.678") == "0912345678"
    assert pd.normalise_id_number(" 001 099.000-111 ") == AN_ID
    assert pd.normalise_email(" An.Nguyen@Example.VN ") == "an.nguyen@example.vn"
    wanted = pd.Identifiers(AN_ID, "0912345678")
    assert pd.matched_by(pd.Identifiers(AN_ID, ""), wanted) == ("id_number",)
    assert pd.matched_by(pd.Identifiers("", "0912345678"), wanted) == ("phone",)
    # The same household phone with another CCCD is another person.
    assert pd.matched_by(pd.Identifiers("001099000333", "0912345678"), wanted) == ()
    assert pd.matched_by(pd.Identifiers("00109900011", ""), pd.Identifiers(AN_ID)) == ()  # not a prefix


def test_a_name_alone_finds_nobody(tree, personas, an) -> None:
    with pytest.raises(ValidationError, match="không tìm theo họ tên"):
        pd.personal_data_export(SYSTEM, reason="Yêu cầu của công dân")
    with pytest.raises(ValidationError, match="không hợp lệ"):
        pd.personal_data_export(SYSTEM, reason="Yêu cầu của công dân", id_number="Nguyễn Văn An")
    assert not PersonalDataAccess.objects.exists()


# --- export ----------------------------------------------------------------------------------------------------


def test_export_finds_exactly_that_persons_letters_not_a_namesake(tree, personas, an) -> None:
    result = pd.personal_data_export(SYSTEM, reason="Phiếu yêu cầu số 12 ngày 01/12/2026", id_number=AN_ID,
                                     phone=AN_PHONE)  # fmt: skip
    assert [x["ma_don"] for x in result.letters] == [a.pk for a in an]
    first, second = result.letters
    assert first["nguoi_gui"]["so_dinh_danh"] == AN_ID and first["khop_theo"] == [
        "số định danh cá nhân",
        "số điện thoại",
    ]
    assert first["vu_viec"]["trang_thai"] == "Đã hướng dẫn" and second["vu_viec"]["trang_thai"] == "Kết thúc"
    assert first["don_vi_nhan"] == tree.commune_a.name and first["loai_don"] == "Khiếu nại"
    assert "lưu trữ đến hết ngày 31/12/2045" in first["luu_giu"]  # the case file's default, 20 years
    text = result.as_text()
    assert "TRÍCH XUẤT DỮ LIỆU CÁ NHÂN" in text and "Số đơn thư: 2" in text and "001099000222" not in text
    assert json.loads(result.as_json())["don_thu"][1]["loai_don"] == "Kiến nghị"
    # By phone alone the brother's letter (same phone, his own CCCD) is his, not An's; by e-mail, any case.
    by_phone = pd.personal_data_export(SYSTEM, reason="Yêu cầu", phone="0912345678")
    assert [x["nguoi_gui"]["ho_ten"] for x in by_phone.letters] == [AN, AN, "Nguyễn Văn Bình"]
    by_mail = pd.personal_data_export(SYSTEM, reason="Yêu cầu", email="an.nguyen@example.vn")
    assert [x["ma_don"] for x in by_mail.letters] == [an[0].pk]


def test_export_needs_the_right_and_a_reason_and_stays_in_scope(tree, personas, an) -> None:
    for user in (personas.officer_a, personas.unit_admin, personas.supervisor):
        with pytest.raises(PermissionDenied):
            pd.personal_data_export(user, reason="Yêu cầu", id_number=AN_ID)
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        pd.personal_data_export(personas.leader_a, reason="  ", id_number=AN_ID)
    with pytest.raises(PermissionDenied):
        pd.personal_data_export(None, reason="Yêu cầu", id_number=AN_ID)
    assert not PersonalDataAccess.objects.exists()
    # The leader of xã A sees xã A's letter only; the administrator everything.
    assert [
        x["ma_don"] for x in pd.personal_data_export(personas.leader_a, reason="Yêu cầu", id_number=AN_ID).letters
    ] == [an[0].pk]
    assert len(pd.personal_data_export(personas.admin, reason="Yêu cầu", id_number=AN_ID).letters) == 2


def test_export_is_logged_who_when_whose_why(tree, personas, an) -> None:
    before = timezone.now()
    result = pd.personal_data_export(personas.leader_a, reason="Phiếu yêu cầu số 12", id_number=AN_ID)
    log = PersonalDataAccess.objects.get()
    assert log == result.log and log.actor == personas.leader_a and log.at >= before
    assert (log.action, log.reason, log.rows) == ("export", "Phiếu yêu cầu số 12", 1)
    assert log.records == [f"petitions.letter:{an[0].pk}"]
    assert log.subject == "Số định danh …0111" and AN_ID not in log.subject  # whose, without the full identity
    pd.personal_data_export(SYSTEM, reason="Lệnh quản trị", id_number="009999999999")  # nothing held: still logged
    assert PersonalDataAccess.objects.filter(rows=0, actor=None, system=SYSTEM.reason).count() == 1
    with pytest.raises(ValueError, match="chỉ được ghi thêm"):
        log.delete()


def test_a_denouncers_letters_are_only_for_whom_may_see_the_identity(tree, personas, an) -> None:
    denunciation = receive(tree.commune_a, kind="tc", sender_name=AN, sender_id_number=AN_ID,
                           content="Tố cáo cán bộ địa chính nhận tiền.", received_on=timezone.localdate())  # fmt: skip
    case = denunciation.case
    services.classify(actor=personas.officer_a, case=case)
    services.propose_acceptance(actor=personas.officer_a, case=case)
    services.accept(actor=personas.leader_a, case=case, handlers=[personas.officer_a], on=timezone.localdate())
    other_leader = UserFactory(username="leader_a2")
    RoleAssignmentFactory(user=other_leader, role="leader", unit=tree.commune_a)

    # Another leader of xã A finds An's complaint but not the denunciation, and the refusal to erase names
    # the complaint's keeping period, never the denunciation.
    assert [x["ma_don"] for x in pd.personal_data_export(other_leader, reason="Yêu cầu", id_number=AN_ID).letters] == [
        an[0].pk
    ]
    with pytest.raises(ValidationError) as refused:
        pd.personal_data_erase(other_leader, reason="Yêu cầu", id_number=AN_ID)
    assert "tố cáo" not in str(refused.value) and "31/12/2045" in str(refused.value)
    # The case's leader sees it, and the view is logged as a reveal of the sealed identity.
    mine = pd.personal_data_export(personas.leader_a, reason="Yêu cầu của người tố cáo", id_number=AN_ID)
    assert denunciation.pk in [x["ma_don"] for x in mine.letters]
    assert IdentityReveal.objects.get(letter=denunciation).user == personas.leader_a
    with pytest.raises(ValidationError, match="người tố cáo trong vụ việc đang giải quyết"):
        pd.personal_data_erase(SYSTEM, reason="Yêu cầu", id_number=AN_ID)


# --- erasure -----------------------------------------------------------------------------------------------------


def test_erase_anonymises_letters_and_history_and_keeps_every_figure(tree, personas, an, settings) -> None:
    settings.DANVAN_PETITION_FILE_KEEP_YEARS = 0  # the files of 2025 are past their keeping period
    figures = all_figures(tree)
    case = an[0].case
    assert any(AN in h.summary for h in case.history.all())
    namesake = Letter.objects.get(sender_id_number="001099000222")

    result = pd.personal_data_erase(personas.admin, reason=f"Ông {AN} yêu cầu xóa, phiếu số 12", id_number=AN_ID)

    assert (result.letters, result.cases) == (2, 2) and "Số liệu thống kê không thay đổi" in result.summary()
    for letter in Letter.objects.filter(pk__in=[a.pk for a in an]):
        assert letter.sender_name == pd.ANONYMISED
        assert (letter.sender_id_number, letter.sender_phone, letter.sender_email, letter.sender_address) == ("",) * 4
        assert (letter.kind, letter.received_on, letter.unit_id, letter.eligible) == (
            next(a for a in an if a.pk == letter.pk).kind, next(a for a in an if a.pk == letter.pk).received_on,
            next(a for a in an if a.pk == letter.pk).unit_id, True,
        )  # fmt: skip
    complaint = Letter.objects.get(pk=an[0].pk)
    assert AN not in complaint.content and AN_PHONE not in complaint.content
    assert complaint.content.endswith("khiếu nại việc thu hồi đất nông nghiệp tại thôn A1.")  # the content is kept
    # The case's summary and every one of its history rows, and the timeline's notes.
    assert AN not in Case.objects.get(pk=case.pk).summary
    assert case.history.count() >= 2 and not any(AN in h.summary or AN_PHONE in h.summary for h in case.history.all())
    notes = list(Event.objects.for_object(case).values_list("action", "note"))
    assert (
        not any(AN in note for _, note in notes)
        and ("guide", "Đã hướng dẫn ông [đã ẩn danh] gửi đơn đến UBND tỉnh") in notes
    )
    assert notes[-1][0] == "anonymise" and "có thể còn dữ liệu cá nhân" in notes[-1][1]
    # Nobody else's data was touched; the log names the records, not the person.
    assert Letter.objects.get(pk=namesake.pk).sender_name == AN
    log = PersonalDataAccess.objects.get(action="erase")
    assert log.actor == personas.admin and log.rows == 2 and AN not in log.reason
    assert log.records == [f"petitions.letter:{a.pk}" for a in an]
    # Every figure of the statistics is the same, for the communes and their province.
    assert all_figures(tree) == figures
    # Done once: nothing left to find.
    with pytest.raises(ValidationError, match="Không có đơn thư nào"):
        pd.personal_data_erase(personas.admin, reason="Lần hai", id_number=AN_ID)


def test_erase_is_refused_for_an_open_case_and_writes_nothing(tree, personas, an, settings) -> None:
    settings.DANVAN_PETITION_FILE_KEEP_YEARS = 0
    receive(tree.commune_a, sender_name=AN, sender_id_number=AN_ID, content="Khiếu nại mới về bồi thường.",
            received_on=d(2026, 11, 20))  # fmt: skip
    events, history = Event.objects.count(), Case.history.count()
    named = Letter.objects.filter(sender_name=AN, sender_id_number=AN_ID).count()
    with pytest.raises(ValidationError) as refused:
        pd.personal_data_erase(SYSTEM, reason="Yêu cầu", id_number=AN_ID)
    (message,) = refused.value.messages
    assert "đang giải quyết (đã vào sổ)" in message and "Luật Khiếu nại 2011, Điều 34" in message
    assert named == 3  # the CCCD written with spaces is stored as its 12 digits
    assert Letter.objects.filter(sender_name=AN, sender_id_number=AN_ID).count() == named
    assert (Event.objects.count(), Case.history.count(), PersonalDataAccess.objects.count()) == (events, history, 0)


def test_erase_is_refused_within_the_keeping_period(tree, personas, an) -> None:
    with pytest.raises(ValidationError) as refused:
        pd.personal_data_erase(SYSTEM, reason="Yêu cầu", id_number=AN_ID)
    assert len(refused.value.messages) == 2 and all("chưa hết thời hạn lưu trữ" in m for m in refused.value.messages)
    assert not PersonalDataAccess.objects.exists()


def test_keeping_periods_are_rules_with_their_basis() -> None:
    assert pd.kept_until(d(2025, 8, 10), 1) == d(2026, 12, 31)
    assert pd.keeping_years(pd.FILED_UNFIT) == 1 and pd.keeping_years(pd.CASE_FILE) == pd.DEFAULT_CASE_FILE_YEARS
    assert all(rule.basis for rule in pd.KEEPING_RULES)


# --- the commands --------------------------------------------------------------------------------------------------


def test_the_commands_print_vietnamese_summaries(tree, personas, an, settings, tmp_path) -> None:
    out = io.StringIO()
    call_command("personal_data_export", id_number=AN_ID, reason="Phiếu số 12", stdout=out)
    assert "TRÍCH XUẤT DỮ LIỆU CÁ NHÂN" in out.getvalue() and "Đã trích xuất 2 đơn thư" in out.getvalue()
    target = tmp_path / "an.json"
    call_command("personal_data_export", phone=AN_PHONE, reason="Phiếu số 12", json=target, stdout=io.StringIO())
    assert len(json.loads(target.read_text(encoding="utf-8"))["don_thu"]) == 3
    with pytest.raises(CommandError):
        call_command("personal_data_export", id_number=AN_ID)  # --reason is required
    with pytest.raises(CommandError, match="chưa hết thời hạn lưu trữ"):
        call_command("personal_data_erase", "--noinput", id_number=AN_ID, reason="Phiếu số 12")
    settings.DANVAN_PETITION_FILE_KEEP_YEARS = 0
    out = io.StringIO()
    call_command("personal_data_erase", "--noinput", id_number=AN_ID, reason="Phiếu số 12", stdout=out)
    assert "Đã ẩn danh 2 đơn thư thuộc 2 vụ việc" in out.getvalue()
    logs = PersonalDataAccess.objects.order_by("pk")
    assert [x.action for x in logs] == ["export", "export", "erase"]
    assert all(x.actor is None and x.system.startswith("lệnh personal_data_") for x in logs)


# --- exports of lists holding personal data ------------------------------------------------------------------------


def test_exporting_the_petitions_list_writes_an_access_log_row(tree, personas, an) -> None:
    response = logged_in(personas.leader_a).get(reverse("case_export"), {"kind": "kn", "sort": "number"})
    assert response.status_code == 200
    log = PersonalDataAccess.objects.get()
    assert (log.actor, log.action, log.list_name, log.rows) == (personas.leader_a, "list_export", "cases", 1)
    assert log.filters == {"kind": "kn", "sort": "number"}
    # A list without personal data writes none.
    make_initiative(tree.commune_a, "registered")
    logged_in(personas.supervisor).get(reverse("initiative_export"))
    assert PersonalDataAccess.objects.count() == 1


def test_a_background_export_of_the_petitions_list_is_logged_too(tree, personas, an, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    settings.DANVAN_EXPORT_SYNC_ROWS = 1
    response = logged_in(personas.supervisor).get(reverse("case_export"))
    assert response.status_code == 302
    log = PersonalDataAccess.objects.get()
    assert (log.actor, log.list_name, log.rows, log.filters) == (personas.supervisor, "cases", 4, {})


# --- the officers' page ---------------------------------------------------------------------------------------------


def test_the_page_exports_for_a_leader_only_and_logs_it(tree, personas, an) -> None:
    url = reverse("personal_data")
    assert logged_in(personas.officer_a).get(url).status_code == 403
    assert logged_in(personas.unit_admin).get(url).status_code == 403
    client = logged_in(personas.leader_a)
    assert client.get(url).status_code == 200 and not PersonalDataAccess.objects.exists()
    refused = client.post(url, {"id_number": AN_ID, "format": "text"})
    assert "Cần ghi lý do" in refused.content.decode() and not PersonalDataAccess.objects.exists()
    page = client.post(url, {"id_number": AN_ID, "reason": "Phiếu yêu cầu số 12", "format": "text"}).content.decode()
    assert "TRÍCH XUẤT DỮ LIỆU CÁ NHÂN" in page and "Kiến nghị sửa đường" not in page  # xã B's letter: not in scope
    download = client.post(url, {"phone": AN_PHONE, "reason": "Phiếu yêu cầu số 12", "format": "json"})
    assert (
        download["Content-Disposition"].startswith("attachment") and len(json.loads(download.content)["don_thu"]) == 2
    )
    assert PersonalDataAccess.objects.filter(actor=personas.leader_a, action="export").count() == 2
