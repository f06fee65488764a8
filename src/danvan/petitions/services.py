"""The only write path of reception and petitions: intake, one service per transition, the clocks.

Every service checks the actor's right on the case's unit, applies a rule of
:mod:`.rules` or :mod:`.deadlines`, saves, recomputes the case's due dates and
appends a timeline event, in one transaction.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core import uploads
from danvan.core.calendar import WorkCalendar
from danvan.core.models import Event
from danvan.core.selectors import current_calendar
from danvan.core.services import record_event
from danvan.core.text import fold, nfc
from danvan.petitions import deadlines, rules
from danvan.petitions.models import (
    Attachment,
    Case,
    Extension,
    IdentityReveal,
    Letter,
    Pause,
    ReceptionSession,
    Subject,
)
from danvan.units.models import Unit
from danvan.units.rules import Level

if TYPE_CHECKING:
    from danvan.accounts.models import User

K = rules.LetterKind
S = rules.Status
SEALED = "Người tố cáo: được giữ bí mật"
#: Letters this similar (normalised content, same sender) are suggested as duplicates (đơn trùng).
DUPLICATE_SIMILARITY = 0.8
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _today() -> datetime.date:
    return timezone.localdate()


def _require(actor: User | None, permission: str, obj: Any) -> None:
    if actor is not None and not access.can(actor, permission, obj):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với hồ sơ của đơn vị này.")


def _not_future(day: datetime.date | None, field_name: str, label: str) -> datetime.date:
    if day is None:
        raise ValidationError({field_name: f"Cần ghi {label}."})
    if day > _today():
        raise ValidationError({field_name: f"{label.capitalize()} không được sau hôm nay."})
    return day


def new_tracking_code() -> str:
    """A code the citizen types on the status page: 10 characters without look-alikes (0/O, 1/I)."""
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
        if not Case.objects.filter(tracking_code=code).exists():
            return code


def _next_number(unit: Unit, year: int) -> str:
    count = Case.objects.filter(unit=unit, received_on__year=year).count()
    while True:
        count += 1
        number = f"{count}/{year}"
        if not Case.objects.filter(unit=unit, number=number).exists():
            return number


# --- reception ------------------------------------------------------------------------------------


@transaction.atomic
def record_session(
    *,
    actor: User,
    unit: Unit,
    date: datetime.date,
    kind: str,
    form: str = ReceptionSession.Form.IN_PERSON,
    leader: User | None = None,
    leader_role: str = "",
    conclusion: str = "",
) -> ReceptionSession:
    """Một buổi tiếp công dân (Luật Tiếp công dân 2013, Điều 2.1: thường xuyên, định kỳ, đột xuất)."""
    _require(actor, roles.RECEIVE_CITIZENS, unit)
    _not_future(date, "date", "ngày tiếp")
    if kind not in ReceptionSession.Kind.values:
        raise ValidationError({"kind": "Loại buổi tiếp phải là thường xuyên, định kỳ hoặc đột xuất."})
    if kind == ReceptionSession.Kind.PERIODIC and leader is None:
        raise ValidationError({"leader": "Buổi tiếp định kỳ do lãnh đạo chủ trì: cần ghi lãnh đạo."})
    session = ReceptionSession.objects.create(
        unit=unit, date=date, kind=kind, form=form, received_by=actor, leader=leader, leader_role=leader_role,
        conclusion=nfc(conclusion),
    )  # fmt: skip
    record_event(subject=session, unit=unit, actor=actor, action="session", note=session.get_kind_display())
    return session


# --- intake ---------------------------------------------------------------------------------------


@dataclass
class Intake:
    """What the reception desk or the mail room records about a letter."""

    received_on: datetime.date
    channel: str
    kind: str
    subject: Subject
    content: str
    sender_name: str = ""
    sender_id_number: str = ""
    sender_address: str = ""
    sender_phone: str = ""
    sender_email: str = ""
    co_signers: int = 1
    representatives: int = 0
    anonymous: bool = False
    impersonated: bool = False
    conditions_met: set[str] = field(default_factory=set)
    in_competence: bool = True
    competent_sector: str = ""
    over_level: bool = False
    forwarded_by: str = ""
    has_original_papers: bool = False
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address_string: str = ""
    media_url: str = ""


def submission_conditions(*, named: bool) -> set[str]:
    """The processing conditions of a citizen's electronic submission (online form, Open311).

    The form itself asks for the sender's name, ID and address, so the formal condition holds when the
    sender gave a name; the content conditions are presumed met and re-examined by the officer at
    classification (TT 05/2021/TT-TTCP). An unnamed submission is not eligible and is filed with the reason.
    """
    met = {c.value for c in rules.Condition} - {rules.Condition.LANGUAGE_AND_SIGNATURE.value}
    return met | ({rules.Condition.LANGUAGE_AND_SIGNATURE.value} if named else set())


def intake_errors(intake: Intake) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if intake.received_on > _today():
        add("received_on", "Ngày nhận đơn không được sau hôm nay.")
    if intake.channel not in rules.CHANNEL_LABELS:
        add("channel", "Nguồn đơn không hợp lệ.")
    if intake.kind not in rules.KIND_LABELS:
        add("kind", "Loại đơn phải là khiếu nại, tố cáo, kiến nghị, phản ánh hoặc nhiều nội dung.")
    if not nfc(intake.content):
        add("content", "Cần ghi tóm tắt nội dung đơn.")
    if not intake.anonymous and not nfc(intake.sender_name):
        add("sender_name", "Cần ghi họ tên người gửi, hoặc đánh dấu đơn nặc danh.")
    if intake.co_signers < 1:
        add("co_signers", "Số người ký ít nhất là 1.")
    elif intake.channel == rules.Channel.IN_PERSON:
        for problem in deadlines.representative_errors(intake.co_signers, intake.representatives):
            add("representatives", problem)
    if intake.channel in rules.FORWARDING_CHANNELS and not nfc(intake.forwarded_by):
        add("forwarded_by", "Đơn được chuyển đến: cần ghi cơ quan, đại biểu đã chuyển (để báo cáo kết quả).")
    if intake.latitude is not None and not -90 <= intake.latitude <= 90:
        add("lat", "Vĩ độ phải từ -90 đến 90.")
    if intake.longitude is not None and not -180 <= intake.longitude <= 180:
        add("long", "Kinh độ phải từ -180 đến 180.")
    if not intake.in_competence and not nfc(intake.competent_sector):
        add("competent_sector", "Đơn không thuộc thẩm quyền: cần ghi cơ quan có thẩm quyền.")
    return errors


def eligibility(intake: Intake) -> tuple[bool, str]:
    """Đủ / không đủ điều kiện xử lý, with the reason in Vietnamese (never dropped silently)."""
    reasons = []
    if intake.kind == K.DENUNCIATION and (intake.anonymous or intake.impersonated):
        reasons.append("Tố cáo nặc danh, mạo danh: không xử lý theo Luật Tố cáo (Điều 25)")
    elif intake.anonymous:
        reasons.append("Đơn nặc danh")
    if intake.kind == K.MIXED:
        reasons.append("Đơn có nhiều nội dung: hướng dẫn công dân tách đơn (Luật Tiếp công dân, Điều 25.3)")
    failed = rules.failed_conditions(intake.kind, intake.conditions_met) if intake.kind in rules.KIND_LABELS else []
    reasons += [f"Chưa đạt: {rules.CONDITION_LABELS[c]}" for c in failed]
    return (not reasons, "; ".join(reasons))


def find_duplicate(unit: Unit, intake: Intake) -> Letter | None:
    """An earlier letter of the same sender with (nearly) the same content, among the unit's letters."""
    if intake.anonymous or not intake.sender_name:
        return None
    name = fold(intake.sender_name)
    content = fold(intake.content)
    candidates = Letter.objects.filter(unit=unit, duplicate_of__isnull=True).filter(
        Q(sender_name__iexact=intake.sender_name) | Q(sender_id_number=intake.sender_id_number or "—")
    )
    best, best_ratio = None, 0.0
    for letter in candidates.order_by("-received_on")[:200]:
        if fold(letter.sender_name) != name and letter.sender_id_number != intake.sender_id_number:
            continue
        ratio = SequenceMatcher(None, fold(letter.content), content).ratio()
        if ratio > best_ratio:
            best, best_ratio = letter, ratio
    return best if best_ratio >= DUPLICATE_SIMILARITY else None


