"""The only write path of reception and petitions: intake, one service per transition, the clocks.

Every service checks the actor's right on the case's unit, applies a rule of
:mod:`.rules` or :mod:`.deadlines`, saves, recomputes the case's due dates and
appends a timeline event, in one transaction.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core import identifiers, uploads
from danvan.core.calendar import WorkCalendar
from danvan.core.models import Event
from danvan.core.selectors import current_calendar
from danvan.core.services import notify, record_event
from danvan.core.text import format_date, nfc
from danvan.matching import Record, Settings
from danvan.petitions import classify as suggestions_for_kind
from danvan.petitions import deadlines, duplicates, rules
from danvan.petitions.models import (
    Attachment,
    Case,
    Extension,
    IdentityReveal,
    Letter,
    Pause,
    ReceptionSession,
    Subject,
    Suggestion,
)
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow import machine as wf
from danvan.workflow.engine import Actor, Step, transition
from danvan.workflow.machine import NOTE, Action, Machine, Param, ParamKind

if TYPE_CHECKING:
    from danvan.accounts.models import User

logger = logging.getLogger(__name__)
K = rules.LetterKind
S = rules.Status
SEALED = "Người tố cáo: được giữ bí mật"
#: A letter scored this close to a case of its unit is kept as a suggestion for an officer to decide on.
SAME_MATTER = Settings().same_matter
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _today() -> datetime.date:
    return timezone.localdate()


def _require(actor: Actor, permission: str, obj: Any) -> None:
    access.require(actor, permission, obj, "Bạn không có quyền thực hiện thao tác này với hồ sơ của đơn vị này.")


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
    """The unit's next case number of ``year`` ("31/2026"). Called inside the transaction that creates the
    case: the unit's row is locked first, so that two letters received at once never draw the same number."""
    list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk", flat=True))
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
        unit=unit, date=date, kind=kind, form=form, received_by=access.user_of(actor), leader=leader,
        leader_role=leader_role, conclusion=nfc(conclusion),
    )  # fmt: skip
    record_event(subject=session, unit=unit, actor=actor, action="session", note=session.get_kind_display(), on=date)
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

    @classmethod
    def from_data(cls, data: Mapping[str, Any], **fixed: Any) -> Intake:
        """An intake from a form's or a request's fields: the names an intake has (others ignored, empty
        ones left to their defaults), with ``fixed`` over them (the subject, the channel, the conditions)."""
        names = {f.name for f in dataclass_fields(cls)}
        values = {k: v for k, v in data.items() if k in names and v is not None}
        return cls(**(values | fixed))


#: Who records a letter that a citizen sent through the online form, without signing in.
ONLINE_FORM = access.SystemActor("cổng gửi đơn trực tuyến")


def online_receiving_unit(code: str, *, hamlets: bool = True) -> Unit:
    """The unit an online petition (the citizens' form, Open311) is sent to: a commune, ward or special
    zone in force today, or one of its hamlets where the channel names one. Anything else is refused."""
    levels = (Level.COMMUNE, Level.HAMLET) if hamlets else (Level.COMMUNE,)
    try:
        unit = unit_by_code(code)
    except UnitCodeNotFound:
        unit = None
    if unit is None or unit.level not in levels:
        raise ValidationError({"unit_code": "Không có xã, phường, đặc khu hiện hành với mã này."})
    return unit


def submission_conditions(*, named: bool) -> set[str]:
    """The processing conditions of a citizen's electronic submission (online form, Open311).

    The form itself asks for the sender's name, ID and address, so the formal condition holds when the
    sender gave a name; the content conditions are presumed met and re-examined by the officer at
    classification (TT 05/2021/TT-TTCP). An unnamed submission is not eligible and is filed with the reason.
    """
    met = {c.value for c in rules.Condition} - {rules.Condition.LANGUAGE_AND_SIGNATURE.value}
    return met | ({rules.Condition.LANGUAGE_AND_SIGNATURE.value} if named else set())


#: The intake's free-text fields, each checked for characters no database column can hold.
TEXT_FIELDS = (
    "content", "sender_name", "sender_id_number", "sender_address", "sender_phone", "sender_email",
    "competent_sector", "forwarded_by", "address_string", "media_url",
)  # fmt: skip


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
    if problem := rules.content_error(nfc(intake.content), intake.channel):
        add("content", problem)
    if intake.sender_id_number.strip():
        try:
            identifiers.normalise_id_number(intake.sender_id_number)
        except identifiers.InvalidIdentifier as exc:
            add("sender_id_number", str(exc))
    if intake.sender_phone.strip():
        try:
            identifiers.normalise_phone(intake.sender_phone)
        except identifiers.InvalidIdentifier as exc:
            add("sender_phone", str(exc))
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
    if not intake.subject.active:
        add("subject_id", f"Lĩnh vực “{intake.subject.name}” không còn dùng; chọn lĩnh vực đang dùng.")
    for name in TEXT_FIELDS:
        if "\x00" in getattr(intake, name):  # PostgreSQL cannot store it; it carries nothing readable
            add(name, "Có ký tự không hợp lệ (NUL).")
    unknown = set(intake.conditions_met) - set(rules.CONDITION_LABELS)
    if unknown:
        add("conditions_met", "Điều kiện xử lý không có trong danh mục: " + ", ".join(sorted(unknown)) + ".")
    return errors


