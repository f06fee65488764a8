"""The rules of inspections (kiểm tra, giám sát công tác dân vận), pure: states, the scopes an inspection
checks, the team, the evidence a closed recommendation needs, overdue, the default deadline.

Basis. The inspection of dân vận work and of the implementation of grassroots democracy is a task of the
Party committees and their Ban Tuyên giáo và Dân vận (Quyết định 23-QĐ/TW, 30/07/2021, Quy chế công tác
dân vận của hệ thống chính trị [M]); the Ban's conclusion is a Party document (Hướng dẫn 36-HD/VPTW;
DOMAIN §7.2); the law on grassroots democracy (Luật 10/2022/QH15; DOMAIN §5.5) is what it checks. No
statute sets the time a visited unit has to carry out a recommendation: the deadline is the plan's own
(the team's conclusion sets it). :data:`DEADLINES` says so in its basis.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import models

from danvan.workflow.clocks import DayUnit, DeadlineRule, Trigger


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    APPROVED = "approved", "Đã phê duyệt"
    IN_PROGRESS = "in_progress", "Đang kiểm tra"
    CONCLUDED = "concluded", "Đã ban hành kết luận"
    CANCELLED = "cancelled", "Đã hủy"


class Scope(models.TextChoices):
    """What an inspection checks (one or more)."""

    DEMOCRACY = "democracy", "Thực hiện dân chủ ở cơ sở"
    SKILFUL = "skilful", "Phong trào thi đua “Dân vận khéo”"
    GOVERNMENT = "government", "Công tác dân vận chính quyền"
    OTHER = "other", "Nội dung khác"


class MemberRole(models.TextChoices):
    HEAD = "head", "Trưởng đoàn"
    DEPUTY = "deputy", "Phó Trưởng đoàn"
    MEMBER = "member", "Thành viên"
    SECRETARY = "secretary", "Thư ký đoàn"


class RecStatus(models.TextChoices):
    OPEN = "open", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    CLOSED = "closed", "Đã thực hiện xong"
    NOT_ACCEPTED = "not_accepted", "Không tiếp thu"
    WITHDRAWN = "withdrawn", "Đã rút kiến nghị"


#: A recommendation still to be carried out: it may be overdue.
OPEN_RECOMMENDATION = frozenset({RecStatus.OPEN, RecStatus.IN_PROGRESS})
#: A plan whose units may still be visited and whose recommendations may still be made.
VISITING = frozenset({PlanStatus.APPROVED, PlanStatus.IN_PROGRESS})
#: A plan that may still be edited (its units, dates, team).
EDITABLE_PLAN = frozenset({PlanStatus.DRAFT, PlanStatus.APPROVED})

#: The default deadline of a recommendation the team gives no date for: the plan's own rule, not a law's.
DEADLINES = (
    DeadlineRule(
        code="recommendation",
        stage="Thực hiện kiến nghị sau kiểm tra",
        days=30,
        unit=DayUnit.CAL,
        trigger=Trigger.MADE,
        legal_basis="thời hạn mặc định của kế hoạch kiểm tra (đoàn kiểm tra ấn định; không có quy định pháp luật)",
        tag="?",
        trigger_label="ngày kiến nghị",
    ),
)


def scope_errors(scopes: Sequence[str], other: str) -> list[str]:
    """The scopes chosen: at least one, each known, "other" spelled out."""
    if not scopes:
        return ["Chọn ít nhất một nội dung kiểm tra."]
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown:
        return [f"Nội dung kiểm tra “{unknown[0]}” không có trong danh mục."]
    if Scope.OTHER in scopes and not other.strip():
        return ["Đã chọn “Nội dung khác”: cần ghi rõ nội dung."]
    return []


def date_errors(
    plan_date: datetime.date | None, start: datetime.date | None, end: datetime.date | None
) -> dict[str, str]:
    """The plan's dates: the plan is dated, the inspection starts on or after it and ends after it starts."""
    errors: dict[str, str] = {}
    if plan_date is None:
        errors["plan_date"] = "Cần ghi ngày ban hành kế hoạch."
    if start is None:
        errors["start_on"] = "Cần ghi ngày bắt đầu kiểm tra."
    if end is None:
        errors["end_on"] = "Cần ghi ngày kết thúc kiểm tra."
    if plan_date and start and start < plan_date:
        errors["start_on"] = "Ngày bắt đầu kiểm tra không được trước ngày ban hành kế hoạch."
    if start and end and end < start:
        errors["end_on"] = "Ngày kết thúc kiểm tra không được trước ngày bắt đầu."
    return errors


def team_errors(roles: Iterable[str], names: Iterable[str]) -> list[str]:
    """A team has exactly one head, and every member is named."""
    chosen = list(roles)
    heads = sum(1 for r in chosen if r == MemberRole.HEAD)
    errors = []
    if heads == 0:
        errors.append("Đoàn kiểm tra phải có Trưởng đoàn.")
    elif heads > 1:
        errors.append("Đoàn kiểm tra chỉ có một Trưởng đoàn.")
    if any(not n.strip() for n in names):
        errors.append("Mỗi thành viên đoàn cần có họ tên.")
    if any(r not in MemberRole.values for r in chosen):
        errors.append("Vai trò thành viên đoàn không hợp lệ.")
    return errors


def visit_errors(
    visited_on: datetime.date | None, *, start: datetime.date, end: datetime.date, unit_in_plan: bool
) -> dict[str, str]:
    """A visit: to one of the plan's units, on a day inside the plan's dates."""
    errors: dict[str, str] = {}
    if not unit_in_plan:
        errors["unit"] = "Đơn vị được kiểm tra không có trong danh sách đơn vị của kế hoạch."
    if visited_on is None:
        errors["visited_on"] = "Cần ghi ngày làm việc."
    elif not start <= visited_on <= end:
        errors["visited_on"] = "Ngày làm việc phải trong thời gian kiểm tra của kế hoạch."
    return errors


def deadline_error(due: datetime.date | None, *, plan_date: datetime.date, made_on: datetime.date) -> str | None:
    """A recommendation's deadline is not before the plan's date nor before the day it was made."""
    if due is None:
        return None
    if due < plan_date:
        return "Thời hạn thực hiện không được trước ngày ban hành kế hoạch kiểm tra."
    if due < made_on:
        return "Thời hạn thực hiện không được trước ngày đưa ra kiến nghị."
    return None


def evidence_error(note: str, *, files: int, document_no: str) -> dict[str, str]:
    """Closing a recommendation needs its evidence: what was done (the note) and at least one file or the
    number of the document that shows it (a report, a decision)."""
    errors: dict[str, str] = {}
    if not note.strip():
        errors["note"] = "Cần ghi kết quả thực hiện kiến nghị (minh chứng)."
    if files <= 0 and not document_no.strip():
        errors["evidence"] = "Cần đính kèm ít nhất một tệp minh chứng hoặc ghi số văn bản chứng minh."
    return errors


def is_overdue(status: str, due: datetime.date | None, today: datetime.date) -> bool:
    """Overdue: still to be carried out and past its deadline (the deadline day itself is in time)."""
    return status in OPEN_RECOMMENDATION and due is not None and due < today


def closed_on_time(closed_on: datetime.date | None, due: datetime.date | None) -> bool | None:
    """Closed within the deadline (True), late (False), or not closed / no deadline (None)."""
    if closed_on is None or due is None:
        return None
    return closed_on <= due