@transaction.atomic
def receive_letter(
    *,
    actor: User | None,
    unit: Unit,
    intake: Intake,
    case: Case | None = None,
    session: ReceptionSession | None = None,
    first_instance: Case | None = None,
) -> Letter:
    """Vào sổ một đơn: check it, classify its eligibility, spot a duplicate, attach it to a case (new or
    existing), and start the clocks. A letter failing the conditions is recorded as not eligible, with
    the reason, and its case is left for the officer to file."""
    _require(actor, roles.EDIT_RECORDS, unit)
    errors = intake_errors(intake)
    if errors:
        raise ValidationError(errors)
    eligible, reason = eligibility(intake)
    duplicate = find_duplicate(unit, intake) if case is None else None
    letter = Letter(
        unit=unit,
        reception_session=session,
        received_on=intake.received_on,
        channel=intake.channel,
        forwarded_by=nfc(intake.forwarded_by),
        kind=intake.kind,
        subject=intake.subject,
        content=nfc(intake.content),
        sender_name=nfc(intake.sender_name),
        sender_id_number=nfc(intake.sender_id_number),
        sender_address=nfc(intake.sender_address),
        sender_phone=nfc(intake.sender_phone),
        sender_email=nfc(intake.sender_email),
        co_signers=intake.co_signers,
        representatives=intake.representatives,
        anonymous=intake.anonymous,
        impersonated=intake.impersonated,
        conditions_met=sorted(intake.conditions_met),
        eligible=eligible,
        ineligible_reason=reason,
        in_competence=intake.in_competence,
        competent_sector=nfc(intake.competent_sector),
        duplicate_of=duplicate,
        has_original_papers=intake.has_original_papers,
        latitude=intake.latitude,
        longitude=intake.longitude,
        address_string=nfc(intake.address_string),
        media_url=intake.media_url,
        created_by=actor,
    )
    if case is None and duplicate is not None:
        case = duplicate.case
    if case is None:
        case = Case.objects.create(
            unit=unit,
            number=_next_number(unit, intake.received_on.year),
            kind=intake.kind,
            subject=intake.subject,
            summary=nfc(intake.content)[:1000],
            received_on=intake.received_on,
            crowd=intake.co_signers >= deadlines.CROWD,
            over_level=intake.over_level,
            anonymous=intake.anonymous or intake.impersonated,
            resolution_round=2 if first_instance is not None else 1,
            first_instance=first_instance,
            tracking_code=new_tracking_code(),
        )
        record_event(subject=case, unit=unit, actor=actor, action="open", to_state=case.status)
    else:
        _require(actor, roles.EDIT_RECORDS, case)
        if case.status not in rules.OPEN_STATUSES and duplicate is None:
            case.protracted = True  # the same matter again after it was decided or closed
            case.save(update_fields=["protracted"])
    letter.case = case
    letter.save()
    if intake.co_signers >= deadlines.CROWD and not case.crowd:
        case.crowd = True
        case.save(update_fields=["crowd"])
    note = "Đơn trùng" if duplicate else ("Không đủ điều kiện xử lý: " + reason if not eligible else "")
    record_event(subject=case, unit=unit, actor=actor, action="letter", note=note)
    recompute(case)
    return letter


