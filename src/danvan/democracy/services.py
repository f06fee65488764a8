"""The only write path of the grassroots-democracy area.

Every write checks the actor's right over the commune (``roles.DEMOCRACY``), validates with the pure
rules of :mod:`.rules` and writes nothing on a refusal (a Vietnamese ``ValidationError`` naming the
field). A community decision moves through the kit's engine with the machine :data:`DECISION`; its
due dates (Điều 20.3, 21.2) are the kit's clocks in working days, stored and recomputed on every step
and whenever the calendar changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.actors import require_actor
from danvan.core.calendar import WorkCalendar
from danvan.core.selectors import current_calendar
from danvan.core.services import record_event
from danvan.core.text import nfc
from danvan.core.uploads import sniff
from danvan.democracy import rules
from danvan.democracy.models import (
    BoardFinding,
    BoardMember,
    BoardPlan,
    CommunityDecision,
    Consultation,
    Convention,
    InspectionBoard,
    Publication,
    QuarterList,
    RecordFile,
)
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.workflow.clocks import DayUnit, DeadlineRule, Trigger, compute_due
from danvan.workflow.engine import Step, transition
from danvan.workflow.machine import NOTE, Action, Machine, Param, ParamKind, on

Actor = Any
RIGHTS = roles.DEMOCRACY
S = rules.DecisionStatus


# --- shared checks ------------------------------------------------------------------------------------


def _require(actor: Actor, right: str, unit: Unit) -> None:
    access.require(actor, right, unit, "Bạn không có quyền ghi hồ sơ dân chủ ở cơ sở của đơn vị này.")


def _commune(unit: Any, field: str = "unit") -> Unit:
    if not isinstance(unit, Unit) or unit.level != Level.COMMUNE:
        raise ValidationError({field: "Chọn một xã, phường, đặc khu."})
    return unit


def _hamlet_of(commune: Unit, hamlet: Any, field: str = "hamlet") -> Unit:
    if not isinstance(hamlet, Unit) or hamlet.level != Level.HAMLET or not hamlet.path.startswith(commune.path):
        raise ValidationError({field: f"Chọn một thôn, tổ dân phố của {commune.name}."})
    return hamlet


def _text(value: Any, limit: int, label: str, field: str, *, required: bool = False) -> str:
    text = nfc(str(value or "")).strip()
    if "\x00" in text:
        raise ValidationError({field: f"{label}: có ký tự không hợp lệ."})
    if len(text) > limit:
        raise ValidationError({field: f"{label}: tối đa {limit} ký tự."})
    if required and not text:
        raise ValidationError({field: f"Cần ghi {label.lower()}."})
    return text


def _date(value: Any, label: str, field: str, *, required: bool = True) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: f"Cần ghi {label.lower()}."})
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: f"{label}: ngày không hợp lệ."}) from None


def _int(value: Any, label: str, field: str, *, low: int = 0, high: int = 10**7) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: f"{label}: phải là số nguyên."}) from None
    if not low <= number <= high:
        raise ValidationError({field: f"{label}: phải từ {low} đến {high}."})
    return number


def _choices(values: Iterable[Any], allowed: Sequence[str], label: str, field: str) -> list[str]:
    chosen = [str(v) for v in values]
    bad = [v for v in chosen if v not in allowed]
    if bad:
        raise ValidationError({field: f"{label}: giá trị không hợp lệ {', '.join(bad)}."})
    return list(dict.fromkeys(chosen))


def attach_file(*, actor: Actor, record: Publication | CommunityDecision, upload: Any, title: str = "") -> RecordFile:
    """Keep a scan with a publication or a decision; the content is judged, not the name."""
    _require(actor, RIGHTS.edit, record.unit)
    sniffed = sniff(upload)
    if sniffed.errors:
        raise ValidationError({"file": " ".join(sniffed.errors)})
    owner = {"publication": record} if isinstance(record, Publication) else {"decision": record}
    return RecordFile.objects.create(
        title=_text(title or upload.name, 255, "Tiêu đề", "title"),
        file=upload,
        size=upload.size,
        content_type=sniffed.content_type,
        uploaded_by=access.user_of(actor),
        **owner,
    )


# --- publications -------------------------------------------------------------------------------------


def _publication_values(data: dict[str, Any]) -> tuple[dict[str, Any], rules.PublicationFacts]:
    errors: dict[str, str] = {}

    def take(fn: Any, *args: Any, **kw: Any) -> Any:
        try:
            return fn(*args, **kw)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
            return None

    category = take(_int, data.get("category"), "Nội dung công khai", "category", low=1, high=13)
    values = {
        "category": category,
        "title": take(_text, data.get("title"), 500, "Tên thông tin công khai", "title", required=True),
        "document_ref": take(_text, data.get("document_ref"), 100, "Số, ký hiệu văn bản", "document_ref"),
        "decided_on": take(_date, data.get("decided_on"), "Ngày ban hành văn bản", "decided_on"),
        "published_on": take(_date, data.get("published_on"), "Ngày công khai", "published_on"),
        "posted_from": take(_date, data.get("posted_from"), "Niêm yết từ ngày", "posted_from", required=False),
        "posted_to": take(_date, data.get("posted_to"), "Niêm yết đến ngày", "posted_to", required=False),
        "broadcast_days": take(
            _int, data.get("broadcast_days") or 0, "Số ngày phát trên loa", "broadcast_days", high=366
        ),
        "law_deadline_days": None,
        "law_basis": take(_text, data.get("law_basis"), 255, "Căn cứ thời hạn chuyên ngành", "law_basis"),
        "note": take(_text, data.get("note"), 4000, "Ghi chú", "note"),
        "forms": take(_choices, data.get("forms") or [], rules.Form.values, "Hình thức công khai", "forms"),
    }
    if data.get("law_deadline_days") not in (None, ""):
        values["law_deadline_days"] = take(
            _int, data.get("law_deadline_days"), "Thời hạn theo luật chuyên ngành", "law_deadline_days", high=365
        )
        if values["law_deadline_days"] is not None and not values["law_basis"]:
            errors["law_basis"] = "Ghi căn cứ của thời hạn theo luật chuyên ngành."
    if errors:
        raise ValidationError(errors)
    facts = rules.PublicationFacts(
        category=values["category"],
        decided_on=values["decided_on"],
        published_on=values["published_on"],
        forms=values["forms"],
        posted_from=values["posted_from"],
        posted_to=values["posted_to"],
        broadcast_days=values["broadcast_days"],
        law_deadline_days=values["law_deadline_days"],
    )
    if refusals := rules.publication_errors(facts):
        raise ValidationError(refusals)
    return values, facts


def _apply_check(publication: Publication, facts: rules.PublicationFacts, calendar: WorkCalendar) -> None:
    check = rules.check_publication(facts, calendar)
    publication.due_on = check.due_on
    publication.late_days = check.late_days
    publication.posting_short = check.posting_short
    publication.broadcast_short = check.broadcast_short
    publication.permanent = check.permanent
    publication.has_issue = check.has_issue
    publication.warnings = list(check.warnings)


@transaction.atomic
def record_publication(*, actor: Actor, unit: Unit, **data: Any) -> Publication:
    """Ghi một thông tin đã công khai, with its checks (Điều 11–13)."""
    require_actor(actor)
    _commune(unit)
    _require(actor, RIGHTS.edit, unit)
    values, facts = _publication_values(data)
    publication = Publication(unit=unit, created_by=access.user_of(actor), **values)
    _apply_check(publication, facts, current_calendar())
    publication.save()
    record_event(
        subject=publication,
        unit=unit,
        actor=actor,
        action="publish",
        note=publication.title,
        on=publication.published_on,
    )
    return publication


@transaction.atomic
def update_publication(*, actor: Actor, publication: Publication, **data: Any) -> Publication:
    require_actor(actor)
    _require(actor, RIGHTS.edit, publication.unit)
    values, facts = _publication_values(data)
    for name, value in values.items():
        setattr(publication, name, value)
    _apply_check(publication, facts, current_calendar())
    publication.save()
    record_event(subject=publication, unit=publication.unit, actor=actor, action="update", note=publication.title)
    return publication


def recheck_publications(calendar: WorkCalendar) -> int:
    """After the calendar changes: the stored checks of every publication; how many changed."""
    changed = 0
    for p in Publication.objects.all().iterator(500):
        before = (p.due_on, p.late_days, p.has_issue)
        facts = rules.PublicationFacts(
            p.category,
            p.decided_on,
            p.published_on,
            p.forms,
            p.posted_from,
            p.posted_to,
            p.broadcast_days,
            p.law_deadline_days,
        )
        _apply_check(p, facts, calendar)
        if (p.due_on, p.late_days, p.has_issue) != before:
            p.save(update_fields=["due_on", "late_days", "posting_short", "broadcast_short", "has_issue", "warnings"])
            changed += 1
    return changed


@transaction.atomic
def post_quarter_list(
    *, actor: Actor, unit: Unit, year: Any, quarter: Any, posted_on: Any, note: str = ""
) -> QuarterList:
    """Ghi việc niêm yết danh mục thông tin công khai của một quý (Điều 13)."""
    require_actor(actor)
    _commune(unit)
    _require(actor, RIGHTS.edit, unit)
    y = _int(year, "Năm", "year", low=2023, high=2100)
    q = _int(quarter, "Quý", "quarter", low=1, high=4)
    day = _date(posted_on, "Ngày niêm yết danh mục", "posted_on")
    assert day is not None
    if day < datetime.date(y, 3 * q - 2, 1):
        raise ValidationError({"posted_on": "Danh mục của một quý không niêm yết trước khi quý đó bắt đầu."})
    if QuarterList.objects.filter(unit=unit, year=y, quarter=q).exists():
        raise ValidationError({"quarter": f"Danh mục {rules.quarter_label(y, q)} đã được ghi."})
    return QuarterList.objects.create(
        unit=unit,
        year=y,
        quarter=q,
        posted_on=day,
        note=_text(note, 2000, "Ghi chú", "note"),
        created_by=access.user_of(actor),
    )


# --- community decisions: the clocks and the machine ---------------------------------------------------

CLOCKS = (
    DeadlineRule(
        "send",
        "Gửi kết quả cho UBND xã và Ban Thường trực UBMTTQ xã",
        rules.SEND_WITHIN,
        DayUnit.WORK,
        Trigger.DECIDED,
        f"{rules.LAW}, Điều 20.3",
        "V",
        trigger_label="ngày bàn, quyết định",
    ),
    DeadlineRule(
        "recognise",
        "Ra quyết định công nhận",
        rules.RECOGNISE_WITHIN,
        DayUnit.WORK,
        Trigger.RECEIVED,
        f"{rules.LAW}, Điều 21.2",
        "V",
        trigger_label="ngày nhận kết quả",
    ),
)


def recompute(decision: CommunityDecision, calendar: WorkCalendar | None = None) -> bool:
    """Store the due day of the step awaited and whether the steps taken were late."""
    cal = calendar or current_calendar()
    send = compute_due(CLOCKS[0], decision.held_on, cal)
    sent_late = decision.sent_on is not None and send.due is not None and decision.sent_on > send.due
    recognised_late = False
    due_on, explanation = None, ""
    if decision.status == S.RECORDED:
        due_on, explanation = send.due, send.explanation
    elif decision.sent_on is not None and decision.kind != rules.Recogniser.NONE:
        rec = compute_due(CLOCKS[1], decision.sent_on, cal)
        if decision.status == S.SENT:
            due_on, explanation = rec.due, rec.explanation
        elif decision.recognised_on is not None and rec.due is not None:
            recognised_late = decision.recognised_on > rec.due
    new = (due_on, explanation[:500], sent_late, recognised_late)
    old = (decision.due_on, decision.due_explanation, decision.sent_late, decision.recognised_late)
    if new == old:
        return False
    decision.due_on, decision.due_explanation, decision.sent_late, decision.recognised_late = new
    if decision.pk:
        CommunityDecision.objects.filter(pk=decision.pk).update(
            due_on=due_on, due_explanation=new[1], sent_late=sent_late, recognised_late=recognised_late
        )
    return True


def _after_step(decision: CommunityDecision) -> None:
    recompute(decision)


def recompute_open_decisions(calendar: WorkCalendar) -> int:
    return sum(recompute(d, calendar) for d in CommunityDecision.objects.filter(status__in=[S.RECORDED, S.SENT]))


def _send(step: Step) -> None:
    decision: CommunityDecision = step.obj
    day = step.params["on"]
    if day < decision.held_on:
        raise ValidationError({"on": "Ngày gửi không được trước ngày bàn, quyết định."})
    if day > timezone.localdate():
        raise ValidationError({"on": "Ngày gửi không được ở tương lai."})
    decision.sent_on = day
    if decision.kind == rules.Recogniser.NONE:
        step.note = step.note or "Gửi kết quả để UBND, MTTQ xã biết, tổ chức thực hiện (không cần công nhận)."


def _recognise(step: Step) -> None:
    decision: CommunityDecision = step.obj
    day = step.params["on"]
    if decision.sent_on is not None and day < decision.sent_on:
        raise ValidationError({"on": "Ngày công nhận không được trước ngày nhận kết quả."})
    if day > timezone.localdate():
        raise ValidationError({"on": "Ngày công nhận không được ở tương lai."})
    if step.action.name == "recognise" and not decision.passed:
        raise ValidationError({"status": "Kết quả không được thông qua: không thể công nhận (Điều 21)."})
    decision.recognised_on = day
    decision.recognition_ref = step.params.get("decision_ref", "")
    reason = step.params.get("reason", "")
    step.note = "; ".join(x for x in (decision.recognition_ref, reason, step.params.get("note", "")) if x)


_RECOGNISERS = frozenset({rules.Recogniser.UBND, rules.Recogniser.MTTQ})

DECISION = Machine(
    name="community_decision",
    model=CommunityDecision,
    noun="quyết định của cộng đồng",
    states=dict(S.choices),
    actions={
        "send": Action(
            "send",
            "Gửi UBND, MTTQ xã",
            frozenset({S.RECORDED}),
            S.SENT,
            RIGHTS.edit,
            _send,
            params=(on("Ngày gửi"), NOTE),
            basis=f"{rules.LAW}, Điều 20.3",
            date_param="on",
        ),
        "recognise": Action(
            "recognise",
            "Công nhận",
            frozenset({S.SENT}),
            S.RECOGNISED,
            RIGHTS.decide,
            _recognise,
            params=(
                on("Ngày quyết định công nhận"),
                Param("decision_ref", "Số quyết định công nhận", required=True, max_length=100),
                NOTE,
            ),
            kinds=_RECOGNISERS,
            basis=f"{rules.LAW}, Điều 21.2",
            date_param="on",
        ),
        "refuse": Action(
            "refuse",
            "Không công nhận",
            frozenset({S.SENT}),
            S.NOT_RECOGNISED,
            RIGHTS.decide,
            _recognise,
            params=(
                on("Ngày văn bản"),
                Param("decision_ref", "Số văn bản", max_length=100),
                Param("reason", "Lý do không công nhận", ParamKind.LONGTEXT, required=True),
            ),
            kinds=_RECOGNISERS,
            basis=f"{rules.LAW}, Điều 21.2",
            date_param="on",
            danger=True,
        ),
    },
    kind_of=lambda d: d.kind,
    kind_labels=dict(rules.Recogniser.choices),
    other_steps={"record": "Lập biên bản"},
    after_step=_after_step,
    describe=lambda d: f"Quyết định của cộng đồng “{d.get_matter_display()}” ({d.unit.name})",
    expected={S.RECORDED: "send", S.SENT: "recognise"},
)

DECISION_FIELDS = (
    "households",
    "present",
    "absent",
    "participating",
    "votes_for",
    "votes_against",
    "votes_blank",
    "hamlets_total",
    "hamlets_agreeing",
)
_NUMBER_LABELS = {
    "households": "Tổng số hộ gia đình",
    "present": "Số đại diện hộ có mặt",
    "absent": "Số đại diện hộ vắng mặt",
    "participating": "Số hộ tham gia biểu quyết",
    "votes_for": "Số tán thành",
    "votes_against": "Số không tán thành",
    "votes_blank": "Số không có ý kiến",
    "hamlets_total": "Tổng số thôn, tổ dân phố",
    "hamlets_agreeing": "Số thôn, tổ dân phố tán thành",
}


def _held_at(value: Any) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(8, 0))
    else:
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            raise ValidationError({"held_at": "Thời gian: không hợp lệ (ngày giờ)."}) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now() + datetime.timedelta(hours=1):
        raise ValidationError({"held_at": "Thời gian bàn, quyết định không được ở tương lai."})
    return moment


@transaction.atomic
def record_decision(*, actor: Actor, unit: Unit, hamlet: Unit | None = None, **data: Any) -> CommunityDecision:
    """Ghi biên bản một việc Nhân dân bàn và quyết định (Điều 15–21): the result is computed here; a
    record that says "passed" when the threshold is not met is refused, as are votes beyond the
    households and a record without the fields of Điều 20.2."""
    require_actor(actor)
    _commune(unit)
    _require(actor, RIGHTS.edit, unit)
    if hamlet is not None:
        _hamlet_of(unit, hamlet)
    errors: dict[str, str] = {}
    try:
        matter = _int(data.get("matter"), "Nội dung", "matter", low=1, high=6)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    way = str(data.get("way") or "")
    if way not in rules.Way.values:
        errors["way"] = "Chọn hình thức: hội nghị, phát phiếu hoặc trực tuyến (Điều 17)."
    ballot_case = str(data.get("ballot_case") or "")
    if ballot_case not in rules.BallotCase.values:
        errors["ballot_case"] = "Trường hợp phát phiếu không hợp lệ."
    if not errors:
        errors.update(rules.way_error(matter, way, ballot_case))
    numbers: dict[str, int] = {}
    for name in DECISION_FIELDS:
        raw = data.get(name)
        if raw in (None, "") and name in ("hamlets_total", "hamlets_agreeing"):
            numbers[name] = 0
            continue
        try:
            numbers[name] = _int(raw, _NUMBER_LABELS[name], name)
        except ValidationError as exc:
            errors[name] = exc.message_dict[name][0]
    texts: dict[str, str] = {}
    for name, limit in (
        ("content", 4000),
        ("decision_text", 4000),
        ("hamlet_head", 150),
        ("mttq_head", 150),
        ("representative_1", 150),
        ("representative_2", 150),
    ):
        try:
            texts[name] = _text(data.get(name), limit, name, name)
        except ValidationError as exc:
            errors[name] = exc.message_dict[name][0]
    held_at = None
    if data.get("held_at") not in (None, ""):
        try:
            held_at = _held_at(data["held_at"])
        except ValidationError as exc:
            errors["held_at"] = exc.message_dict["held_at"][0]
    errors.update({k: v for k, v in rules.record_errors({**texts, "held_at": held_at}).items() if k not in errors})
    commune_wide = hamlet is None
    if len(numbers) == len(DECISION_FIELDS):
        errors.update(rules.vote_errors(rules.Votes(**numbers), commune_wide=commune_wide))
    if errors:
        raise ValidationError(errors)
    assert held_at is not None
    result = rules.outcome(matter, rules.Votes(**numbers), commune_wide=commune_wide)
    declared = data.get("declared_passed")
    if declared is not None and declared != "":
        said = declared if isinstance(declared, bool) else str(declared).lower() in ("1", "true", "yes", "passed")
        if said and not result.passed:
            raise ValidationError(
                {"declared_passed": f"Biên bản ghi “thông qua” nhưng chưa đạt tỷ lệ: {result.explanation}"}
            )
        if not said and result.passed:
            raise ValidationError(
                {"declared_passed": f"Biên bản ghi “không thông qua” nhưng đã đạt tỷ lệ: {result.explanation}"}
            )
    decision = CommunityDecision(
        unit=unit,
        hamlet=hamlet,
        matter=matter,
        way=way,
        ballot_case=ballot_case,
        held_at=held_at,
        held_on=timezone.localtime(held_at).date(),
        passed=result.passed,
        needed=result.needed,
        result_text=result.explanation[:500],
        kind=rules.recogniser(matter),
        created_by=access.user_of(actor),
        **numbers,
        **texts,
    )
    recompute(decision)
    decision.save()
    record_event(
        subject=decision,
        unit=unit,
        actor=actor,
        action="record",
        to_state=S.RECORDED,
        note=result.explanation,
        on=decision.held_on,
    )
    return decision


def act_on_decision(*, actor: Actor, decision: CommunityDecision, action: str, **params: Any) -> CommunityDecision:
    """A step of the decision's machine (the page, the API and the demo come here)."""
    return transition(DECISION, actor=actor, obj=decision, action=action, **params)


