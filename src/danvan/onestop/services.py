"""The only write path of the one-stop area: receive, step, apologise, return, rate, recompute.

Every step of a dossier goes through the kit's engine (:func:`danvan.workflow.engine.transition`) with
the machine :data:`DOSSIER`; receiving at the desk and submitting online create the record here. The
due instant is recomputed inside the transaction of every step (the machine's ``after_step``) and after
every change of the calendar (registered in :mod:`.apps`).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import secrets
from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.actors import SystemActor, require_actor
from danvan.core.calendar import WorkCalendar
from danvan.core.identifiers import InvalidIdentifier, normalise_id_number, normalise_phone
from danvan.core.selectors import current_calendar
from danvan.core.services import record_event
from danvan.core.text import format_datetime, nfc
from danvan.onestop import rules
from danvan.onestop.models import Apology, Dossier, Handover, Pause, Procedure, Rating, ServicePoint, Settings
from danvan.units.models import Unit
from danvan.workflow import machine as wf
from danvan.workflow.engine import Step, transition
from danvan.workflow.hours import Interval, OfficeHours
from danvan.workflow.machine import NOTE, Action, Machine, Param, ParamKind

Actor = Any
RIGHTS = roles.ONESTOP
S = rules.Status

#: The office's opening hours (``DANVAN_OFFICE_HOURS``, "07:30-11:30,13:30-17:00" by default).
OFFICE_HOURS = OfficeHours.parse(getattr(settings, "DANVAN_OFFICE_HOURS", "07:30-11:30,13:30-17:00"))


def _field(model: Any, name: str) -> Any:
    """A model field, for its label and length in messages."""
    return model._meta.get_field(name)


def _local(instant: datetime.datetime) -> datetime.datetime:
    """A stored instant as the office's naive local time (the clocks count local opening hours)."""
    return timezone.localtime(instant).replace(tzinfo=None)