def normalised(intake: Intake) -> Intake:
    """The intake with its identifiers in one form ("0912345678", "001099000111"), once they are checked, so
    that duplicates, look-ups and personal-data requests compare like with like."""
    return replace(
        intake,
        sender_id_number=identifiers.normalise_id_number(intake.sender_id_number)
        if intake.sender_id_number.strip()
        else "",
        sender_phone=identifiers.normalise_phone(intake.sender_phone) if intake.sender_phone.strip() else "",
    )


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


def intake_record(unit: Unit, intake: Intake) -> Record:
    """The letter being entered as the matcher sees it."""
    return duplicates.new_record(
        unit=unit,
        content=intake.content,
        sender_name="" if intake.anonymous else intake.sender_name,
        sender_id="" if intake.anonymous else intake.sender_id_number,
        address=intake.sender_address or intake.address_string,
    )


def find_duplicate(unit: Unit, intake: Intake) -> Letter | None:
    """An earlier letter of the same sender with (nearly) the same content and of the same kind, among the
    unit's letters: a repeat letter (đơn trùng, DOMAIN §1.3)."""
    if intake.anonymous:
        return None
    return duplicates.repeat_of(unit, intake_record(unit, intake), intake.kind)


def letter_from(actor: Actor, unit: Unit, intake: Intake, eligible: bool, reason: str, **more: Any) -> Letter:
    """The letter of a normalised ``intake`` as the register keeps it (NFC text), not saved: for
    :func:`receive_letter` and the backlog's import, which add its case, session or suggestion (``more``)."""
    return Letter(
        unit=unit,
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
        has_original_papers=intake.has_original_papers,
        latitude=intake.latitude,
        longitude=intake.longitude,
        address_string=nfc(intake.address_string),
        media_url=intake.media_url,
        created_by=access.user_of(actor),
        **more,
    )


def _look_alikes(
    actor: Actor, unit: Unit, intake: Intake, repeat: bool
) -> tuple[list[duplicates.CaseSuggestion], Letter | None]:
    """The likely cases of a letter being entered (as its enterer may be shown them) and, when ``repeat``,
    the earlier letter it repeats. Suggestions never block intake: a failing matcher is logged and the
    letter is entered without them."""
    try:
        with transaction.atomic():  # a savepoint: a failed query here does not spoil the intake's transaction
            user = access.user_of(actor)
            suggested = duplicates.candidates(unit, intake_record(unit, intake), viewer=user)
            return suggested, find_duplicate(unit, intake) if repeat else None
    except Exception:
        logger.exception("Gợi ý đơn trùng không chạy được; đơn vẫn được vào sổ.")
        return [], None


def may_join_by_itself(actor: Actor, intake: Intake, match: Letter) -> bool:
    """Whether a new letter joins the case of the earlier letter it matches without an officer's decision.

    Never from a public channel (the citizen's answer must not depend on other people's letters: a guessed
    name would otherwise be confirmed by the code it gets), never into a sealed case for someone who may not
    see its denouncer (the case id in the answer would confirm the guess). Otherwise it stays a suggestion
    (``similar_to``) for an officer who may see both."""
    if intake.channel in rules.PUBLIC_CHANNELS:
        return False
    if not match.sealed:
        return True
    user = access.user_of(actor)
    return user is None or may_see_identity(user, match)


@transaction.atomic
def receive_letter(
    *,
    actor: Actor,
    unit: Unit,
    intake: Intake,
    case: Case | None = None,
    session: ReceptionSession | None = None,
    first_instance: Case | None = None,
    confirmed_new: bool = False,
) -> Letter:
    """Vào sổ một đơn: check it, classify its eligibility, spot a duplicate, attach it to a case (new or
    existing), and start the clocks. A letter failing the conditions is recorded as not eligible, with
    the reason, and its case is left for the officer to file."""
    _require(actor, roles.PETITIONS.edit, unit)
    errors = intake_errors(intake)
    if errors:
        raise ValidationError(errors)
    intake = normalised(intake)
    eligible, reason = eligibility(intake)
    if case is not None and case.unit_id != unit.pk:
        raise ValidationError(
            {"case_id": f"Vụ việc {case.number} thuộc {case.unit.name}: đơn của {unit.name} không gộp vào được."}
        )
    suggested, match = _look_alikes(actor, unit, intake, case is None and not confirmed_new)
    chosen_case = case
    duplicate = match if match is not None and may_join_by_itself(actor, intake, match) else None
    if match is None and case is None and not confirmed_new:
        # The best case of this unit scored as the same matter is kept for an officer to decide on
        # (shown only to someone who may see it: duplicates.may_be_shown).
        match = next(
            (s.letter for s in suggested if s.joinable and s.case.kind == intake.kind and s.match.score >= SAME_MATTER),
            None,
        )
    letter = letter_from(
        actor, unit, intake, eligible, reason,
        reception_session=session, duplicate_of=duplicate, similar_to=match if duplicate is None else None,
    )  # fmt: skip
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
        record_event(subject=case, unit=unit, actor=actor, action="open", to_state=case.status, on=intake.received_on)
    else:
        _require(actor, roles.PETITIONS.edit, case)
        if case.status not in rules.OPEN_STATUSES and duplicate is None:
            case.protracted = True  # the same matter again after it was decided or closed
            case.save(update_fields=["protracted"])
    letter.case = case
    letter.save()
    if intake.co_signers >= deadlines.CROWD and not case.crowd:
        case.crowd = True
        case.save(update_fields=["crowd"])
    note = "Đơn trùng" if duplicate else ("Không đủ điều kiện xử lý: " + reason if not eligible else "")
    record_event(subject=case, unit=unit, actor=actor, action="letter", note=note, on=intake.received_on)
    _keep_suggestion(actor, letter, suggested, chosen=case if (chosen_case or duplicate) else None,
                     confirmed_new=confirmed_new)  # fmt: skip
    recompute(case)
    return letter