# --- the clocks -------------------------------------------------------------------------------------


def _remote(unit: Unit) -> bool:
    """The "vùng sâu, vùng xa" flag of the case's commune (or of the hamlet's commune)."""
    if unit.remote_area:
        return True
    if unit.level == Level.HAMLET:
        parent = Unit.objects.get_parent(unit)
        return bool(parent and parent.remote_area)
    return False


def _stage(case: Case) -> tuple[str, datetime.date] | None:
    """The rule code and triggering date of the case's current stage, or None when no clock runs."""
    status = S(case.status)
    kind = K(case.kind)
    if status in (S.RECEIVED, S.CLASSIFIED, S.PROPOSED):
        code = {K.COMPLAINT: f"kn_accept_{min(case.resolution_round, 2)}", K.DENUNCIATION: "tc_initial"}.get(kind)
        if kind in (K.PROPOSAL, K.REPORT):
            code = "knpa_resolve"
        return (code or "process", case.received_on)
    if status in (S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED):
        if kind == K.COMPLAINT:
            return (f"kn_resolve_{min(case.resolution_round, 2)}", case.accepted_on or case.received_on)
        if kind == K.DENUNCIATION:
            return ("tc_resolve", case.accepted_on or case.received_on)
        return ("knpa_resolve", case.received_on)
    if status in (S.DECIDED, S.ENFORCING) and kind == K.DENUNCIATION and case.decided_on:
        return ("tc_send_conclusion", case.decided_on)
    return None


