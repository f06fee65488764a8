"""The one-stop part of the JSON API: /api/v1/onestop — the procedure catalogue, the service points, the
dossiers (list with the work queues, detail, receipt, each step of the machine, the timeline, a paper
rating) and the statistics.

Same scope as the pages: a record out of the caller's scope is 404, a right the caller lacks is 403, a
value refused is 422 naming the field. Every write goes through :mod:`.services`; the steps through the
kit's engine (:func:`danvan.workflow.api.add_transition_routes`), with the machine's own table.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field, field_validator

from danvan.accounts import access, roles
from danvan.accounts.api import API_AUTH
from danvan.accounts.models import User
from danvan.core.api import Id, PageNumber, PageSize, Year, responses
from danvan.core.selectors import current_calendar
from danvan.core.text import fold, format_date
from danvan.lists.api import api_page
from danvan.onestop import rules, selectors, services
from danvan.onestop.lists import DOSSIERS
from danvan.onestop.models import Apology, Dossier, Procedure, Rating, ServicePoint
from danvan.stats.question import ask_api
from danvan.units.api import UnitRef
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow.api import add_transition_routes
from danvan.workflow.engine import allowed_actions, waiting_for
from danvan.workflow.machine import ParamKind
from danvan.workflow.timeline import timeline

router = Router(tags=["Một cửa"], auth=API_AUTH)
RIGHTS = roles.ONESTOP

#: The machine the API's step routes are built from: the dossier's own, without "rate" — a rating is
#: more than a step (the level or the nine indices), so it has its own route (``POST …/rating``).
STEPS = dataclasses.replace(
    services.DOSSIER, actions={name: a for name, a in services.DOSSIER.actions.items() if name != "rate"}
)
#: The earliest receipt the back office may enter (older history comes through the import).
EARLIEST = datetime.date(2000, 1, 1)


def _no_nul(value: Any) -> Any:
    """Text with a NUL character is refused (PostgreSQL cannot store or compare it)."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("Có ký tự không hợp lệ (NUL).")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


class OneStopCleanText(Schema):
    """A body or query whose every text refuses NUL, with a 422 naming the field."""

    @field_validator("*", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return _no_nul(value)


# --- shapes -----------------------------------------------------------------------------------------


class ProcedureComponentOut(Schema):
    name: str
    originals: int
    copies: int


class ProcedureOut(Schema):
    id: int
    code: str
    name: str
    field: str
    level: str
    level_label: str
    days: int
    hours: int
    #: "15 ngày làm việc", "4 giờ làm việc", "Trong ngày".
    time_label: str
    #: A receipt after this time counts from the next working day (chứng thực: 15:00), or null.
    cutoff: datetime.time | None
    fee: str
    online_level: str
    online_level_label: str
    one_stop: bool
    components: list[ProcedureComponentOut]
    legal_basis: str
    active: bool
    unit: UnitRef


class ProcedurePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ProcedureOut]


class ProcedureComponentIn(OneStopCleanText):
    name: str = Field(..., max_length=500)
    originals: int = Field(1, ge=0, le=99)
    copies: int = Field(0, ge=0, le=99)


class ProcedureIn(OneStopCleanText):
    """One procedure of the province's catalogue; ``unit_code`` is the province (or a unit in it)."""

    unit_code: str = Field(..., max_length=32)
    code: str = Field(..., max_length=200)
    name: str = Field(..., max_length=2000)
    field: str = Field(..., max_length=1000)
    level: str = Field(rules.ProcedureLevel.COMMUNE, description="province, commune, both")
    days: int = Field(0, ge=0, le=100_000)
    hours: int = Field(0, ge=0, le=100_000)
    cutoff: str | None = Field(None, max_length=8, description="Giờ tiếp nhận cuối trong ngày, dạng 15:00.")
    fee: str = Field("", max_length=2000)
    online_level: str = Field(rules.OnlineLevel.NONE, description="full, partial, none")
    one_stop: bool = True
    components: list[ProcedureComponentIn] = Field(default_factory=list, max_length=200)
    legal_basis: str = Field("", max_length=2000)
    active: bool = True


class ServicePointOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    address: str
    phone: str
    active: bool
    unit: UnitRef


class ServicePointPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ServicePointOut]


class DossierProcedureRef(Schema):
    id: int
    code: str
    name: str