def _keep_suggestion(
    actor: Actor, letter: Letter, suggested: list[duplicates.CaseSuggestion], *, chosen: Case | None,
    confirmed_new: bool,
) -> Suggestion:  # fmt: skip
    """What was suggested for ``letter`` and what was decided, kept to measure the suggestions."""
    D = Suggestion.Decision
    if chosen is not None:
        decision = D.JOINED
    elif confirmed_new:
        decision = D.NEW
    elif letter.similar_to_id is not None:
        decision = D.PENDING
    else:
        decision = D.NONE
    user = access.user_of(actor)
    decided = decision in (D.JOINED, D.NEW)
    # What DanVan would have suggested for the kind, the field and the competent body, whatever the
    # officer chose: measured against the letter's own kind, subject and competent_sector.
    would = suggestions_for_kind.suggest(unit=letter.unit, content=letter.content)
    body = suggestions_for_kind.route(unit=letter.unit, kind=letter.kind, subject=letter.subject)
    return Suggestion.objects.create(
        letter=letter,
        cases=[s.as_json() for s in suggested],
        decision=decision,
        chosen_case=chosen,
        kind_suggested=would.kind,
        subject_suggested=would.subject,
        body_suggested=body.body if body is not None else "",
        decided_by=user if decided else None,
        decided_at=timezone.now() if decided else None,
    )


@transaction.atomic
def open_case_for(*, actor: Actor, letters: list[Letter], case: Case | None = None, note: str = "") -> Case:
    """Put letters that are in no case yet (the backlog: letters brought from an earlier register) into one
    case: a new one, opened from the earliest letter as :func:`receive_letter` opens it (its number, its
    clocks, its events), or the existing ``case`` of the same unit. Issue 11, :mod:`.backlog`."""
    if not letters:
        raise ValidationError({"letters": "Cần ít nhất một đơn."})
    ordered = sorted(letters, key=lambda letter: (letter.received_on, letter.pk))
    first = ordered[0]
    unit = case.unit if case is not None else first.unit
    for letter in ordered:
        _require(actor, roles.PETITIONS.edit, letter)
        if letter.case_id is not None:
            raise ValidationError({"letters": f"Đơn #{letter.pk} đã thuộc một vụ việc."})
        if letter.unit_id != unit.pk:
            raise ValidationError(
                {"letters": f"Đơn #{letter.pk} thuộc {letter.unit.name}: không gộp vào vụ việc của {unit.name}."}
            )
    crowd = any(letter.co_signers >= deadlines.CROWD for letter in ordered)
    if case is None:
        case = Case.objects.create(
            unit=unit,
            number=_next_number(unit, first.received_on.year),
            kind=first.kind,
            subject=first.subject,
            summary=first.content[:1000],
            received_on=first.received_on,
            crowd=crowd,
            anonymous=all(letter.anonymous or letter.impersonated for letter in ordered),
            tracking_code=new_tracking_code(),
        )
        record_event(subject=case, unit=unit, actor=actor, action="open", to_state=case.status, on=first.received_on)
    else:
        _require(actor, roles.PETITIONS.edit, case)
        changed = []
        if case.status not in rules.OPEN_STATUSES:
            case.protracted = True  # the same matter again after it was decided or closed
            changed.append("protracted")
        if crowd and not case.crowd:
            case.crowd = True
            changed.append("crowd")
        if changed:
            case.save(update_fields=changed)
    for letter in ordered:
        letter.case = case
        letter.save(update_fields=["case"])
        ineligible = "Không đủ điều kiện xử lý: " + letter.ineligible_reason if not letter.eligible else ""
        record_event(subject=case, unit=unit, actor=actor, action="letter",
                     note="; ".join(filter(None, (note, ineligible))), on=letter.received_on)  # fmt: skip
    recompute(case)
    return case


# --- suggested duplicates: an officer's decision ----------------------------------------------------