def _aware(local: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(local)


#: The business time of the steps taken inside :func:`business_time` (the demo's year of dossiers, the
#: import of another system's history); otherwise now.
_BUSINESS_TIME: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar("onestop_time", default=None)


@contextlib.contextmanager
def business_time(at: datetime.datetime) -> Iterator[None]:
    """Take the steps inside as if at ``at`` (an aware instant in the past): received, handed over,
    finished, returned and rated then. For the system's own callers (the demo, an import of history);
    the timeline still records when each step was written."""
    if timezone.is_naive(at):
        raise ValueError("business_time needs an aware datetime")
    if at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValueError("business_time cannot be in the future")
    token = _BUSINESS_TIME.set(at.replace(microsecond=0))
    try:
        yield
    finally:
        _BUSINESS_TIME.reset(token)


def _now() -> datetime.datetime:
    return _BUSINESS_TIME.get() or timezone.now().replace(microsecond=0)


def settings_for(unit: Unit) -> Settings:
    """The province's one-stop settings (the defaults until an administrator changes them)."""
    province = unit if unit.depth == 1 else Unit.objects.get(path=unit.path[: Unit.steplen])
    found = Settings.objects.filter(province=province).first()
    return found or Settings(province=province)


# --- the due instant ------------------------------------------------------------------------------


def _intervals(dossier: Dossier) -> list[Interval]:
    return [Interval(_local(p.started_at), _local(p.ended_at) if p.ended_at else None) for p in dossier.pauses.all()]


def recompute(dossier: Dossier, calendar: WorkCalendar | None = None) -> bool:
    """Store the dossier's due instant and, once finished, whether it was early, on time or late."""
    if dossier.received_at is None:
        return False
    procedure = dossier.procedure
    due = rules.compute_due(
        _local(dossier.received_at),
        days=procedure.days,
        hours=procedure.hours,
        cutoff=procedure.cutoff,
        pauses=_intervals(dossier),
        calendar=calendar or current_calendar(),
        office=OFFICE_HOURS,
    )
    due_at = _aware(due.due) if due.due is not None else None
    timeliness = dossier.timeliness
    if dossier.finished_at is not None and due.due is not None:
        rule = settings_for(dossier.unit).timeliness_rule
        timeliness = rules.classify(_local(dossier.finished_at), due.due, rule).value
    due_on = due.due.date() if due.due is not None else None
    changed = (dossier.due_at, dossier.due_on, dossier.timeliness) != (due_at, due_on, timeliness)
    if changed:
        dossier.due_at, dossier.due_on, dossier.timeliness = due_at, due_on, timeliness
        if dossier.pk:
            Dossier.objects.filter(pk=dossier.pk).update(due_at=due_at, due_on=due_on, timeliness=timeliness)
    return changed


def recompute_open_dossiers(calendar: WorkCalendar) -> int:
    """After the calendar changes: every dossier still in progress (and the results not yet returned,
    whose early / on time / late depends on the due day); how many changed."""
    changed = 0
    # An imported dossier keeps the due date the other system gave it: its history is that system's.
    open_ones = Dossier.objects.filter(status__in=rules.IN_PROGRESS | {S.RESULT_READY}, imported=False)
    for dossier in open_ones.select_related("procedure", "unit").prefetch_related("pauses").iterator(500):
        changed += recompute(dossier, calendar)
    return changed


# --- receiving ------------------------------------------------------------------------------------


def _next_code(unit: Unit, day: datetime.date) -> str:
    """The unit's next dossier code of ``day``; the unit's row is locked so two desks never draw one."""
    list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk", flat=True))
    number = Dossier.objects.filter(unit=unit, code__startswith=rules.dossier_code(unit.code, day, 0)[:-4]).count()
    while True:
        number += 1
        code = rules.dossier_code(unit.code, day, number)
        if not Dossier.objects.filter(code=code).exists():
            return code


def _token() -> str:
    return secrets.token_urlsafe(18)


def procedures_for(unit: Unit) -> Any:
    """The procedures a unit's desk receives: the active ones its province publishes."""
    return Procedure.objects.filter(unit__path=unit.path[: Unit.steplen], active=True)


def _clean_applicant(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name, limit in (("applicant_name", 150), ("applicant_address", 255), ("owner_name", 150),
                        ("owner_address", 255), ("fee_method", 100), ("result_place", 255)):  # fmt: skip
        value = nfc(str(data.get(name) or "")).strip()
        if "\x00" in value or len(value) > limit:
            errors[name] = f"{_field(Dossier, name).verbose_name.capitalize()}: tối đa {limit} ký tự."
        clean[name] = value
    if not clean["applicant_name"]:
        errors["applicant_name"] = "Cần ghi họ tên người nộp hồ sơ."
    for name, normalise in (("applicant_id_number", normalise_id_number), ("applicant_phone", normalise_phone)):
        raw = str(data.get(name) or "").strip()
        try:
            clean[name] = normalise(raw) if raw else ""
        except InvalidIdentifier as exc:
            errors[name] = str(exc)
    email = str(data.get("applicant_email") or "").strip()
    if email and ("@" not in email or len(email) > 254 or " " in email):
        errors["applicant_email"] = "Thư điện tử không hợp lệ."
    clean["applicant_email"] = email
    sets = data.get("sets") or 1
    try:
        clean["sets"] = int(sets)
        if not 1 <= clean["sets"] <= 99:
            raise ValueError
    except (TypeError, ValueError):
        errors["sets"] = "Số bộ hồ sơ phải từ 1 đến 99."
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def receive_dossier(
    *,
    actor: Actor,
    service_point: ServicePoint,
    procedure: Procedure,
    channel: str = rules.Channel.DESK,
    received_at: datetime.datetime | None = None,
    **applicant: Any,
) -> Dossier:
    """Receive a dossier at the desk (or one arrived by post): it is received at once, the clock starts,
    and the appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) can be printed."""
    require_actor(actor)
    unit = service_point.unit
    access.require(actor, RIGHTS.edit, service_point, "Bạn không có quyền tiếp nhận hồ sơ tại nơi này.")
    if not service_point.active:
        raise ValidationError({"service_point": "Nơi tiếp nhận này đã ngừng hoạt động."})
    if not procedures_for(unit).filter(pk=procedure.pk).exists():
        raise ValidationError({"procedure": "Thủ tục không thuộc danh mục đang áp dụng của tỉnh."})
    if channel not in rules.Channel.values:
        raise ValidationError({"channel": f"Hình thức nộp “{channel}” không tồn tại."})
    now = _now()
    at = received_at or now
    if at > now + datetime.timedelta(minutes=5):
        raise ValidationError({"received_at": "Thời điểm tiếp nhận không được ở tương lai."})
    clean = _clean_applicant(applicant)
    user = None if isinstance(actor, SystemActor) else actor
    dossier = Dossier(
        unit=unit,
        service_point=service_point,
        procedure=procedure,
        field=procedure.field,
        status=S.RECEIVED,
        channel=channel,
        submitted_at=at,
        received_at=at,
        received_on=timezone.localtime(at).date(),
        received_by=user,
        created_by=user,
        rating_token=_token(),
        result_place=clean.pop("result_place") or service_point.name,
        **clean,
    )
    dossier.code = _next_code(unit, timezone.localtime(at).date())
    dossier.save()
    recompute(dossier)
    record_event(subject=dossier, unit=unit, actor=actor, action="open", to_state=S.RECEIVED,
                 note=f"Tiếp nhận {rules.Channel(channel).label.lower()}: {procedure.name}",
                 on=dossier.received_on)  # fmt: skip
    return dossier


@transaction.atomic
def submit_online(*, service_point: ServicePoint, procedure: Procedure, **applicant: Any) -> Dossier:
    """A citizen's dossier submitted online: it waits for the desk to receive it (the clock has not
    started; it starts when the desk receives it)."""
    if not service_point.active:
        raise ValidationError({"service_point": "Nơi tiếp nhận này đã ngừng hoạt động."})
    if not procedures_for(service_point.unit).filter(pk=procedure.pk).exists():
        raise ValidationError({"procedure": "Thủ tục không thuộc danh mục đang áp dụng của tỉnh."})
    if procedure.online_level == rules.OnlineLevel.NONE:
        raise ValidationError({"procedure": "Thủ tục này chưa cung cấp dịch vụ công trực tuyến; xin nộp trực tiếp."})
    clean = _clean_applicant(applicant)
    now = _now()
    unit = service_point.unit
    dossier = Dossier(
        unit=unit, service_point=service_point, procedure=procedure, field=procedure.field, status=S.ONLINE,
        channel=rules.Channel.ONLINE, submitted_at=now, rating_token=_token(),
        result_place=clean.pop("result_place") or "Trực tuyến", **clean,
    )  # fmt: skip
    dossier.code = _next_code(unit, timezone.localtime(now).date())
    dossier.save()
    record_event(subject=dossier, unit=unit, actor=SystemActor("công dân nộp trực tuyến"), action="open",
                 to_state=S.ONLINE, note=f"Nộp trực tuyến: {procedure.name}")  # fmt: skip
    return dossier


# --- the steps ------------------------------------------------------------------------------------


def _user(step: Step) -> Any:
    return step.user


def _receive(step: Step) -> None:
    dossier: Dossier = step.obj
    now = _now()
    dossier.received_at, dossier.received_on = now, timezone.localtime(now).date()
    dossier.received_by = _user(step)
    step.on = dossier.received_on


def _end(step: Step) -> None:
    dossier: Dossier = step.obj
    dossier.ended_on = timezone.localtime(_now()).date()
    dossier.end_reason = step.params.get("reason", "")
    step.note = dossier.end_reason
    _close_pause(dossier)


def handler_candidates(actor: Any, dossier: Dossier) -> list[Any]:
    """Who may be handed a dossier: the active people who may edit one-stop records of its unit. The rule
    is here, not in a form: anyone else is refused, whatever interface sent the name."""
    return access.users_who_can(RIGHTS.edit, dossier)


def _hand_over(step: Step) -> None:
    dossier: Dossier = step.obj
    to = step.params["department"].strip()
    if not to:
        raise ValidationError({"department": "Cần ghi bộ phận nhận hồ sơ."})
    handler = step.params.get("handler")
    Handover.objects.create(
        dossier=dossier,
        handed_at=_now(),
        from_department=dossier.department or "Bộ phận tiếp nhận và trả kết quả",
        to_department=to,
        handler=handler,
        note=step.params.get("note", ""),
        by=_user(step),
    )
    dossier.department = to
    dossier.handler = handler
    who = f" ({handler.get_full_name() or handler.username})" if handler else ""
    step.note = f"Chuyển {to}{who}" + (f": {step.note}" if step.note else "")


def _open_pause(dossier: Dossier, kind: str, reason: str) -> None:
    if dossier.pauses.filter(ended_at__isnull=True).exists():
        return
    Pause.objects.create(dossier=dossier, kind=kind, started_at=_now(), reason=reason)


def _close_pause(dossier: Dossier) -> None:
    dossier.pauses.filter(ended_at__isnull=True).update(ended_at=_now())


def _ask_supplement(step: Step) -> None:
    dossier: Dossier = step.obj
    if rules.pauses_clock(rules.PauseKind.SUPPLEMENT, dossier.supplements):
        _open_pause(dossier, rules.PauseKind.SUPPLEMENT, step.params["reason"])
        step.note = f"{step.params['reason']} (tạm dừng tính hạn)"
    else:
        step.note = f"{step.params['reason']} (yêu cầu bổ sung lần {dossier.supplements + 1}: vẫn tính hạn)"
    dossier.supplements += 1


def _ask_financial(step: Step) -> None:
    _open_pause(step.obj, rules.PauseKind.FINANCIAL, step.params.get("note", ""))


def _resume(step: Step) -> None:
    _close_pause(step.obj)


def _result(step: Step) -> None:
    dossier: Dossier = step.obj
    now = _now()
    dossier.finished_at, dossier.finished_on = now, timezone.localtime(now).date()


def _return(step: Step) -> None:
    dossier: Dossier = step.obj
    now = _now()
    dossier.returned_at, dossier.returned_on = now, timezone.localtime(now).date()
    dossier.return_method = step.params["method"]
    step.note = rules.ReturnMethod(dossier.return_method).label + (f": {step.note}" if step.note else "")


def _apologise(step: Step) -> None:
    dossier: Dossier = step.obj
    new_day: datetime.date | None = step.params.get("new_due")
    new_due = None
    if new_day is not None:
        new_due = _aware(datetime.datetime.combine(new_day, OFFICE_HOURS.closing))
    errors = rules.apology_refusal(
        now=_local(_now()),
        due=_local(dossier.due_at) if dossier.due_at else None,
        new_due=_local(new_due) if new_due else None,
        already=Apology.objects.filter(dossier=dossier).exists(),
        reason=step.params.get("reason", ""),
    )
    if errors:
        raise ValidationError(errors)
    assert new_due is not None
    try:
        with transaction.atomic():
            Apology.objects.create(dossier=dossier, issued_at=_now(), reason=step.params["reason"],
                                   new_due_at=new_due, issued_by=_user(step))  # fmt: skip
    except IntegrityError:
        raise ValidationError({"status": "Hồ sơ đã có phiếu xin lỗi và hẹn lại."}) from None
    step.note = f"Hẹn lại ngày trả: {format_datetime(timezone.localtime(new_due))}. Lý do: {step.params['reason']}"


def _apology_guard(dossier: Dossier) -> str | None:
    if Apology.objects.filter(dossier=dossier).exists():
        return "Hồ sơ đã có phiếu xin lỗi và hẹn lại; ngày hẹn mới chỉ được đặt một lần."
    return None


def _rate(step: Step) -> None:
    """The rating itself is written by :func:`rate`, which checks it against the scheme first."""


_REASON = wf.reason()
_RETURN_METHOD = Param("method", "Hình thức trả kết quả", ParamKind.CHOICE, required=True,
                       default=rules.ReturnMethod.IN_PERSON, choices=tuple(rules.ReturnMethod.choices))  # fmt: skip
_DEPARTMENT = Param("department", "Bộ phận, cơ quan nhận xử lý", required=True, max_length=255)
_HANDLER = Param("handler", "Cán bộ xử lý", ParamKind.USER, candidates=handler_candidates)
_NEW_DUE = Param("new_due", "Ngày hẹn trả mới", ParamKind.DATE, required=True)
_REASON_LATE = Param("reason", "Lý do chậm trả kết quả", ParamKind.LONGTEXT, required=True)

_WAITING = frozenset({S.PROCESSING, S.SUPPLEMENT, S.FINANCIAL, S.RECEIVED})


def _a(name: str, label: str, sources: set[str], target: str | None, right: str, service: Any, *params: Param,
       basis: str = "", danger: bool = False, on_page: bool = True, guard: Any = None) -> Action:  # fmt: skip
    def dated(step: Step) -> None:
        # Every step's business date is the day it happens (inside business_time: that day).
        step.on = timezone.localtime(_now()).date()
        service(step)

    return Action(name=name, label=label, sources=frozenset(sources), target=target, right=right, service=dated,
                  params=params or (NOTE,), basis=basis, danger=danger, on_page=on_page, guard=guard)  # fmt: skip


_ACTIONS = (
    _a("receive", "Tiếp nhận hồ sơ", {S.ONLINE}, S.RECEIVED, RIGHTS.edit, _receive, NOTE,
       basis="NĐ 118/2025/NĐ-CP (Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả)"),
    _a("ask_supplement_at_reception", "Yêu cầu bổ sung, hoàn thiện hồ sơ", {S.ONLINE}, S.RECEPTION_SUPPLEMENT,
       RIGHTS.edit, lambda step: setattr(step, "note", step.params["reason"]), _REASON,
       basis="TT 01/2018/TT-VPCP, Mẫu 02"),
    _a("resubmit", "Công dân đã bổ sung", {S.RECEPTION_SUPPLEMENT}, S.ONLINE, RIGHTS.edit, lambda step: None, NOTE),
    _a("refuse", "Từ chối tiếp nhận", {S.ONLINE, S.RECEPTION_SUPPLEMENT}, S.REFUSED, RIGHTS.edit, _end, _REASON,
       basis="Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ", danger=True),
    _a("hand_over", "Chuyển xử lý", {S.RECEIVED, S.PROCESSING}, S.PROCESSING, RIGHTS.edit, _hand_over,
       _DEPARTMENT, _HANDLER, NOTE, basis="Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    _a("ask_supplement", "Yêu cầu bổ sung hồ sơ", {S.PROCESSING}, S.SUPPLEMENT, RIGHTS.edit, _ask_supplement,
       _REASON, basis="TT 01/2018/TT-VPCP, Mẫu 02; chỉ lần đầu được tạm dừng tính hạn"),
    _a("supplement_done", "Đã nhận hồ sơ bổ sung", {S.SUPPLEMENT}, S.PROCESSING, RIGHTS.edit, _resume, NOTE),
    _a("ask_financial", "Yêu cầu thực hiện nghĩa vụ tài chính", {S.PROCESSING}, S.FINANCIAL, RIGHTS.edit,
       _ask_financial, NOTE, basis="Thời gian thực hiện nghĩa vụ tài chính không tính vào thời hạn giải quyết"),
    _a("financial_done", "Đã thực hiện nghĩa vụ tài chính", {S.FINANCIAL}, S.PROCESSING, RIGHTS.edit, _resume, NOTE),
    _a("apologise", "Phát hành phiếu xin lỗi và hẹn lại", set(_WAITING), None, RIGHTS.edit, _apologise,
       _REASON_LATE, _NEW_DUE, basis="NĐ 61/2018/NĐ-CP, Điều 19 (Mẫu 04); hẹn lại một lần", guard=_apology_guard),
    _a("result", "Có kết quả giải quyết", {S.PROCESSING, S.RECEIVED}, S.RESULT_READY, RIGHTS.edit, _result, NOTE),
    _a("return_result", "Trả kết quả", {S.RESULT_READY}, S.RETURNED, RIGHTS.edit, _return, _RETURN_METHOD, NOTE),
    _a("stop", "Dừng xử lý", set(_WAITING), S.STOPPED, RIGHTS.decide, _end, _REASON, danger=True),
    _a("withdraw", "Công dân rút hồ sơ", set(_WAITING) | {S.ONLINE, S.RECEPTION_SUPPLEMENT}, S.WITHDRAWN,
       RIGHTS.edit, _end, _REASON, danger=True),
    _a("rate", "Đánh giá mức độ hài lòng", {S.RETURNED}, S.RATED, RIGHTS.edit, _rate, NOTE, on_page=False),
)  # fmt: skip


def _after_step(dossier: Dossier) -> None:
    recompute(dossier)


def _assignees(dossier: Dossier, right: str) -> list[Any]:
    return [dossier.handler] if dossier.handler_id and dossier.status == S.PROCESSING else []


DOSSIER = Machine(
    name="dossier",
    model=Dossier,
    noun="hồ sơ",
    states=dict(rules.Status.choices),
    actions={a.name: a for a in _ACTIONS},
    other_steps={"open": "Tiếp nhận hồ sơ", "import": "Nhập từ hệ thống một cửa khác"},
    after_step=_after_step,
    describe=lambda d: f"Hồ sơ {d.code} ({d.unit.name})",
    assignees=_assignees,
    expected={
        S.ONLINE: "receive",
        S.RECEPTION_SUPPLEMENT: "resubmit",
        S.RECEIVED: "hand_over",
        S.PROCESSING: "result",
        S.SUPPLEMENT: "supplement_done",
        S.FINANCIAL: "financial_done",
        S.RESULT_READY: "return_result",
    },
)


def act(*, actor: Actor, dossier: Dossier, action: str, **params: Any) -> Dossier:
    """Take one step of :data:`DOSSIER` (the page, the API and bulk actions all come here)."""
    if action == "rate":
        raise ValidationError({"action": "Đánh giá hồ sơ qua chức năng đánh giá (mức hài lòng, các chỉ số)."})
    return transition(DOSSIER, actor=actor, obj=dossier, action=action, **params)


# --- ratings --------------------------------------------------------------------------------------


@transaction.atomic
def rate(
    *,
    dossier: Dossier,
    channel: str,
    level: int | None = None,
    indices: Sequence[int] | None = None,
    comment: str = "",
    actor: Actor | None = None,
    token: str = "",
) -> Rating:
    """Record the citizen's rating of a returned dossier, once. From the kiosk or the QR code the citizen
    proves the dossier with its rating token; from paper an officer of the unit enters it."""
    if channel not in rules.RatingChannel.values:
        raise ValidationError({"channel": f"Kênh đánh giá “{channel}” không tồn tại."})
    if channel == rules.RatingChannel.PAPER:
        require_actor(actor)
        if not isinstance(actor, SystemActor) and not access.can(actor, RIGHTS.edit, dossier):
            raise PermissionDenied("Bạn không có quyền nhập phiếu đánh giá của hồ sơ này.")
    elif not token or not secrets.compare_digest(token, dossier.rating_token):
        raise PermissionDenied("Mã đánh giá không đúng.")
    scheme = settings_for(dossier.unit).rating_scheme
    try:
        values = rules.rating_values(scheme, level=level, indices=indices)
    except ValueError as exc:
        name, _, message = str(exc).partition(": ")
        raise ValidationError({name: message[:1].upper() + message[1:]}) from None
    comment = nfc(comment or "").strip()
    if len(comment) > 2000 or "\x00" in comment:
        raise ValidationError({"comment": "Ý kiến: tối đa 2.000 ký tự."})
    who = actor if actor is not None else SystemActor(f"công dân đánh giá ({rules.RatingChannel(channel).label})")
    note = f"{rules.FIVE_LEVELS[values.level]} ({rules.RatingChannel(channel).label})"
    transition(DOSSIER, actor=who, obj=dossier, action="rate", note=note)
    now = _now()
    return Rating.objects.create(
        dossier=dossier, unit=dossier.unit, scheme=scheme, channel=channel, indices=list(values.indices),
        level=values.level, satisfied=values.satisfied, officer_points=values.officer_points,
        officer=dossier.handler or dossier.received_by, comment=comment, rated_on=timezone.localtime(now).date(),
        rated_at=now, entered_by=None if isinstance(who, SystemActor) else who,
    )  # fmt: skip


# --- catalogue and service points -----------------------------------------------------------------


def _require_manage(actor: Actor, unit: Unit) -> None:
    require_actor(actor)
    if isinstance(actor, SystemActor):
        return
    if not access.can(actor, RIGHTS.decide, unit):
        raise PermissionDenied("Bạn không có quyền quản lý danh mục một cửa của đơn vị này.")


def _province(unit: Unit) -> Unit:
    return unit if unit.depth == 1 else Unit.objects.get(path=unit.path[: Unit.steplen])


def clean_components(raw: Any) -> list[dict[str, Any]]:
    """Dossier components as stored: [{"name", "originals", "copies"}], from a list or from lines
    "Tờ khai; 1; 0"."""
    items = raw if isinstance(raw, list) else [line for line in str(raw or "").splitlines() if line.strip()]
    out = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            name, originals, copies = item.get("name", ""), item.get("originals", 1), item.get("copies", 0)
        else:
            parts = [p.strip() for p in str(item).split(";")]
            name, originals, copies = parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 0
        name = nfc(str(name)).strip()
        try:
            originals, copies = int(originals or 0), int(copies or 0)
        except (TypeError, ValueError):
            raise ValidationError({"components": f"Thành phần {number}: số bản phải là số nguyên."}) from None
        if not name or len(name) > 500 or not (0 <= originals <= 99 and 0 <= copies <= 99):
            raise ValidationError({"components": f"Thành phần {number}: cần tên (tối đa 500 ký tự) và số bản 0–99."})
        out.append({"name": name, "originals": originals, "copies": copies})
    return out


@transaction.atomic
def save_procedure(*, actor: Actor, unit: Unit, procedure: Procedure | None = None, **data: Any) -> Procedure:
    """Create or change one procedure of the province's catalogue (the catalogue import calls this too)."""
    province = _province(unit)
    _require_manage(actor, province)
    obj = procedure or Procedure(unit=province)
    if procedure is not None and procedure.unit_id != province.pk:
        raise ValidationError({"unit": "Thủ tục thuộc danh mục của tỉnh khác."})
    errors: dict[str, str] = {}
    for name in ("code", "name", "field", "fee", "legal_basis"):
        if name in data:
            setattr(obj, name, nfc(str(data[name] or "")).strip())
    if not obj.code:
        errors["code"] = "Cần ghi mã thủ tục."
    if not obj.name:
        errors["name"] = "Cần ghi tên thủ tục."
    if not obj.field:
        errors["field"] = "Cần ghi lĩnh vực."
    if "level" in data:
        obj.level = str(data["level"])
    if obj.level not in rules.ProcedureLevel.values:
        errors["level"] = "Cấp thực hiện phải là cấp tỉnh, cấp xã hoặc cả hai."
    if "online_level" in data:
        obj.online_level = str(data["online_level"])
    if obj.online_level not in rules.OnlineLevel.values:
        errors["online_level"] = "Mức dịch vụ công trực tuyến phải là toàn trình, một phần hoặc không có."
    for name, top in (("days", 365), ("hours", 2000)):
        if name in data:
            try:
                value = int(data[name] or 0)
                if not 0 <= value <= top:
                    raise ValueError
            except (TypeError, ValueError):
                errors[name] = f"{_field(Procedure, name).verbose_name.capitalize()}: từ 0 đến {top}."
                continue
            setattr(obj, name, value)
    if "cutoff" in data:
        cutoff = data["cutoff"]
        if cutoff in (None, ""):
            obj.cutoff = None
        elif isinstance(cutoff, datetime.time):
            obj.cutoff = cutoff
        else:
            try:
                obj.cutoff = datetime.time.fromisoformat(str(cutoff).strip().replace("h", ":"))
            except ValueError:
                errors["cutoff"] = "Giờ tiếp nhận cuối trong ngày phải có dạng 15:00."
    for name in ("one_stop", "active"):
        if name in data:
            setattr(obj, name, bool(data[name]))
    if "components" in data:
        try:
            obj.components = clean_components(data["components"])
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    for name in ("code", "name", "field", "fee", "legal_basis"):
        limit = _field(Procedure, name).max_length
        if limit and len(getattr(obj, name)) > limit:
            errors[name] = f"{_field(Procedure, name).verbose_name.capitalize()}: tối đa {limit} ký tự."
    clash = Procedure.objects.filter(unit=province, code=obj.code).exclude(pk=obj.pk).exists()
    if obj.code and clash:
        errors["code"] = f"Mã thủ tục “{obj.code}” đã có trong danh mục của tỉnh."
    if errors:
        raise ValidationError(errors)
    obj.save()
    return obj


@transaction.atomic
def save_service_point(
    *, actor: Actor, unit: Unit, name: str, kind: str, address: str = "", phone: str = "",
    point: ServicePoint | None = None, active: bool = True,
) -> ServicePoint:  # fmt: skip
    _require_manage(actor, unit)
    obj = point or ServicePoint(unit=unit)
    obj.name, obj.kind = nfc(name).strip(), kind
    obj.address, obj.phone, obj.active = nfc(address).strip(), phone.strip(), active
    errors = {}
    if not obj.name or len(obj.name) > 255:
        errors["name"] = "Cần ghi tên nơi tiếp nhận (tối đa 255 ký tự)."
    if kind not in ServicePoint.Kind.values:
        errors["kind"] = "Loại nơi tiếp nhận không hợp lệ."
    if ServicePoint.objects.filter(unit=unit, name=obj.name).exclude(pk=obj.pk).exists():
        errors["name"] = f"Đơn vị đã có nơi tiếp nhận “{obj.name}”."
    if errors:
        raise ValidationError(errors)
    obj.save()
    return obj


@transaction.atomic
def set_settings(*, actor: Actor, province: Unit, rating_scheme: str, timeliness_rule: str) -> Settings:
    _require_manage(actor, province)
    if province.depth != 1:
        raise ValidationError({"province": "Thiết lập một cửa đặt cho cấp tỉnh."})
    errors = {}
    if rating_scheme not in rules.RatingScheme.values:
        errors["rating_scheme"] = "Cách đánh giá không tồn tại."
    if timeliness_rule not in rules.TimelinessRule.values:
        errors["timeliness_rule"] = "Cách so với hạn không tồn tại."
    if errors:
        raise ValidationError(errors)
    obj, _ = Settings.objects.update_or_create(
        province=province, defaults={"rating_scheme": rating_scheme, "timeliness_rule": timeliness_rule}
    )
    return obj


def overdue_q(now: datetime.datetime | None = None) -> Q:
    """In progress and past the due instant."""
    return Q(status__in=rules.IN_PROGRESS, due_at__lt=now or timezone.now())