class DossierOut(Schema):
    id: int
    code: str
    unit: UnitRef
    service_point_id: int
    service_point: str
    procedure: DossierProcedureRef
    field: str
    status: str
    status_label: str
    channel: str
    channel_label: str
    applicant_name: str
    submitted_at: datetime.datetime | None
    received_at: datetime.datetime | None
    received_on: datetime.date | None
    #: The legal due instant (null while the clock is paused) and its date.
    due_at: datetime.datetime | None
    due_on: datetime.date | None
    #: In progress and past the due instant.
    overdue: bool
    #: In progress and due on the next working day: the day the apology slip must go out.
    due_tomorrow: bool
    finished_at: datetime.datetime | None
    #: early, on_time, late (empty until finished).
    timeliness: str
    timeliness_label: str
    returned_at: datetime.datetime | None
    return_method: str
    department: str
    handler: str | None
    allowed_actions: list[str]
    waiting_for: list[str] = []


class DossierPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DossierOut]


class DossierHandoverOut(Schema):
    handed_at: datetime.datetime
    from_department: str
    to_department: str
    handler: str | None
    note: str


class DossierPauseOut(Schema):
    kind: str
    kind_label: str
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    reason: str


class DossierApologyOut(Schema):
    issued_at: datetime.datetime
    reason: str
    new_due_at: datetime.datetime


class DossierRatingOut(Schema):
    scheme: str
    channel: str
    channel_label: str
    level: int
    level_label: str
    satisfied: bool
    indices: list[int]
    officer_points: int | None
    comment: str
    rated_on: datetime.date


class DossierDetailOut(DossierOut):
    applicant_id_number: str
    applicant_phone: str
    applicant_email: str
    applicant_address: str
    owner_name: str
    owner_address: str
    sets: int
    fee_method: str
    result_place: str
    supplements: int
    ended_on: datetime.date | None
    end_reason: str
    received_by: str | None
    handovers: list[DossierHandoverOut]
    pauses: list[DossierPauseOut]
    apology: DossierApologyOut | None
    rating: DossierRatingOut | None


class DossierIn(OneStopCleanText):
    """A dossier received at the desk, arrived by post, or entered by the back office afterwards
    (``received_at`` in the past). ``procedure_id`` or ``procedure_code`` (of the point's province)."""

    service_point_id: Id
    procedure_id: Id | None = None
    procedure_code: str | None = Field(None, max_length=32)
    channel: str = Field(rules.Channel.DESK, description="desk, online, post")
    received_at: datetime.datetime | None = None
    applicant_name: str = Field(..., max_length=1000)
    applicant_id_number: str = Field("", max_length=100)
    applicant_phone: str = Field("", max_length=100)
    applicant_email: str = Field("", max_length=1000)
    applicant_address: str = Field("", max_length=1000)
    owner_name: str = Field("", max_length=1000)
    owner_address: str = Field("", max_length=1000)
    sets: int = Field(1, ge=1, le=99)
    fee_method: str = Field("", max_length=1000)
    result_place: str = Field("", max_length=1000)


class OneStopChoiceOut(Schema):
    value: str
    label: str


class HandlerCandidateOut(Schema):
    username: str
    name: str


class StepParamOut(Schema):
    name: str
    label: str
    #: text, longtext, date, int, decimal, choice, user (a username), users, units, bool.
    kind: str
    required: bool
    choices: list[OneStopChoiceOut]
    #: For ``user``: the only people who may be named (anyone else is refused).
    candidates: list[HandlerCandidateOut]


class DossierActionOut(Schema):
    name: str
    label: str
    #: Where to send it: ``POST /api/v1/onestop/dossiers/{id}/transitions/{name}``.
    path: str
    target: str | None
    danger: bool
    basis: str
    params: list[StepParamOut]


class DossierActionList(Schema):
    count: int
    #: The step the dossier waits for now (the page's primary button), or empty.
    expected: str
    results: list[DossierActionOut]


class DossierTimelineOut(Schema):
    at: datetime.datetime
    #: The business date of the step, which the pages show.
    on: datetime.date
    actor: str
    action: str
    action_label: str
    from_state: str
    to_state: str
    note: str


class DossierTimelineList(Schema):
    count: int
    results: list[DossierTimelineOut]