def compute(case: Case, calendar: WorkCalendar) -> tuple[datetime.date | None, str, str, datetime.date | None]:
    """(due date, rule code, explanation, reply due date) of ``case`` as it stands."""
    reply_rule = deadlines.rule_for("reply", case.received_on)
    reply = deadlines.compute_due(reply_rule, case.received_on, calendar).due if case.status in (
        S.RECEIVED, S.CLASSIFIED, S.PROPOSED) else None  # fmt: skip
    stage = _stage(case)
    if stage is None:
        return None, "", "", reply
    code, start = stage
    rule = deadlines.rule_for(code, start)
    pauses = [deadlines.Pause(p.start, p.end) for p in case.pauses.all()] if case.pk else []
    extensions = [e.days for e in case.extensions.all()] if case.pk else []
    due = deadlines.compute_due(
        rule,
        start,
        calendar,
        complex_case=case.complexity > 0,
        remote=_remote(case.unit),
        pauses=pauses,
        extensions=extensions,
    )
    return due.due, rule.code, f"{rule.stage}: {due.explanation}", reply


def recompute(case: Case, calendar: WorkCalendar | None = None) -> bool:
    """Store the case's due dates; True if they changed."""
    due, code, explanation, reply = compute(case, calendar or current_calendar())
    changed = (case.due_on, case.due_rule, case.due_explanation, case.reply_due_on) != (due, code, explanation, reply)
    if changed:
        case.due_on, case.due_rule, case.due_explanation, case.reply_due_on = due, code, explanation, reply
        case.save(update_fields=["due_on", "due_rule", "due_explanation", "reply_due_on"])
    return changed


def recompute_open_cases(calendar: WorkCalendar) -> int:
    """After the calendar's overrides change: recompute every open case; how many moved."""
    changed = 0
    for case in Case.objects.open().select_related("unit").prefetch_related("pauses", "extensions").iterator(500):
        changed += recompute(case, calendar)
    return changed


# --- transitions -----------------------------------------------------------------------------------------


def _move(actor: User | None, case: Case, action: rules.Action, note: str = "", **changes: Any) -> Case:
    try:
        transition = rules.transition_for(action, case.status, case.kind)
    except rules.TransitionRefused as exc:
        raise ValidationError({"status": str(exc)}) from exc
    _require(actor, transition.right.value, case)
    if transition.once_per_content:
        times = Event.objects.filter(
            content_type__model="case", object_id__in=[str(pk) for pk in content_group(case)], action=action.value
        ).count()
        if refusal := rules.once_refusal(transition, times):
            raise ValidationError({"status": refusal})
    before = case.status
    for name, value in changes.items():
        setattr(case, name, value)
    case.status = transition.target
    case.save()
    record_event(
        subject=case, unit=case.unit, actor=actor, action=action.value, from_state=before, to_state=case.status,
        note=nfc(note),
    )  # fmt: skip
    recompute(case)
    return case


def content_group(case: Case) -> set[int]:
    """The cases about the same content: linked by duplicate letters and by the first instance."""
    group = {case.pk}
    frontier = {case.pk}
    while frontier:
        linked = set(
            Letter.objects.filter(
                Q(case_id__in=frontier, duplicate_of__isnull=False) | Q(duplicates__case_id__in=frontier)
            ).values_list("case_id", "duplicate_of__case_id")
        )
        found = {pk for pair in linked for pk in pair if pk} - group
        group |= found
        frontier = found
    return group


@transaction.atomic
def classify(*, actor: User | None, case: Case, note: str = "") -> Case:
    return _move(actor, case, rules.Action.CLASSIFY, note)


@transaction.atomic
def propose_acceptance(*, actor: User | None, case: Case, note: str = "") -> Case:
    """Phiếu đề xuất thụ lý (Mẫu 01, TT 05/2021/TT-TTCP): only for an eligible letter within competence."""
    letters = list(case.letters.all())
    if not any(letter.eligible and letter.in_competence for letter in letters):
        raise ValidationError(
            {"status": "Không đề xuất thụ lý: đơn không đủ điều kiện xử lý hoặc không thuộc thẩm quyền."}
        )
    return _move(actor, case, rules.Action.PROPOSE, note)


