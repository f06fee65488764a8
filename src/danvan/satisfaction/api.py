"""The satisfaction part of the JSON API (/api/v1/satisfaction): questionnaires, campaigns, responses and the
index. Same scope as the pages (out of scope is 404); a response goes through the one service, so a bad
answer is a 422 naming the item, and nothing is written."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from danvan.accounts import roles
from danvan.accounts.api import API_AUTH
from danvan.accounts.models import User
from danvan.core.api import Id, Year, responses
from danvan.satisfaction import selectors, services
from danvan.satisfaction.models import Campaign, Questionnaire
from danvan.stats.question import ask_api
from danvan.units.api import UnitRef
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

router = Router(tags=["Sự hài lòng"], auth=API_AUTH)
RIGHTS = roles.SATISFACTION


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _ref(unit: Unit) -> UnitRef:
    return UnitRef(code=unit.code, name=unit.name, level=unit.level)


class ItemOut(Schema):
    id: int
    kind: str
    order: int
    text: str


class ElementOut(Schema):
    id: int
    order: int
    name: str
    criteria: list[ItemOut]
    satisfaction: ItemOut | None


class ExpectationOut(Schema):
    id: int
    order: int
    text: str
    options: list[str]
    max_choices: int


class QuestionnaireOut(Schema):
    id: int
    unit: UnitRef
    name: str
    year: int
    status: str


class QuestionnaireDetail(QuestionnaireOut):
    elements: list[ElementOut]
    overall: ItemOut | None
    expectations: list[ExpectationOut]


class QuestionnaireList(Schema):
    count: int
    results: list[QuestionnaireOut]


def _questionnaire(q: Questionnaire) -> dict[str, Any]:
    return {"id": q.pk, "unit": _ref(q.unit), "name": q.name, "year": q.year, "status": q.status}


def _item(item: Any) -> dict[str, Any] | None:
    return None if item is None else {"id": item.pk, "kind": item.kind, "order": item.order, "text": item.text}


@router.get("/questionnaires", response=responses(QuestionnaireList), summary="Phiếu khảo sát")
def list_questionnaires(request: HttpRequest) -> dict[str, Any]:
    rows = list(selectors.questionnaires_for(_user(request))[:500])
    return {"count": len(rows), "results": [_questionnaire(q) for q in rows]}


@router.get("/questionnaires/{pk}", response=responses(QuestionnaireDetail), summary="Một phiếu khảo sát")
def get_questionnaire(request: HttpRequest, pk: Id) -> dict[str, Any]:
    questionnaire = selectors.questionnaire_for(_user(request), pk)
    return _questionnaire_detail(questionnaire)


def _questionnaire_detail(questionnaire: Questionnaire) -> dict[str, Any]:
    structure = selectors.structure_of(questionnaire)
    return _questionnaire(questionnaire) | {
        "elements": [
            {
                "id": e.pk,
                "order": e.order,
                "name": e.name,
                "criteria": [_item(i) for i in criteria],
                "satisfaction": _item(own),
            }
            for e, criteria, own in structure.elements
        ],
        "overall": _item(structure.overall),
        "expectations": [
            {"id": q.pk, "order": q.order, "text": q.text, "options": q.options, "max_choices": q.max_choices}
            for q in structure.expectations
        ],
    }


class PlanRowOut(Schema):
    unit: UnitRef
    procedure_code: str
    procedure_name: str
    quota: int
    answered: int
    status: str


class SurveyCampaignOut(Schema):
    id: int
    name: str
    unit: UnitRef
    questionnaire_id: int
    starts_on: datetime.date
    ends_on: datetime.date
    status: str


class CampaignDetail(SurveyCampaignOut):
    plan: list[PlanRowOut]


class CampaignList(Schema):
    count: int
    results: list[SurveyCampaignOut]


def _campaign(c: Campaign) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "unit": _ref(c.unit),
        "questionnaire_id": c.questionnaire_id,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "status": c.status,
    }


@router.get("/campaigns", response=responses(CampaignList), summary="Đợt khảo sát")
def list_campaigns(request: HttpRequest) -> dict[str, Any]:
    rows = list(selectors.campaigns_for(_user(request))[:500])
    return {"count": len(rows), "results": [_campaign(c) for c in rows]}


@router.get("/campaigns/{pk}", response=responses(CampaignDetail), summary="Một đợt khảo sát, với kiểm tra mẫu")
def get_campaign(request: HttpRequest, pk: Id) -> dict[str, Any]:
    """The plan's strata (inside the caller's scope), each with the responses counted and its status
    ("đủ", "thiếu 3", "vượt 2", "ngoài kế hoạch")."""
    user = _user(request)
    campaign = selectors.campaign_for(user, pk)
    plan = [
        {
            "unit": _ref(r.unit),
            "procedure_code": r.procedure_code,
            "procedure_name": r.procedure_name,
            "quota": r.check.quota or 0,
            "answered": r.check.answered,
            "status": r.check.status,
        }
        for r in selectors.sample_check_for(user, campaign)
    ]
    return _campaign(campaign) | {"plan": plan}


class ResponseIn(Schema):
    unit_code: str
    procedure_code: str
    channel: Literal["paper", "online"] = "paper"
    #: For "online": the campaign's link token (a kiosk or a portal that relays the citizen's answers).
    token: str = ""
    answered_on: datetime.date | None = None
    #: Item id → 1–5, or null / 0 / "" for "không ý kiến".
    answers: dict[str, int | str | None]
    #: Expectation question id → the option indexes ticked (from 0).
    expectations: dict[str, list[int]] = {}


class ResponseOut(Schema):
    id: int
    campaign_id: int
    unit: UnitRef
    procedure_code: str
    channel: str
    answered_on: datetime.date
    valid_answers: int


@router.post("/campaigns/{pk}/responses", response=responses(ResponseOut, 201), summary="Ghi một phiếu trả lời")
def create_response(request: HttpRequest, pk: Id, payload: ResponseIn) -> Status[dict[str, Any]]:
    """Every answer is checked against the questionnaire: an item that is not in it, or a value outside 1–5,
    is a 422 naming the item, and nothing is written. A paper response needs the right to enter the
    commune's answers; an online one the campaign's token."""
    user = _user(request)
    campaign = selectors.campaign_for(user, pk)
    try:
        unit = unit_by_code(payload.unit_code.strip())
    except UnitCodeNotFound:
        raise ValidationError({"unit_code": f"Không có đơn vị mã “{payload.unit_code[:16]}”."}) from None
    response = services.record_response(
        campaign=campaign,
        unit=unit,
        procedure_code=payload.procedure_code,
        channel=payload.channel,
        answers=payload.answers,
        expectations=payload.expectations,
        answered_on=payload.answered_on,
        actor=user if payload.channel == "paper" else None,
        token=payload.token,
    )
    return Status(
        201,
        {
            "id": response.pk,
            "campaign_id": campaign.pk,
            "unit": _ref(unit),
            "procedure_code": response.procedure_code,
            "channel": response.channel,
            "answered_on": response.answered_on,
            "valid_answers": response.answers.filter(value__isnull=False).count(),
        },
    )


class IndexOut(Schema):
    valid: int
    satisfied: int
    index: Decimal | None


class ElementIndexOut(IndexOut):
    order: int
    name: str


class RankOut(Schema):
    position: int
    of: int
    text: str


class UnitIndexOut(IndexOut):
    unit: UnitRef
    rank: int | None


class SatisfactionStatsOut(Schema):
    unit: UnitRef
    period_start: datetime.date
    period_end: datetime.date
    overall: IndexOut
    elements: list[ElementIndexOut]
    responses: dict[str, int]
    ratings: dict[str, int] | None
    rating_share: Decimal | None
    rank: RankOut | None
    rank_change: str
    previous_index: Decimal | None
    value_change: str
    target: Decimal | None
    target_comparison: str | None
    target_met: bool | None
    target_gap: Decimal | None
    target_text: str
    sub_units: list[UnitIndexOut]


def _figure(f: selectors.Figure) -> dict[str, Any]:
    return {"valid": f.valid, "satisfied": f.satisfied, "index": f.index}


@router.get("/stats", response=responses(SatisfactionStatsOut), summary="Chỉ số hài lòng")
def satisfaction_stats(
    request: HttpRequest,
    year: Year,
    unit: str | None = None,
    period: Literal["year", "h1", "h2", "9m", "q1", "q2", "q3", "q4"] = "year",
    tree: str = "today",
) -> dict[str, Any]:
    """The index per element and overall (share of "hài lòng" and "rất hài lòng" among the valid answers),
    the responses, the per-dossier rating share, the rank among the sibling units and its change against the
    previous period, the target and its status, the direct sub-units."""
    user = _user(request)
    question = ask_api(user, permission=RIGHTS.view, unit=unit, year=year, period=period, tree=tree)
    stats = selectors.stats_for(question.unit, question.period, user=user, today_tree=question.today_tree)
    status = stats.target_status
    return {
        "unit": _ref(stats.unit),
        "period_start": stats.period.start,
        "period_end": stats.period.end,
        "overall": _figure(stats.overall),
        "elements": [_figure(e.figure) | {"order": e.order, "name": e.name} for e in stats.elements],
        "responses": stats.responses,
        "ratings": stats.ratings,
        "rating_share": stats.rating_share,
        "rank": {"position": stats.rank.position, "of": stats.rank.of, "text": stats.rank_text} if stats.rank else None,
        "rank_change": stats.rank_change,
        "previous_index": stats.previous_index,
        "value_change": stats.value_change,
        "target": stats.target.value if stats.target else None,
        "target_comparison": stats.target.comparison if stats.target else None,
        "target_met": status.met if status else None,
        "target_gap": status.gap if status else None,
        "target_text": status.text if status else "",
        "sub_units": [
            _figure(r.figure) | {"unit": _ref(r.unit), "rank": r.rank.position if r.rank else None}
            for r in stats.sub_units
        ],
    }