# --- consultations ----------------------------------------------------------------------------------


@transaction.atomic
def record_consultation(
    *, actor: Actor, unit: Unit, consultation: Consultation | None = None, **data: Any
) -> Consultation:
    """Ghi một đợt lấy ý kiến Nhân dân (Điều 25–26): subject, forms, period, participants, results and
    how the authority took them in."""
    require_actor(actor)
    _commune(unit)
    _require(actor, RIGHTS.edit, unit)
    errors: dict[str, str] = {}
    subject = str(data.get("subject") or "")
    if subject not in rules.Subject.values:
        errors["subject"] = "Chọn nội dung lấy ý kiến (Điều 25)."
    values: dict[str, Any] = {"subject": subject}
    for name, fn in (
        ("title", lambda v: _text(v, 500, "Tên nội dung lấy ý kiến", "title", required=True)),
        ("forms", lambda v: _choices(v or [], rules.ConsultForm.values, "Hình thức", "forms")),
        ("starts_on", lambda v: _date(v, "Từ ngày", "starts_on")),
        ("ends_on", lambda v: _date(v, "Đến ngày", "ends_on")),
        ("participants", lambda v: _int(v or 0, "Số người, hộ tham gia", "participants")),
        ("opinions", lambda v: _int(v or 0, "Số ý kiến", "opinions")),
        ("results", lambda v: _text(v, 8000, "Kết quả", "results")),
        ("response", lambda v: _text(v, 8000, "Tiếp thu, giải trình", "response")),
        ("responded_on", lambda v: _date(v, "Ngày tiếp thu, giải trình", "responded_on", required=False)),
    ):
        try:
            values[name] = fn(data.get(name))
        except ValidationError as exc:
            errors[name] = exc.message_dict[name][0]
    if not errors:
        if not values["forms"]:
            errors["forms"] = "Chọn ít nhất một hình thức lấy ý kiến (Điều 26)."
        if values["ends_on"] < values["starts_on"]:
            errors["ends_on"] = "Ngày kết thúc phải từ ngày bắt đầu trở về sau."
        if values["responded_on"] and values["responded_on"] < values["starts_on"]:
            errors["responded_on"] = "Ngày tiếp thu, giải trình không được trước ngày bắt đầu lấy ý kiến."
        if values["responded_on"] and not values["response"]:
            errors["response"] = "Ghi nội dung tiếp thu, giải trình."
    if errors:
        raise ValidationError(errors)
    if consultation is None:
        consultation = Consultation(unit=unit, created_by=access.user_of(actor))
    for name, value in values.items():
        setattr(consultation, name, value)
    consultation.save()
    record_event(
        subject=consultation,
        unit=unit,
        actor=actor,
        action="consult",
        note=consultation.title,
        on=consultation.starts_on,
    )
    return consultation


