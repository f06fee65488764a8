"""The grassroots-democracy part of the JSON API: /api/v1/democracy — publications (the register, with
its checks), community decisions (with each step of the kit's machine), consultations, the People's
Inspection Board, the hương ước register and the statistics.

Same scope as the pages: a record out of the caller's scope is 404, a right the caller lacks is 403, a
value refused is 422 naming the field. Every write goes through :mod:`.services`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field, field_validator

from danvan.accounts import access, roles
from danvan.accounts.api import API_AUTH
from danvan.accounts.models import User
from danvan.core.api import Id, PageNumber, PageSize, Year, responses
from danvan.democracy import rules, selectors, services
from danvan.democracy.lists import PUBLICATIONS
from danvan.democracy.models import CommunityDecision, Consultation, Convention, InspectionBoard, Publication
from danvan.lists.api import api_page
from danvan.stats.question import ask_api
from danvan.units.api import UnitRef
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow.api import add_transition_routes
from danvan.workflow.engine import allowed_actions
from danvan.workflow.timeline import timeline

router = Router(tags=["Dân chủ ở cơ sở"], auth=API_AUTH)
RIGHTS = roles.DEMOCRACY


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the API's auth only lets real accounts through
    return user


def _ref(unit: Unit | None) -> UnitRef | None:
    return UnitRef(code=unit.code, name=unit.name, level=unit.level) if unit is not None else None


def _unit(code: str, field: str = "unit_code") -> Unit:
    try:
        return unit_by_code(code.strip())
    except UnitCodeNotFound:
        raise ValidationError({field: f"Không có đơn vị mã “{code}”."}) from None


def _hamlet(user: User, pk: int | None, field: str = "hamlet_id") -> Unit | None:
    if pk is None:
        return None
    hamlet = Unit.objects.filter(pk=pk).first()
    if hamlet is None or not access.can(user, RIGHTS.view, hamlet):
        raise ValidationError({field: f"Không có thôn, tổ dân phố số {pk} trong phạm vi của bạn."})
    return hamlet


class Clean(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Có ký tự không hợp lệ (NUL).")
        return value


class Page(Schema):
    count: int
    page: int
    page_size: int
    results: list[dict[str, Any]]


class Paging(Schema):
    page: PageNumber = 1
    page_size: PageSize = settings.DANVAN_API_PAGE_SIZE


def _page(qs: QuerySet[Any], paging: Paging, serialize: Any) -> dict[str, Any]:
    count = qs.count()
    start = (paging.page - 1) * paging.page_size
    rows = [serialize(r) for r in qs[start : start + paging.page_size]] if start < count else []
    return {"count": count, "page": paging.page, "page_size": paging.page_size, "results": rows}


# --- publications -------------------------------------------------------------------------------------


def _publication(p: Publication) -> dict[str, Any]:
    return {
        "id": p.pk,
        "unit": _ref(p.unit),
        "category": p.category,
        "category_label": p.get_category_display(),
        "title": p.title,
        "document_ref": p.document_ref,
        "decided_on": p.decided_on,
        "published_on": p.published_on,
        "due_on": p.due_on,
        "late_days": p.late_days,
        "forms": p.forms,
        "posted_from": p.posted_from,
        "posted_to": p.posted_to,
        "permanent": p.permanent,
        "broadcast_days": p.broadcast_days,
        "law_deadline_days": p.law_deadline_days,
        "law_basis": p.law_basis,
        "warnings": p.warnings,
    }


class PublicationFilters(Schema):
    category: int | None = Field(None, ge=1, le=13)
    check: str = Field("", max_length=12, description="issue, late, posting, broadcast, ok")
    year: Year | None = None
    unit: str = Field("", max_length=32)
    q: str = Field("", max_length=200)
    sort: str = Field("", max_length=20)
    page: PageNumber = 1
    page_size: PageSize = settings.DANVAN_API_PAGE_SIZE


class PublicationIn(Clean):
    unit_code: str = Field(..., max_length=32, description="Mã xã, phường.")
    category: int = Field(..., description="Nhóm nội dung 1–13 của Điều 11.")
    title: str = Field(..., max_length=2000)
    document_ref: str = Field("", max_length=2000)
    decided_on: datetime.date
    published_on: datetime.date
    forms: list[str] = Field(..., max_length=20, description=", ".join(rules.Form.values))
    posted_from: datetime.date | None = None
    posted_to: datetime.date | None = None
    broadcast_days: int = Field(0, ge=0, le=100_000)
    law_deadline_days: int | None = Field(None, ge=0, le=100_000)
    law_basis: str = Field("", max_length=2000)
    note: str = Field("", max_length=10_000)


@router.get("/publications", response=responses(Page), summary="Sổ theo dõi công khai thông tin")
def list_publications(request: HttpRequest, filters: Query[PublicationFilters]) -> dict[str, Any]:
    """What the communes in the caller's scope published, with each record's checks (Điều 13)."""
    return api_page(
        PUBLICATIONS,
        _user(request),
        filters.model_dump(exclude={"page", "page_size"}),
        page=filters.page,
        page_size=filters.page_size,
        serialize=_publication,
    )


@router.get("/publications/{int:pk}", response=responses(dict[str, Any]), summary="Một thông tin công khai")
def get_publication(request: HttpRequest, pk: Id) -> dict[str, Any]:
    user = _user(request)
    return _publication(access.get_for_user_or_404(selectors.publications_for(user), user, pk=pk))


@router.post("/publications", response=responses(dict[str, Any], 201), summary="Ghi thông tin đã công khai")
def create_publication(request: HttpRequest, payload: PublicationIn) -> Status[dict[str, Any]]:
    data = payload.model_dump()
    unit = _unit(data.pop("unit_code"))
    saved = services.record_publication(actor=_user(request), unit=unit, **data)
    return Status(201, _publication(saved))


@router.get("/gaps", response=responses(list[dict[str, Any]]), summary="Công khai thiếu, trễ")
def list_gaps(request: HttpRequest) -> list[dict[str, Any]]:
    """Per commune: the publications with a warning and the ended quarters without their list."""
    return [
        {
            "unit": _ref(g.unit),
            "missing_quarter_lists": [{"year": y, "quarter": q} for y, q in g.missing_lists],
            "warnings": g.warnings,
            "publications": [_publication(p) for p in g.issues],
        }
        for g in selectors.gaps_for(_user(request))
    ]


class QuarterListIn(Clean):
    unit_code: str = Field(..., max_length=32)
    year: int = Field(..., ge=2023, le=2100)
    quarter: int = Field(..., ge=1, le=4)
    posted_on: datetime.date
    note: str = Field("", max_length=4000)


@router.post("/quarter-lists", response=responses(dict[str, Any], 201), summary="Ghi danh mục công khai quý")
def create_quarter_list(request: HttpRequest, payload: QuarterListIn) -> Status[dict[str, Any]]:
    data = payload.model_dump()
    saved = services.post_quarter_list(actor=_user(request), unit=_unit(data.pop("unit_code")), **data)
    return Status(201, {"id": saved.pk, "year": saved.year, "quarter": saved.quarter, "posted_on": saved.posted_on})


# --- community decisions -------------------------------------------------------------------------------


def _decision(d: CommunityDecision, user: User | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": d.pk,
        "unit": _ref(d.unit),
        "hamlet": _ref(d.hamlet),
        "matter": d.matter,
        "matter_label": d.get_matter_display(),
        "content": d.content,
        "way": d.way,
        "ballot_case": d.ballot_case,
        "held_at": d.held_at,
        "households": d.households,
        "present": d.present,
        "absent": d.absent,
        "participating": d.participating,
        "votes_for": d.votes_for,
        "votes_against": d.votes_against,
        "votes_blank": d.votes_blank,
        "hamlets_total": d.hamlets_total,
        "hamlets_agreeing": d.hamlets_agreeing,
        "passed": d.passed,
        "needed": d.needed,
        "result": d.result_text,
        "decision_text": d.decision_text,
        "signatures": {
            "hamlet_head": d.hamlet_head,
            "mttq_head": d.mttq_head,
            "representatives": [d.representative_1, d.representative_2],
        },
        "recogniser": d.kind,
        "status": d.status,
        "status_label": d.get_status_display(),
        "sent_on": d.sent_on,
        "recognised_on": d.recognised_on,
        "recognition_ref": d.recognition_ref,
        "due_on": d.due_on,
        "due_explanation": d.due_explanation,
        "sent_late": d.sent_late,
        "recognised_late": d.recognised_late,
    }
    if user is not None:
        out["actions"] = [a.name for a in allowed_actions(services.DECISION, user, d)]
        out["timeline"] = [
            {"day": e.day, "action": e.action, "label": e.label, "actor": e.actor, "note": e.note}
            for e in timeline(services.DECISION, d)
        ]
    return out


class DecisionIn(Clean):
    unit_code: str = Field(..., max_length=32)
    hamlet_id: Id | None = Field(None, description="Thôn, tổ dân phố; bỏ trống: toàn xã.")
    matter: int = Field(..., description="Nội dung 1–6 của Điều 15.")
    content: str = Field(..., max_length=10_000)
    way: str = Field(..., description="meeting, ballot, online")
    ballot_case: str = Field("", max_length=20)
    held_at: datetime.datetime
    households: int = Field(..., ge=0, le=10**7)
    present: int = Field(..., ge=0, le=10**7)
    absent: int = Field(..., ge=0, le=10**7)
    participating: int = Field(..., ge=0, le=10**7)
    votes_for: int = Field(..., ge=0, le=10**7)
    votes_against: int = Field(0, ge=0, le=10**7)
    votes_blank: int = Field(0, ge=0, le=10**7)
    hamlets_total: int = Field(0, ge=0, le=10_000)
    hamlets_agreeing: int = Field(0, ge=0, le=10_000)
    declared_passed: bool | None = Field(None, description="Kết quả ghi trong biên bản; được đối chiếu với tỷ lệ.")
    decision_text: str = Field(..., max_length=10_000)
    hamlet_head: str = Field(..., max_length=1000)
    mttq_head: str = Field(..., max_length=1000)
    representative_1: str = Field(..., max_length=1000)
    representative_2: str = Field(..., max_length=1000)


class DecisionFilters(Paging):
    status: str = Field("", max_length=20)
    overdue: bool = False


def _get_decision(request: HttpRequest, pk: int) -> CommunityDecision:
    user = _user(request)
    return access.get_for_user_or_404(selectors.decisions_for(user), user, pk=pk)


@router.get("/decisions", response=responses(Page), summary="Nhân dân bàn và quyết định")
def list_decisions(request: HttpRequest, filters: Query[DecisionFilters]) -> dict[str, Any]:
    qs = selectors.decisions_for(_user(request))
    if filters.status:
        if filters.status not in rules.DecisionStatus.values:
            raise ValidationError({"status": "Trạng thái không hợp lệ."})
        qs = qs.filter(status=filters.status)
    if filters.overdue:
        qs = qs.filter(
            due_on__lt=timezone.localdate(), status__in=[rules.DecisionStatus.RECORDED, rules.DecisionStatus.SENT]
        )
    return _page(qs, filters, _decision)


@router.get("/decisions/{int:pk}", response=responses(dict[str, Any]), summary="Một quyết định của cộng đồng")
def get_decision(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _decision(_get_decision(request, pk), _user(request))


@router.post("/decisions", response=responses(dict[str, Any], 201), summary="Ghi biên bản bàn và quyết định")
def create_decision(request: HttpRequest, payload: DecisionIn) -> Status[dict[str, Any]]:
    """The result is computed (Điều 21); votes beyond the households, a record "passed" below the
    threshold and a record without the fields of Điều 20.2 are refused (422, naming the field)."""
    user = _user(request)
    data = payload.model_dump()
    unit = _unit(data.pop("unit_code"))
    hamlet = _hamlet(user, data.pop("hamlet_id"))
    saved = services.record_decision(actor=user, unit=unit, hamlet=hamlet, **data)
    return Status(201, _decision(saved, user))


add_transition_routes(
    router,
    services.DECISION,
    path="/decisions",
    get_object=_get_decision,
    output=lambda request, d: _decision(d, _user(request)),
    response=dict[str, Any],
)


# --- consultations, board, conventions ----------------------------------------------------------------


def _consultation(c: Consultation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "unit": _ref(c.unit),
        "subject": c.subject,
        "subject_label": c.get_subject_display(),
        "title": c.title,
        "forms": c.forms,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "participants": c.participants,
        "opinions": c.opinions,
        "results": c.results,
        "response": c.response,
        "responded_on": c.responded_on,
    }


class ConsultationIn(Clean):
    unit_code: str = Field(..., max_length=32)
    subject: str = Field(..., max_length=20)
    title: str = Field(..., max_length=2000)
    forms: list[str] = Field(..., max_length=20)
    starts_on: datetime.date
    ends_on: datetime.date
    participants: int = Field(0, ge=0, le=10**7)
    opinions: int = Field(0, ge=0, le=10**7)
    results: str = Field("", max_length=20_000)
    response: str = Field("", max_length=20_000)
    responded_on: datetime.date | None = None


@router.get("/consultations", response=responses(Page), summary="Lấy ý kiến Nhân dân")
def list_consultations(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    return _page(selectors.consultations_for(_user(request)), paging, _consultation)


@router.post("/consultations", response=responses(dict[str, Any], 201), summary="Ghi đợt lấy ý kiến")
def create_consultation(request: HttpRequest, payload: ConsultationIn) -> Status[dict[str, Any]]:
    data = payload.model_dump()
    unit = _unit(data.pop("unit_code"))
    return Status(201, _consultation(services.record_consultation(actor=_user(request), unit=unit, **data)))


def _board(b: InspectionBoard) -> dict[str, Any]:
    return {
        "id": b.pk,
        "unit": _ref(b.unit),
        "term_start": b.term_start,
        "term_end": b.term_end,
        "complete": b.complete,
        "members": [
            {"id": m.pk, "name": m.name, "role": m.role, "hamlet": _ref(m.hamlet), "elected_on": m.elected_on}
            for m in b.members.select_related("hamlet")
        ],
        "plans": [{"span": p.span, "year": p.year, "number": p.number, "content": p.content} for p in b.plans.all()],
        "findings": [
            {
                "id": f.pk,
                "found_on": f.found_on,
                "subject": f.subject,
                "finding": f.finding,
                "recommendation": f.recommendation,
                "addressed_to": f.addressed_to,
                "status": f.status,
                "answer": f.answer,
                "answered_on": f.answered_on,
            }
            for f in b.findings.all()
        ],
    }


class BoardIn(Clean):
    unit_code: str = Field(..., max_length=32)
    term_start: datetime.date
    term_end: datetime.date
    complete: bool = False
    hamlet_term_note: str = Field("", max_length=1000)
    established_ref: str = Field("", max_length=1000)


class MemberIn(Clean):
    name: str = Field(..., max_length=1000)
    hamlet_id: Id
    role: str = Field("member", max_length=10)
    elected_on: datetime.date
    is_official: bool = False


class FindingIn(Clean):
    found_on: datetime.date
    subject: str = Field(..., max_length=2000)
    finding: str = Field(..., max_length=20_000)
    recommendation: str = Field(..., max_length=20_000)
    addressed_to: str = Field(..., max_length=1000)


def _get_board(request: HttpRequest, pk: int) -> InspectionBoard:
    user = _user(request)
    return access.get_for_user_or_404(selectors.boards_for(user), user, pk=pk)


@router.get("/boards", response=responses(Page), summary="Ban Thanh tra nhân dân")
def list_boards(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    return _page(selectors.boards_for(_user(request)), paging, _board)


@router.get("/boards/{int:pk}", response=responses(dict[str, Any]), summary="Một Ban Thanh tra nhân dân")
def get_board(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _board(_get_board(request, pk))


@router.post("/boards", response=responses(dict[str, Any], 201), summary="Ghi Ban Thanh tra nhân dân")
def create_board(request: HttpRequest, payload: BoardIn) -> Status[dict[str, Any]]:
    data = payload.model_dump()
    unit = _unit(data.pop("unit_code"))
    return Status(201, _board(services.save_board(actor=_user(request), unit=unit, **data)))


@router.post("/boards/{int:pk}/members", response=responses(dict[str, Any], 201), summary="Thêm thành viên")
def add_member(request: HttpRequest, pk: Id, payload: MemberIn) -> Status[dict[str, Any]]:
    user = _user(request)
    board = _get_board(request, pk)
    data = payload.model_dump()
    hamlet = _hamlet(user, data.pop("hamlet_id"))
    assert hamlet is not None
    services.add_member(actor=user, board=board, hamlet=hamlet, **data)
    return Status(201, _board(board))


@router.post("/boards/{int:pk}/findings", response=responses(dict[str, Any], 201), summary="Ghi kiến nghị")
def add_finding(request: HttpRequest, pk: Id, payload: FindingIn) -> Status[dict[str, Any]]:
    board = _get_board(request, pk)
    services.record_finding(actor=_user(request), board=board, **payload.model_dump())
    return Status(201, _board(board))


def _convention(c: Convention) -> dict[str, Any]:
    return {
        "id": c.pk,
        "unit": _ref(c.unit),
        "hamlet": _ref(c.hamlet),
        "kind": c.kind,
        "title": c.title,
        "status": c.status,
        "status_label": c.get_status_display(),
        "adopted_on": c.adopted_on,
        "recognised_on": c.recognised_on,
        "recognition_ref": c.recognition_ref,
        "reviewed_on": c.reviewed_on,
        "next_review_on": c.next_review_on,
    }


class ConventionIn(Clean):
    unit_code: str = Field(..., max_length=32)
    hamlet_id: Id
    kind: str = Field(..., max_length=12)
    title: str = Field(..., max_length=2000)
    status: str = Field("draft", max_length=12)
    adopted_on: datetime.date | None = None
    recognised_on: datetime.date | None = None
    recognition_ref: str = Field("", max_length=1000)
    reviewed_on: datetime.date | None = None
    next_review_on: datetime.date | None = None
    note: str = Field("", max_length=10_000)


@router.get("/conventions", response=responses(Page), summary="Hương ước, quy ước")
def list_conventions(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    return _page(selectors.conventions_for(_user(request)), paging, _convention)


@router.post("/conventions", response=responses(dict[str, Any], 201), summary="Ghi hương ước, quy ước")
def create_convention(request: HttpRequest, payload: ConventionIn) -> Status[dict[str, Any]]:
    user = _user(request)
    data = payload.model_dump()
    unit = _unit(data.pop("unit_code"))
    hamlet = _hamlet(user, data.pop("hamlet_id"))
    assert hamlet is not None
    return Status(201, _convention(services.save_convention(actor=user, unit=unit, hamlet=hamlet, **data)))


# --- statistics ---------------------------------------------------------------------------------------


class StatsQuery(Schema):
    unit: str = Field("", max_length=32)
    period: str = Field("", max_length=10)
    year: Year | None = None


@router.get("/stats", response=responses(dict[str, Any]), summary="Thống kê dân chủ ở cơ sở")
def stats(request: HttpRequest, query: Query[StatsQuery]) -> dict[str, Any]:
    """Publications made (by category), late, missed checks; decisions held / passed / recognised;
    consultations; the inspection boards' findings — over the unit's coverage within the caller's scope."""
    user = _user(request)
    q = ask_api(user, permission=RIGHTS.view, unit=query.unit or None, period=query.period or None, year=query.year)
    s = selectors.stats_for(q.unit, q.period, user=user, today_tree=q.today_tree)
    return {
        "unit": _ref(q.unit),
        "start": q.period.start,
        "end": q.period.end,
        "publications": s.publications,
        "publications_by_category": {str(k): v for k, v in s.by_category.items()},
        "missed": s.missed,
        "decisions": s.decisions,
        "decisions_by_matter": {str(k): v for k, v in s.by_matter.items()},
        "consultations": s.consultations,
        "findings": s.findings,
        "by_unit": [{"unit": _ref(u), **v} for u, v in s.by_unit],
    }