@transaction.atomic
def accept(
    *,
    actor: User | None,
    case: Case,
    on: datetime.date,
    complexity: int = 0,
    complexity_reason: str = "",
    handlers: list[User] | None = None,
    note: str = "",
) -> Case:
    """Thụ lý: the resolution clock starts (Luật Khiếu nại Điều 28, 37; Luật Tố cáo Điều 30)."""
    day = _not_future(on, "on", "ngày thụ lý")
    if day < case.received_on:
        raise ValidationError({"on": f"Ngày thụ lý không được trước ngày nhận đơn ({case.received_on:%d/%m/%Y})."})
    if complexity not in (0, 1, 2):
        raise ValidationError({"complexity": "Mức độ phức tạp là 0, 1 hoặc 2."})
    if complexity and not nfc(complexity_reason):
        raise ValidationError(
            {"complexity_reason": "Vụ việc phức tạp phải ghi căn cứ bằng văn bản (NĐ 31/2019, Điều 3)."}
        )
    _move(actor, case, rules.Action.ACCEPT, note, accepted_on=day, complexity=complexity,
          complexity_reason=nfc(complexity_reason), leader=case.leader or actor)  # fmt: skip
    if handlers:
        case.handlers.set(handlers)
    return case


@transaction.atomic
def start_verification(*, actor: User | None, case: Case, note: str = "") -> Case:
    return _move(actor, case, rules.Action.VERIFY, note)


@transaction.atomic
def hold_dialogue(*, actor: User | None, case: Case, note: str = "") -> Case:
    return _move(actor, case, rules.Action.DIALOGUE, note)


@transaction.atomic
def suspend(*, actor: User | None, case: Case, start: datetime.date, decision_no: str, reason: str) -> Case:
    """Tạm đình chỉ: the clock pauses (NĐ 155/2026 Điều 28b; Luật Tố cáo Điều 34)."""
    day = _not_future(start, "start", "ngày tạm đình chỉ")
    if case.accepted_on and day < case.accepted_on:
        raise ValidationError({"start": "Ngày tạm đình chỉ không được trước ngày thụ lý."})
    if not nfc(decision_no) or not nfc(reason):
        raise ValidationError({"decision_no": "Cần số quyết định và lý do tạm đình chỉ."})
    Pause.objects.create(case=case, start=day, decision_no=nfc(decision_no), reason=nfc(reason))
    return _move(actor, case, rules.Action.SUSPEND, f"Quyết định {nfc(decision_no)}: {nfc(reason)}")


@transaction.atomic
def resume(*, actor: User | None, case: Case, on: datetime.date, decision_no: str) -> Case:
    day = _not_future(on, "on", "ngày tiếp tục giải quyết")
    pause = case.pauses.filter(end__isnull=True).first()
    if pause is None:
        raise ValidationError({"status": "Vụ việc không đang tạm đình chỉ."})
    if day < pause.start:
        raise ValidationError({"on": f"Ngày tiếp tục không được trước ngày tạm đình chỉ ({pause.start:%d/%m/%Y})."})
    _require(actor, rules.Right.DECIDE.value, case)
    pause.end = day
    pause.save(update_fields=["end"])
    return _move(actor, case, rules.Action.RESUME, f"Quyết định tiếp tục giải quyết {nfc(decision_no)}")


@transaction.atomic
def extend(*, actor: User | None, case: Case, days: int, decision_no: str, decided_on: datetime.date) -> Case:
    """Gia hạn: validated against the law (tố cáo: at most two of 30 days for an especially complex case)."""
    _require(actor, rules.Right.DECIDE.value, case)
    if case.status not in (S.ACCEPTED, S.VERIFYING, S.DIALOGUE):
        raise ValidationError({"status": "Chỉ gia hạn khi vụ việc đang được giải quyết."})
    stage = _stage(case)
    assert stage is not None
    rule = deadlines.rule_for(stage[0], stage[1])
    granted = [e.days for e in case.extensions.all()]
    if problems := deadlines.extension_errors(rule, [*granted, days], complexity=case.complexity):
        raise ValidationError({"days": problems})
    day = _not_future(decided_on, "decided_on", "ngày quyết định gia hạn")
    if case.due_on and day > case.due_on:
        raise ValidationError({"decided_on": "Quyết định gia hạn phải ban hành trước khi hết hạn giải quyết."})
    Extension.objects.create(case=case, days=days, decision_no=nfc(decision_no), decided_on=day)
    record_event(subject=case, unit=case.unit, actor=actor, action="extend", note=f"Gia hạn {days} ngày")
    recompute(case)
    return case


