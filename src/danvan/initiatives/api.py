"""The "Dân vận khéo" part of the JSON API: /api/v1/initiatives — list, detail, create, update, each
transition and the statistics, with the same scope rules as the pages (404 for a record out of scope)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from danvan.accounts import access, roles
from danvan.accounts.api import API_AUTH
from danvan.accounts.models import User
from danvan.core.api import Id, PageNumber, PageSize, Year, refuse_null, responses
from danvan.initiatives import rules, selectors, services
from danvan.initiatives.forms import PERIOD_CHOICES
from danvan.initiatives.lists import INITIATIVES
from danvan.initiatives.models import Criterion, Field, Initiative, Review
from danvan.lists.api import api_page
from danvan.stats.question import ask_api
from danvan.units.api import UnitRef
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow.api import add_transition_routes
from danvan.workflow.engine import allowed_actions, waiting_for
from danvan.workflow.timeline import Entry, timeline

router = Router(tags=["Dân vận khéo"], auth=API_AUTH)


class InitiativeOut(Schema):
    id: int
    kind: str
    year: int
    name: str
    unit: UnitRef
    unit_id: int
    owner_name: str
    owner_position: str
    owner_organization: str
    field: str
    field_id: int
    subfield: str | None
    subfield_id: int | None
    status: str
    status_label: str
    registered_on: datetime.date | None
    level: str
    recognition_no: str
    recognised_on: datetime.date | None
    recognition_issuer: str
    exemplary_on: datetime.date | None
    replicated_on: datetime.date | None
    published: bool
    proceedings_pending: bool
    allowed_actions: list[str]
    waiting_for: list[str] = []


class TimelineOut(Schema):
    at: datetime.datetime
    #: The business date of the step (the decision's date), which the pages show.
    on: datetime.date
    actor: str
    action: str
    from_state: str
    to_state: str
    note: str


class ResultOut(Schema):
    metric: str
    unit: str
    total: Decimal


class PersonOut(Schema):
    username: str
    full_name: str


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    weight: Decimal
    max_score: int
    order: int


class ScoreOut(Schema):
    criterion_id: int
    criterion: str
    score: Decimal
    comment: str


class MemberScoresOut(Schema):
    member: PersonOut
    complete: bool
    scores: list[ScoreOut]


class ReviewOut(Schema):
    """A council (hội đồng thẩm định): its members, the criteria, each member's scores so far, the total."""

    id: int
    result: str
    result_label: str
    is_open: bool
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None
    chair: PersonOut
    members: list[MemberScoresOut]
    criteria: list[CriterionOut]
    total: Decimal | None
    pass_mark: Decimal
    minutes: str


class InitiativeDetailOut(InitiativeOut):
    problem: str
    goals: str
    content: str
    area_people: str
    forces: str
    resources: str
    milestones: str
    outputs: str
    sustainability: str
    start_date: datetime.date | None
    evaluation_date: datetime.date | None
    timeline: list[TimelineOut]
    results: list[ResultOut]
    #: The open council, else the latest closed one (``id`` for the scores and the minutes), or null.
    review: ReviewOut | None


class InitiativePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[InitiativeOut]


class InitiativeIn(Schema):
    unit_code: str | None = None
    unit_id: Id | None = None
    kind: Literal["model", "exemplar"] = "model"
    year: Year
    name: str
    field_id: Id
    subfield_id: Id | None = None
    owner_name: str
    owner_position: str = ""
    owner_organization: str = ""
    problem: str = ""
    goals: str = ""
    content: str = ""
    area_people: str = ""
    forces: str = ""
    resources: str = ""
    milestones: str = ""
    outputs: str = ""
    sustainability: str = ""
    start_date: datetime.date | None = None
    evaluation_date: datetime.date | None = None
    #: "registered" registers at once; "draft" keeps a draft to complete later.
    status: Literal["draft", "registered"] = "draft"