class DossierRatingIn(OneStopCleanText):
    """A paper rating entered by staff: ``level`` 1–5 for the five-level scheme, or the nine ``indices``
    (0, 1 or 2 each) — whichever the province's scheme is."""

    level: int | None = None
    indices: list[int] = Field(default_factory=list, max_length=20)
    comment: str = Field("", max_length=5000)


class OneStopCounts(Schema):
    carried_over: int = 0
    received: int = 0
    received_desk: int = 0
    received_online: int = 0
    received_post: int = 0
    finished: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_progress_within: int = 0
    in_progress_overdue: int = 0
    returned: int = 0
    withdrawn: int = 0
    refused: int = 0
    stopped: int = 0


class OneStopFieldRow(Schema):
    field: str
    counts: OneStopCounts


class OneStopProcedureRow(Schema):
    id: int
    code: str
    name: str
    counts: OneStopCounts


class OneStopServicePointRow(Schema):
    id: int
    name: str
    counts: OneStopCounts


class OneStopUnitRow(Schema):
    code: str
    name: str
    counts: OneStopCounts


class OneStopRatingCounts(Schema):
    rated: int = 0
    satisfied: int = 0
    very_satisfied: int = 0
    unsatisfied: int = 0


class OneStopStatsOut(Schema):
    unit: UnitRef
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    today_tree: bool
    totals: OneStopCounts
    #: Carried over + received in the period.
    received_total: int
    #: Shares in percent (two decimals), null when there is nothing to divide by.
    online_share: Decimal | None
    on_time_share: Decimal | None
    satisfaction_share: Decimal | None
    apologies: int
    ratings: OneStopRatingCounts
    by_field: list[OneStopFieldRow]
    by_procedure: list[OneStopProcedureRow]
    by_service_point: list[OneStopServicePointRow]
    by_unit: list[OneStopUnitRow]
    #: The catalogue of the unit's province(s): procedures at each online level (full, partial, none).
    procedures_total: int
    procedures_one_stop: int
    one_stop_share: Decimal | None
    procedure_levels: dict[str, int]
    procedure_level_shares: dict[str, Decimal | None]


# --- helpers ----------------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the API's auth only lets real accounts through
    return user


def _ref(unit: Unit) -> UnitRef:
    return UnitRef(code=unit.code, name=unit.name, level=unit.level)


def _person(user: Any) -> str | None:
    return (user.get_full_name() or user.username) if user is not None else None


def _page(qs: QuerySet[Any], page: int, page_size: int, serialize: Any) -> dict[str, Any]:
    count = qs.count()
    start = (page - 1) * page_size
    results = [serialize(x) for x in qs[start : start + page_size]] if start < count else []
    return {"count": count, "page": page, "page_size": page_size, "results": results}


def _procedure(p: Procedure) -> dict[str, Any]:
    return {
        "id": p.pk,
        "code": p.code,
        "name": p.name,
        "field": p.field,
        "level": p.level,
        "level_label": p.get_level_display(),
        "days": p.days,
        "hours": p.hours,
        "time_label": p.time_label,
        "cutoff": p.cutoff,
        "fee": p.fee,
        "online_level": p.online_level,
        "online_level_label": p.get_online_level_display(),
        "one_stop": p.one_stop,
        "components": list(p.components or []),
        "legal_basis": p.legal_basis,
        "active": p.active,
        "unit": _ref(p.unit),
    }


def _point(point: ServicePoint) -> dict[str, Any]:
    return {
        "id": point.pk,
        "name": point.name,
        "kind": point.kind,
        "kind_label": point.get_kind_display(),
        "address": point.address,
        "phone": point.phone,
        "active": point.active,
        "unit": _ref(point.unit),
    }