@transaction.atomic
def decide(
    *,
    actor: User | None,
    case: Case,
    on: datetime.date,
    outcome: str = "",
    money: Decimal | int = 0,
    land: Decimal | int = 0,
    discipline: int = 0,
    note: str = "",
) -> Case:
    """Quyết định giải quyết khiếu nại / kết luận nội dung tố cáo, with the outcome, what is recovered or
    returned, and how many people are proposed for discipline."""
    day = _not_future(on, "on", "ngày ban hành")
    if case.accepted_on and day < case.accepted_on:
        raise ValidationError({"on": "Ngày quyết định không được trước ngày thụ lý."})
    if case.kind in (K.COMPLAINT, K.DENUNCIATION) and outcome not in rules.Outcome.__members__.values():
        raise ValidationError({"outcome": "Cần ghi kết quả: đúng, đúng một phần hoặc sai."})
    if discipline < 0:
        raise ValidationError({"discipline": "Số người kiến nghị kỷ luật không được âm."})
    if Decimal(money) < 0 or Decimal(land) < 0:
        raise ValidationError({"money": "Số tiền, diện tích thu hồi không được âm."})
    changes = {
        "decided_on": day,
        "outcome": outcome,
        "ended_on": day,
        "due_at_decision": case.due_on,
        "money_recovered": Decimal(money),
        "land_recovered": Decimal(land),
        "discipline_proposed": discipline,
    }
    return _move(actor, case, rules.Action.DECIDE, note, **changes)


ROUTES = frozenset({rules.Action.GUIDE, rules.Action.TRANSFER, rules.Action.RETURN_PAPERS, rules.Action.FILE,
                    rules.Action.URGE, rules.Action.TO_INVESTIGATION, rules.Action.TO_PARTY})  # fmt: skip


@transaction.atomic
def route(*, actor: User | None, case: Case, action: str, note: str = "", on: datetime.date | None = None) -> Case:
    """The other routes: guide, transfer (once each for the same content), return papers, file, urge;
    also enforcement and closing. ``on`` is the date of the step (today by default)."""
    day = _not_future(on or _today(), "on", "ngày thực hiện")
    if day < case.received_on:
        raise ValidationError({"on": f"Ngày thực hiện không được trước ngày nhận đơn ({case.received_on:%d/%m/%Y})."})
    step = rules.Action(action)
    if step not in ROUTES | {rules.Action.ENFORCE, rules.Action.CLOSE}:
        raise ValidationError({"action": f"“{action}” không phải một hướng xử lý."})
    if step == rules.Action.RETURN_PAPERS and not case.letters.filter(has_original_papers=True).exists():
        raise ValidationError({"action": "Đơn không kèm giấy tờ gốc để trả lại."})
    changes: dict[str, Any] = {}
    if step in ROUTES:
        changes = {"route": step.value, "ended_on": day}
    elif step == rules.Action.CLOSE and case.ended_on is None:
        changes = {"ended_on": day}
    return _move(actor, case, step, note, **changes)


@transaction.atomic
def terminate(*, actor: User | None, case: Case, reason: str) -> Case:
    """Đình chỉ: the whole complaint or denunciation is withdrawn in writing (Luật Tố cáo Điều 33)."""
    if not nfc(reason):
        raise ValidationError({"reason": "Cần ghi lý do đình chỉ (rút đơn bằng văn bản…)."})
    open_pause = case.pauses.filter(end__isnull=True).first()
    if open_pause is not None:
        open_pause.end = max(_today(), open_pause.start)
        open_pause.save(update_fields=["end"])
    return _move(actor, case, rules.Action.TERMINATE, reason, ended_on=_today())