def may_see_suggestion(user: Any, letter: Letter) -> bool:
    """Whether ``user`` may be shown that ``letter`` looks like its ``similar_to``: only someone who may see
    the earlier letter's case, and for a sealed one only its handlers and leader (Luật Tố cáo 2018, Điều 47)."""
    earlier = letter.similar_to
    if earlier is None or earlier.case is None or user is None or isinstance(user, access.SystemActor):
        return False
    return access.can(user, roles.PETITIONS.edit, earlier.case) and may_see_identity(user, earlier)


@transaction.atomic
def join_suggested(*, actor: User, letter: Letter, on: datetime.date | None = None) -> Letter:
    """Gộp đơn: the officer decides that ``letter`` is about the same matter as the letter it was suggested
    to match, and it joins that case. The letter's own case, opened for it alone and untouched since, is
    closed as merged; its code stays its sender's, and shows only that case."""
    letter = Letter.objects.select_for_update(of=("self",)).select_related("case", "similar_to__case").get(pk=letter.pk)
    earlier = letter.similar_to
    if earlier is None or earlier.case is None:
        raise ValidationError({"letter": "Đơn này không có gợi ý trùng để gộp."})
    if not may_see_suggestion(actor, letter) or letter.case is None:
        raise PermissionDenied("Không có quyền gộp đơn vào vụ việc này.")
    _require(actor, roles.PETITIONS.edit, letter.case)
    own, target = letter.case, earlier.case
    if own.pk == target.pk:
        raise ValidationError({"letter": "Đơn đã thuộc vụ việc này."})
    if own.letters.exclude(pk=letter.pk).exists() or own.status != rules.Status.RECEIVED:
        raise ValidationError(
            {"letter": f"Vụ việc {own.number} đã có đơn khác hoặc đã được xử lý: không gộp tự động được."}
        )
    day = _not_future(on or _today(), "on", "Ngày gộp")
    letter.case, letter.duplicate_of, letter.similar_to = target, earlier, None
    letter.save(update_fields=["case", "duplicate_of", "similar_to"])
    own.status, own.ended_on = rules.Status.CLOSED, max(day, own.received_on)
    own.save(update_fields=["status", "ended_on"])
    record_event(subject=own, unit=own.unit, actor=actor, action="merge", from_state=rules.Status.RECEIVED,
                 to_state=own.status, note=f"Đơn trùng, gộp vào vụ việc {target.number}", on=day)  # fmt: skip
    record_event(subject=target, unit=target.unit, actor=actor, action="letter", note="Đơn trùng (gộp)", on=day)
    _decided(letter, actor, Suggestion.Decision.JOINED, target)
    recompute(target)
    return letter


def _decided(letter: Letter, actor: User, decision: str, case: Case | None = None) -> None:
    """The officer's later decision on a letter's suggestion, kept beside what was suggested."""
    Suggestion.objects.update_or_create(
        letter=letter,
        defaults={"decision": decision, "chosen_case": case, "decided_by": actor, "decided_at": timezone.now()},
    )


@transaction.atomic
def set_aside_suggestion(*, actor: User, letter: Letter) -> Letter:
    """Không trùng: the officer confirms that ``letter`` is a matter of its own; the decision is recorded."""
    letter = Letter.objects.select_for_update(of=("self",)).select_related("case", "similar_to__case").get(pk=letter.pk)
    if letter.similar_to is None or letter.case is None:
        raise ValidationError({"letter": "Đơn này không có gợi ý trùng."})
    if not may_see_suggestion(actor, letter):
        raise PermissionDenied("Không có quyền quyết định về gợi ý này.")
    letter.similar_to = None
    letter.save(update_fields=["similar_to"])
    record_event(subject=letter.case, unit=letter.case.unit, actor=actor, action="not_duplicate",
                 note="Xác nhận không trùng với đơn đã có")  # fmt: skip
    _decided(letter, actor, Suggestion.Decision.NEW)
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


# --- transitions: the case's machine (the table is rules.TRANSITIONS; the engine is the kit's) -----------


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


def handler_candidates(actor: Any, case: Case) -> list[User]:
    """Who may be assigned to a case: the active people who may edit records of the case's unit.

    The rule is here, not in the form: the page offers exactly these, and the API, bulk actions and the
    demo are refused anyone else (an officer of another province would otherwise read a sealed identity).
    """
    return access.users_who_can(roles.PETITIONS.edit, case)


def _not_before_receipt(case: Case, day: datetime.date, field_name: str, label: str) -> None:
    if day < case.received_on:
        raise ValidationError(
            {field_name: f"{label} không được trước ngày nhận đơn ({format_date(case.received_on)})."}
        )


def _not_before_acceptance(case: Case, day: datetime.date, label: str) -> None:
    """A step of the resolution happens after the case was accepted (or, before that, received)."""
    start = case.accepted_on or case.received_on
    if day < start:
        raise ValidationError({"on": f"{label} không được trước ngày thụ lý, nhận đơn ({format_date(start)})."})


def _dated_step(step: Step) -> None:
    """Steps that only move the case (classify, verify, dialogue) on their day, not before the receipt."""
    day = _not_future(step.params["on"], "on", "ngày thực hiện")
    _not_before_receipt(step.obj, day, "on", "Ngày thực hiện")