def _dossier(d: Dossier, user: User, calendar: Any = None) -> dict[str, Any]:
    now = timezone.now()
    in_progress = d.status in rules.IN_PROGRESS
    return {
        "id": d.pk,
        "code": d.code,
        "unit": _ref(d.unit),
        "service_point_id": d.service_point_id,
        "service_point": d.service_point.name,
        "procedure": {"id": d.procedure_id, "code": d.procedure.code, "name": d.procedure.name},
        "field": d.field,
        "status": d.status,
        "status_label": d.get_status_display(),
        "channel": d.channel,
        "channel_label": d.get_channel_display(),
        "applicant_name": d.applicant_name,
        "submitted_at": d.submitted_at,
        "received_at": d.received_at,
        "received_on": d.received_on,
        "due_at": d.due_at,
        "due_on": d.due_on,
        "overdue": bool(in_progress and d.due_at is not None and d.due_at < now),
        "due_tomorrow": bool(
            in_progress and rules.warn_due_tomorrow(timezone.localdate(), d.due_on, calendar or current_calendar())
        ),
        "finished_at": d.finished_at,
        "timeliness": d.timeliness,
        "timeliness_label": d.get_timeliness_display() if d.timeliness else "",
        "returned_at": d.returned_at,
        "return_method": d.return_method,
        "department": d.department,
        "handler": d.handler.username if d.handler else None,
        "allowed_actions": [a.name for a in allowed_actions(STEPS, user, d)],
        "waiting_for": waiting_for(STEPS, d),
    }


def _detail(d: Dossier, user: User) -> dict[str, Any]:
    apology = Apology.objects.filter(dossier=d).first()
    rating = Rating.objects.filter(dossier=d).first()
    return _dossier(d, user) | {
        "applicant_id_number": d.applicant_id_number,
        "applicant_phone": d.applicant_phone,
        "applicant_email": d.applicant_email,
        "applicant_address": d.applicant_address,
        "owner_name": d.owner_name,
        "owner_address": d.owner_address,
        "sets": d.sets,
        "fee_method": d.fee_method,
        "result_place": d.result_place,
        "supplements": d.supplements,
        "ended_on": d.ended_on,
        "end_reason": d.end_reason,
        "received_by": _person(d.received_by),
        "handovers": [
            {
                "handed_at": h.handed_at,
                "from_department": h.from_department,
                "to_department": h.to_department,
                "handler": h.handler.username if h.handler else None,
                "note": h.note,
            }
            for h in d.handovers.select_related("handler")
        ],
        "pauses": [
            {
                "kind": p.kind,
                "kind_label": p.get_kind_display(),
                "started_at": p.started_at,
                "ended_at": p.ended_at,
                "reason": p.reason,
            }
            for p in d.pauses.all()
        ],
        "apology": (
            {"issued_at": apology.issued_at, "reason": apology.reason, "new_due_at": apology.new_due_at}
            if apology is not None
            else None
        ),
        "rating": _rating(rating) if rating is not None else None,
    }


def _rating(r: Any) -> dict[str, Any]:
    return {
        "scheme": r.scheme,
        "channel": r.channel,
        "channel_label": r.get_channel_display(),
        "level": r.level,
        "level_label": rules.FIVE_LEVELS[r.level],
        "satisfied": r.satisfied,
        "indices": list(r.indices or []),
        "officer_points": r.officer_points,
        "comment": r.comment,
        "rated_on": r.rated_on,
    }


def _get(request: HttpRequest, pk: int) -> Dossier:
    qs = Dossier.objects.select_related("unit", "procedure", "service_point", "handler", "received_by")
    return access.get_for_user_or_404(qs, _user(request), pk=pk)


def _unit(code: str, name: str) -> Unit:
    try:
        return unit_by_code(code.strip())
    except UnitCodeNotFound as exc:
        raise ValidationError({name: str(exc)}) from exc


# --- the catalogue and the service points -------------------------------------------------------------


class OneStopProcedureFilters(OneStopCleanText):
    q: str = Field("", max_length=200, description="Tên hoặc mã thủ tục (không cần dấu).")
    field: str = Field("", max_length=150)
    online_level: Literal["", "full", "partial", "none"] = ""
    active: bool | None = None
    page: PageNumber = 1
    page_size: PageSize = settings.DANVAN_API_PAGE_SIZE


@router.get("/procedures", response=responses(ProcedurePage), summary="Danh mục thủ tục hành chính")
def list_procedures(request: HttpRequest, filters: Query[OneStopProcedureFilters]) -> dict[str, Any]:
    """The catalogues of the caller's provinces, by field and name; ``q`` finds a name (accents not
    needed) or a code; ``field``, ``online_level`` and ``active`` narrow it."""
    qs = selectors.procedures_for(_user(request)).order_by("field", "name", "pk")
    if text := filters.q.strip():
        qs = qs.filter(Q(name_folded__contains=fold(text)) | Q(code__icontains=text))
    if filters.field:
        qs = qs.filter(field=filters.field)
    if filters.online_level:
        qs = qs.filter(online_level=filters.online_level)
    if filters.active is not None:
        qs = qs.filter(active=filters.active)
    return _page(qs, filters.page, filters.page_size, _procedure)


