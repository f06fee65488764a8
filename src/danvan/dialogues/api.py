"""The dialogues part of the JSON API: /api/v1/dialogues — meetings (list, detail, plan, record, steps),
commitments (list with the queues, detail, create, evidence upload, each step of the machine), campaigns
and the statistics.

Same scope as the pages: a record out of the caller's scope is 404, a right the caller lacks is 403, a
value refused is 422 naming the field. Every write goes through :mod:`.services`; the steps through the
kit's engine (:func:`danvan.workflow.api.add_transition_routes`).
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field

from danvan.accounts import access, roles
from danvan.accounts.api import API_AUTH
from danvan.accounts.models import User
from danvan.core.api import Id, PageNumber, PageSize, Year, responses
from danvan.dialogues import rules, selectors, services
from danvan.dialogues.lists import COMMITMENTS, MEETINGS
from danvan.dialogues.models import Campaign, Commitment, Meeting
from danvan.lists.api import api_page
from danvan.stats.question import ask_api
from danvan.units.models import Organization
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow.api import add_transition_routes
from danvan.workflow.engine import allowed_actions

_FILES: Any = File(...)  # type: ignore[type-arg]
router = Router(tags=["Đối thoại, cam kết"], auth=API_AUTH)
RIGHTS = roles.DIALOGUES

#: The meeting's steps over the API, without "record" (more than a step: its own route).
MEETING_STEPS = dataclasses.replace(
    services.MEETING, actions={n: a for n, a in services.MEETING.actions.items() if n != "record"}, expected={}
)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


# --- shapes -------------------------------------------------------------------------------------------


class UnitShort(Schema):
    code: str
    name: str


class CommitmentOut(Schema):
    id: int
    content: str
    unit: UnitShort
    meeting_id: int | None
    campaign_id: int | None
    to_whom: str
    responsible: str
    responsible_organization_id: int | None
    responsible_person: str
    responsible_user: str | None
    made_on: datetime.date
    due_on: datetime.date
    status: str
    status_label: str
    overdue: bool
    done_on: datetime.date | None
    timeliness: str
    published: bool
    actions: list[str]


class CommitmentPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CommitmentOut]


class IssueOut(Schema):
    text: str
    field: str
    raised_by_name: str
    raised_by_group: str
    petition_ref: str
    answer: str


class MeetingOut(Schema):
    id: int
    kind: str
    kind_label: str
    council: str
    timing: str
    session: str
    topic: str
    unit: UnitShort
    planned_on: datetime.date
    held_on: datetime.date | None
    place: str
    host: str
    invited_groups: list[str]
    status: str
    attendance: dict[str, int]
    attendance_total: int
    issues_raised: int
    issues_answered: int
    issues: list[IssueOut]
    commitment_ids: list[int]
    campaign_id: int | None
    actions: list[str]


class MeetingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[MeetingOut]


def _unit(u: Any) -> dict[str, str]:
    return {"code": u.code, "name": u.name}


def _commitment(request: HttpRequest, c: Commitment) -> dict[str, Any]:
    return {
        "id": c.pk, "content": c.content, "unit": _unit(c.unit), "meeting_id": c.meeting_id,
        "campaign_id": c.campaign_id, "to_whom": c.to_whom, "responsible": c.responsible_label,
        "responsible_organization_id": c.responsible_organization_id, "responsible_person": c.responsible_person,
        "responsible_user": c.responsible_user.username if c.responsible_user else None, "made_on": c.made_on,
        "due_on": c.due_on, "status": c.status, "status_label": c.get_status_display(), "overdue": c.is_overdue,
        "done_on": c.done_on, "timeliness": c.timeliness, "published": c.published,
        "actions": [a.name for a in allowed_actions(services.COMMITMENT, request.user, c)],
    }  # fmt: skip


def _meeting(request: HttpRequest, m: Meeting, *, full: bool = True) -> dict[str, Any]:
    return {
        "id": m.pk, "kind": m.kind, "kind_label": m.kind_label, "council": m.council, "timing": m.timing,
        "session": m.session, "topic": m.topic, "unit": _unit(m.unit), "planned_on": m.planned_on,
        "held_on": m.held_on, "place": m.place, "host": m.host_label, "invited_groups": m.invited_groups,
        "status": m.status, "attendance": {a.group: a.count for a in m.attendance.all()} if full else {},
        "attendance_total": m.attendance_total, "issues_raised": m.issues_raised,
        "issues_answered": m.issues_answered,
        "issues": [IssueOut.from_orm(i).dict() for i in m.issues.all()] if full else [],
        "commitment_ids": list(m.commitments.values_list("pk", flat=True)) if full else [],
        "campaign_id": m.campaign_id,
        "actions": [a.name for a in allowed_actions(services.MEETING, request.user, m)],
    }  # fmt: skip


# --- meetings -----------------------------------------------------------------------------------------


class MeetingFilters(Schema):
    q: str | None = Field(None, max_length=200)
    kind: str | None = None
    status: str | None = None
    year: int | None = None
    unit: str | None = None
    sort: str | None = None


@router.get("/meetings", response=responses(MeetingPage), summary="Danh sách đối thoại, tiếp xúc cử tri")
def meeting_list(request: HttpRequest, filters: Query[MeetingFilters], page: PageNumber = 1,
                 page_size: PageSize = 50) -> dict[str, Any]:  # fmt: skip
    return api_page(MEETINGS, request.user, filters.dict(), page=page, page_size=page_size,
                    serialize=lambda m: _meeting(request, m, full=False))  # fmt: skip


@router.get("/meetings/{pk}", response=responses(MeetingOut), summary="Một buổi đối thoại, tiếp xúc cử tri")
def meeting_detail(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _meeting(request, selectors.meeting_for(request.user, pk))


class MeetingIn(Schema):
    unit: str = Field(..., max_length=16, description="Mã đơn vị")
    kind: Literal["dialogue", "voter_contact"]
    topic: str = Field(..., max_length=500)
    planned_on: datetime.date
    place: str = Field("", max_length=255)
    host: str | None = Field(None, max_length=150, description="Tên đăng nhập của lãnh đạo chủ trì")
    host_name: str = Field("", max_length=150)
    host_position: str = Field("", max_length=255)
    invited_groups: list[str] = []
    notice: str = Field("", max_length=20000)
    council: str = ""
    timing: str = ""
    session: str = Field("", max_length=255)
    campaign_id: Id | None = None


def _unit_for(request: HttpRequest, code: str) -> Any:
    try:
        unit = unit_by_code(code)
    except UnitCodeNotFound:
        raise ValidationError({"unit": f"Không có đơn vị mã “{code}”."}) from None
    if not access.can(request.user, RIGHTS.view, unit):
        raise ValidationError({"unit": f"Không có đơn vị mã “{code}” trong phạm vi của bạn."})
    return unit


@router.post("/meetings", response=responses(MeetingOut, 201), summary="Lên kế hoạch đối thoại, tiếp xúc cử tri")
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Status[Any]:
    user = _user(request)
    unit = _unit_for(request, payload.unit)
    host = None
    if payload.host:
        host = next((u for u in services.host_candidates(user, unit) if u.username == payload.host), None)
        if host is None:
            raise ValidationError({"host": f"“{payload.host}” không phải lãnh đạo có thẩm quyền của đơn vị."})
    campaign = selectors.campaign_for(user, payload.campaign_id) if payload.campaign_id else None
    data = payload.dict(exclude={"unit", "host", "campaign_id"})
    meeting = services.plan_meeting(actor=user, unit=unit, host=host, campaign=campaign, **data)
    return Status(201, _meeting(request, meeting))


class IssueIn(Schema):
    text: str = Field(..., max_length=5000)
    field: str = rules.Field.OTHER
    raised_by_name: str = Field("", max_length=150)
    raised_by_group: str = ""
    petition_ref: str = Field("", max_length=64)
    answer: str = Field("", max_length=5000)


class CommitmentIn(Schema):
    content: str = Field("", max_length=5000)
    due_on: datetime.date | None = None
    responsible_organization_id: Id | None = None
    responsible_text: str = Field("", max_length=255)
    responsible_person: str = Field("", max_length=150)
    responsible_user: str | None = Field(None, max_length=150, description="Tên đăng nhập cán bộ theo dõi")
    to_whom: str = Field("", max_length=255)
    issue: int | None = Field(None, ge=1, description="Số thứ tự ý kiến (1, 2…) mà cam kết trả lời")


class RecordIn(Schema):
    held_on: datetime.date
    summary: str = Field("", max_length=20000)
    attendance: dict[str, int]
    issues: list[IssueIn] = []
    commitments: list[CommitmentIn] = []
    issues_raised: int | None = None
    issues_answered: int | None = None


def _commitment_in(unit: Any, item: CommitmentIn, name: str) -> services.CommitmentIn:
    org = None
    if item.responsible_organization_id:
        org = Organization.objects.filter(pk=item.responsible_organization_id).first()
        if org is None:
            raise ValidationError({f"{name}responsible_organization": "Không có cơ quan này."})
    person = None
    if item.responsible_user:
        person = next((u for u in services.responsible_candidates(unit) if u.username == item.responsible_user), None)
        if person is None:
            raise ValidationError({f"{name}responsible_user": "Cán bộ theo dõi không thuộc đơn vị."})
    return services.CommitmentIn(content=item.content, due_on=item.due_on, responsible_organization=org,
                                 responsible_text=item.responsible_text, responsible_person=item.responsible_person,
                                 responsible_user=person, to_whom=item.to_whom, issue=item.issue)  # fmt: skip


@router.post("/meetings/{pk}/record", response=responses(MeetingOut), summary="Ghi kết quả buổi làm việc")
def meeting_record(request: HttpRequest, pk: Id, payload: RecordIn) -> dict[str, Any]:
    """Attendance by group, the issues and the answers given on the spot, the commitments: in one step."""
    user = _user(request)
    meeting = selectors.meeting_for(user, pk)
    items = [_commitment_in(meeting.unit, c, f"commitments-{n}-") for n, c in enumerate(payload.commitments, 1)]
    services.record_meeting(
        actor=user, meeting=meeting, held_on=payload.held_on, attendance=payload.attendance,
        issues=[rules.IssueIn(**i.dict()) for i in payload.issues], commitments=items, summary=payload.summary,
        issues_raised=payload.issues_raised, issues_answered=payload.issues_answered,
    )  # fmt: skip
    return _meeting(request, selectors.meeting_for(user, pk))


add_transition_routes(
    router, MEETING_STEPS, path="/meetings", get_object=lambda r, pk: selectors.meeting_for(r.user, pk),
    output=lambda r, m: _meeting(r, m), response=MeetingOut,
)  # fmt: skip


# --- commitments --------------------------------------------------------------------------------------


class CommitmentFilters(Schema):
    q: str | None = Field(None, max_length=200)
    queue: Literal["", "open", "overdue", "due_soon", "mine"] | None = None
    status: str | None = None
    overdue: Literal["", "yes", "no"] | None = None
    published: Literal["", "yes", "no"] | None = None
    year: int | None = None
    unit: str | None = None
    sort: str | None = None


@router.get("/commitments", response=responses(CommitmentPage), summary="Danh sách cam kết")
def commitment_list(request: HttpRequest, filters: Query[CommitmentFilters], page: PageNumber = 1,
                    page_size: PageSize = 50) -> dict[str, Any]:  # fmt: skip
    return api_page(COMMITMENTS, request.user, filters.dict(), page=page, page_size=page_size,
                    serialize=lambda c: _commitment(request, c))  # fmt: skip


@router.get("/commitments/{pk}", response=responses(CommitmentOut), summary="Một cam kết")
def commitment_detail(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _commitment(request, selectors.commitment_for(request.user, pk))


class NewCommitmentIn(CommitmentIn):
    meeting_id: Id | None = None
    campaign_id: Id | None = None
    unit: str | None = Field(None, max_length=16)


@router.post("/commitments", response=responses(CommitmentOut, 201), summary="Ghi cam kết")
def commitment_create(request: HttpRequest, payload: NewCommitmentIn) -> Status[Any]:
    user = _user(request)
    meeting = selectors.meeting_for(user, payload.meeting_id) if payload.meeting_id else None
    campaign = selectors.campaign_for(user, payload.campaign_id) if payload.campaign_id else None
    unit = _unit_for(request, payload.unit) if payload.unit else None
    owner_unit = unit or (meeting.unit if meeting else campaign.unit if campaign else None)
    if owner_unit is None:
        raise ValidationError({"unit": "Cần mã đơn vị, buổi làm việc hoặc cuộc vận động của cam kết."})
    item = _commitment_in(owner_unit, payload, "")
    commitment = services.create_commitment(actor=user, unit=unit, meeting=meeting, campaign=campaign, item=item)
    return Status(201, _commitment(request, commitment))


@router.post("/commitments/{pk}/evidence", response=responses(CommitmentOut, 201), summary="Đính kèm minh chứng")
def commitment_evidence(request: HttpRequest, pk: Id, files: list[UploadedFile] = _FILES) -> Status[Any]:
    """Files kept with the commitment; the next progress or completion report carries them."""
    user = _user(request)
    commitment = selectors.commitment_for(user, pk)
    services.attach_evidence(actor=user, commitment=commitment, files=files)
    return Status(201, _commitment(request, commitment))


add_transition_routes(router, services.COMMITMENT, path="/commitments",
                      get_object=lambda r, pk: selectors.commitment_for(r.user, pk),
                      output=lambda r, c: _commitment(r, c), response=CommitmentOut)  # fmt: skip


# --- campaigns ----------------------------------------------------------------------------------------


class MobilisationCampaignOut(Schema):
    id: int
    name: str
    goal: str
    unit: UnitShort
    status: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    households_target: int | None
    households_reached: int
    households_agreeing: int
    groups: list[str]
    meeting_ids: list[int]
    commitment_ids: list[int]
    result: str


def _campaign(request: HttpRequest, c: Campaign) -> dict[str, Any]:
    return {
        "id": c.pk, "name": c.name, "goal": c.goal, "unit": _unit(c.unit), "status": c.status,
        "started_on": c.started_on, "ended_on": c.ended_on, "households_target": c.households_target,
        "households_reached": c.households_reached, "households_agreeing": c.households_agreeing,
        "groups": [g.name for g in c.groups.all()], "meeting_ids": list(c.meetings.values_list("pk", flat=True)),
        "commitment_ids": list(c.commitments.values_list("pk", flat=True)), "result": c.result,
    }  # fmt: skip


@router.get("/campaigns", response=responses(list[MobilisationCampaignOut]), summary="Danh sách cuộc vận động")
def campaign_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_campaign(request, c) for c in selectors.campaigns_for(request.user).order_by("-pk")[:500]]


@router.get("/campaigns/{pk}", response=responses(MobilisationCampaignOut), summary="Một cuộc vận động")
def campaign_detail(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _campaign(request, selectors.campaign_for(request.user, pk))


add_transition_routes(router, services.CAMPAIGN, path="/campaigns",
                      get_object=lambda r, pk: selectors.campaign_for(r.user, pk),
                      output=lambda r, c: _campaign(r, c), response=MobilisationCampaignOut)  # fmt: skip


# --- statistics ---------------------------------------------------------------------------------------


class DialogueStatsOut(Schema):
    unit: UnitShort
    period_start: datetime.date
    period_end: datetime.date
    meetings: dict[str, int]
    issues: dict[str, int]
    issues_by_field: dict[str, dict[str, int]]
    commitments: dict[str, int]
    campaigns: dict[str, int]


def _ints(values: dict[str, Any]) -> dict[str, int]:
    return {k: int(v or 0) for k, v in values.items()}


@router.get("/stats", response=responses(DialogueStatsOut), summary="Thống kê đối thoại, cam kết")
def dialogue_stats(request: HttpRequest, year: Year, unit: str | None = None,
                   period: Literal["year", "h1", "h2", "9m", "q1", "q2", "q3", "q4"] = "year",
                   tree: Literal["today", "then"] = "today") -> dict[str, Any]:  # fmt: skip
    user = _user(request)
    question = ask_api(user, permission=RIGHTS.view, unit=unit, year=year, period=period, tree=tree)
    stats = selectors.stats_for(question.unit, question.period, user=user, today_tree=question.today_tree)
    return {
        "unit": _unit(question.unit), "period_start": question.period.start, "period_end": question.period.end,
        "meetings": _ints(stats.meetings), "issues": _ints(stats.issues),
        "issues_by_field": {k: _ints(v) for k, v in stats.issues_by_field.items()},
        "commitments": _ints(stats.commitments), "campaigns": _ints(stats.campaigns),
    }  # fmt: skip