def _propose(step: Step) -> None:
    """Phiếu đề xuất thụ lý (Mẫu 01, TT 05/2021/TT-TTCP): only for an eligible letter within competence."""
    _dated_step(step)
    if not any(letter.eligible and letter.in_competence for letter in step.obj.letters.all()):
        raise ValidationError(
            {"status": "Không đề xuất thụ lý: đơn không đủ điều kiện xử lý hoặc không thuộc thẩm quyền."}
        )


def _accept(step: Step) -> None:
    """Thụ lý: the resolution clock starts (Luật Khiếu nại Điều 28, 37; Luật Tố cáo Điều 30)."""
    case, p = step.obj, step.params
    day = _not_future(p["on"], "on", "ngày thụ lý")
    _not_before_receipt(case, day, "on", "Ngày thụ lý")
    if p["complexity"] and not p["complexity_reason"]:
        raise ValidationError(
            {"complexity_reason": "Vụ việc phức tạp phải ghi căn cứ bằng văn bản (NĐ 31/2019, Điều 3)."}
        )
    case.accepted_on = day
    case.complexity = p["complexity"]
    case.complexity_reason = p["complexity_reason"]
    case.leader = case.leader or step.user
    if p["handlers"]:
        case.handlers.set(p["handlers"])
        handlers, number, pk = list(p["handlers"]), case.number, case.pk
        message = f"Bạn được giao xử lý vụ việc {number} ({case.unit.name}), thụ lý ngày {format_date(day)}."
        step.after_commit(
            lambda: notify(users=handlers, may_see=lambda user: access.can(user, roles.PETITIONS.view, case),
                           key=f"case-{pk}-assigned", message=message, url=reverse("case_detail", args=[pk]),
                           email=True)
        )  # fmt: skip


def _suspend(step: Step) -> None:
    """Tạm đình chỉ: the clock pauses (NĐ 155/2026 Điều 28b; Luật Tố cáo Điều 34)."""
    case, p = step.obj, step.params
    day = _not_future(p["start"], "start", "ngày tạm đình chỉ")
    if case.accepted_on and day < case.accepted_on:
        raise ValidationError({"start": "Ngày tạm đình chỉ không được trước ngày thụ lý."})
    Pause.objects.create(case=case, start=day, decision_no=p["decision_no"], reason=p["reason"])
    step.note = f"Quyết định {p['decision_no']}: {p['reason']}"


def _resume(step: Step) -> None:
    case, p = step.obj, step.params
    day = _not_future(p["on"], "on", "ngày tiếp tục giải quyết")
    pause = case.pauses.filter(end__isnull=True).first()
    if pause is None:
        raise ValidationError({"status": "Vụ việc không đang tạm đình chỉ."})
    if day < pause.start:
        raise ValidationError({"on": f"Ngày tiếp tục không được trước ngày tạm đình chỉ ({format_date(pause.start)})."})
    pause.end = day
    pause.save(update_fields=["end"])
    step.note = f"Quyết định tiếp tục giải quyết {p['decision_no']}".strip()


def extension_refusal(case: Case) -> str | None:
    """Whether the law allows an extension of the stage the case is in (the rule's extension days)."""
    stage = _stage(case)
    if stage is None or deadlines.rule_for(stage[0], stage[1]).extension_days <= 0:
        return "Thời hạn của bước này không được gia hạn."
    return None


def _extend(step: Step) -> None:
    """Gia hạn: validated against the law (tố cáo: at most two of 30 days for an especially complex case)."""
    case, p = step.obj, step.params
    stage = _stage(case)
    assert stage is not None
    rule = deadlines.rule_for(stage[0], stage[1])
    granted = [e.days for e in case.extensions.all()]
    if problems := deadlines.extension_errors(rule, [*granted, p["days"]], complexity=case.complexity):
        raise ValidationError({"days": problems})
    day = _not_future(p["on"], "on", "ngày quyết định gia hạn")
    _not_before_acceptance(case, day, "Ngày quyết định gia hạn")
    if case.due_on and day > case.due_on:
        raise ValidationError({"on": "Quyết định gia hạn phải ban hành trước khi hết hạn giải quyết."})
    Extension.objects.create(case=case, days=p["days"], decision_no=p["decision_no"], decided_on=day)
    step.note = f"Gia hạn {p['days']} ngày"


def _decide(step: Step) -> None:
    """Quyết định giải quyết khiếu nại / kết luận nội dung tố cáo, with the outcome, what is recovered or
    returned, and how many people are proposed for discipline."""
    case, p = step.obj, step.params
    day = _not_future(p["on"], "on", "ngày ban hành")
    if case.accepted_on and day < case.accepted_on:
        raise ValidationError({"on": "Ngày quyết định không được trước ngày thụ lý."})
    if case.kind in (K.COMPLAINT, K.DENUNCIATION) and p["outcome"] not in rules.Outcome.__members__.values():
        raise ValidationError({"outcome": "Cần ghi kết quả: đúng, đúng một phần hoặc sai."})
    if p["money"] < 0 or p["land"] < 0:
        raise ValidationError({"money": "Số tiền, diện tích thu hồi không được âm."})
    case.decided_on = day
    case.outcome = p["outcome"]
    case.ended_on = day
    case.resolved_on = day
    case.resolution = rules.Resolution.DECISION
    case.due_at_decision = case.due_on
    case.money_recovered = p["money"]
    case.land_recovered = p["land"]
    case.discipline_proposed = p["discipline"]