@router.get("/procedures/{int:pk}", response=responses(ProcedureOut), summary="Một thủ tục hành chính")
def get_procedure(request: HttpRequest, pk: Id) -> dict[str, Any]:
    """One procedure of the caller's provinces' catalogues (another province's is "not found")."""
    procedure = selectors.procedures_for(_user(request)).filter(pk=pk).first()
    if procedure is None:
        raise Http404("Không tìm thấy thủ tục.")
    return _procedure(procedure)


@router.post("/procedures", response=responses(ProcedureOut, 201), summary="Thêm thủ tục vào danh mục")
def create_procedure(request: HttpRequest, payload: ProcedureIn) -> Status[dict[str, Any]]:
    """A new procedure of the province's catalogue (the right to decide in the province is needed)."""
    data = payload.dict(exclude={"unit_code"})
    procedure = services.save_procedure(actor=_user(request), unit=_unit(payload.unit_code, "unit_code"), **data)
    procedure.refresh_from_db()
    return Status(201, _procedure(procedure))


class OneStopPointFilters(OneStopCleanText):
    unit: str = Field("", max_length=32, description="Mã đơn vị: chỉ các nơi tiếp nhận của đơn vị này.")
    page: PageNumber = 1
    page_size: PageSize = settings.DANVAN_API_PAGE_SIZE


@router.get("/service-points", response=responses(ServicePointPage), summary="Nơi tiếp nhận và trả kết quả")
def list_service_points(request: HttpRequest, filters: Query[OneStopPointFilters]) -> dict[str, Any]:
    """The service centres and reception points in the caller's scope; ``id`` is the
    ``service_point_id`` of ``POST /onestop/dossiers``."""
    qs = selectors.service_points_for(_user(request)).order_by("unit__path", "name", "pk")
    if filters.unit:
        qs = qs.filter(unit=_unit(filters.unit, "unit"))
    return _page(qs, filters.page, filters.page_size, _point)


# --- dossiers ------------------------------------------------------------------------------------------


class OneStopDossierFilters(OneStopCleanText):
    queue: Literal["", "mine", "due_tomorrow", "overdue", "to_return", "online"] = ""
    status: str = Field("", max_length=24)
    channel: str = Field("", max_length=8)
    timeliness: str = Field("", max_length=8)
    field: str = Field("", max_length=150)
    year: Year | None = None
    unit: str = Field("", max_length=32, description="Mã đơn vị: hồ sơ của đơn vị và các đơn vị trực thuộc.")
    q: str = Field("", max_length=200, description="Mã hồ sơ, người nộp, thủ tục (không cần dấu).")
    sort: str = Field("", max_length=20)
    page: PageNumber = 1
    page_size: PageSize = settings.DANVAN_API_PAGE_SIZE


@router.get("/dossiers", response=responses(DossierPage), summary="Sổ theo dõi hồ sơ")
def list_dossiers(request: HttpRequest, filters: Query[OneStopDossierFilters]) -> dict[str, Any]:
    """The dossiers the caller may see, in a work queue (``overdue``; ``due_tomorrow``: due on the next
    working day; ``mine``; ``to_return``; ``online``), filtered as on the page; ``sort`` is one of the
    page's column keys, ``-`` first for descending; a page past the end is empty."""
    user = _user(request)
    calendar = current_calendar()
    return api_page(
        DOSSIERS,
        user,
        filters.model_dump(exclude={"page", "page_size"}),
        page=filters.page,
        page_size=filters.page_size,
        serialize=lambda d: _dossier(d, user, calendar),
    )


@router.get("/dossiers/{int:pk}", response=responses(DossierDetailOut), summary="Một hồ sơ")
def get_dossier(request: HttpRequest, pk: Id) -> dict[str, Any]:
    """The dossier with its due instant, early / on time / late, the control slip's hand-overs, the
    paused intervals, the apology slip, the rating and the steps the caller may take now."""
    return _detail(_get(request, pk), _user(request))


