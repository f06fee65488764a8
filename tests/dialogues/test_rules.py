"""The pure rules: the transition tables, the evidence requirement, overdue, the bad inputs."""

import datetime

import pytest

from danvan.dialogues import rules

C = rules.CommitmentStatus
D = datetime.date


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (C.PLANNED, "start", C.IN_PROGRESS),
        (C.IN_PROGRESS, "complete", C.DONE),
        (C.PLANNED, "complete", C.DONE),
        (C.IN_PROGRESS, "progress", None),
        (C.PLANNED, "progress", False),
        (C.DONE, "start", False),
        (C.DONE, "cancel", False),
        (C.CANCELLED, "complete", False),
        (C.IN_PROGRESS, "cancel", C.CANCELLED),
        (C.DONE, "publish", None),
        (C.PLANNED, "nonsense", False),
    ],
)
def test_commitment_table(state, action, expected) -> None:
    assert rules.table_target(rules.COMMITMENT_TABLE, state, action) == expected


def test_every_row_cites_its_basis_and_a_right() -> None:
    for table in (rules.MEETING_TABLE, rules.COMMITMENT_TABLE, rules.CAMPAIGN_TABLE):
        for row in table:
            assert row.basis and row.right in ("edit", "decide")
    cancel = next(r for r in rules.COMMITMENT_TABLE if r.action == "cancel")
    assert cancel.right == "decide" and "11-QĐi/TW" in cancel.basis
    assert "Điều 26" in rules.LDCS26
    M, K = rules.MeetingStatus, rules.CampaignStatus
    assert rules.table_target(rules.MEETING_TABLE, M.PLANNED, "record") == M.HELD
    assert rules.table_target(rules.MEETING_TABLE, M.HELD, "cancel") is False
    assert rules.table_target(rules.CAMPAIGN_TABLE, K.RUNNING, "finish") == K.FINISHED
    assert rules.table_target(rules.CAMPAIGN_TABLE, K.FINISHED, "stop") is False


def test_overdue_is_derived_from_status_and_due_date() -> None:
    due = D(2026, 5, 10)
    assert not rules.is_overdue(C.PLANNED, due, D(2026, 5, 10))  # the due day itself is within time
    assert rules.is_overdue(C.PLANNED, due, D(2026, 5, 11))
    assert rules.is_overdue(C.IN_PROGRESS, due, D(2026, 6, 1))
    assert not rules.is_overdue(C.DONE, due, D(2026, 6, 1))
    assert not rules.is_overdue(C.CANCELLED, due, D(2026, 6, 1))
    assert rules.timeliness(D(2026, 5, 10), due) == rules.Timeliness.ON_TIME
    assert rules.timeliness(D(2026, 5, 11), due) == rules.Timeliness.LATE


def test_completion_needs_a_note_and_a_file_or_a_reference() -> None:
    assert rules.evidence_errors(note="Đã sửa", files=1, reference="") == {}
    assert rules.evidence_errors(note="Đã sửa", files=0, reference="Báo cáo 12/BC-UBND") == {}
    assert set(rules.evidence_errors(note="Đã sửa", files=0, reference="  ")) == {"evidence"}
    assert set(rules.evidence_errors(note="", files=2, reference="")) == {"note"}


def test_commitment_needs_a_body_and_a_due_date() -> None:
    errors = rules.commitment_errors(
        content="Sửa đường", has_responsible_body=False, due_on=None, made_on=D(2026, 3, 1)
    )
    assert set(errors) == {"responsible_organization", "due_on"}
    assert "cơ quan" in errors["responsible_organization"] and "hạn" in errors["due_on"]
    early = rules.commitment_errors(content="x", has_responsible_body=True, due_on=D(2026, 2, 1), made_on=D(2026, 3, 1))
    assert set(early) == {"due_on"}


def test_attendance_and_issues() -> None:
    assert rules.attendance_errors({"ho_dan": 10}) == {}
    assert "attendance_ho_dan" in rules.attendance_errors({"ho_dan": -1})
    assert "attendance" in rules.attendance_errors({"ho_dan": 0})
    assert "attendance" in rules.attendance_errors({"martians": 3})
    issues = [rules.IssueIn("a"), rules.IssueIn("b")]
    assert "issues_answered" in rules.issue_errors(issues, answered_declared=3)
    assert rules.issue_errors(issues, answered_declared=2) == {}
    assert "issues-1-field" in rules.issue_errors([rules.IssueIn("a", field="x")])


def test_campaign_progress_and_voter_contacts() -> None:
    assert rules.progress_errors(reached=10, agreeing=8, target=120) == {}
    assert "agreeing" in rules.progress_errors(reached=10, agreeing=11, target=None)
    assert "reached" in rules.progress_errors(reached=130, agreeing=1, target=120)
    errors = rules.meeting_errors(kind="voter_contact", topic="TXCT", planned_on=D(2026, 1, 1), has_host=True,
                                  council="", timing="", invited_groups=[])  # fmt: skip
    assert set(errors) == {"council", "timing"}
    assert rules.kept_label(1, 2) == "Đã thực hiện 1/2 cam kết"
