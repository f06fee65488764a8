"""The services of grassroots democracy: scope, rights, the checks stored, and nothing written on bad input."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.core.models import Event
from danvan.democracy import rules, services
from danvan.democracy.models import (
    BoardMember,
    CommunityDecision,
    Consultation,
    Convention,
    InspectionBoard,
    Publication,
    QuarterList,
)
from tests.democracy.conftest import SYSTEM, decision_data, publication_data

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_publication_stores_its_checks(tree, personas) -> None:
    p = services.record_publication(
        actor=personas.officer_a,
        unit=tree.commune_a,
        **publication_data(published_on=D(2026, 3, 11), posted_from=D(2026, 3, 11), posted_to=D(2026, 3, 30)),
    )
    assert p.due_on == D(2026, 3, 9) and p.late_days == 2 and p.posting_short and p.has_issue
    assert p.warnings[0] == "Công khai trễ 2 ngày làm việc (hạn 9/3/2026, Điều 13)."
    assert Event.objects.for_object(p).count() == 1


def test_a_publication_dated_before_its_decision_writes_nothing(tree, personas) -> None:
    with pytest.raises(ValidationError) as exc:
        services.record_publication(
            actor=personas.officer_a,
            unit=tree.commune_a,
            **publication_data(published_on=D(2026, 3, 1), posted_from=None),
        )
    assert "published_on" in exc.value.message_dict
    assert not Publication.objects.exists() and not Event.objects.exists()


def test_an_officer_of_commune_b_and_a_supervisor_cannot_write_for_commune_a(tree, personas) -> None:
    for who in (personas.officer_b, personas.supervisor):
        with pytest.raises(PermissionDenied):
            services.record_publication(actor=who, unit=tree.commune_a, **publication_data())
    assert not Publication.objects.exists()


def test_a_publication_needs_a_commune(tree, personas) -> None:
    with pytest.raises(ValidationError) as exc:
        services.record_publication(actor=SYSTEM, unit=tree.province, **publication_data())
    assert "unit" in exc.value.message_dict


def test_quarter_list_once_per_quarter(tree, personas) -> None:
    services.post_quarter_list(
        actor=personas.officer_a, unit=tree.commune_a, year=2026, quarter=3, posted_on=D(2026, 10, 5)
    )
    with pytest.raises(ValidationError) as exc:
        services.post_quarter_list(
            actor=personas.officer_a, unit=tree.commune_a, year=2026, quarter=3, posted_on=D(2026, 10, 6)
        )
    assert "quarter" in exc.value.message_dict and QuarterList.objects.count() == 1


def test_a_decision_computes_its_result_and_due_day(tree, personas) -> None:
    d = services.record_decision(
        actor=personas.officer_a, unit=tree.commune_a, hamlet=tree.hamlet_a, **decision_data(declared_passed=True)
    )
    assert d.passed and d.needed == 60 and d.kind == "none" and d.status == "recorded"
    assert d.due_on == D(2026, 11, 9)  # 05 working days from Monday 2/11 (Điều 20.3)
    assert "Điều 20.3" in d.due_explanation


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"votes_for": 80, "votes_against": 10, "votes_blank": 5}, "votes_for"),  # 95 > 90 households
        ({"votes_for": 59, "votes_against": 16, "declared_passed": True}, "declared_passed"),  # below 2/3
        ({"matter": 4, "votes_for": 45, "votes_against": 30, "declared_passed": True}, "declared_passed"),  # 50%
        ({"representative_2": ""}, "representative_2"),
        ({"mttq_head": "  "}, "mttq_head"),
        ({"matter": 3, "way": "online"}, "way"),
        ({"matter": 3, "way": "ballot"}, "ballot_case"),
        ({"absent": 5}, "absent"),
    ],
)
def test_bad_decisions_write_nothing(tree, personas, changes, field) -> None:
    with pytest.raises(ValidationError) as exc:
        services.record_decision(
            actor=personas.officer_a, unit=tree.commune_a, hamlet=tree.hamlet_a, **decision_data(**changes)
        )
    assert field in exc.value.message_dict
    assert not CommunityDecision.objects.exists() and not Event.objects.exists()


def test_a_hamlet_of_another_commune_is_refused(tree, personas) -> None:
    with pytest.raises(ValidationError) as exc:
        services.record_decision(actor=SYSTEM, unit=tree.commune_b, hamlet=tree.hamlet_a, **decision_data())
    assert "hamlet" in exc.value.message_dict


def test_sending_and_recognising_a_hamlet_head_election(tree, personas) -> None:
    d = services.record_decision(
        actor=personas.officer_a, unit=tree.commune_a, hamlet=tree.hamlet_a, **decision_data(matter=4, votes_for=46)
    )
    assert d.kind == "ubnd"
    services.act_on_decision(actor=personas.officer_a, decision=d, action="send", on=D(2026, 11, 4))
    assert d.status == "sent" and d.due_on == D(2026, 11, 11) and not d.sent_late
    with pytest.raises(PermissionDenied):  # recognition is a leader's decision
        services.act_on_decision(
            actor=personas.officer_a, decision=d, action="recognise", on=D(2026, 11, 10), decision_ref="1/QĐ-UBND"
        )
    with pytest.raises(PermissionDenied):
        services.act_on_decision(
            actor=personas.supervisor, decision=d, action="recognise", on=D(2026, 11, 10), decision_ref="1/QĐ-UBND"
        )
    events = Event.objects.for_object(d).count()
    services.act_on_decision(
        actor=personas.leader_a, decision=d, action="recognise", on=D(2026, 11, 12), decision_ref="1/QĐ-UBND"
    )
    d.refresh_from_db()
    assert d.status == "recognised" and d.recognised_late and d.due_on is None
    assert Event.objects.for_object(d).count() == events + 1


def test_items_needing_no_recognition_cannot_be_recognised(tree, personas) -> None:
    d = services.record_decision(actor=SYSTEM, unit=tree.commune_a, hamlet=tree.hamlet_a, **decision_data())
    services.act_on_decision(actor=SYSTEM, decision=d, action="send", on=D(2026, 11, 12))
    assert d.sent_late and d.due_on is None
    with pytest.raises(ValidationError) as exc:
        services.act_on_decision(actor=SYSTEM, decision=d, action="recognise", on=D(2026, 11, 13), decision_ref="x")
    assert "status" in exc.value.message_dict


def test_commune_wide_decision_counts_hamlets(tree, personas) -> None:
    d = services.record_decision(
        actor=SYSTEM,
        unit=tree.commune_a,
        hamlet=None,
        **decision_data(hamlets_total=6, hamlets_agreeing=4, votes_for=30, votes_against=40, declared_passed=True),
    )
    assert d.passed and d.commune_wide and "4/6 thôn" in d.result_text


def test_a_board_with_fewer_than_five_members_cannot_be_complete(tree, personas) -> None:
    board = services.save_board(
        actor=personas.officer_a, unit=tree.commune_a, term_start=D(2025, 7, 1), term_end=D(2030, 6, 30)
    )
    for n in range(4):
        services.add_member(
            actor=personas.officer_a,
            board=board,
            name=f"Thành viên {n}",
            hamlet=tree.hamlet_a,
            elected_on=D(2025, 7, 20),
        )
    with pytest.raises(ValidationError) as exc:
        services.save_board(
            actor=personas.officer_a,
            unit=tree.commune_a,
            board=board,
            term_start=board.term_start,
            term_end=board.term_end,
            complete=True,
        )
    assert "complete" in exc.value.message_dict
    assert not InspectionBoard.objects.get(pk=board.pk).complete
    with pytest.raises(ValidationError) as exc:
        services.add_member(
            actor=personas.officer_a,
            board=board,
            name="Cán bộ xã",
            hamlet=tree.hamlet_a,
            elected_on=D(2025, 7, 20),
            is_official=True,
        )
    assert "is_official" in exc.value.message_dict and BoardMember.objects.count() == 4
    services.add_member(
        actor=personas.officer_a, board=board, name="Thành viên 5", hamlet=tree.hamlet_a, elected_on=D(2025, 7, 20)
    )
    services.save_board(
        actor=personas.officer_a,
        unit=tree.commune_a,
        board=board,
        term_start=board.term_start,
        term_end=board.term_end,
        complete=True,
    )
    member = BoardMember.objects.first()
    with pytest.raises(ValidationError):
        services.remove_member(actor=personas.officer_a, member=member)
    assert BoardMember.objects.count() == 5
    finding = services.record_finding(
        actor=personas.officer_a,
        board=board,
        found_on=D(2026, 10, 1),
        subject="Quỹ",
        finding="Chưa công khai",
        recommendation="Công khai",
        addressed_to="UBND xã A",
    )
    services.answer_finding(
        actor=personas.officer_a, finding=finding, answer="Đã công khai", answered_on=D(2026, 10, 8)
    )
    assert finding.status == rules.FindingStatus.ANSWERED


def test_consultation_and_convention(tree, personas) -> None:
    with pytest.raises(ValidationError) as exc:
        services.record_consultation(
            actor=personas.officer_a,
            unit=tree.commune_a,
            subject="plans",
            title="KH",
            forms=[],
            starts_on=D(2026, 3, 1),
            ends_on=D(2026, 2, 1),
        )
    assert "forms" in exc.value.message_dict and not Consultation.objects.exists()
    services.record_consultation(
        actor=personas.officer_a,
        unit=tree.commune_a,
        subject="plans",
        title="KH",
        forms=["meeting"],
        starts_on=D(2026, 3, 1),
        ends_on=D(2026, 3, 20),
        participants=120,
    )
    c = services.save_convention(
        actor=personas.officer_a,
        unit=tree.commune_a,
        hamlet=tree.hamlet_a,
        kind="huong_uoc",
        title="Hương ước thôn A1",
        status="draft",
    )
    with pytest.raises(ValidationError) as exc:
        services.save_convention(
            actor=personas.officer_a,
            unit=tree.commune_a,
            hamlet=tree.hamlet_a,
            convention=c,
            kind="huong_uoc",
            title=c.title,
            status="recognised",
            adopted_on=D(2026, 1, 5),
        )
    assert "status" in exc.value.message_dict
    assert Convention.objects.get(pk=c.pk).status == "draft"