@router.post("/dossiers", response=responses(DossierDetailOut, 201), summary="Tiếp nhận hồ sơ")
def receive_dossier(request: HttpRequest, payload: DossierIn) -> Status[dict[str, Any]]:
    """Receive a dossier at a service point (the clock starts at ``received_at``, now by default): the
    answer carries its code and due instant, as the appointment slip prints them."""
    user = _user(request)
    point = access.get_for_user_or_404(ServicePoint.objects.select_related("unit"), user, pk=payload.service_point_id)
    catalogue = services.procedures_for(point.unit)
    if payload.procedure_id is not None:
        procedure = catalogue.filter(pk=payload.procedure_id).first()
        if procedure is None:
            raise ValidationError({"procedure_id": f"Không có thủ tục số {payload.procedure_id} trong danh mục "
                                                   "đang áp dụng của tỉnh."})  # fmt: skip
    elif payload.procedure_code:
        procedure = catalogue.filter(code=payload.procedure_code.strip()).first()
        if procedure is None:
            raise ValidationError({"procedure_code": f"Không có thủ tục mã “{payload.procedure_code}” trong danh "
                                                     "mục đang áp dụng của tỉnh."})  # fmt: skip
    else:
        raise ValidationError({"procedure_id": "Cần procedure_id hoặc procedure_code của thủ tục."})
    received_at = payload.received_at
    if received_at is not None:
        if timezone.is_naive(received_at):
            received_at = timezone.make_aware(received_at)
        if received_at.date() < EARLIEST:
            raise ValidationError({"received_at": f"Thời điểm tiếp nhận không được trước {format_date(EARLIEST)}."})
    applicant = payload.dict(exclude={"service_point_id", "procedure_id", "procedure_code", "channel", "received_at"})
    dossier = services.receive_dossier(
        actor=user, service_point=point, procedure=procedure, channel=payload.channel, received_at=received_at,
        **applicant,
    )  # fmt: skip
    return Status(201, _detail(_get(request, dossier.pk), user))


@router.get("/dossiers/{int:pk}/actions", response=responses(DossierActionList), summary="Các bước có thể thực hiện")
def dossier_actions(request: HttpRequest, pk: Id) -> dict[str, Any]:
    """The steps the caller may take on the dossier now, each with its parameters; a ``user`` parameter
    (the handler of a hand-over) lists the only people who may be named."""
    user = _user(request)
    dossier = _get(request, pk)
    expected = services.DOSSIER.expected_names(dossier.status)
    rows = []
    for action in allowed_actions(STEPS, user, dossier):
        params = []
        for param in action.params:
            candidates = []
            if param.kind in (ParamKind.USER, ParamKind.USERS) and param.candidates is not None:
                candidates = [{"username": c.username, "name": c.get_full_name() or c.username}
                              for c in param.candidates(user, dossier)]  # fmt: skip
            params.append({
                "name": param.name, "label": param.label, "kind": param.kind.value, "required": param.required,
                "choices": [{"value": str(v), "label": str(label)} for v, label in param.choices_for(dossier)],
                "candidates": candidates,
            })  # fmt: skip
        rows.append({
            "name": action.name, "label": action.label,
            "path": f"/api/v1/onestop/dossiers/{dossier.pk}/transitions/{action.name}",
            "target": action.target, "danger": action.danger, "basis": action.basis, "params": params,
        })  # fmt: skip
    allowed = {row["name"] for row in rows}
    return {"count": len(rows), "expected": next((n for n in expected if n in allowed), ""), "results": rows}


@router.get("/dossiers/{int:pk}/timeline", response=responses(DossierTimelineList), summary="Quá trình xử lý hồ sơ")
def dossier_timeline(request: HttpRequest, pk: Id) -> dict[str, Any]:
    """Every step of the dossier in the order recorded, hand-overs included (the public status page
    shows only the public ones)."""
    dossier = _get(request, pk)
    rows = [
        {"at": e.at, "on": e.day, "actor": e.actor, "action": e.action, "action_label": e.label,
         "from_state": e.from_label, "to_state": e.to_label, "note": e.note}
        for e in timeline(services.DOSSIER, dossier)
    ]  # fmt: skip
    return {"count": len(rows), "results": rows}