# --- Ban Thanh tra nhân dân ----------------------------------------------------------------------------


def _check_board(board: InspectionBoard, *, extra: int = 0, officials: Sequence[str] = ()) -> None:
    errors = rules.board_errors(
        complete=board.complete, members=board.members.count() + extra if board.pk else extra, officials=officials
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_board(
    *,
    actor: Actor,
    unit: Unit,
    board: InspectionBoard | None = None,
    term_start: Any,
    term_end: Any,
    complete: bool = False,
    hamlet_term_note: str = "",
    established_ref: str = "",
) -> InspectionBoard:
    """Ghi Ban Thanh tra nhân dân của xã cho một nhiệm kỳ (Điều 36): a board marked complete needs at
    least 05 members."""
    require_actor(actor)
    _commune(unit)
    _require(actor, RIGHTS.edit, unit)
    start = _date(term_start, "Nhiệm kỳ từ", "term_start")
    end = _date(term_end, "Nhiệm kỳ đến", "term_end")
    assert start is not None and end is not None
    if end <= start:
        raise ValidationError({"term_end": "Nhiệm kỳ phải kết thúc sau ngày bắt đầu."})
    board = board or InspectionBoard(unit=unit, created_by=access.user_of(actor))
    board.term_start, board.term_end, board.complete = start, end, bool(complete)
    board.hamlet_term_note = _text(hamlet_term_note, 255, "Nhiệm kỳ trưởng thôn", "hamlet_term_note")
    board.established_ref = _text(established_ref, 150, "Văn bản công nhận", "established_ref")
    _check_board(board)
    board.save()
    record_event(subject=board, unit=unit, actor=actor, action="board", note=str(board))
    return board


@transaction.atomic
def add_member(
    *,
    actor: Actor,
    board: InspectionBoard,
    name: str,
    hamlet: Unit,
    elected_on: Any,
    role: str = "member",
    is_official: bool = False,
) -> BoardMember:
    """Thêm thành viên (Điều 36): elected from a hamlet of the commune, not a commune official."""
    require_actor(actor)
    _require(actor, RIGHTS.edit, board.unit)
    person = _text(name, 150, "Họ tên", "name", required=True)
    _hamlet_of(board.unit, hamlet)
    if role not in rules.BoardRole.values:
        raise ValidationError({"role": "Chức danh không hợp lệ."})
    day = _date(elected_on, "Ngày bầu", "elected_on")
    assert day is not None
    if is_official:
        raise ValidationError(rules.board_errors(complete=False, members=0, officials=[person]))
    if role == rules.BoardRole.HEAD and board.members.filter(role=rules.BoardRole.HEAD).exists():
        raise ValidationError({"role": "Ban đã có Trưởng ban."})
    member = BoardMember.objects.create(board=board, name=person, hamlet=hamlet, role=role, elected_on=day)
    record_event(subject=board, unit=board.unit, actor=actor, action="member", note=f"{person} ({hamlet.name})")
    return member


@transaction.atomic
def remove_member(*, actor: Actor, member: BoardMember) -> None:
    board = member.board
    _require(actor, RIGHTS.edit, board.unit)
    if board.complete and board.members.count() - 1 < rules.BOARD_MIN_MEMBERS:
        raise ValidationError(rules.board_errors(complete=True, members=board.members.count() - 1, officials=[]))
    record_event(subject=board, unit=board.unit, actor=actor, action="member_removed", note=member.name)
    member.delete()


@transaction.atomic
def add_plan(*, actor: Actor, board: InspectionBoard, span: str, year: Any, number: Any = 0, content: str) -> BoardPlan:
    """Kế hoạch hoạt động quý, 6 tháng, năm (Điều 37)."""
    require_actor(actor)
    _require(actor, RIGHTS.edit, board.unit)
    if span not in rules.PlanSpan.values:
        raise ValidationError({"span": "Chọn kỳ kế hoạch: quý, 6 tháng hoặc năm."})
    y = _int(year, "Năm", "year", low=2023, high=2100)
    high = {rules.PlanSpan.QUARTER: 4, rules.PlanSpan.HALF: 2}.get(rules.PlanSpan(span), 0)
    n = _int(number or 0, "Quý, 6 tháng số", "number", low=1 if high else 0, high=high)
    text = _text(content, 8000, "Nội dung kiểm tra, giám sát", "content", required=True)
    return BoardPlan.objects.create(board=board, span=span, year=y, number=n, content=text)


@transaction.atomic
def record_finding(
    *,
    actor: Actor,
    board: InspectionBoard,
    found_on: Any,
    subject: str,
    finding: str,
    recommendation: str,
    addressed_to: str,
) -> BoardFinding:
    """Ghi một phát hiện và kiến nghị của Ban Thanh tra nhân dân (Điều 37–38)."""
    require_actor(actor)
    _require(actor, RIGHTS.edit, board.unit)
    given = {
        "found_on": found_on,
        "subject": subject,
        "finding": finding,
        "recommendation": recommendation,
        "addressed_to": addressed_to,
    }
    checks: dict[str, Callable[[Any], Any]] = {
        "found_on": lambda v: _date(v, "Ngày kiến nghị", "found_on"),
        "subject": lambda v: _text(v, 500, "Nội dung kiểm tra, giám sát", "subject", required=True),
        "finding": lambda v: _text(v, 8000, "Phát hiện", "finding", required=True),
        "recommendation": lambda v: _text(v, 8000, "Kiến nghị", "recommendation", required=True),
        "addressed_to": lambda v: _text(v, 255, "Gửi cơ quan, người có thẩm quyền", "addressed_to", required=True),
    }
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, check in checks.items():
        try:
            values[name] = check(given[name])
        except ValidationError as exc:
            errors[name] = exc.message_dict[name][0]
    if errors:
        raise ValidationError(errors)
    found = BoardFinding.objects.create(board=board, **values)
    record_event(subject=board, unit=board.unit, actor=actor, action="finding", note=found.subject, on=found.found_on)
    return found


@transaction.atomic
def answer_finding(*, actor: Actor, finding: BoardFinding, answer: str, answered_on: Any) -> BoardFinding:
    require_actor(actor)
    _require(actor, RIGHTS.edit, finding.board.unit)
    text = _text(answer, 8000, "Trả lời, kết quả xử lý", "answer", required=True)
    day = _date(answered_on, "Ngày trả lời", "answered_on")
    assert day is not None
    if day < finding.found_on:
        raise ValidationError({"answered_on": "Ngày trả lời không được trước ngày kiến nghị."})
    finding.answer, finding.answered_on, finding.status = text, day, rules.FindingStatus.ANSWERED
    finding.save()
    record_event(
        subject=finding.board, unit=finding.board.unit, actor=actor, action="answer", note=finding.subject, on=day
    )
    return finding


# --- hương ước, quy ước ------------------------------------------------------------------------------


@transaction.atomic
def save_convention(
    *, actor: Actor, unit: Unit, hamlet: Unit, convention: Convention | None = None, **data: Any
) -> Convention:
    """Ghi hoặc cập nhật một hương ước, quy ước (NĐ 61/2023/NĐ-CP): its status moves along the table of
    :data:`rules.CONVENTION_MOVES`; a recognised one names its decision."""
    require_actor(actor)
    _commune(unit)
    _require(actor, RIGHTS.edit, unit)
    _hamlet_of(unit, hamlet)
    errors: dict[str, str] = {}
    kind = str(data.get("kind") or "")
    if kind not in rules.ConventionKind.values:
        errors["kind"] = "Chọn hương ước hoặc quy ước."
    status = str(data.get("status") or rules.ConventionStatus.DRAFT)
    if status not in rules.ConventionStatus.values:
        errors["status"] = "Tình trạng không hợp lệ."
    elif convention is not None and (why := rules.convention_move_error(convention.status, status)):
        errors["status"] = why
    values: dict[str, Any] = {"kind": kind, "status": status}
    for name, fn in (
        ("title", lambda v: _text(v, 300, "Tên", "title", required=True)),
        ("adopted_on", lambda v: _date(v, "Ngày cộng đồng thông qua", "adopted_on", required=False)),
        ("recognised_on", lambda v: _date(v, "Ngày công nhận", "recognised_on", required=False)),
        ("recognition_ref", lambda v: _text(v, 100, "Quyết định công nhận", "recognition_ref")),
        ("reviewed_on", lambda v: _date(v, "Ngày rà soát gần nhất", "reviewed_on", required=False)),
        ("next_review_on", lambda v: _date(v, "Hạn rà soát tiếp theo", "next_review_on", required=False)),
        ("note", lambda v: _text(v, 4000, "Ghi chú", "note")),
    ):
        try:
            values[name] = fn(data.get(name))
        except ValidationError as exc:
            errors[name] = exc.message_dict[name][0]
    if not errors:
        if status != rules.ConventionStatus.DRAFT and values["adopted_on"] is None:
            errors["adopted_on"] = "Cần ghi ngày cộng đồng dân cư thông qua (Điều 15.3, 21)."
        if status in (rules.ConventionStatus.RECOGNISED, rules.ConventionStatus.REVIEW, rules.ConventionStatus.AMENDED):
            if values["recognised_on"] is None:
                errors["recognised_on"] = "Cần ghi ngày UBND xã công nhận (Điều 21.2)."
            if not values["recognition_ref"]:
                errors["recognition_ref"] = "Cần ghi số quyết định công nhận."
        if values["adopted_on"] and values["recognised_on"] and values["recognised_on"] < values["adopted_on"]:
            errors["recognised_on"] = "Ngày công nhận không được trước ngày cộng đồng thông qua."
        if values["reviewed_on"] and values["next_review_on"] and values["next_review_on"] <= values["reviewed_on"]:
            errors["next_review_on"] = "Hạn rà soát tiếp theo phải sau ngày rà soát gần nhất."
    if errors:
        raise ValidationError(errors)
    before = convention.status if convention is not None else ""
    convention = convention or Convention(unit=unit, created_by=access.user_of(actor))
    convention.hamlet = hamlet
    for name, value in values.items():
        setattr(convention, name, value)
    convention.save()
    record_event(
        subject=convention,
        unit=unit,
        actor=actor,
        action="convention",
        from_state=before,
        to_state=status if status != before else "",
        note=convention.title,
    )
    return convention
