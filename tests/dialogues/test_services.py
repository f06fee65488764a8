"""The services: scope, rights, the steps through the engine, and nothing written on bad input."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.access import SYSTEM
from danvan.core.models import Event
from danvan.dialogues import rules, services
from danvan.dialogues.models import Attendance, Commitment, CommitmentUpdate, Evidence, Issue, Meeting
from tests.dialogues.conftest import commitment_in, plan

pytestmark = pytest.mark.django_db
D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _counts() -> tuple[int, ...]:
    return (Meeting.objects.count(), Attendance.objects.count(), Issue.objects.count(), Commitment.objects.count(),
            CommitmentUpdate.objects.count(), Evidence.objects.count(), Event.objects.count())  # fmt: skip


def test_a_leader_records_a_dialogue_with_two_commitments(tree, personas, ubnd_a) -> None:
    meeting = plan(tree.commune_a, actor=personas.officer_a, host=personas.leader_a, host_name="")
    assert meeting.host_label.startswith(personas.leader_a.get_full_name())
    services.record_meeting(
        actor=personas.leader_a, meeting=meeting, held_on=D(2026, 3, 2), attendance={"ho_dan": 40, "phu_nu": 12},
        issues=[rules.IssueIn("Đường hỏng", rules.Field.INFRASTRUCTURE, answer="Sẽ sửa")],
        commitments=[commitment_in(ubnd_a, issue=1), commitment_in(None, responsible_text="Công an xã A")],
    )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.status == rules.MeetingStatus.HELD and meeting.held_on == D(2026, 3, 2)
    assert (meeting.attendance_total, meeting.issues_raised, meeting.issues_answered) == (52, 1, 1)
    first, second = meeting.commitments.order_by("pk")
    assert first.issue is not None and first.made_on == D(2026, 3, 2) and first.status == rules.CommitmentStatus.PLANNED
    assert second.responsible_label == "Công an xã A"
    assert [e.action for e in Event.objects.for_object(meeting)] == ["open", "record"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"commitments": [services.CommitmentIn("Sửa đường", D(2026, 4, 1))]},
            "commitments-1-responsible_organization",
        ),
        ({"commitments": [services.CommitmentIn("Sửa đường", None, responsible_text="UBND")]}, "commitments-1-due_on"),
        ({"attendance": {"ho_dan": -3}}, "attendance_ho_dan"),
        ({"issues_answered": 2}, "issues_answered"),
        ({"held_on": D(2099, 1, 1)}, "held_on"),
        ({"issues": [rules.IssueIn("", rules.Field.LAND)]}, "issues-1-text"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(tree, ubnd_a, change, field) -> None:
    meeting = plan(tree.commune_a)
    before = _counts()
    values = {"held_on": D(2026, 3, 2), "attendance": {"ho_dan": 10}, "issues": [rules.IssueIn("Đường hỏng")],
              "commitments": [commitment_in(ubnd_a)]} | change  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.record_meeting(actor=SYSTEM, meeting=meeting, **values)
    assert field in caught.value.message_dict
    assert all(not m.isascii() for m in caught.value.messages)  # Vietnamese, with its diacritics
    assert _counts() == before
    meeting.refresh_from_db()
    assert meeting.status == rules.MeetingStatus.PLANNED


def test_scope_and_rights(tree, personas, ubnd_a, ubnd_b, held) -> None:
    with pytest.raises(PermissionDenied):
        plan(tree.commune_a, actor=personas.officer_b)
    with pytest.raises(PermissionDenied):
        plan(tree.commune_a, actor=personas.supervisor)
    commitment = held.commitments.first()
    with pytest.raises(PermissionDenied):
        services.act_commitment(actor=personas.officer_b, commitment=commitment, action="start")
    with pytest.raises(PermissionDenied):
        services.act_commitment(actor=personas.supervisor, commitment=commitment, action="start")
    # Publishing and cancelling are the leader's decisions, not the officer's.
    with pytest.raises(PermissionDenied):
        services.set_published(actor=personas.officer_a, commitment=commitment, published=True)
    with pytest.raises(PermissionDenied):
        services.act_commitment(actor=personas.officer_a, commitment=commitment, action="cancel", reason="x")
    services.set_published(actor=personas.leader_a, commitment=commitment, published=True)
    commitment.refresh_from_db()
    assert commitment.published and commitment.published_on
    # A body of another commune is refused, named.
    with pytest.raises(ValidationError) as caught:
        services.create_commitment(actor=personas.officer_a, meeting=held, item=commitment_in(ubnd_b))
    assert "responsible_organization" in caught.value.message_dict


def test_completion_needs_evidence_and_keeps_it(tree, personas, held) -> None:
    commitment = held.commitments.order_by("pk").first()
    services.act_commitment(actor=personas.officer_a, commitment=commitment, action="start", on=D(2026, 3, 5))
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.report(actor=personas.officer_a, commitment=commitment, action="complete", note="Đã sửa xong")
    assert "evidence" in caught.value.message_dict
    assert _counts() == before
    commitment.refresh_from_db()
    assert commitment.status == rules.CommitmentStatus.IN_PROGRESS
    photo = SimpleUploadedFile("anh-duong.png", PNG, content_type="image/png")
    services.report(actor=personas.officer_a, commitment=commitment, action="complete", note="Đã sửa xong",
                    on=D(2026, 3, 30), files=[photo])  # fmt: skip
    commitment.refresh_from_db()
    assert commitment.status == rules.CommitmentStatus.DONE and commitment.timeliness == rules.Timeliness.ON_TIME
    update = commitment.updates.get()
    assert update.kind == "completion" and update.evidence.count() == 1
    # A late one, with a document number instead of a file.
    other = held.commitments.order_by("pk").last()
    services.act_commitment(actor=personas.officer_a, commitment=other, action="complete", note="Đã trả lời",
                            reference="Công văn 45/UBND", on=D(2026, 4, 2))  # fmt: skip
    other.refresh_from_db()
    assert other.timeliness == rules.Timeliness.LATE
    with pytest.raises(ValidationError):
        services.act_commitment(actor=personas.officer_a, commitment=other, action="start")


def test_a_renamed_file_is_refused(tree, personas, held) -> None:
    commitment = held.commitments.first()
    fake = SimpleUploadedFile("bao-cao.pdf", PNG, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.attach_evidence(actor=personas.officer_a, commitment=commitment, files=[fake])
    assert "evidence" in caught.value.message_dict
    assert not Evidence.objects.exists()


def test_campaign_machine(tree, personas) -> None:
    campaign = services.create_campaign(actor=personas.officer_a, unit=tree.commune_a, name="Di dời chợ",
                                        goal="Chuyển chợ", households_target=50,
                                        groups=[services.GroupIn(f"Tổ {n}") for n in range(1, 8)])  # fmt: skip
    assert campaign.groups.count() == 7
    with pytest.raises(PermissionDenied):  # the leader launches it
        services.act_campaign(actor=personas.officer_a, campaign=campaign, action="start")
    services.act_campaign(actor=personas.leader_a, campaign=campaign, action="start", on=D(2026, 1, 5))
    with pytest.raises(ValidationError) as caught:
        services.act_campaign(actor=personas.officer_a, campaign=campaign, action="progress", reached=10, agreeing=11)
    assert "agreeing" in caught.value.message_dict
    assert not campaign.progress.exists()
    services.act_campaign(actor=personas.officer_a, campaign=campaign, action="progress", reached=40, agreeing=30,
                          on=D(2026, 2, 1))  # fmt: skip
    campaign.refresh_from_db()
    assert (campaign.households_reached, campaign.households_agreeing) == (40, 30)
    services.act_campaign(actor=personas.leader_a, campaign=campaign, action="finish", result="Xong", on=D(2026, 3, 1))
    campaign.refresh_from_db()
    assert campaign.status == rules.CampaignStatus.FINISHED and campaign.ended_on == D(2026, 3, 1)


def test_meeting_cancel_and_voter_contact(tree, personas) -> None:
    with pytest.raises(ValidationError) as caught:
        plan(tree.commune_a, kind=rules.MeetingKind.VOTER_CONTACT)
    assert {"council", "timing"} <= set(caught.value.message_dict)
    meeting = plan(tree.commune_a, kind=rules.MeetingKind.VOTER_CONTACT, council=rules.Council.PROVINCE,
                   timing=rules.Timing.BEFORE, session="Kỳ họp thứ 5")  # fmt: skip
    assert meeting.kind_label == "Tiếp xúc cử tri trước kỳ họp HĐND tỉnh"
    services.act_meeting(actor=personas.officer_a, meeting=meeting, action="cancel", reason="Mưa bão")
    meeting.refresh_from_db()
    assert meeting.status == rules.MeetingStatus.CANCELLED and meeting.cancel_reason == "Mưa bão"