class InitiativePatch(Schema):
    """Only the fields sent change; ``subfield_id``, ``start_date`` and ``evaluation_date`` may be set to
    null (cleared), the others need a value (null is a 422 naming the field)."""

    kind: Literal["model", "exemplar"] | None = None
    year: Year | None = None
    name: str | None = None
    field_id: Id | None = None
    subfield_id: Id | None = None
    owner_name: str | None = None
    owner_position: str | None = None
    owner_organization: str | None = None
    problem: str | None = None
    goals: str | None = None
    content: str | None = None
    area_people: str | None = None
    forces: str | None = None
    resources: str | None = None
    milestones: str | None = None
    outputs: str | None = None
    sustainability: str | None = None
    start_date: datetime.date | None = None
    evaluation_date: datetime.date | None = None

    _no_null = refuse_null(
        "kind", "year", "name", "field_id", "owner_name", "owner_position", "owner_organization",
        *services.TEXT_FIELDS,
    )  # fmt: skip


class Filters(Schema):
    q: str | None = None
    field: Id | None = None
    subfield: Id | None = None
    status: str | None = None
    level: str | None = None
    kind: str | None = None
    year: Year | None = None
    unit: str | None = None
    sort: str | None = None
    page: PageNumber = 1
    page_size: PageSize = settings.DANVAN_API_PAGE_SIZE


class CountsOut(Schema):
    registered: int
    recognised: int
    exemplary: int
    commended: int
    replicated: int


class BreakdownRow(Schema):
    label: str
    code: str = ""
    counts: CountsOut


class MetricTotal(Schema):
    metric: str
    unit: str
    total: Decimal


class StatsOut(Schema):
    unit: UnitRef
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    today_tree: bool
    totals: CountsOut
    collective: CountsOut
    individual: CountsOut
    by_field: list[BreakdownRow]
    by_subfield: list[BreakdownRow]
    by_unit: list[BreakdownRow]
    by_level: dict[str, int]
    by_status: dict[str, int]
    results: list[MetricTotal]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the API's auth only lets real accounts through
    return user


def _ref(unit: Unit) -> UnitRef:
    return UnitRef(code=unit.code, name=unit.name, level=unit.level)


def _out(i: Initiative, user: User) -> dict[str, Any]:
    return {
        "id": i.pk,
        "kind": i.kind,
        "year": i.year,
        "name": i.name,
        "unit": _ref(i.unit),
        "unit_id": i.unit_id,
        "owner_name": i.owner_name,
        "owner_position": i.owner_position,
        "owner_organization": i.owner_organization,
        "field": i.field.name,
        "field_id": i.field_id,
        "subfield": i.subfield.name if i.subfield else None,
        "subfield_id": i.subfield_id,
        "status": i.status,
        "status_label": rules.STATUS_LABELS[i.status],
        "registered_on": i.registered_on,
        "level": i.level,
        "recognition_no": i.recognition_no,
        "recognised_on": i.recognised_on,
        "recognition_issuer": i.recognition_issuer,
        "exemplary_on": i.exemplary_on,
        "replicated_on": i.replicated_on,
        "published": i.published,
        "proceedings_pending": i.proceedings_pending,
        "allowed_actions": [a.name for a in allowed_actions(services.INITIATIVE, user, i)],
        "waiting_for": waiting_for(services.INITIATIVE, i),
    }


def _timeline_entry(e: Entry) -> dict[str, Any]:
    return {"at": e.at, "on": e.day, "actor": e.actor, "action": e.label, "from_state": e.from_label,
            "to_state": e.to_label, "note": e.note}  # fmt: skip


def _detail(i: Initiative, user: User) -> dict[str, Any]:
    return _out(i, user) | {
        **{name: getattr(i, name) for name in services.TEXT_FIELDS},
        "start_date": i.start_date,
        "evaluation_date": i.evaluation_date,
        "timeline": [_timeline_entry(e) for e in timeline(services.INITIATIVE, i)],
        "results": [
            {"metric": r["metric__name"], "unit": r["metric__unit_label"], "total": r["total"]}
            for r in selectors.results_of(i)
        ],
        "review": _review(review) if (review := selectors.review_of(i)) else None,
    }


def _get(request: HttpRequest, pk: int, permission: str = roles.INITIATIVES.view) -> Initiative:
    qs = Initiative.objects.select_related("unit", "field", "subfield")
    return access.get_for_user_or_404(qs, _user(request), permission, pk=pk)


