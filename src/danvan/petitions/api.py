"""Reception and petitions in the JSON API: /api/v1/letters, /api/v1/cases, transitions and statistics,
and the grouping of the backlog into cases (/api/v1/backlog/runs, issue 11).

Same scope as the pages (out of scope is 404). A denouncer's identity is never in a response:
``sender`` is "Người tố cáo: được giữ bí mật" for every denunciation.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from danvan.accounts import access, roles
from danvan.accounts.api import API_AUTH
from danvan.accounts.models import User
from danvan.core.api import Id, PageNumber, PageSize, Year, responses
from danvan.lists.api import api_page
from danvan.petitions import backlog, intake_suggestions, rules, selectors, services
from danvan.petitions.lists import CASES
from danvan.petitions.models import Case, GroupingRun, GroupProposal, Letter, Subject
from danvan.stats.question import ask_api
from danvan.units.api import UnitRef
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow.api import add_transition_routes
from danvan.workflow.engine import allowed_actions, waiting_for

router = Router(tags=["Tiếp công dân, đơn thư"], auth=API_AUTH)


class LetterOut(Schema):
    id: int
    case_id: int | None
    received_on: datetime.date
    channel: str
    kind: str
    subject: str
    content: str
    sender: str
    co_signers: int
    eligible: bool
    ineligible_reason: str
    in_competence: bool
    duplicate_of: int | None


class CaseOut(Schema):
    id: int
    number: str
    unit: UnitRef
    kind: str
    kind_label: str
    subject: str
    summary: str
    status: str
    status_label: str
    received_on: datetime.date
    accepted_on: datetime.date | None
    decided_on: datetime.date | None
    due_on: datetime.date | None
    due_rule: str
    due_explanation: str
    reply_due_on: datetime.date | None
    overdue: bool
    crowd: bool
    over_level: bool
    anonymous: bool
    protracted: bool
    outcome: str
    allowed_actions: list[str]
    waiting_for: list[str] = []


class CaseDetailOut(CaseOut):
    letters: list[LetterOut]


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CaseOut]


class LetterIn(Schema):
    unit_code: str | None = None
    unit_id: Id | None = None
    case_id: Id | None = None
    received_on: datetime.date
    channel: str
    kind: Literal["kn", "tc", "kng", "pa", "mixed"]
    subject_id: Id
    content: str
    sender_name: str = ""
    sender_id_number: str = ""
    sender_address: str = ""
    sender_phone: str = ""
    sender_email: str = ""
    #: As the columns hold them (a positive integer, a positive small integer): larger or negative is a 422.
    co_signers: int = Field(1, ge=1, le=2_147_483_647)
    representatives: int = Field(0, ge=0, le=32_767)
    anonymous: bool = False
    impersonated: bool = False
    conditions_met: list[str] = []
    in_competence: bool = True
    competent_sector: str = ""
    over_level: bool = False
    forwarded_by: str = ""
    has_original_papers: bool = False
    #: The officer confirms that the letter is a matter of its own, not one of the suggested cases.
    confirmed_new: bool = False


class SuggestionsIn(Schema):
    """A letter being entered, as far as it is typed: nothing but the unit is required."""

    unit_code: str | None = None
    unit_id: Id | None = None
    content: str = ""
    sender_name: str = ""
    sender_id_number: str = ""
    sender_address: str = ""
    anonymous: bool = False
    #: What the officer already chose, if he did: kept, and the competent body is routed from it.
    kind: Literal["", "kn", "tc", "kng", "pa", "mixed"] = ""
    subject_id: Id | None = None


class SuggestedCaseOut(Schema):
    case_id: int
    number: str
    unit: UnitRef
    status: str
    status_label: str
    kind: str
    kind_label: str
    #: 0–1: the content's likeness raised by the same sender, hamlet and unit; ``percent`` is the same.
    score: float
    percent: int
    #: "cùng người gửi; cùng thôn Nà Săm; nội dung giống 87%".
    reason: str
    #: Whether the letter can join it (a case of the receiving unit); else ``note`` says where it is.
    joinable: bool
    note: str
    url: str


class ClassificationOut(Schema):
    kind: str
    kind_label: str
    kind_reason: str
    subject_id: int | None
    subject: str
    subject_reason: str
    body: str
    handling: str
    basis: str
    rule_id: int | None


class IntakeSuggestionsOut(Schema):
    cases: list[SuggestedCaseOut]
    classification: ClassificationOut | None
    warnings: list[str]


class RecordedSuggestionOut(Schema):
    #: ``joined`` (the officer chose a case, or a repeat letter joined its own), ``new`` (confirmed new),
    #: ``pending`` (a case is suggested, left for an officer), ``none``.
    decision: Literal["joined", "new", "pending", "none"]
    decision_label: str
    cases: list[SuggestedCaseOut]


class LetterReceivedOut(LetterOut):
    suggestion: RecordedSuggestionOut


class PetitionStatsOut(Schema):
    unit: UnitRef
    period_start: datetime.date
    period_end: datetime.date
    sessions: dict[str, int]
    sessions_online: int
    visits: int
    delegations: int
    letters: int
    carried_over: int
    duplicates: int
    eligible: int
    not_eligible: int
    letters_by_kind: dict[str, int]
    letters_by_subject: dict[str, int]
    cases: int
    outcomes: dict[str, int]
    in_competence: int
    resolved: int
    #: How the resolved cases were resolved: ``decision``, ``withdrawn``, ``mediated`` (DOMAIN §1.7).
    resolutions: dict[str, int]
    resolved_on_time: int
    on_time_rate: Decimal | None
    overdue_open: int
    complaint_results: dict[str, int]
    denunciation_results: dict[str, int]
    money_recovered: Decimal
    land_recovered: Decimal
    discipline_proposed: int


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _ref(unit: Unit) -> UnitRef:
    return UnitRef(code=unit.code, name=unit.name, level=unit.level)


def _letter(letter: Letter) -> dict[str, Any]:
    return {
        "id": letter.pk,
        "case_id": letter.case_id,
        "received_on": letter.received_on,
        "channel": letter.channel,
        "kind": letter.kind,
        "subject": letter.subject.name,
        "content": letter.content,
        "sender": services.public_sender(letter),
        "co_signers": letter.co_signers,
        "eligible": letter.eligible,
        "ineligible_reason": letter.ineligible_reason,
        "in_competence": letter.in_competence,
        "duplicate_of": letter.duplicate_of_id,
    }


def _case(case: Case, user: User) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "unit": _ref(case.unit),
        "kind": case.kind,
        "kind_label": rules.KIND_LABELS[rules.LetterKind(case.kind)],
        "subject": case.subject.name,
        "summary": case.summary,
        "status": case.status,
        "status_label": rules.STATUS_LABELS[rules.Status(case.status)],
        "received_on": case.received_on,
        "accepted_on": case.accepted_on,
        "decided_on": case.decided_on,
        "due_on": case.due_on,
        "due_rule": case.due_rule,
        "due_explanation": case.due_explanation,
        "reply_due_on": case.reply_due_on,
        "overdue": case.is_overdue,
        "crowd": case.crowd,
        "over_level": case.over_level,
        "anonymous": case.anonymous,
        "protracted": case.protracted,
        "outcome": case.outcome,
        "allowed_actions": [a.name for a in allowed_actions(services.CASE, user, case)],
        "waiting_for": waiting_for(services.CASE, case),
    }


def _receiving_unit(unit_id: int | None, unit_code: str | None) -> Unit:
    """The unit a letter is entered at, named by id or by code (a 422 naming the field if there is none)."""
    if unit_id is not None:
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None:
            raise ValidationError({"unit_id": f"Không có đơn vị số {unit_id}."})
        return unit
    try:
        return unit_by_code(unit_code or "")
    except UnitCodeNotFound as exc:
        raise ValidationError({"unit_code": str(exc)}) from exc


def _get(request: HttpRequest, pk: int) -> Case:
    return access.get_for_user_or_404(Case.objects.select_related("unit", "subject"), _user(request), pk=pk)


class CaseFilters(Schema):
    queue: Literal["", "mine", "due_soon", "overdue"] = ""
    status: str = ""
    kind: str = ""
    q: str = ""
    sort: str = ""
    page: PageNumber = 1
    page_size: PageSize = settings.DANVAN_API_PAGE_SIZE


@router.get("/cases", response=responses(CasePage), summary="Danh sách vụ việc")
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    """The cases the caller may see, in a work queue, filtered as on the page (``q`` ignores accents;
    ``sort`` is one of the page's column keys, ``-`` first for descending); a page past the end is empty."""
    user = _user(request)
    return api_page(
        CASES,
        user,
        filters.model_dump(exclude={"page", "page_size"}),
        page=filters.page,
        page_size=filters.page_size,
        serialize=lambda c: _case(c, user),
    )


@router.get("/cases/{int:pk}", response=responses(CaseDetailOut), summary="Một vụ việc")
def get_case(request: HttpRequest, pk: Id) -> dict[str, Any]:
    case = _get(request, pk)
    return _case(case, _user(request)) | {
        "letters": [_letter(x) for x in case.letters.select_related("subject").order_by("pk")]
    }


@router.post("/letters", response=responses(LetterReceivedOut, 201), summary="Vào sổ một đơn")
def create_letter(request: HttpRequest, payload: LetterIn) -> Status[dict[str, Any]]:
    """``case_id`` attaches the letter to a case of the unit; ``confirmed_new`` records that it is a matter of
    its own. ``suggestion`` says what was recorded about the suggested cases (only those the caller may see)."""
    user = _user(request)
    unit = _receiving_unit(payload.unit_id, payload.unit_code)
    subject = Subject.objects.filter(pk=payload.subject_id).first()
    if subject is None:
        raise ValidationError({"subject_id": f"Không có lĩnh vực số {payload.subject_id}."})
    case = None
    if payload.case_id is not None:
        case = access.get_for_user_or_404(Case.objects.all(), user, roles.PETITIONS.edit, pk=payload.case_id)
    fields = payload.dict(exclude={"unit_code", "unit_id", "case_id", "subject_id", "conditions_met", "confirmed_new"})
    papers = services.Intake(subject=subject, conditions_met=set(payload.conditions_met), **fields)
    letter = services.receive_letter(
        actor=user, unit=unit, intake=papers, case=case, confirmed_new=payload.confirmed_new and case is None
    )
    return Status(201, _letter(letter) | {"suggestion": intake_suggestions.recorded(user, letter)})


@router.post("/letters/suggestions", response=responses(IntakeSuggestionsOut), summary="Gợi ý khi vào sổ đơn")
def suggest_for_letter(request: HttpRequest, payload: SuggestionsIn) -> dict[str, Any]:
    """While a letter is typed: the existing cases most likely about the same matter, best first, each with
    its score and its reason ("cùng người gửi; cùng thôn Nà Săm; nội dung giống 87%"), only those the caller
    may see (a sealed case only to its handlers and leader); the suggested kind, field and competent body;
    warnings about the text. Nothing is recorded. Odd text gives no suggestion, never an error."""
    user = _user(request)
    unit = _receiving_unit(payload.unit_id, payload.unit_code)
    subject = None
    if payload.subject_id is not None:
        subject = Subject.objects.filter(pk=payload.subject_id).first()
        if subject is None:
            raise ValidationError({"subject_id": f"Không có lĩnh vực số {payload.subject_id}."})
    return intake_suggestions.for_intake(
        user, unit, content=payload.content, sender_name=payload.sender_name,
        sender_id_number=payload.sender_id_number, sender_address=payload.sender_address,
        kind=payload.kind, subject=subject, anonymous=payload.anonymous,
    )  # fmt: skip


def _case_out(request: HttpRequest, case: Case) -> dict[str, Any]:
    return _case(case, _user(request))


# One documented route per action of the case's machine, through the same engine as the pages.
add_transition_routes(router, services.CASE, path="/cases", get_object=_get, output=_case_out, response=CaseOut)


@router.get("/petitions/stats", response=responses(PetitionStatsOut), summary="Thống kê đơn thư")
def petition_stats(
    request: HttpRequest,
    year: Year,
    unit: str | None = None,
    period: Literal["year", "h1", "h2", "9m", "q1", "q2", "q3", "q4"] = "year",
    tree: str = "today",
) -> dict[str, Any]:
    user = _user(request)
    question = ask_api(user, permission=roles.PETITIONS.view, unit=unit, year=year, period=period, tree=tree)
    target, chosen = question.unit, question.period
    stats = selectors.stats_for(target, chosen, today_tree=question.today_tree, user=user)
    return {
        "unit": _ref(target),
        "period_start": chosen.start,
        "period_end": chosen.end,
        **{
            name: (dict(value) if isinstance(value, dict) else value)
            for name, value in stats.__dict__.items()
            if name not in ("unit", "period", "by_unit")
        },
        "on_time_rate": stats.on_time_rate,
    }


# --- reference lists that a new letter needs ---------------------------------------------------------


class SubjectOut(Schema):
    id: int
    name: str
    order: int


class SubjectList(Schema):
    count: int
    results: list[SubjectOut]


class ChoiceOut(Schema):
    value: str
    label: str


class ChannelOut(ChoiceOut):
    #: A forwarded letter names its forwarder in ``forwarded_by``, who is told the result
    #: (Luật Tiếp công dân 2013 Điều 27.2; Luật Tố cáo 2018 Điều 26.2).
    forwarded: bool


class ChannelList(Schema):
    count: int
    results: list[ChannelOut]


class KindList(Schema):
    count: int
    results: list[ChoiceOut]


@router.get("/petitions/subjects", response=responses(SubjectList), summary="Danh mục lĩnh vực đơn thư")
def list_subjects(request: HttpRequest) -> dict[str, Any]:
    """The subjects in use, in the officers' order: ``id`` is the ``subject_id`` of ``POST /letters``."""
    rows = [{"id": s.pk, "name": s.name, "order": s.order} for s in selectors.active_subjects()]
    return {"count": len(rows), "results": rows}


@router.get("/petitions/channels", response=responses(ChannelList), summary="Danh mục nguồn đơn")
def list_channels(request: HttpRequest) -> dict[str, Any]:
    """How a letter arrived: ``value`` is the ``channel`` of ``POST /letters``; a ``forwarded`` channel
    needs ``forwarded_by``."""
    rows = [
        {"value": c.value, "label": label, "forwarded": c in rules.FORWARDING_CHANNELS}
        for c, label in rules.CHANNEL_LABELS.items()
    ]
    return {"count": len(rows), "results": rows}


@router.get("/petitions/kinds", response=responses(KindList), summary="Danh mục loại đơn")
def list_kinds(request: HttpRequest) -> dict[str, Any]:
    """Khiếu nại, tố cáo, kiến nghị, phản ánh, nhiều nội dung: ``value`` is the ``kind`` of ``POST /letters``."""
    rows = [{"value": k.value, "label": label} for k, label in rules.KIND_LABELS.items()]
    return {"count": len(rows), "results": rows}


class ConditionOut(ChoiceOut):
    #: The kinds of letter for which the condition is checked (TT 07/2014/TT-TTCP Điều 6.2).
    kinds: list[str]


class ConditionList(Schema):
    count: int
    results: list[ConditionOut]


@router.get("/petitions/conditions", response=responses(ConditionList), summary="Danh mục điều kiện xử lý đơn")
def list_conditions(request: HttpRequest) -> dict[str, Any]:
    """The processing conditions: ``value`` goes into ``conditions_met`` of ``POST /letters``; ``kinds``
    says for which kinds of letter it is checked (Thông tư 07/2014/TT-TTCP, Điều 6.2)."""
    rows = [
        {
            "value": c.value,
            "label": label,
            "kinds": [
                k.value for k in rules.LetterKind if k != rules.LetterKind.MIXED and c in rules.conditions_for(k)
            ],
        }
        for c, label in rules.CONDITION_LABELS.items()
    ]
    return {"count": len(rows), "results": rows}


# --- the backlog (đơn chưa phân vụ việc) and its grouping into cases, issue 11 ------------------------
# The same services as the pages (:mod:`.backlog`): a run is its owner's, "not found" to anyone else.

#: A proposal's place in its run (a positive integer column: larger is a 422, not a server error).
Position = Annotated[int, Field(ge=1, le=2_147_483_647, description="Thứ tự của nhóm trong đề xuất, từ 1.")]


class BacklogRunIn(Schema):
    """The unit whose backlog is grouped (the letters in no case under it that the caller may see), named as
    the unit of ``POST /letters``."""

    unit_code: str | None = None
    unit_id: Id | None = None


class ProposalLetterOut(Schema):
    id: int
    received_on: datetime.date
    kind: str


class ProposalOut(Schema):
    position: int
    #: ``proposed`` (to be reviewed), ``accepted``, ``rejected`` (each letter a case of its own).
    status: str
    status_label: str
    #: Whether the owner must decide on it before the apply (several letters, or an existing case).
    needs_decision: bool
    #: Oldest first; no sender: a denouncer stays sealed.
    letters: list[ProposalLetterOut]
    #: The existing case the letters join when accepted, or null (a new case).
    case_id: int | None
    #: The weakest link the proposal rests on (0–1), or null.
    score: float | None
    reasons: list[str]


class GroupingRunOut(Schema):
    id: uuid.UUID
    #: ``queued``, ``running``, ``ready`` (to be reviewed), ``applied``, ``failed``.
    status: str
    status_label: str
    total: int
    done: int
    percent: int
    unit: UnitRef


class GroupingRunDetailOut(GroupingRunOut):
    proposals: list[ProposalOut]


class SplitIn(Schema):
    #: The letters (ids) that leave the proposal for a new one of their own, right after it.
    letters: list[Id]


class BacklogAppliedOut(Schema):
    new_cases: int
    joined_cases: int
    joined_letters: int
    letters: int


def _run(run: GroupingRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "status": run.status,
        "status_label": run.get_status_display(),
        "total": run.total,
        "done": run.done,
        "percent": run.percent,
        "unit": _ref(run.unit),
    }


def _proposal(proposal: GroupProposal) -> dict[str, Any]:
    letters = list(proposal.letters.all())
    return {
        "position": proposal.position,
        "status": proposal.status,
        "status_label": proposal.get_status_display(),
        "needs_decision": backlog.needs_decision(proposal, len(letters)),
        "letters": [{"id": x.pk, "received_on": x.received_on, "kind": x.kind} for x in letters],
        "case_id": proposal.case_id,
        "score": proposal.score,
        "reasons": list(proposal.reasons),
    }


def _run_detail(run: GroupingRun) -> dict[str, Any]:
    return _run(run) | {"proposals": [_proposal(p) for p in backlog.proposals_of(run)]}


def _own_run(request: HttpRequest, run_id: uuid.UUID) -> GroupingRun:
    return backlog.run_for(_user(request), run_id)


def _proposal_at(run: GroupingRun, position: int) -> GroupProposal:
    proposal = run.proposals.filter(position=position).first()
    if proposal is None:
        raise Http404(f"Không có nhóm {position} trong đề xuất gộp đơn này.")
    return proposal


@router.post("/backlog/runs", response=responses(GroupingRunOut, 201), summary="Đề xuất gộp đơn chưa phân vụ việc")
def start_backlog_run(request: HttpRequest, payload: BacklogRunIn) -> Status[dict[str, Any]]:
    """Queue the matcher over the backlog under the unit (the letters in no case that the caller may see,
    a unit where he enters letters); follow ``GET /backlog/runs/{run_id}`` until ``status`` is ``ready``."""
    unit = _receiving_unit(payload.unit_id, payload.unit_code)
    return Status(201, _run(backlog.start_grouping(_user(request), unit)))


@router.get("/backlog/runs/{uuid:run_id}", response=responses(GroupingRunDetailOut), summary="Một đề xuất gộp đơn")
def get_backlog_run(request: HttpRequest, run_id: uuid.UUID) -> dict[str, Any]:
    """The run's progress and, once ready, its proposals in order: each one case to open (or to join
    ``case_id``), with its letters, its score and its reasons. Only its owner sees it."""
    return _run_detail(backlog.give_up_if_lost(_own_run(request, run_id)))


@router.post(
    "/backlog/runs/{uuid:run_id}/proposals/{int:position}/accept",
    response=responses(GroupingRunDetailOut),
    summary="Đồng ý gộp một nhóm",
)
def accept_proposal(request: HttpRequest, run_id: uuid.UUID, position: Position) -> dict[str, Any]:
    """The proposal's letters become one case (or join its ``case_id``) when the run is applied."""
    run = _own_run(request, run_id)
    backlog.accept(actor=_user(request), run=run, proposal=_proposal_at(run, position))
    return _run_detail(run)


@router.post(
    "/backlog/runs/{uuid:run_id}/proposals/{int:position}/reject",
    response=responses(GroupingRunDetailOut),
    summary="Không gộp một nhóm",
)
def reject_proposal(request: HttpRequest, run_id: uuid.UUID, position: Position) -> dict[str, Any]:
    """Each of the proposal's letters becomes a case of its own when the run is applied."""
    run = _own_run(request, run_id)
    backlog.reject(actor=_user(request), run=run, proposal=_proposal_at(run, position))
    return _run_detail(run)


@router.post(
    "/backlog/runs/{uuid:run_id}/proposals/{int:position}/split",
    response=responses(GroupingRunDetailOut),
    summary="Tách đơn khỏi một nhóm",
)
def split_proposal(request: HttpRequest, run_id: uuid.UUID, position: Position, payload: SplitIn) -> dict[str, Any]:
    """The chosen letters (some of the proposal's, not all) leave it for a new proposal at ``position + 1``
    (a new case); both are to be reviewed again."""
    run = _own_run(request, run_id)
    proposal = _proposal_at(run, position)
    backlog.split(actor=_user(request), run=run, proposal=proposal, letter_ids=payload.letters)
    return _run_detail(run)


@router.post(
    "/backlog/runs/{uuid:run_id}/apply", response=responses(BacklogAppliedOut), summary="Áp dụng đề xuất gộp đơn"
)
def apply_backlog_run(request: HttpRequest, run_id: uuid.UUID) -> dict[str, Any]:
    """Every proposal becomes cases at once, in one transaction: refused while a proposal awaits a
    decision, once applied, or when a letter has left the backlog meanwhile (the message names it)."""
    done = backlog.apply(actor=_user(request), run=_own_run(request, run_id))
    return {
        "new_cases": done.new_cases,
        "joined_cases": done.joined_cases,
        "joined_letters": done.joined_letters,
        "letters": done.letters,
    }