@router.post("/dossiers/{int:pk}/rating", response=responses(DossierDetailOut, 201), summary="Nhập phiếu đánh giá")
def rate_dossier(request: HttpRequest, pk: Id, payload: DossierRatingIn) -> Status[dict[str, Any]]:
    """A citizen's paper rating of a returned dossier, entered by staff of its unit, once: ``level`` 1–5
    or the nine ``indices``, as the province's scheme is (the kiosk and the QR code use the public pages)."""
    user = _user(request)
    dossier = _get(request, pk)
    services.rate(dossier=dossier, channel=rules.RatingChannel.PAPER, level=payload.level,
                  indices=payload.indices or None, comment=payload.comment, actor=user)  # fmt: skip
    return Status(201, _detail(_get(request, pk), user))


def _detail_out(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    return _detail(_get(request, dossier.pk), _user(request))


# One documented route per step of the dossier's machine, through the same engine as the pages: a handler
# is named by username and must be one of the candidates (the machine refuses anyone else with a 422).
add_transition_routes(router, STEPS, path="/dossiers", get_object=_get, output=_detail_out, response=DossierDetailOut)


# --- statistics ----------------------------------------------------------------------------------------


def _counts(values: dict[str, Any]) -> dict[str, int]:
    return {name: int(values.get(name) or 0) for name in OneStopCounts.model_fields}


@router.get("/stats", response=responses(OneStopStatsOut), summary="Thống kê một cửa")
def onestop_stats(
    request: HttpRequest,
    year: Year,
    unit: str | None = None,
    period: Literal["year", "h1", "h2", "9m", "q1", "q2", "q3", "q4"] = "year",
    tree: Literal["today", "then"] = "today",
) -> dict[str, Any]:
    """Every one-stop figure of a unit (code; the working unit by default) in a period (``period``: year,
    h1, h2, 9m, q1–q4 of ``year``): dossiers carried over and received (in person, online, by post),
    finished early / on time / late, in progress within time / overdue, returned, withdrawn, refused,
    stopped; apology slips; ratings; the online, on-time and satisfaction shares; by field, procedure,
    service point and direct sub-unit; the catalogue's online levels. ``tree=then``: the tree as it was."""
    user = _user(request)
    question = ask_api(user, permission=RIGHTS.view, unit=unit, year=year, period=period, tree=tree)
    target, chosen = question.unit, question.period
    stats = selectors.stats_for(target, chosen, user=user, today_tree=question.today_tree)
    procedures = {p.pk: p for p in Procedure.objects.filter(pk__in=list(stats.by_procedure))}
    points = dict(ServicePoint.objects.filter(pk__in=list(stats.by_service_point)).values_list("pk", "name"))
    levels = {level: stats.procedure_levels.get(level, 0) for level in rules.OnlineLevel.values}
    return {
        "unit": _ref(target),
        "period_start": chosen.start,
        "period_end": chosen.end,
        "period_label": chosen.label,
        "today_tree": question.today_tree,
        "totals": _counts(stats.totals),
        "received_total": stats.received_total,
        "online_share": stats.online_share,
        "on_time_share": stats.on_time_share,
        "satisfaction_share": stats.satisfaction_share,
        "apologies": stats.apologies,
        "ratings": {name: int(stats.ratings.get(name) or 0) for name in OneStopRatingCounts.model_fields},
        "by_field": [{"field": k, "counts": _counts(v)} for k, v in sorted(stats.by_field.items())],
        "by_procedure": [
            {"id": pk, "code": procedures[pk].code, "name": procedures[pk].name, "counts": _counts(v)}
            for pk, v in sorted(stats.by_procedure.items(), key=lambda item: (procedures[item[0]].code, item[0]))
        ],
        "by_service_point": [
            {"id": pk, "name": points.get(pk, ""), "counts": _counts(v)}
            for pk, v in sorted(stats.by_service_point.items(), key=lambda item: (points.get(item[0], ""), item[0]))
        ],
        "by_unit": [{"code": u.code, "name": u.name, "counts": _counts(v)} for u, v in stats.by_unit],
        "procedures_total": stats.procedures_total,
        "procedures_one_stop": stats.procedures_one_stop,
        "one_stop_share": stats.one_stop_share,
        "procedure_levels": levels,
        "procedure_level_shares": {level: stats.level_share(level) for level in rules.OnlineLevel.values},
    }
