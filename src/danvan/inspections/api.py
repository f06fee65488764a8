"""Inspections in the JSON API: /api/v1/inspections — plans (list, detail, create, team, steps), visits,
recommendations (list with queues, detail, create, steps) and the statistics, with the same scope rules as
the pages (404 for a record out of scope, 403 without the right, 422 naming the field)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from danvan.accounts import access, roles
from danvan.accounts.api import API_AUTH
from danvan.accounts.models import User
from danvan.core.api import Id, PageNumber, PageSize, Year, responses
from danvan.core.periods import Period
from danvan.inspections import rules, selectors, services
from danvan.inspections.lists import PLANS, RECOMMENDATIONS
from danvan.inspections.models import Plan, Recommendation, Visit
from danvan.lists.api import api_page
from danvan.units.api import UnitRef
from danvan.units.models import Organization, Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow.api import add_transition_routes
from danvan.workflow.engine import allowed_actions

router = Router(tags=["Kiểm tra, giám sát"], auth=API_AUTH)
RIGHTS = roles.INSPECTIONS


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the API's auth only lets real accounts through
    return user


def _ref(unit: Unit) -> dict[str, str]:
    return {"code": unit.code, "name": unit.name, "level": unit.level}


def _unit(code: str, name: str = "unit") -> Unit:
    try:
        return unit_by_code(code)
    except UnitCodeNotFound as exc:
        raise ValidationError({name: str(exc)}) from None


# --- shapes ---------------------------------------------------------------------------------------


class MemberOut(Schema):
    name: str
    position: str
    role: str
    role_label: str
    username: str | None


class FigureOut(Schema):
    label: str
    value: Decimal
    unit_label: str


class VisitOut(Schema):
    id: int
    plan_id: int
    unit: UnitRef
    visited_on: datetime.date
    checked: list[str]
    places: str
    strengths: str
    weaknesses: str
    figures: list[FigureOut]
    evidence: list[str]


class RecommendationOut(Schema):
    id: int
    plan_id: int
    visit_id: int | None
    unit: UnitRef
    content: str
    responsible: str
    made_on: datetime.date
    due_on: datetime.date
    due_explanation: str
    status: str
    status_label: str
    overdue: bool
    result: str
    document_no: str
    ended_on: datetime.date | None
    end_reason: str
    evidence: list[str]
    allowed_actions: list[str]


class PlanOut(Schema):
    id: int
    unit: UnitRef
    body_name: str
    parent_body_name: str
    number: str
    plan_date: datetime.date
    title: str
    scopes: list[str]
    scope_labels: list[str]
    start_on: datetime.date
    end_on: datetime.date
    units: list[UnitRef]
    status: str
    status_label: str
    party_document: bool
    conclusion_number: str
    conclusion_date: datetime.date | None
    allowed_actions: list[str]


class PlanDetailOut(PlanOut):
    team: list[MemberOut]
    visits: list[VisitOut]
    recommendations: list[RecommendationOut]


class PlanPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PlanOut]


class RecommendationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RecommendationOut]


class PlanIn(Schema):
    body_id: Id | None = None
    unit_code: str | None = None
    body_name: str = ""
    parent_body_name: str = ""
    number: str
    plan_date: datetime.date
    title: str
    scopes: list[str]
    scope_other: str = ""
    purpose: str = ""
    start_on: datetime.date
    end_on: datetime.date
    unit_codes: list[str]
    party_document: bool = True
    recipients: str = ""


class MemberIn(Schema):
    name: str = ""
    position: str = ""
    role: str = rules.MemberRole.MEMBER
    username: str | None = None


class TeamIn(Schema):
    members: list[MemberIn]


class FigureIn(Schema):
    label: str
    value: Decimal
    unit_label: str = ""


class VisitIn(Schema):
    unit_code: str
    visited_on: datetime.date
    checked: list[str]
    places: str = ""
    strengths: str = ""
    weaknesses: str = ""
    figures: list[FigureIn] = []


class RecommendationIn(Schema):
    content: str
    responsible: str
    due_on: datetime.date | None = None
    officer: str | None = None


class InspectionStatsOut(Schema):
    unit: UnitRef | None
    period: str
    start: datetime.date
    end: datetime.date
    plans: dict[str, int]
    visits: dict[str, int]
    recommendations: dict[str, int]


# --- serialisers ----------------------------------------------------------------------------------


def _visit(visit: Visit) -> dict[str, Any]:
    return {
        "id": visit.pk, "plan_id": visit.plan_id, "unit": _ref(visit.unit), "visited_on": visit.visited_on,
        "checked": visit.checked, "places": visit.places, "strengths": visit.strengths,
        "weaknesses": visit.weaknesses,
        "figures": [{"label": f.label, "value": f.value, "unit_label": f.unit_label} for f in visit.figures.all()],
        "evidence": [e.title for e in visit.evidence.all()],
    }  # fmt: skip


def _rec(rec: Recommendation, user: Any) -> dict[str, Any]:
    from django.utils import timezone

    return {
        "id": rec.pk, "plan_id": rec.plan_id, "visit_id": rec.visit_id, "unit": _ref(rec.unit),
        "content": rec.content, "responsible": rec.responsible, "made_on": rec.made_on, "due_on": rec.due_on,
        "due_explanation": rec.due_explanation, "status": rec.status, "status_label": rec.get_status_display(),
        "overdue": rules.is_overdue(rec.status, rec.due_on, timezone.localdate()), "result": rec.result,
        "document_no": rec.document_no, "ended_on": rec.ended_on, "end_reason": rec.end_reason,
        "evidence": [e.title for e in rec.evidence.all()],
        "allowed_actions": [a.name for a in allowed_actions(services.RECOMMENDATION, user, rec)],
    }  # fmt: skip


def _plan(plan: Plan, user: Any) -> dict[str, Any]:
    return {
        "id": plan.pk, "unit": _ref(plan.unit), "body_name": plan.body_name,
        "parent_body_name": plan.parent_body_name, "number": plan.number, "plan_date": plan.plan_date,
        "title": plan.title, "scopes": plan.scopes, "scope_labels": plan.scope_labels, "start_on": plan.start_on,
        "end_on": plan.end_on, "units": [_ref(u) for u in plan.units.order_by("path")], "status": plan.status,
        "status_label": plan.get_status_display(), "party_document": plan.party_document,
        "conclusion_number": plan.conclusion_number, "conclusion_date": plan.conclusion_date,
        "allowed_actions": [a.name for a in allowed_actions(services.PLAN, user, plan)],
    }  # fmt: skip


def _plan_detail(plan: Plan, user: Any) -> dict[str, Any]:
    team = [
        {"name": m.name, "position": m.position, "role": m.role, "role_label": m.get_role_display(),
         "username": m.user.username if m.user else None}
        for m in plan.members.select_related("user")
    ]  # fmt: skip
    return _plan(plan, user) | {
        "team": team,
        "visits": [_visit(v) for v in selectors.plan_visits(user, plan)],
        "recommendations": [_rec(r, user) for r in selectors.plan_recommendations(plan)],
    }


def _get_plan(request: HttpRequest, pk: int) -> Plan:
    return selectors.plan_for(_user(request), pk)


def _get_rec(request: HttpRequest, pk: int) -> Recommendation:
    return selectors.recommendation_for(_user(request), pk)


# --- plans ----------------------------------------------------------------------------------------


class PlanFilters(Schema):
    q: str | None = None
    status: str | None = None
    scope: str | None = None
    year: Year | None = None
    unit: str | None = None
    sort: str | None = None
    page: PageNumber = 1
    page_size: PageSize = 50


@router.get("/plans", response=responses(PlanPage), summary="Danh sách kế hoạch kiểm tra")
def list_plans(request: HttpRequest, filters: Query[PlanFilters]) -> dict[str, Any]:
    user = _user(request)
    params = filters.dict(exclude={"page", "page_size"})
    return api_page(PLANS, user, params, page=filters.page, page_size=filters.page_size,
                    serialize=lambda p: _plan(p, user))  # fmt: skip


@router.post("/plans", response=responses(PlanDetailOut, 201), summary="Lập kế hoạch kiểm tra")
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[dict[str, Any]]:
    user = _user(request)
    body = None
    unit = None
    if payload.body_id is not None:
        body = Organization.objects.filter(pk=payload.body_id).select_related("unit").first()
        if body is None or not access.can(user, RIGHTS.view, body.unit):
            raise ValidationError({"body_id": "Không tìm thấy cơ quan kiểm tra trong phạm vi của bạn."})
    elif payload.unit_code:
        unit = _unit(payload.unit_code, "unit_code")
    else:
        raise ValidationError({"body_id": "Cần chọn cơ quan kiểm tra (body_id) hoặc đơn vị (unit_code)."})
    units = [_unit(code, "unit_codes") for code in payload.unit_codes]
    data = payload.dict(exclude={"body_id", "unit_code", "unit_codes"})
    if body is not None and not data["body_name"]:
        data.pop("body_name")
    plan = services.save_plan(actor=user, unit=unit, body=body, units=units, **data)
    return Status(201, _plan_detail(plan, user))


@router.get("/plans/{int:pk}", response=responses(PlanDetailOut), summary="Một kế hoạch kiểm tra")
def get_plan(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _plan_detail(_get_plan(request, pk), _user(request))


@router.put("/plans/{int:pk}/team", response=responses(PlanDetailOut), summary="Đoàn kiểm tra")
def put_team(request: HttpRequest, pk: Id, payload: TeamIn) -> dict[str, Any]:
    user = _user(request)
    plan = _get_plan(request, pk)
    members = []
    for n, m in enumerate(payload.members, start=1):
        person = User.objects.filter(username=m.username).first() if m.username else None
        if m.username and person is None:
            raise ValidationError({"team": f"Thành viên thứ {n}: không có tài khoản “{m.username}”."})
        members.append(services.Member(m.name, m.position, m.role, person))
    services.set_team(actor=user, plan=plan, members=members)
    return _plan_detail(plan, user)


@router.post("/plans/{int:pk}/visits", response=responses(VisitOut, 201), summary="Ghi kết quả một buổi kiểm tra")
def create_visit(request: HttpRequest, pk: Id, payload: VisitIn) -> Status[dict[str, Any]]:
    user = _user(request)
    plan = _get_plan(request, pk)
    visit = services.record_visit(
        actor=user, plan=plan, unit=_unit(payload.unit_code, "unit_code"), visited_on=payload.visited_on,
        checked=payload.checked, places=payload.places, strengths=payload.strengths, weaknesses=payload.weaknesses,
        figures=[services.Noted(f.label, f.value, f.unit_label) for f in payload.figures],
    )  # fmt: skip
    return Status(201, _visit(visit))


def _plan_out(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    return _plan_detail(plan, _user(request))


add_transition_routes(router, services.PLAN, path="/plans", get_object=_get_plan, output=_plan_out,
                      response=PlanDetailOut)  # fmt: skip


# --- visits and recommendations -------------------------------------------------------------------


@router.get("/visits/{int:pk}", response=responses(VisitOut), summary="Một buổi kiểm tra")
def get_visit(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _visit(selectors.visit_for(_user(request), pk))


@router.post("/visits/{int:pk}/recommendations", response=responses(RecommendationOut, 201), summary="Thêm kiến nghị")
def create_recommendation(request: HttpRequest, pk: Id, payload: RecommendationIn) -> Status[dict[str, Any]]:
    user = _user(request)
    visit = selectors.visit_for(user, pk)
    if not access.can(user, RIGHTS.edit, visit.plan):
        raise PermissionDenied("Bạn không có quyền đưa ra kiến nghị của kế hoạch này.")
    officer = None
    if payload.officer:
        officer = User.objects.filter(username=payload.officer).first()
        if officer is None:
            raise ValidationError({"officer": f"Không có tài khoản “{payload.officer}”."})
    rec = services.add_recommendation(
        actor=user,
        plan=visit.plan,
        visit=visit,
        content=payload.content,
        responsible=payload.responsible,
        due_on=payload.due_on,
        officer=officer,
    )
    return Status(201, _rec(rec, user))


class RecFilters(Schema):
    q: str | None = None
    queue: str | None = None
    status: str | None = None
    year: Year | None = None
    unit: str | None = None
    sort: str | None = None
    page: PageNumber = 1
    page_size: PageSize = 50


@router.get("/recommendations", response=responses(RecommendationPage), summary="Danh sách kiến nghị")
def list_recommendations(request: HttpRequest, filters: Query[RecFilters]) -> dict[str, Any]:
    """``queue``: ``open`` (chưa xong), ``overdue`` (quá hạn), ``mine`` (tôi theo dõi)."""
    user = _user(request)
    params = filters.dict(exclude={"page", "page_size"})
    return api_page(RECOMMENDATIONS, user, params, page=filters.page, page_size=filters.page_size,
                    serialize=lambda r: _rec(r, user))  # fmt: skip


@router.get("/recommendations/{int:pk}", response=responses(RecommendationOut), summary="Một kiến nghị")
def get_recommendation(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _rec(_get_rec(request, pk), _user(request))


def _rec_out(request: HttpRequest, rec: Recommendation) -> dict[str, Any]:
    return _rec(rec, _user(request))


add_transition_routes(router, services.RECOMMENDATION, path="/recommendations", get_object=_get_rec,
                      output=_rec_out, response=RecommendationOut)  # fmt: skip


# --- statistics -----------------------------------------------------------------------------------


@router.get("/stats", response=responses(InspectionStatsOut), summary="Thống kê kiểm tra, giám sát")
def inspection_stats(
    request: HttpRequest, year: Year, quarter: int | None = None, unit: str | None = None
) -> dict[str, Any]:
    user = _user(request)
    if quarter is not None and not 1 <= quarter <= 4:
        raise ValidationError({"quarter": "Quý phải từ 1 đến 4."})
    period = Period.quarter(year, quarter) if quarter else Period.year(year)
    chosen = _unit(unit, "unit") if unit else None
    if chosen is not None and not access.can(user, RIGHTS.view, chosen):
        raise PermissionDenied("Đơn vị ngoài phạm vi của bạn.")
    figures = selectors.stats_for(chosen, period, user=user)

    def whole(values: dict[str, Any]) -> dict[str, int]:
        return {k: int(v or 0) for k, v in values.items()}

    return {
        "unit": _ref(chosen) if chosen else None, "period": period.label, "start": period.start, "end": period.end,
        "plans": whole(figures.plans), "visits": whole(figures.visits),
        "recommendations": whole(figures.recommendations),
    }  # fmt: skip