def _unit(code: str | None, unit_id: int | None) -> Unit:
    if unit_id is not None:
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None:
            raise ValidationError({"unit_id": f"Không có đơn vị số {unit_id}."})
        return unit
    if not code:
        raise ValidationError({"unit_code": "Cần unit_code (mã tỉnh, xã) hoặc unit_id (thôn, tổ dân phố)."})
    try:
        return unit_by_code(code)
    except UnitCodeNotFound as exc:
        raise ValidationError({"unit_code": str(exc)}) from exc


def _field(pk: int | None, name: str) -> Field | None:
    if pk is None:
        return None
    found = Field.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({name: f"Không có lĩnh vực số {pk}."})
    return found


@router.get("", response=responses(InitiativePage), summary="Danh sách mô hình, điển hình")
def list_initiatives(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """The models the caller may see, with the page's filters (``q`` ignores accents; ``unit`` is a code
    and covers the unit's subtree and the units merged into it; ``sort`` is one of the page's column keys,
    ``-`` first for descending); paginated, with the total ``count``; a page past the end is empty."""
    user = _user(request)
    return api_page(
        INITIATIVES,
        user,
        filters.model_dump(exclude={"page", "page_size"}),
        page=filters.page,
        page_size=filters.page_size,
        serialize=lambda i: _out(i, user),
    )


@router.post("", response=responses(InitiativeDetailOut, 201), summary="Đăng ký mô hình")
def create_initiative(request: HttpRequest, payload: InitiativeIn) -> Status[dict[str, Any]]:
    user = _user(request)
    unit = _unit(payload.unit_code, payload.unit_id)
    if not access.can(user, roles.INITIATIVES.edit, unit):
        raise PermissionDenied("Đơn vị ngoài phạm vi của bạn.")
    field = _field(payload.field_id, "field_id")
    assert field is not None
    data = services.Registration(
        name=payload.name,
        field=field,
        subfield=_field(payload.subfield_id, "subfield_id"),
        year=payload.year,
        kind=payload.kind,
        owner_name=payload.owner_name,
        owner_position=payload.owner_position,
        owner_organization=payload.owner_organization,
        start_date=payload.start_date,
        evaluation_date=payload.evaluation_date,
        **{name: getattr(payload, name) for name in services.TEXT_FIELDS},
    )
    initiative = services.create_initiative(actor=user, unit=unit, data=data, register=payload.status == "registered")
    return Status(201, _detail(initiative, user))


@router.get("/stats", response=responses(StatsOut), summary="Thống kê")
def initiative_stats(
    request: HttpRequest,
    year: Year,
    unit: str | None = None,
    period: str = "year",
    tree: Literal["today", "then"] = "today",
) -> dict[str, Any]:
    """Registered, recognised, exemplary, commended and replicated models of a unit (code) in a period
    (``period``: year, h1, h2, 9m, q1–q4), by kind, field, sub-field, direct sub-unit, level and status,
    and the measured results; ``tree=then`` counts on the tree as it was."""
    user = _user(request)
    question = ask_api(user, permission=roles.INITIATIVES.view, unit=unit, year=year, period=period, tree=tree,
                       allowed=tuple(dict(PERIOD_CHOICES)))  # fmt: skip
    target, chosen = question.unit, question.period
    stats = selectors.stats_for(target, chosen, today_tree=question.today_tree, user=user)

    def counts(counter: Any) -> dict[str, int]:
        return {m: counter[m] for m in selectors.InitiativeStats.MEASURES}

    return {
        "unit": _ref(target),
        "period_start": chosen.start,
        "period_end": chosen.end,
        "period_label": chosen.label,
        "today_tree": stats.today_tree,
        "totals": {m: getattr(stats, m) for m in selectors.InitiativeStats.MEASURES},
        "collective": counts(stats.collective),
        "individual": counts(stats.individual),
        "by_field": [{"label": k, "counts": counts(v)} for k, v in stats.by_field.rows.items()],
        "by_subfield": [{"label": k, "counts": counts(v)} for k, v in stats.by_subfield.rows.items()],
        "by_unit": [{"label": u.name, "code": u.code, "counts": counts(c)} for u, c in stats.by_unit],
        "by_level": dict(stats.by_level),
        "by_status": dict(stats.by_status),
        "results": [{"metric": m.name, "unit": m.unit_label, "total": t} for m, t in stats.results],
    }


@router.get("/{int:pk}", response=responses(InitiativeDetailOut), summary="Một mô hình")
def get_initiative(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _detail(_get(request, pk), _user(request))


@router.patch("/{int:pk}", response=responses(InitiativeDetailOut), summary="Sửa")
def update_initiative(request: HttpRequest, pk: Id, payload: InitiativePatch) -> dict[str, Any]:
    user = _user(request)
    initiative = _get(request, pk)
    changes = payload.dict(exclude_unset=True)
    current: dict[str, Any] = {
        "name": initiative.name,
        "field": initiative.field,
        "subfield": initiative.subfield,
        "year": initiative.year,
        "kind": initiative.kind,
        "owner_name": initiative.owner_name,
        "owner_position": initiative.owner_position,
        "owner_organization": initiative.owner_organization,
        "start_date": initiative.start_date,
        "evaluation_date": initiative.evaluation_date,
        **{name: getattr(initiative, name) for name in services.TEXT_FIELDS},
    }
    if "field_id" in changes:
        current["field"] = _field(changes.pop("field_id"), "field_id")
    if "subfield_id" in changes:
        current["subfield"] = _field(changes.pop("subfield_id"), "subfield_id")
    current |= changes
    services.update_initiative(actor=user, initiative=initiative, data=services.Registration(**current))
    return _detail(initiative, user)


def _detail_out(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    return _detail(initiative, _user(request))


# One documented route per action of the model's machine, through the same engine as the pages.
add_transition_routes(
    router, services.INITIATIVE, path="", get_object=_get, output=_detail_out, response=InitiativeDetailOut
)


# --- reference lists that a registration and a council need ---------------------------------------


class SubfieldOut(Schema):
    id: int
    name: str
    order: int


class FieldOut(Schema):
    id: int
    name: str
    order: int
    parent_id: int | None
    subfields: list[SubfieldOut]


class FieldList(Schema):
    count: int
    results: list[FieldOut]


class CriterionList(Schema):
    count: int
    #: Scores are given from 0 to ``max_score`` (at most one decimal); the council's average is on 100.
    pass_mark: Decimal
    results: list[CriterionOut]


class MetricOut(Schema):
    id: int
    name: str
    unit_label: str
    aliases: list[str]
    integral: bool
    order: int


class MetricList(Schema):
    count: int
    results: list[MetricOut]


@router.get("/fields", response=responses(FieldList), summary="Danh mục lĩnh vực và lĩnh vực con")
def list_fields(request: HttpRequest, parent: Id | None = None) -> dict[str, Any]:
    """The fields in use, each with its sub-fields: ``id`` is the ``field_id`` (or ``subfield_id``) of
    ``POST /initiatives``. ``parent`` (a field's id) lists only that field's sub-fields."""
    tree = selectors.fields_tree()
    if parent is None:
        rows = [
            {
                "id": f.pk,
                "name": f.name,
                "order": f.order,
                "parent_id": None,
                "subfields": [{"id": s.pk, "name": s.name, "order": s.order} for s in subs],
            }
            for f, subs in tree
        ]
    else:
        chosen = next((subs for f, subs in tree if f.pk == parent), None)
        if chosen is None:
            raise Http404(f"Không có lĩnh vực số {parent} đang dùng.")
        rows = [{"id": s.pk, "name": s.name, "order": s.order, "parent_id": parent, "subfields": []} for s in chosen]
    return {"count": len(rows), "results": rows}


def _criterion(c: Criterion) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "description": c.description,
        "weight": c.weight,
        "max_score": c.max_score,
        "order": c.order,
    }


@router.get("/criteria", response=responses(CriterionList), summary="Tiêu chí đánh giá của hội đồng thẩm định")
def list_criteria(request: HttpRequest) -> dict[str, Any]:
    """The criteria a council member scores, with their weight and scale, and the pass mark on 100."""
    rows = [_criterion(c) for c in selectors.active_criteria()]
    return {"count": len(rows), "pass_mark": rules.PASS_MARK, "results": rows}


@router.get("/metrics", response=responses(MetricList), summary="Danh mục chỉ tiêu kết quả")
def list_metrics(request: HttpRequest) -> dict[str, Any]:
    """The measured results of a progress report: the unit to write (``unit_label`` or one of its
    ``aliases``) and whether only whole numbers are accepted (``integral``)."""
    rows = [
        {
            "id": m.pk,
            "name": m.name,
            "unit_label": m.unit_label,
            "aliases": list(m.aliases),
            "integral": m.integral,
            "order": m.order,
        }
        for m in selectors.active_metrics()
    ]
    return {"count": len(rows), "results": rows}


# --- the council: each member's scores, the chair's minutes ---------------------------------------


class MarkIn(Schema):
    criterion_id: Id
    #: From 0 to the criterion's ``max_score``, at most one decimal; "8,5" is read as 8.5, as on the page.
    score: Decimal | str | None = None
    comment: str = ""


class ScoresIn(Schema):
    """The calling member's marks, one per criterion in use; they replace the member's earlier ones."""

    marks: list[MarkIn]


class MinutesIn(Schema):
    minutes: str


def _person(user: User) -> dict[str, str]:
    return {"username": user.username, "full_name": user.get_full_name()}


def _review(review: Review) -> dict[str, Any]:
    sheet = selectors.review_sheet(review)
    return {
        "id": review.pk,
        "result": review.result,
        "result_label": review.get_result_display(),
        "is_open": review.is_open,
        "opened_at": review.opened_at,
        "closed_at": review.closed_at,
        "chair": _person(review.chair),
        "members": [
            {
                "member": _person(m.member),
                "complete": m.complete,
                "scores": [
                    {"criterion_id": s.criterion_id, "criterion": s.criterion.name, "score": s.score,
                     "comment": s.comment}
                    for s in m.scores
                ],
            }
            for m in sheet.members
        ],
        "criteria": [_criterion(c) for c in sheet.criteria],
        "total": sheet.total,
        "pass_mark": rules.PASS_MARK,
        "minutes": review.minutes,
    }  # fmt: skip


@router.get("/reviews/{int:review_id}", response=responses(ReviewOut), summary="Hội đồng thẩm định")
def get_review(request: HttpRequest, review_id: Id) -> dict[str, Any]:
    """The council of a model the caller may see (its id is ``review.id`` in the model's detail)."""
    return _review(selectors.review_for_user(_user(request), review_id))


@router.put(
    "/reviews/{int:review_id}/scores",
    response=responses(ReviewOut),
    summary="Chấm điểm (thành viên hội đồng)",
)
def put_scores(request: HttpRequest, review_id: Id, payload: ScoresIn) -> dict[str, Any]:
    """The calling member's scores, every criterion in use at once, as on the scoring page: 403 for
    someone who is not a member, 422 naming the criterion for a missing or wrong score or a closed council.
    Answers the council with the new total."""
    user = _user(request)
    review = selectors.review_for_user(user, review_id)
    marks: dict[int, tuple[Any, str]] = {}
    for mark in payload.marks:
        if mark.criterion_id in marks:
            raise ValidationError({"marks": f"Tiêu chí số {mark.criterion_id} được chấm hai lần."})
        marks[mark.criterion_id] = (mark.score, mark.comment)
    services.score(actor=user, review=review, marks=marks)
    review.refresh_from_db()
    return _review(review)


@router.put(
    "/reviews/{int:review_id}/minutes",
    response=responses(ReviewOut),
    summary="Ghi biên bản (chủ tịch hội đồng)",
)
def put_minutes(request: HttpRequest, review_id: Id, payload: MinutesIn) -> dict[str, Any]:
    """The council's minutes, written by its chair only (403 for anyone else)."""
    user = _user(request)
    review = selectors.review_for_user(user, review_id)
    if not payload.minutes.strip():
        raise ValidationError({"minutes": "Cần ghi nội dung biên bản."})
    services.save_minutes(actor=user, review=review, minutes=payload.minutes)
    return _review(review)