@transaction.atomic
def withdraw_part(*, actor: User | None, case: Case, content: str, on: datetime.date) -> Case:
    """Rút một phần: the withdrawn content is recorded and not reopened; the case goes on for the rest
    (Luật Tố cáo Điều 33; Luật 136/2025 on complaints). Withdrawing everything is :func:`terminate`."""
    _require(actor, roles.EDIT_RECORDS, case)
    if case.status not in (S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED):
        raise ValidationError({"status": "Chỉ rút đơn khi vụ việc đang được giải quyết."})
    if not nfc(content):
        raise ValidationError({"content": "Cần ghi nội dung được rút (đơn rút bằng văn bản)."})
    day = _not_future(on, "on", "ngày rút đơn")
    record_event(subject=case, unit=case.unit, actor=actor, action="withdraw_part",
                 note=f"Rút một phần ngày {day:%d/%m/%Y}: {nfc(content)}")  # fmt: skip
    return case


@transaction.atomic
def open_second_instance(*, actor: User | None, first: Case, intake: Intake) -> Letter:
    """Khiếu nại lần hai, linked to the first-instance case (Luật Khiếu nại 2011, Điều 33, 36)."""
    if first.kind != K.COMPLAINT:
        raise ValidationError({"kind": "Chỉ khiếu nại mới có giải quyết lần hai."})
    if first.decided_on is None:
        raise ValidationError({"status": "Vụ việc lần đầu chưa có quyết định giải quyết."})
    if first.resolution_round >= 2:
        raise ValidationError({"status": "Đã có quyết định giải quyết lần hai: không thụ lý lần nữa (Điều 11.7)."})
    return receive_letter(actor=actor, unit=intake_unit(first), intake=intake, first_instance=first)


def intake_unit(first: Case) -> Unit:
    """The second instance is resolved one level up: a commune's decision by the province (Luật KN Điều 21)."""
    unit = first.unit
    if unit.level in (Level.COMMUNE, Level.HAMLET):
        province = Unit.objects.get_ancestors(unit).filter(level=Level.PROVINCE).first()
        if province is not None:
            return province
    return unit


@transaction.atomic
def attach(*, actor: User | None, letter: Letter, upload: Any, title: str = "") -> Attachment:
    """Attach a scan, a paper or a photo to a letter (content sniffed; size limited)."""
    _require(actor, roles.EDIT_RECORDS, letter)
    sniffed = uploads.sniff(upload)
    if sniffed.errors:
        raise ValidationError({"file": sniffed.errors})
    attachment = Attachment.objects.create(
        letter=letter, title=nfc(title) or upload.name or "", file=upload, size=upload.size or 0,
        content_type=sniffed.content_type, uploaded_by=actor,
    )  # fmt: skip
    if letter.case is not None:
        record_event(subject=letter.case, unit=letter.unit, actor=actor, action="attach", note=attachment.title)
    return attachment


# --- sealed identities --------------------------------------------------------------------------------


def may_see_identity(user: User, letter: Letter) -> bool:
    """A denouncer's identity: only the case's assigned handlers and its leader (Luật Tố cáo 2018, Điều 47)."""
    if not letter.sealed:
        return access.can(user, roles.VIEW_RECORDS, letter)
    case = letter.case
    if case is None:
        return False
    return case.leader_id == user.pk or case.handlers.filter(pk=user.pk).exists()


@dataclass(frozen=True)
class Identity:
    name: str
    id_number: str
    address: str
    phone: str
    email: str


def public_sender(letter: Letter) -> str:
    """What every list, search, export, statistic and API shows as the sender."""
    if letter.sealed:
        return SEALED
    if letter.anonymous:
        return "Nặc danh"
    return letter.sender_name


@transaction.atomic
def reveal_identity(*, actor: User, letter: Letter, reason: str) -> Identity:
    """Show a sealed identity to a handler or the leader, and log who, when and why."""
    if not may_see_identity(actor, letter):
        raise PermissionDenied("Danh tính người tố cáo chỉ người được giao giải quyết và lãnh đạo được xem.")
    if letter.sealed:
        if not nfc(reason):
            raise ValidationError({"reason": "Cần ghi lý do xem danh tính người tố cáo."})
        IdentityReveal.objects.create(letter=letter, user=actor, reason=nfc(reason))
    return Identity(letter.sender_name, letter.sender_id_number, letter.sender_address, letter.sender_phone,
                    letter.sender_email)  # fmt: skip