ROUTES = frozenset({rules.Action.GUIDE, rules.Action.TRANSFER, rules.Action.RETURN_PAPERS, rules.Action.FILE,
                    rules.Action.URGE, rules.Action.TO_INVESTIGATION, rules.Action.TO_PARTY})  # fmt: skip


def _route(step: Step) -> None:
    """The other routes: guide, transfer (once each for the same content), return papers, file, urge, the
    two denunciation transfers; also enforcement and closing. ``on`` is the date of the step."""
    case = step.obj
    day = _not_future(step.params["on"], "on", "ngày thực hiện")
    _not_before_receipt(case, day, "on", "Ngày thực hiện")
    action = rules.Action(step.action.name)
    table = rules.TRANSITIONS[action]
    if table.once_per_content:
        times = Event.objects.filter(
            content_type__model="case", object_id__in=[str(pk) for pk in content_group(case)], action=action.value
        ).count()
        if refusal := rules.once_refusal(table, times):
            raise ValidationError({"status": refusal})
    if action == rules.Action.RETURN_PAPERS and not case.letters.filter(has_original_papers=True).exists():
        raise ValidationError({"status": "Đơn không kèm giấy tờ gốc để trả lại."})
    if action in ROUTES:
        case.route = action.value
        case.ended_on = day
    elif action == rules.Action.CLOSE and case.ended_on is None:
        case.ended_on = day


def _terminate(step: Step) -> None:
    """Đình chỉ: the whole complaint or denunciation is withdrawn in writing (Luật Tố cáo Điều 33)."""
    case = step.obj
    day = _not_future(step.params["on"], "on", "ngày đình chỉ")
    _not_before_acceptance(case, day, "Ngày đình chỉ")
    open_pause = case.pauses.filter(end__isnull=True).first()
    if open_pause is not None:
        open_pause.end = max(day, open_pause.start)
        open_pause.save(update_fields=["end"])
    case.ended_on = day
    # Withdrawn or mediated, the case counts as resolved (DOMAIN §1.7), judged against its due date.
    case.resolved_on = day
    case.resolution = step.params["ground"]
    case.due_at_decision = case.due_on
    step.note = f"{rules.RESOLUTION_LABELS[rules.Resolution(step.params['ground'])]}: {step.params['reason']}"


def _withdraw_part(step: Step) -> None:
    """Rút một phần: the withdrawn content is recorded and not reopened; the case goes on for the rest
    (Luật Tố cáo Điều 33; Luật 136/2025 on complaints). Withdrawing everything is ``terminate``."""
    day = _not_future(step.params["on"], "on", "ngày rút đơn")
    _not_before_acceptance(step.obj, day, "Ngày rút đơn")
    step.note = f"Rút một phần ngày {format_date(day)}: {step.params['content']}"


def _report(step: Step) -> None:
    """Báo cáo kết quả xác minh: recorded on the timeline; the leader who decides is told."""
    case = step.obj
    day = _not_future(step.params["on"], "on", "ngày báo cáo")
    _not_before_acceptance(case, day, "Ngày báo cáo")
    step.note = f"Báo cáo kết quả xác minh: {step.params['content']}"
    leader = case.leader
    if leader is not None and leader != step.user:
        url = reverse("case_detail", args=[case.pk])
        message = f"Vụ việc {case.number} ({case.unit.name}) đã có báo cáo kết quả xác minh; chờ kết luận, quyết định."
        step.after_commit(
            lambda: notify(
                users=[leader],
                may_see=lambda user: access.can(user, roles.PETITIONS.view, case),
                key=f"case-{case.pk}-report-{day.isoformat()}",
                message=message,
                url=url,
            )
        )


def _outcome_choices(case: Case) -> list[tuple[str, str]]:
    labels = rules.OUTCOME_LABELS.get(K(case.kind))
    if labels is None:
        return [("right", "Đúng"), ("partly", "Đúng một phần"), ("wrong", "Sai, sai sự thật")]
    return [(k.value, v) for k, v in labels.items()]


