"""The rules of inspections: the transition tables, the evidence a closed recommendation needs, overdue,
the team, the dates, and the default deadline (the plan's own, counted by the kit's clocks)."""

from __future__ import annotations

import datetime

import pytest

from danvan.core.calendar import WorkCalendar
from danvan.inspections import rules, services
from danvan.workflow.clocks import compute_due, rule_for

P, R = rules.PlanStatus, rules.RecStatus
D = datetime.date


def _table(machine) -> dict[str, tuple[set[str], str | None, str]]:
    return {a.name: (set(a.sources), a.target, a.right) for a in machine.actions.values()}


def test_plan_transition_table() -> None:
    assert _table(services.PLAN) == {
        "approve": ({P.DRAFT}, P.APPROVED, "inspections.decide"),
        "start": ({P.APPROVED}, P.IN_PROGRESS, "inspections.edit"),
        "conclude": ({P.IN_PROGRESS}, P.CONCLUDED, "inspections.decide"),
        "cancel": ({P.DRAFT, P.APPROVED, P.IN_PROGRESS}, P.CANCELLED, "inspections.decide"),
    }
    assert dict(services.PLAN.expected) == {P.DRAFT: "approve", P.APPROVED: "start", P.IN_PROGRESS: "conclude"}
    # A concluded or cancelled plan is final: no action leaves it.
    assert not any({P.CONCLUDED, P.CANCELLED} & set(a.sources) for a in services.PLAN.actions.values())


def test_recommendation_transition_table() -> None:
    assert _table(services.RECOMMENDATION) == {
        "start": ({R.OPEN}, R.IN_PROGRESS, "inspections.edit"),
        "close": ({R.OPEN, R.IN_PROGRESS}, R.CLOSED, "inspections.edit"),
        "reject": ({R.OPEN, R.IN_PROGRESS}, R.NOT_ACCEPTED, "inspections.decide"),
        "withdraw": ({R.OPEN, R.IN_PROGRESS}, R.WITHDRAWN, "inspections.decide"),
    }
    for name in ("reject", "withdraw"):
        assert services.RECOMMENDATION.actions[name].param("reason").required
    assert services.RECOMMENDATION.actions["close"].param("note").required
    ended = {R.CLOSED, R.NOT_ACCEPTED, R.WITHDRAWN}
    assert not any(ended & set(a.sources) for a in services.RECOMMENDATION.actions.values())
    assert {R.OPEN, R.IN_PROGRESS} == rules.OPEN_RECOMMENDATION


@pytest.mark.parametrize(
    ("note", "files", "number", "fields"),
    [
        ("", 0, "", {"note", "evidence"}),
        ("Đã rà soát 17 tổ dân phố", 0, "", {"evidence"}),
        ("Đã rà soát", 0, "125/BC-UBND", set()),
        ("Đã rà soát", 1, "", set()),
        ("   ", 2, "", {"note"}),
    ],
)
def test_closing_needs_evidence(note: str, files: int, number: str, fields: set[str]) -> None:
    errors = rules.evidence_error(note, files=files, document_no=number)
    assert set(errors) == fields
    assert all(message and message[0].isupper() for message in errors.values())


@pytest.mark.parametrize(
    ("status", "due", "today", "overdue"),
    [
        (R.OPEN, D(2026, 11, 15), D(2026, 11, 16), True),
        (R.IN_PROGRESS, D(2026, 11, 15), D(2026, 12, 1), True),
        (R.OPEN, D(2026, 11, 15), D(2026, 11, 15), False),  # the deadline day itself is in time
        (R.CLOSED, D(2026, 11, 15), D(2026, 12, 1), False),
        (R.WITHDRAWN, D(2026, 11, 15), D(2026, 12, 1), False),
    ],
)
def test_overdue(status: str, due: datetime.date, today: datetime.date, overdue: bool) -> None:
    assert rules.is_overdue(status, due, today) is overdue


def test_closed_on_time() -> None:
    assert rules.closed_on_time(D(2026, 11, 30), D(2026, 11, 30)) is True
    assert rules.closed_on_time(D(2026, 12, 1), D(2026, 11, 30)) is False
    assert rules.closed_on_time(None, D(2026, 11, 30)) is None


def test_team_needs_one_head() -> None:
    assert rules.team_errors(["member", "member"], ["A", "B"]) == ["Đoàn kiểm tra phải có Trưởng đoàn."]
    assert rules.team_errors(["head", "head"], ["A", "B"]) == ["Đoàn kiểm tra chỉ có một Trưởng đoàn."]
    assert rules.team_errors(["head", "member"], ["A", " "]) == ["Mỗi thành viên đoàn cần có họ tên."]
    assert rules.team_errors(["head", "deputy", "secretary"], ["A", "B", "C"]) == []


def test_dates_scopes_and_visits() -> None:
    assert rules.date_errors(D(2026, 9, 1), D(2026, 8, 30), D(2026, 9, 30)) == {
        "start_on": "Ngày bắt đầu kiểm tra không được trước ngày ban hành kế hoạch."
    }
    assert set(rules.date_errors(D(2026, 9, 1), D(2026, 9, 10), D(2026, 9, 5))) == {"end_on"}
    assert rules.scope_errors([], "") == ["Chọn ít nhất một nội dung kiểm tra."]
    assert rules.scope_errors(["other"], "") == ["Đã chọn “Nội dung khác”: cần ghi rõ nội dung."]
    assert rules.scope_errors(["democracy", "skilful"], "") == []
    errors = rules.visit_errors(D(2026, 10, 1), start=D(2026, 9, 10), end=D(2026, 9, 30), unit_in_plan=False)
    assert set(errors) == {"unit", "visited_on"}
    assert rules.deadline_error(D(2026, 8, 31), plan_date=D(2026, 9, 1), made_on=D(2026, 9, 1)) == (
        "Thời hạn thực hiện không được trước ngày ban hành kế hoạch kiểm tra."
    )
    assert rules.deadline_error(D(2026, 9, 10), plan_date=D(2026, 9, 1), made_on=D(2026, 9, 14)) is not None
    assert rules.deadline_error(D(2026, 9, 30), plan_date=D(2026, 9, 1), made_on=D(2026, 9, 14)) is None


def test_default_deadline_is_the_plans_own_rule() -> None:
    rule = rule_for(rules.DEADLINES, "recommendation", D(2026, 9, 14))
    assert "kế hoạch kiểm tra" in rule.legal_basis and "không có quy định pháp luật" in rule.legal_basis
    due = compute_due(rule, D(2026, 9, 14), WorkCalendar())
    # 30 calendar days from 14/9/2026 is 14/10/2026, a Wednesday.
    assert due.due == D(2026, 10, 14)
    assert "30 ngày kể từ ngày kiến nghị 14/9/2026" in due.explanation
