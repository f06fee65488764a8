"""Intake, clocks, routes and sealed identities against a real database."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.models import Event
from danvan.core.services import set_calendar_override
from danvan.petitions import services
from danvan.petitions.models import Case, IdentityReveal, Letter, Subject
from danvan.petitions.services import Intake

pytestmark = pytest.mark.django_db
d = datetime.date
ALL_MET = {"form", "kn_content", "tc_content", "content", "not_handled"}


def intake(**overrides) -> Intake:
    data = {
        "received_on": d(2026, 3, 2),
        "channel": "in_person",
        "kind": "kn",
        "subject": Subject.objects.get(name="Đất đai"),
        "content": "Khiếu nại quyết định thu hồi đất của UBND xã để mở rộng chợ.",
        "sender_name": "Nông Văn Bình",
        "sender_id_number": "006080001234",
        "sender_address": "Thôn A1, xã A",
        "conditions_met": ALL_MET,
    }
    data.update(overrides)
    return Intake(**data)


def test_a_complaint_opens_a_case_with_its_clocks(tree, personas) -> None:
    letter = services.receive_letter(actor=personas.officer_a, unit=tree.commune_a, intake=intake())
    case = letter.case
    assert (case.number, case.status, case.kind) == ("1/2026", "received", "kn")
    assert len(case.tracking_code) == 10
    # Luật Tiếp công dân Điều 28.1: reply in 10 working days from Monday 02/03/2026 → 16/03.
    assert case.reply_due_on == d(2026, 3, 16)
    # Luật Khiếu nại 2011 Điều 27: accept within 10 days → Thursday 12/03/2026.
    assert (case.due_rule, case.due_on) == ("kn_accept_1", d(2026, 3, 12))
    assert "Thụ lý khiếu nại lần đầu" in case.due_explanation
    assert [e.action for e in Event.objects.for_object(case)] == ["open", "letter"]


def test_bad_intake_names_the_fields_and_writes_nothing(tree, personas) -> None:
    future = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.receive_letter(
            actor=personas.officer_a,
            unit=tree.commune_a,
            intake=intake(received_on=future, sender_name="", content="", channel="deputy"),
        )
    assert set(exc.value.message_dict) == {"received_on", "sender_name", "content", "forwarded_by"}
    assert Letter.objects.count() == 0 and Case.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.receive_letter(actor=personas.officer_b, unit=tree.commune_a, intake=intake())


def test_a_letter_failing_the_conditions_is_recorded_with_the_reason(tree) -> None:
    letter = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, intake=intake(kind="tc", conditions_met={"form"})
    )
    assert not letter.eligible
    assert "Tố cáo ghi rõ nội dung, người bị tố cáo" in letter.ineligible_reason
    with pytest.raises(ValidationError, match="không đủ điều kiện"):
        services.classify(actor=SYSTEM, case=letter.case) and services.propose_acceptance(
            actor=SYSTEM, case=letter.case
        )
    services.route(actor=SYSTEM, case=letter.case, action="file", note=letter.ineligible_reason)
    assert letter.case.status == "filed" and letter.case.due_on is None


def test_repeat_letters_join_the_case_and_five_signers_make_a_crowd(tree) -> None:
    first = services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake())
    again = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=intake(
            received_on=d(2026, 3, 20), content="Khiếu nại quyết định thu hồi đất của UBND xã để mở rộng chợ!"
        ),
    )
    assert again.duplicate_of == first and again.case == first.case
    crowd = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=intake(sender_name="Hoàng Thị Dung", content="Phản đối di dời chợ", co_signers=7, representatives=2),
    )
    assert crowd.case.crowd and crowd.case != first.case
    assert Case.objects.count() == 2 and Letter.objects.count() == 3


def _accepted(tree, personas, kind: str = "kn", sender: str = "Nông Văn Bình", **accept) -> Case:
    papers = intake(kind=kind, sender_name=sender, sender_id_number=f"0060800{len(sender):05d}")
    letter = services.receive_letter(actor=personas.officer_a, unit=tree.commune_a, intake=papers)
    case = letter.case
    services.classify(actor=personas.officer_a, case=case)
    services.propose_acceptance(actor=personas.officer_a, case=case)
    with pytest.raises(PermissionDenied):
        services.accept(actor=personas.officer_a, case=case, on=d(2026, 3, 9))
    services.accept(actor=personas.leader_a, case=case, on=d(2026, 3, 9), handlers=[personas.officer_a], **accept)
    return case


def test_acceptance_starts_the_resolution_clock(tree, personas) -> None:
    case = _accepted(tree, personas)
    # Luật Khiếu nại 2011 Điều 28: 30 days from Monday 09/03/2026 → Wednesday 08/04.
    assert (case.due_rule, case.due_on, case.reply_due_on) == ("kn_resolve_1", d(2026, 4, 8), None)
    with pytest.raises(ValidationError, match="trước ngày nhận đơn"):
        other = services.receive_letter(actor=SYSTEM, unit=tree.commune_b, intake=intake(sender_name="Khác")).case
        services.classify(actor=SYSTEM, case=other)
        services.propose_acceptance(actor=SYSTEM, case=other)
        services.accept(actor=SYSTEM, case=other, on=d(2026, 3, 1))


def test_suspension_and_resumption_move_the_due_date(tree, personas) -> None:
    case = _accepted(tree, personas)
    services.start_verification(actor=personas.officer_a, case=case)
    services.suspend(
        actor=personas.leader_a,
        case=case,
        start=d(2026, 3, 19),
        decision_no="05/QĐ-UBND",
        reason="Chờ kết quả giám định",
    )
    assert (case.status, case.due_on) == ("suspended", None)
    assert "đang tạm đình chỉ từ 19/3/2026, còn 20 ngày" in case.due_explanation
    services.resume(actor=personas.leader_a, case=case, on=d(2026, 4, 13), decision_no="07/QĐ-UBND")
    # 10 days used (09/03 → 19/03); 20 left from 13/04 → Sunday 03/05 → Monday 04/05.
    assert (case.status, case.due_on) == ("verifying", d(2026, 5, 4))


def test_extensions_follow_the_law(tree, personas) -> None:
    complaint = _accepted(tree, personas)
    with pytest.raises(ValidationError, match="không được gia hạn"):
        services.extend(actor=personas.leader_a, case=complaint, days=10, decision_no="1", decided_on=d(2026, 3, 20))
    denunciation = _accepted(
        tree, personas, kind="tc", sender="Lý Văn Cường", complexity=2, complexity_reason="Nhiều nơi, nhiều nội dung"
    )
    for _ in range(2):
        services.extend(actor=personas.leader_a, case=denunciation, days=30, decision_no="2", decided_on=d(2026, 3, 20))
    # Luật Tố cáo Điều 30: 30 + 30 + 30 days from 09/03/2026 → Sunday 07/06 → Monday 08/06.
    assert denunciation.due_on == d(2026, 6, 8)
    with pytest.raises(ValidationError, match="tối đa 2 lần"):
        services.extend(actor=personas.leader_a, case=denunciation, days=30, decision_no="3", decided_on=d(2026, 3, 21))


def test_guidance_only_once_for_the_same_content(tree) -> None:
    first = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, intake=intake(in_competence=False, competent_sector="Tòa án")
    )
    services.route(actor=SYSTEM, case=first.case, action="guide")
    services.route(actor=SYSTEM, case=first.case, action="close")
    again = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=intake(received_on=d(2026, 4, 1), in_competence=False, competent_sector="Tòa án"),
    )
    assert again.case == first.case  # the repeat joins the closed case …
    second = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=intake(received_on=d(2026, 4, 2), in_competence=False, competent_sector="Tòa án"),
        case=None,
    )
    case = Case.objects.create(
        unit=tree.commune_a, number="99/2026", kind="kn", subject=second.subject, summary="x",
        received_on=d(2026, 4, 2), tracking_code="TESTCODE99",
    )  # fmt: skip
    Letter.objects.filter(pk=second.pk).update(case=case)
    with pytest.raises(ValidationError, match="chỉ hướng dẫn một lần"):
        services.route(actor=SYSTEM, case=case, action="guide")


def test_a_day_off_moves_every_open_due_date(tree, personas) -> None:
    case = _accepted(tree, personas)
    filed = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_b, intake=intake(sender_name="Khác", kind="pa")
    ).case
    services.route(actor=SYSTEM, case=filed, action="file")
    assert case.due_on == d(2026, 4, 8)
    set_calendar_override(day=d(2026, 4, 8), kind="off", source_doc="Thông báo nghỉ bù số 1/TB-BNV")
    case.refresh_from_db()
    filed.refresh_from_db()
    assert case.due_on == d(2026, 4, 9) and "8/4/2026 là ngày nghỉ theo thông báo" in case.due_explanation
    assert filed.due_on is None


def test_a_denouncers_identity_is_sealed(tree, personas) -> None:
    case = _accepted(tree, personas, kind="tc")
    letter = case.letters.get()
    assert services.public_sender(letter) == "Người tố cáo: được giữ bí mật"
    assert services.may_see_identity(personas.officer_a, letter)  # assigned handler
    assert services.may_see_identity(personas.leader_a, letter)  # the case's leader
    for outsider in (personas.supervisor, personas.officer_b, personas.unit_admin):
        assert not services.may_see_identity(outsider, letter)
        with pytest.raises(PermissionDenied):
            services.reveal_identity(actor=outsider, letter=letter, reason="Kiểm tra")
    with pytest.raises(ValidationError):
        services.reveal_identity(actor=personas.officer_a, letter=letter, reason="")
    identity = services.reveal_identity(actor=personas.officer_a, letter=letter, reason="Mời làm việc")
    assert identity.name == "Nông Văn Bình"
    assert IdentityReveal.objects.get().user == personas.officer_a


def test_partial_withdrawal_second_instance_and_transfer_to_investigators(tree, personas) -> None:
    first = _accepted(tree, personas)
    services.withdraw_part(
        actor=personas.officer_a, case=first, content="Yêu cầu bồi thường cây cối", on=d(2026, 3, 20)
    )
    assert Event.objects.for_object(first).filter(action="withdraw_part").exists() and first.status == "accepted"
    with pytest.raises(ValidationError, match="chưa có quyết định"):
        services.open_second_instance(actor=SYSTEM, first=first, intake=intake(received_on=d(2026, 4, 20)))
    services.decide(actor=personas.leader_a, case=first, on=d(2026, 4, 1), outcome="wrong")
    second = services.open_second_instance(
        actor=SYSTEM,
        first=first,
        intake=intake(received_on=d(2026, 4, 20), sender_id_number="", content="Khiếu nại lần hai"),
    ).case
    assert (second.resolution_round, second.first_instance, second.unit) == (2, first, tree.province)
    assert second.due_rule == "kn_accept_2"
    denunciation = _accepted(tree, personas, kind="tc", sender="Lý Văn Cường")
    with pytest.raises(PermissionDenied):
        services.route(actor=personas.officer_a, case=denunciation, action="to_investigation")
    services.route(actor=personas.leader_a, case=denunciation, action="to_investigation", on=d(2026, 3, 25))
    assert (denunciation.status, denunciation.route) == ("transferred", "to_investigation")


def test_a_delegation_names_its_representatives(tree) -> None:
    with pytest.raises(ValidationError, match="không quá 2 người đại diện"):
        services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake(co_signers=8, representatives=3))
    with pytest.raises(ValidationError, match="phải cử người đại diện"):
        services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake(co_signers=12))
    letter = services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake(co_signers=12, representatives=5))
    assert letter.case.crowd and letter.representatives == 5


def test_a_retired_subject_and_an_unknown_condition_are_refused_at_intake(tree, personas) -> None:
    retired = Subject.objects.create(name="Lĩnh vực cũ không dùng", active=False)
    with pytest.raises(ValidationError) as refused:
        services.receive_letter(actor=personas.officer_a, unit=tree.commune_a,
                                intake=intake(subject=retired, conditions_met={"form", "bogus"}))  # fmt: skip
    assert "không còn dùng" in refused.value.message_dict["subject_id"][0]
    assert "bogus" in refused.value.message_dict["conditions_met"][0]


def test_handlers_are_told_of_their_assignment_after_the_commit(tree, personas, django_capture_on_commit_callbacks):
    from danvan.core.models import Notification

    case = services.receive_letter(actor=personas.officer_a, unit=tree.commune_a, intake=intake()).case
    services.classify(actor=personas.officer_a, case=case)
    services.propose_acceptance(actor=personas.officer_a, case=case)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.accept(actor=personas.leader_a, case=case, on=d(2026, 3, 9), handlers=[personas.officer_a])
    assert not Notification.objects.filter(user=personas.officer_a).exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    told = Notification.objects.get(user=personas.officer_a)
    assert told.message.startswith(f"Bạn được giao xử lý vụ việc {case.number}") and "9/3/2026" in told.message
    for callback in callbacks:
        callback()  # told once per fact
    assert Notification.objects.filter(user=personas.officer_a).count() == 1