_ON = wf.on()
_DECISION_NO = Param("decision_no", "Số quyết định", max_length=64, required=True)
_COMPLEXITY = (("0", "Thông thường"), ("1", "Phức tạp"), ("2", "Đặc biệt phức tạp"))
_STEP: dict[rules.Action, tuple[Any, tuple[Param, ...]]] = {
    rules.Action.CLASSIFY: (_dated_step, (wf.on("Ngày phân loại"), NOTE)),
    rules.Action.PROPOSE: (_propose, (wf.on("Ngày đề xuất"), NOTE)),
    rules.Action.ACCEPT: (_accept, (
        wf.on("Ngày thụ lý"),
        Param("complexity", "Mức độ", ParamKind.INT, default=0, choices=_COMPLEXITY, min_value=0, max_value=2),
        Param("complexity_reason", "Căn cứ xác định phức tạp", ParamKind.LONGTEXT),
        Param("handlers", "Người được giao xử lý", ParamKind.USERS, candidates=handler_candidates),
        NOTE,
    )),
    rules.Action.VERIFY: (_dated_step, (wf.on("Ngày bắt đầu xác minh"), NOTE)),
    rules.Action.DIALOGUE: (_dated_step, (wf.on("Ngày đối thoại"), NOTE)),
    rules.Action.SUSPEND: (_suspend, (
        Param("start", "Ngày tạm đình chỉ", ParamKind.DATE, required=True, default=wf.TODAY, aliases=("on",)),
        _DECISION_NO, wf.reason("Lý do"),
    )),
    rules.Action.RESUME: (_resume, (
        wf.on("Tiếp tục giải quyết từ ngày"), Param("decision_no", "Số quyết định", max_length=64), NOTE,
    )),
    rules.Action.DECIDE: (_decide, (
        wf.on("Ngày ban hành"),
        Param("outcome", "Kết quả", ParamKind.CHOICE, choices=_outcome_choices),
        # The sizes of the case's fields: a figure that does not fit is refused, not stored.
        Param("money", "Tiền thu hồi, trả lại (đồng)", ParamKind.DECIMAL, default=Decimal(0), max_digits=16,
              decimal_places=0),
        Param("land", "Đất thu hồi, trả lại (m²)", ParamKind.DECIMAL, default=Decimal(0), max_digits=14,
              decimal_places=2),
        Param("discipline", "Số người kiến nghị xử lý kỷ luật", ParamKind.INT, default=0, min_value=0,
              max_value=32767),
        NOTE,
    )),
    rules.Action.TERMINATE: (_terminate, (
        Param("ground", "Căn cứ đình chỉ", ParamKind.CHOICE, required=True, default=rules.Resolution.WITHDRAWN.value,
              choices=((rules.Resolution.WITHDRAWN.value, "Người gửi rút toàn bộ đơn bằng văn bản"),
                       (rules.Resolution.MEDIATED.value, "Hòa giải, đối thoại thành: người gửi rút đơn"))),
        wf.reason("Lý do đình chỉ"), wf.on("Ngày đình chỉ"),
    )),
    rules.Action.EXTEND: (_extend, (
        Param("days", "Số ngày gia hạn", ParamKind.INT, required=True, min_value=1, max_value=90),
        _DECISION_NO, wf.on("Ngày quyết định"),
    )),
    rules.Action.WITHDRAW_PART: (_withdraw_part, (
        Param("content", "Nội dung được rút", ParamKind.LONGTEXT, required=True), wf.on("Ngày rút đơn"),
    )),
    rules.Action.REPORT: (_report, (
        Param("content", "Kết quả xác minh, đề xuất", ParamKind.LONGTEXT, required=True), wf.on("Ngày báo cáo"),
    )),
}  # fmt: skip
_DATE_PARAM = {rules.Action.SUSPEND: "start"}


def _action(transition: rules.Transition) -> Action:
    service, params = _STEP.get(transition.action, (_route, (_ON, NOTE)))
    date_param = _DATE_PARAM.get(transition.action, "on" if any(p.name == "on" for p in params) else None)
    return Action(
        name=transition.action.value,
        label=transition.label,
        sources=frozenset(s.value for s in transition.sources),
        target=transition.target.value if transition.target is not None else None,
        right=transition.right.value,
        service=service,
        params=params,
        kinds=frozenset(k.value for k in transition.kinds) if transition.kinds is not None else None,
        basis=transition.basis,
        date_param=date_param,
        guard=extension_refusal if transition.action == rules.Action.EXTEND else None,
        on_page=transition.action != rules.Action.EXTEND,  # the extension has its own form on the case page
        danger=transition.action in rules.ENDS_WITHOUT_RESOLUTION,
    )


def _recompute_after_step(case: Case) -> None:
    recompute(case)


def _assignees(case: Case, right: str) -> list[Any]:
    if right == roles.PETITIONS.decide:
        return [case.leader] if case.leader_id else []
    return list(case.handlers.all())


CASE = Machine(
    name="case",
    model=Case,
    noun="vụ việc",
    states={s.value: label for s, label in rules.STATUS_LABELS.items()},
    actions={t.action.value: _action(t) for t in rules.TRANSITIONS.values()},
    kind_of=lambda case: str(case.kind),
    kind_labels={k.value: label for k, label in rules.KIND_LABELS.items()},
    other_steps={
        "open": "Mở vụ việc",
        "letter": "Vào sổ đơn",
        "attach": "Đính kèm tài liệu",
        "session": "Buổi tiếp công dân",
        "merge": "Gộp vào vụ việc khác (đơn trùng)",
        "not_duplicate": "Xác nhận không trùng",
        "anonymise": "Ẩn danh người gửi",
    },
    after_step=_recompute_after_step,
    describe=lambda case: f"Vụ việc {case.number} ({case.unit.name})",
    assignees=_assignees,
    expected={s.value: tuple(a.value for a in actions) for s, actions in rules.EXPECTED.items()},
)


def _take(actor: Actor, case: Case, action: rules.Action, **params: Any) -> Case:
    return transition(CASE, actor=actor, obj=case, action=action.value, **params)


def classify(*, actor: Actor, case: Case, note: str = "", on: datetime.date | None = None) -> Case:
    return _take(actor, case, rules.Action.CLASSIFY, note=note, on=on)


def propose_acceptance(*, actor: Actor, case: Case, note: str = "", on: datetime.date | None = None) -> Case:
    return _take(actor, case, rules.Action.PROPOSE, note=note, on=on)


def accept(
    *,
    actor: Actor,
    case: Case,
    on: datetime.date,
    complexity: int = 0,
    complexity_reason: str = "",
    handlers: list[User] | None = None,
    note: str = "",
) -> Case:
    return _take(actor, case, rules.Action.ACCEPT, on=on, complexity=complexity,
                 complexity_reason=complexity_reason, handlers=handlers or [], note=note)  # fmt: skip


def start_verification(*, actor: Actor, case: Case, note: str = "", on: datetime.date | None = None) -> Case:
    return _take(actor, case, rules.Action.VERIFY, note=note, on=on)


def hold_dialogue(*, actor: Actor, case: Case, note: str = "", on: datetime.date | None = None) -> Case:
    return _take(actor, case, rules.Action.DIALOGUE, note=note, on=on)


def suspend(*, actor: Actor, case: Case, start: datetime.date, decision_no: str, reason: str) -> Case:
    return _take(actor, case, rules.Action.SUSPEND, start=start, decision_no=decision_no, reason=reason)


def resume(*, actor: Actor, case: Case, on: datetime.date, decision_no: str) -> Case:
    return _take(actor, case, rules.Action.RESUME, on=on, decision_no=decision_no)


def extend(*, actor: Actor, case: Case, days: int, decision_no: str, decided_on: datetime.date) -> Case:
    return _take(actor, case, rules.Action.EXTEND, days=days, decision_no=decision_no, on=decided_on)


def decide(
    *,
    actor: Actor,
    case: Case,
    on: datetime.date,
    outcome: str = "",
    money: Decimal | int = 0,
    land: Decimal | int = 0,
    discipline: int = 0,
    note: str = "",
) -> Case:
    return _take(actor, case, rules.Action.DECIDE, on=on, outcome=outcome, money=money, land=land,
                 discipline=discipline, note=note)  # fmt: skip


def route(*, actor: Actor, case: Case, action: str, note: str = "", on: datetime.date | None = None) -> Case:
    """Guide, transfer, return papers, file, urge, enforce, close and the denunciation transfers."""
    try:
        step = rules.Action(action)
    except ValueError:
        step = None
    if step not in ROUTES | {rules.Action.ENFORCE, rules.Action.CLOSE}:
        raise ValidationError({"action": f"“{action}” không phải một hướng xử lý."})
    return _take(actor, case, step, note=note, on=on)


def terminate(
    *, actor: Actor, case: Case, reason: str, on: datetime.date | None = None, ground: str = "withdrawn"
) -> Case:
    return _take(actor, case, rules.Action.TERMINATE, reason=reason, on=on, ground=ground)


def withdraw_part(*, actor: Actor, case: Case, content: str, on: datetime.date) -> Case:
    return _take(actor, case, rules.Action.WITHDRAW_PART, content=content, on=on)


@transaction.atomic
def open_second_instance(*, actor: Actor, first: Case, intake: Intake) -> Letter:
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
def attach(*, actor: Actor, letter: Letter, upload: Any, title: str = "") -> Attachment:
    """Attach a scan, a paper or a photo to a letter (content sniffed; size limited)."""
    _require(actor, roles.PETITIONS.edit, letter)
    sniffed = uploads.sniff(upload)
    if sniffed.errors:
        raise ValidationError({"file": sniffed.errors})
    attachment = Attachment.objects.create(
        letter=letter, title=nfc(title) or upload.name or "", file=upload, size=upload.size or 0,
        content_type=sniffed.content_type, uploaded_by=access.user_of(actor),
    )  # fmt: skip
    if letter.case is not None:
        record_event(subject=letter.case, unit=letter.unit, actor=actor, action="attach", note=attachment.title)
    return attachment


# --- sealed identities --------------------------------------------------------------------------------


def may_see_identity(user: User, letter: Letter) -> bool:
    """A denouncer's identity: only the case's assigned handlers and its leader (Luật Tố cáo 2018, Điều 47),
    and only while they are in the case's scope (an assignment never reaches beyond it)."""
    if not access.can(user, roles.PETITIONS.view, letter):
        return False
    if not letter.sealed:
        return True
    case = letter.case
    if case is not None and not access.can(user, roles.PETITIONS.view, case):
        return False
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
