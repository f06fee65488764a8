"""The only write path of the "Dân vận khéo" area: one service per transition, an event per change.

Each service checks the actor's right on the record (the unit scope of
:mod:`danvan.accounts.access`), applies a rule of :mod:`.rules`, saves, and
appends a timeline event, in one transaction. Errors are Vietnamese
``ValidationError``s naming the field, or ``PermissionDenied``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from danvan.accounts import access, roles
from danvan.core import uploads
from danvan.core.models import Event
from danvan.core.services import record_event
from danvan.core.text import fold, format_date, format_number, nfc, parse_number
from danvan.initiatives import rules
from danvan.initiatives.models import (
    Commendation,
    Criterion,
    Evidence,
    Field,
    Initiative,
    Metric,
    ProgressReport,
    Replication,
    ResultValue,
    Review,
    Score,
)
from danvan.units.models import Unit
from danvan.units.selectors import coverage_prefixes
from danvan.workflow import bulk
from danvan.workflow import machine as wf
from danvan.workflow.engine import Actor, Step, transition
from danvan.workflow.machine import NOTE, Action, Machine, Param, ParamKind

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from danvan.accounts.models import User

Status = rules.Status

#: Timeline labels of the steps that are not transitions.
OTHER_STEPS = {
    "create": "Tạo phiếu đăng ký",
    "update": "Sửa nội dung đăng ký",
    "score": "Chấm điểm",
    "report": "Báo cáo tiến độ",
    "evidence": "Đính kèm minh chứng",
    "publish": "Công khai",
    "unpublish": "Thôi công khai",
    "proceedings": "Vụ việc khiếu nại, kỷ luật",
    "reregister": "Đăng ký lại",
}

#: The registration fields an officer fills in (DOMAIN §5.3), in form order.
TEXT_FIELDS = (
    "problem",
    "goals",
    "content",
    "area_people",
    "forces",
    "resources",
    "milestones",
    "outputs",
    "sustainability",
)
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.REGISTERED, Status.LAUNCHED, Status.IN_PROGRESS})


def _today() -> datetime.date:
    return timezone.localdate()


def _require(actor: Actor, permission: str, initiative: Initiative | Unit) -> None:
    access.require(
        actor, permission, initiative, "Bạn không có quyền thực hiện thao tác này với mô hình của đơn vị này."
    )


def deciding_levels(actor: Actor, initiative: Initiative) -> frozenset[rules.RecognitionLevel]:
    """The levels at which ``actor`` may decide about ``initiative``: from the roles covering its unit."""
    if actor is None or isinstance(actor, access.SystemActor):
        return rules.ALL_LEVELS
    levels: set[rules.RecognitionLevel] = set()
    for assignment in access.active_assignments(actor):
        if not roles.grants(assignment.role, roles.INITIATIVES.decide):
            continue
        if assignment.unit is None:
            levels |= rules.deciding_levels(None)
        elif any(initiative.unit.path.startswith(p) for p in coverage_prefixes(assignment.unit)):
            levels |= rules.deciding_levels(assignment.unit.level)
    return frozenset(levels)


def _require_level(actor: Actor, initiative: Initiative, level: str, what: str) -> None:
    if rules.RecognitionLevel(level) not in deciding_levels(actor, initiative):
        raise PermissionDenied(
            f"Chỉ lãnh đạo {rules.LEVEL_LABELS[level].lower()} mới được {what}; vai trò của bạn không ở cấp này."
        )


def _decision_date(value: datetime.date | None, field: str, not_before: datetime.date | None = None) -> datetime.date:
    if value is None:
        raise ValidationError({field: "Cần ghi ngày quyết định."})
    if value > _today():
        raise ValidationError({field: "Ngày quyết định không được sau hôm nay."})
    if not_before is not None and value < not_before:
        raise ValidationError({field: f"Ngày quyết định không được trước ngày đăng ký ({format_date(not_before)})."})
    return value


# --- registration ---------------------------------------------------------------------------


@dataclass
class Registration:
    """What an officer fills in to register a model (the fields of DOMAIN §5.3)."""

    name: str
    field: Field
    year: int
    owner_name: str
    kind: str = Initiative.Kind.MODEL
    subfield: Field | None = None
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


def _retired_errors(data: Registration) -> dict[str, list[str]]:
    """A new registration takes only the fields and sub-fields in use (a model keeps a retired one)."""
    errors: dict[str, list[str]] = {}
    for name, chosen in (("field", data.field), ("subfield", data.subfield)):
        if chosen is not None and not chosen.active:
            errors[name] = [f"Lĩnh vực “{chosen.name}” không còn dùng; chọn lĩnh vực đang dùng."]
    return errors


def _content_errors(data: Registration) -> dict[str, list[str]]:
    """The checks of one registration that need no database."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not nfc(data.name):
        add("name", "Cần ghi tên mô hình.")
    if not nfc(data.owner_name):
        add("owner_name", "Cần ghi tập thể hoặc cá nhân thực hiện.")
    if data.kind not in Initiative.Kind.values:
        add("kind", "Loại phải là “Mô hình (tập thể)” hoặc “Điển hình (cá nhân)”.")
    if data.kind == Initiative.Kind.EXEMPLAR and not nfc(data.owner_position):
        add("owner_position", "Điển hình cá nhân cần ghi chức vụ của người thực hiện.")
    if data.field.parent_id is not None:
        add("field", "Chọn lĩnh vực chính (Kinh tế; Văn hóa – xã hội; …), không chọn lĩnh vực con.")
    if data.subfield is not None and data.subfield.parent_id != data.field.pk:
        add("subfield", f"Lĩnh vực con “{data.subfield.name}” không thuộc lĩnh vực “{data.field.name}”.")
    if not 2009 <= data.year <= _today().year + 1:  # the movement began in 2009 (DOMAIN §5.2)
        add("year", f"Năm đăng ký phải từ 2009 đến {_today().year + 1}.")
    if data.start_date and data.evaluation_date and data.evaluation_date < data.start_date:
        add("evaluation_date", "Thời điểm đánh giá phải sau ngày bắt đầu.")
    for name in ("name", "owner_name", "owner_position", "owner_organization"):
        limit = getattr(Initiative._meta.get_field(name), "max_length", None)
        if limit is not None and len(nfc(getattr(data, name))) > limit:
            add(name, f"Dài quá {limit} ký tự.")
    return errors


def _clash_message(unit: Unit, data: Registration) -> str:
    return f"{unit.name} đã đăng ký mô hình “{nfc(data.name)}” năm {data.year}."


def registration_errors(unit: Unit, data: Registration, *, exclude_pk: int | None = None) -> dict[str, list[str]]:
    errors = _content_errors(data)
    if data.name:
        clash = Initiative.objects.filter(unit=unit, year=data.year, name_folded=fold(data.name))
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors.setdefault("name", []).append(_clash_message(unit, data))
    return errors


def _apply(initiative: Initiative, data: Registration) -> None:
    initiative.kind = data.kind
    initiative.name = nfc(data.name)
    initiative.name_folded = fold(data.name)
    initiative.field = data.field
    initiative.subfield = data.subfield
    initiative.year = data.year
    initiative.owner_name = nfc(data.owner_name)
    initiative.owner_position = nfc(data.owner_position)
    initiative.owner_organization = nfc(data.owner_organization)
    for name in TEXT_FIELDS:
        setattr(initiative, name, nfc(getattr(data, name)))
    initiative.start_date = data.start_date
    initiative.evaluation_date = data.evaluation_date


@transaction.atomic
def create_initiative(
    *, actor: Actor, unit: Unit, data: Registration, register: bool = False, on: datetime.date | None = None
) -> Initiative:
    """Save a new model as a draft, or register it at once (``register=True``)."""
    _require(actor, roles.INITIATIVES.edit, unit)
    errors = registration_errors(unit, data)
    for name, messages in _retired_errors(data).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    initiative = Initiative(unit=unit, created_by=access.user_of(actor))
    _apply(initiative, data)
    initiative.save()
    record_event(subject=initiative, unit=unit, actor=actor, action="create", to_state=initiative.status)
    if register:
        register_initiative(actor=actor, initiative=initiative, on=on)
    return initiative


@transaction.atomic
def update_initiative(*, actor: Actor, initiative: Initiative, data: Registration) -> Initiative:
    _require(actor, roles.INITIATIVES.edit, initiative)
    if initiative.status not in EDITABLE_STATUSES:
        raise ValidationError(
            {"status": "Chỉ sửa được nội dung đăng ký trước khi đề nghị công nhận; sau đó nội dung được giữ nguyên."}
        )
    errors = registration_errors(initiative.unit, data, exclude_pk=initiative.pk)
    if errors:
        raise ValidationError(errors)
    _apply(initiative, data)
    initiative.save()
    record_event(subject=initiative, unit=initiative.unit, actor=actor, action="update", note="Sửa nội dung đăng ký")
    return initiative


@dataclass(frozen=True)
class NewRegistration:
    """One model of a registration list (a sheet): its unit, what is registered, and when."""

    unit: Unit
    data: Registration
    registered_on: datetime.date | None = None  # today when empty
    #: How the caller numbers it (a sheet's row), to name the first of two duplicates; its place if 0.
    line: int = 0


class RegistrationsRefused(ValidationError):
    """Some rows of a list cannot be registered; ``rows`` maps each one's index to field → messages."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]) -> None:
        super().__init__(f"{len(rows)} mô hình trong danh sách không đăng ký được; không mô hình nào được ghi.")
        self.rows = rows


def registrations_errors(*, actor: Actor, rows: Sequence[NewRegistration]) -> dict[int, dict[str, list[str]]]:
    """The checks of :func:`register_initiatives` without writing (a preview): by row index, field → messages.

    The same rules as :func:`registration_errors` for each row, the actor's right on each unit, no
    registration date after today, and no two rows of one unit with the same name in the same year.
    Already registered names are found in one query per year.
    """
    right = rules.transition_for(rules.Action.REGISTER, Status.DRAFT).right.value
    today = _today()
    allowed: dict[int, bool] = {}
    seen: dict[tuple[int, int, str], int] = {}
    errors: dict[int, dict[str, list[str]]] = {}

    def add(index: int, field: str, message: str) -> None:
        errors.setdefault(index, {}).setdefault(field, []).append(message)

    for index, row in enumerate(rows):
        for field, messages in (_content_errors(row.data) | _retired_errors(row.data)).items():
            for message in messages:
                add(index, field, message)
        if row.unit.pk not in allowed:
            allowed[row.unit.pk] = actor is not None and access.can(actor, right, row.unit)
        if not allowed[row.unit.pk]:
            add(index, "unit", f"{row.unit.name} ngoài phạm vi của bạn.")
        if row.registered_on is not None and row.registered_on > today:
            add(index, "registered_on", "Ngày đăng ký không được sau hôm nay.")
        elif row.registered_on is not None and row.registered_on < datetime.date(row.data.year - 1, 1, 1):
            add(index, "registered_on", f"Ngày đăng ký không được trước 01/01/{row.data.year - 1}.")
        if row.data.name:
            key = (row.unit.pk, row.data.year, fold(row.data.name))
            if key in seen:
                first = seen[key]
                add(index, "name", f"Trùng với dòng {rows[first].line or first + 1} (cùng đơn vị, cùng năm).")
            else:
                seen[key] = index
    by_year: dict[int, dict[tuple[int, str], int]] = {}
    for (unit_pk, year, name_folded), index in seen.items():
        by_year.setdefault(year, {})[(unit_pk, name_folded)] = index
    for year, wanted in by_year.items():
        taken = Initiative.objects.filter(year=year, unit__in={unit_pk for unit_pk, _ in wanted})
        for unit_pk, name_folded in taken.values_list("unit_id", "name_folded"):
            index = wanted.get((unit_pk, name_folded), -1)
            if index >= 0:
                add(index, "name", _clash_message(rows[index].unit, rows[index].data))
    return errors


@transaction.atomic
def register_initiatives(*, actor: Actor, rows: Sequence[NewRegistration], note: str = "") -> list[Initiative]:
    """Register a list of models at once (an Excel sheet): every row or none, one event each.

    Checked by :func:`registrations_errors` (:class:`RegistrationsRefused` names the rows), then
    written in batches with their history, fast enough for tens of thousands of rows.
    """
    transition = rules.transition_for(rules.Action.REGISTER, Status.DRAFT)
    errors = registrations_errors(actor=actor, rows=rows)
    if errors:
        raise RegistrationsRefused(errors)
    today = _today()
    initiatives = []
    for row in rows:
        initiative = Initiative(
            unit=row.unit,
            created_by=access.user_of(actor),
            status=transition.target,
            registered_on=row.registered_on or today,
        )
        _apply(initiative, row.data)
        initiatives.append(initiative)
    try:
        with transaction.atomic():
            created = bulk_create_with_history(
                initiatives, Initiative, batch_size=1000, default_user=access.user_of(actor)
            )
    except IntegrityError as exc:  # registered meanwhile by someone else: the unique name per unit and year
        raise ValidationError(
            {"name": "Một số mô hình vừa được đăng ký cùng tên, cùng năm ở cùng đơn vị; hãy kiểm tra lại danh sách."}
        ) from exc
    content_type = ContentType.objects.get_for_model(Initiative)
    now = timezone.now()
    Event.objects.bulk_create(
        (
            Event(
                content_type=content_type,
                object_id=str(i.pk),
                unit_id=i.unit_id,
                actor=access.user_of(actor),
                system=getattr(actor, "reason", "") if access.user_of(actor) is None else "",
                at=now,
                action=transition.action.value,
                from_state=Status.DRAFT.value,
                to_state=transition.target.value,
                note=nfc(note),
            )
            for i in created
        ),
        batch_size=1000,
    )
    return created


# --- one step per transition, bound to the table in a machine (the engine is the kit's) ---------------


def earliest_day(initiative: Initiative) -> datetime.date:
    """No step of a model is dated before it was registered, nor a registration before the year before
    the model's own (a registration list is drawn up at the turn of the year)."""
    return initiative.registered_on or datetime.date(initiative.year - 1, 1, 1)


def _step_day(step: Step, name: str, label: str, not_before: datetime.date | None = None) -> datetime.date:
    day: datetime.date = step.params[name]
    if day > _today():
        raise ValidationError({name: f"{label} không được sau hôm nay."})
    floor = not_before or earliest_day(step.obj)
    if day < floor:
        raise ValidationError({name: f"{label} không được trước ngày {format_date(floor)}."})
    return day


def _dated(field_name: str, label: str) -> Any:
    """A step that records its date on the model (registered_on, launched_on, proposed_on…)."""

    def service(step: Step) -> None:
        setattr(step.obj, field_name, _step_day(step, "on", label))

    return service


def _track(step: Step) -> None:
    """Bắt đầu theo dõi: nothing to record beyond the step and its date."""
    _step_day(step, "on", "Ngày bắt đầu theo dõi")


def _return(step: Step) -> None:
    text = step.params["reason"] or step.params["note"]
    if not text:
        raise ValidationError({"reason": "Cần ghi nội dung cần hoàn thiện."})
    step.obj.proposed_on = None
    step.note = text


def council_candidates(actor: Any, initiative: Initiative) -> list[User]:
    """Who may sit on a council: the people who may see the model (the rule, whatever the interface)."""
    return access.users_who_can(roles.INITIATIVES.view, initiative, include_global=True)


def _open_review(step: Step) -> None:
    """Lập hội đồng: the chair and members must be able to see the model; one open council per model."""
    initiative, chair = step.obj, step.params["chair"]
    _step_day(step, "on", "Ngày lập hội đồng")
    everyone = [chair, *(m for m in step.params["members"] if m.pk != chair.pk)]
    try:
        with transaction.atomic():
            review = Review.objects.create(initiative=initiative, chair=chair, opened_at=timezone.now())
    except IntegrityError as exc:  # the database constraint: one open review per model
        raise ValidationError({"status": "Mô hình đã có một hội đồng thẩm định đang làm việc."}) from exc
    review.members.set(everyone)


def _recognise(step: Step) -> None:
    """Công nhận — by a leader of ``level``, on a council total at or above the pass mark."""
    initiative, p = step.obj, step.params
    day = _decision_date(p["decided_on"], "decided_on", initiative.registered_on)
    if level_problems := rules.level_errors(p["level"], day):
        raise ValidationError({"level": level_problems})
    review = open_review_of(initiative)
    total = council_total(review) if review else None
    _require_level(step.actor, initiative, p["level"], "công nhận mô hình")
    if review is not None and (waiting := council_waiting(review)):
        raise ValidationError(
            {"review": f"Hội đồng thẩm định chưa chấm xong: còn {', '.join(waiting)} chưa chấm đủ các tiêu chí."}
        )
    if total is None:
        raise ValidationError({"review": "Hội đồng thẩm định chưa chấm xong: chưa thể công nhận."})
    if total < rules.PASS_MARK:
        average = format_number(total, 2)
        raise ValidationError(
            {"review": f"Điểm bình quân của hội đồng {average} dưới mức đạt {rules.PASS_MARK:.0f}/100."}
        )
    initiative.level = p["level"]
    initiative.recognition_no = p["decision_no"]
    initiative.recognised_on = day
    initiative.recognition_issuer = p["issuer"]
    step.note = p["note"] or f"Quyết định số {p['decision_no']} ngày {format_date(day)}"
    if review is not None:
        _close_review(review, Review.Result.PASSED, total)


def _reject(step: Step) -> None:
    initiative, p = step.obj, step.params
    day = _step_day(step, "on", "Ngày kết luận")
    if level_problems := rules.level_errors(p["level"], day):
        raise ValidationError({"level": level_problems})
    _require_level(step.actor, initiative, p["level"], "kết luận không công nhận")
    review = open_review_of(initiative)
    initiative.rejection_reason = p["reason"]
    step.note = p["reason"]
    if review is not None:
        _close_review(review, Review.Result.FAILED, council_total(review))


def _make_exemplary(step: Step) -> None:
    initiative = step.obj
    _require_level(step.actor, initiative, initiative.level, "chọn điển hình tiêu biểu")
    initiative.exemplary_on = _decision_date(step.params["on"], "on", initiative.recognised_on)


def _commend(step: Step) -> None:
    """Khen thưởng — refused while a complaint or discipline against the owner is pending (NĐ 152/2025)."""
    initiative, p = step.obj, step.params
    day = _decision_date(p["decided_on"], "decided_on", initiative.recognised_on)
    if refusal := rules.commendation_refusal(initiative.proceedings_pending):
        raise ValidationError({"proceedings_pending": refusal})
    form = p["form"]
    _require_level(
        step.actor, initiative, rules.COMMENDATION_LEVEL[form], f"tặng {rules.COMMENDATION_FORM_LABELS[form]}"
    )
    step.note = f"{rules.COMMENDATION_FORM_LABELS[form]}, quyết định số {p['decision_no']} ngày {format_date(day)}"
    step.on = day
    Commendation.objects.create(
        initiative=initiative,
        form=form,
        issuer_type=p["issuer_type"],
        issuer=p["issuer"],
        decision_no=p["decision_no"],
        decision_date=day,
        note=p["note"],
    )


def replication_targets(actor: Any, initiative: Initiative) -> list[Unit]:
    """Where a model may be replicated: the other units beside it (same parent) and the units below it
    (a commune's model taken up by its hamlets), that the actor may see. A model of a unit merged in 2025
    keeps the neighbours it had: the tree as it was is where its replication happened."""
    parent = Unit.objects.get_parent(initiative.unit)
    nearby = [*(Unit.objects.get_children(parent) if parent else []), *Unit.objects.get_children(initiative.unit)]
    return [u for u in nearby if u.pk != initiative.unit_id and access.can(actor, roles.INITIATIVES.view, u)]


def _replicate(step: Step) -> None:
    """Nhân rộng — the model is copied in other units (which must be in the actor's scope)."""
    initiative = step.obj
    day = _step_day(step, "on", "Ngày nhân rộng", initiative.recognised_on)
    targets = step.params["units"]
    step.note = step.params["note"] or "Nhân rộng tại: " + ", ".join(u.name for u in targets)
    initiative.replicated_on = day
    for unit in targets:
        Replication.objects.get_or_create(
            initiative=initiative, unit=unit, defaults={"date": day, "note": step.params["note"]}
        )


def _discontinue(step: Step) -> None:
    initiative, p = step.obj, step.params
    initiative.discontinued_on = _step_day(step, "on", "Ngày dừng thực hiện")
    initiative.discontinue_reason = p["reason"]
    initiative.published = False
    step.note = p["reason"]


_LEVELS = tuple((str(k), v) for k, v in rules.LEVEL_LABELS.items())
_LEVEL = Param("level", "Cấp", ParamKind.CHOICE, required=True, choices=_LEVELS)
_DECISION_NO = Param("decision_no", "Số quyết định", max_length=64, required=True)
_DECIDED_ON = wf.on("Ngày quyết định", name="decided_on")
_STEPS: dict[rules.Action, tuple[Any, tuple[Param, ...], str | None]] = {
    rules.Action.REGISTER: (_dated("registered_on", "Ngày đăng ký"), (wf.on("Ngày đăng ký"), NOTE), "on"),
    rules.Action.LAUNCH: (_dated("launched_on", "Ngày ra mắt"), (wf.on("Ngày ra mắt"), NOTE), "on"),
    rules.Action.TRACK: (_track, (wf.on("Ngày bắt đầu theo dõi"), NOTE), "on"),
    rules.Action.PROPOSE: (_dated("proposed_on", "Ngày đề nghị"), (wf.on("Ngày đề nghị"), NOTE), "on"),
    rules.Action.RETURN: (_return, (Param("reason", "Nội dung cần hoàn thiện", ParamKind.LONGTEXT), NOTE), None),
    rules.Action.OPEN_REVIEW: (_open_review, (
        Param("chair", "Chủ tịch hội đồng", ParamKind.USER, required=True, candidates=council_candidates),
        Param("members", "Thành viên", ParamKind.USERS, candidates=council_candidates),
        wf.on("Ngày lập hội đồng"), NOTE,
    ), "on"),
    rules.Action.RECOGNISE: (_recognise, (
        _LEVEL,
        _DECISION_NO, _DECIDED_ON,
        Param("issuer", "Cơ quan ra quyết định", max_length=255, required=True),
        NOTE,
    ), "decided_on"),
    rules.Action.REJECT: (_reject, (
        _LEVEL,
        wf.reason("Lý do không công nhận"),
        wf.on("Ngày kết luận"),
    ), "on"),
    rules.Action.MAKE_EXEMPLARY: (_make_exemplary, (wf.on("Ngày quyết định"), NOTE), "on"),
    rules.Action.COMMEND: (_commend, (
        Param("form", "Hình thức", ParamKind.CHOICE, required=True,
              choices=tuple((str(k), v) for k, v in rules.COMMENDATION_FORM_LABELS.items())),
        Param("issuer_type", "Loại cơ quan khen", ParamKind.CHOICE, required=True,
              choices=tuple((str(k), v) for k, v in rules.ISSUER_LABELS.items())),
        Param("issuer", "Cơ quan, người ký", max_length=255, required=True),
        _DECISION_NO, _DECIDED_ON, NOTE,
    ), "decided_on"),
    rules.Action.REPLICATE: (_replicate, (
        Param("units", "Nhân rộng tại", ParamKind.UNITS, required=True, candidates=replication_targets),
        wf.on("Ngày"), NOTE,
    ), "on"),
    rules.Action.DISCONTINUE: (_discontinue, (wf.reason("Lý do dừng"), wf.on("Ngày dừng thực hiện")), "on"),
}  # fmt: skip
#: Leaders' bulk actions: the same step, with the same parameters, on many models.
BULK = frozenset({rules.Action.PROPOSE, rules.Action.RECOGNISE, rules.Action.MAKE_EXEMPLARY})


def _action(t: rules.Transition) -> Action:
    service, params, date_param = _STEPS[t.action]
    return Action(
        name=t.action.value,
        label=t.label,
        sources=frozenset(s.value for s in t.sources),
        target=t.target.value,
        right=t.right.value,
        service=service,
        params=params,
        basis=t.basis,
        date_param=date_param,
        bulk=t.action in BULK,
        danger=t.action in rules.REFUSALS,
    )


INITIATIVE = Machine(
    name="initiative",
    model=Initiative,
    noun="mô hình",
    states={str(s): label for s, label in rules.STATUS_LABELS.items()},
    actions={t.action.value: _action(t) for t in rules.TRANSITIONS.values()},
    other_steps=OTHER_STEPS,
    describe=lambda i: f"“{i.name}” ({i.unit.name})",
    expected={str(s): tuple(a.value for a in actions) for s, actions in rules.EXPECTED.items()},
)


def _take(actor: Actor, initiative: Initiative, action: rules.Action, **params: Any) -> Initiative:
    return transition(INITIATIVE, actor=actor, obj=initiative, action=action.value, **params)


def register_initiative(
    *, actor: Actor, initiative: Initiative, on: datetime.date | None = None, note: str = ""
) -> Initiative:
    return _take(actor, initiative, rules.Action.REGISTER, on=on, note=note)


def launch(*, actor: Actor, initiative: Initiative, on: datetime.date | None = None, note: str = "") -> Initiative:
    return _take(actor, initiative, rules.Action.LAUNCH, on=on, note=note)


def start_tracking(
    *, actor: Actor, initiative: Initiative, on: datetime.date | None = None, note: str = ""
) -> Initiative:
    return _take(actor, initiative, rules.Action.TRACK, on=on, note=note)


def propose(*, actor: Actor, initiative: Initiative, on: datetime.date | None = None, note: str = "") -> Initiative:
    return _take(actor, initiative, rules.Action.PROPOSE, on=on, note=note)


def return_for_completion(*, actor: Actor, initiative: Initiative, note: str) -> Initiative:
    return _take(actor, initiative, rules.Action.RETURN, reason=note)


def open_review(
    *,
    actor: Actor,
    initiative: Initiative,
    chair: User,
    members: Sequence[User],
    note: str = "",
    on: datetime.date | None = None,
) -> Review:
    _take(actor, initiative, rules.Action.OPEN_REVIEW, chair=chair, members=list(members), note=note, on=on)
    review = open_review_of(initiative)
    assert review is not None
    return review


def open_review_of(initiative: Initiative) -> Review | None:
    return initiative.reviews.filter(closed_at__isnull=True).first()


def _close_review(review: Review, result: str, total: Decimal | None) -> None:
    review.result = result
    review.total = total
    review.closed_at = timezone.now()
    review.save(update_fields=["result", "total", "closed_at"])


def recognise(
    *,
    actor: Actor,
    initiative: Initiative,
    level: str,
    decision_no: str,
    decided_on: datetime.date | None,
    issuer: str,
    note: str = "",
) -> Initiative:
    return _take(actor, initiative, rules.Action.RECOGNISE, level=level, decision_no=decision_no,
                 decided_on=decided_on, issuer=issuer, note=note)  # fmt: skip


def reject(
    *, actor: Actor, initiative: Initiative, level: str, reason: str, on: datetime.date | None = None
) -> Initiative:
    return _take(actor, initiative, rules.Action.REJECT, level=level, reason=reason, on=on)


def make_exemplary(
    *, actor: Actor, initiative: Initiative, on: datetime.date | None = None, note: str = ""
) -> Initiative:
    return _take(actor, initiative, rules.Action.MAKE_EXEMPLARY, on=on, note=note)


def commend(
    *,
    actor: Actor,
    initiative: Initiative,
    form: str,
    issuer_type: str,
    issuer: str,
    decision_no: str,
    decided_on: datetime.date | None,
    note: str = "",
) -> Commendation:
    _take(actor, initiative, rules.Action.COMMEND, form=form, issuer_type=issuer_type, issuer=issuer,
          decision_no=decision_no, decided_on=decided_on, note=note)  # fmt: skip
    return initiative.commendations.order_by("-pk").first()  # type: ignore[return-value]


def replicate(
    *,
    actor: Actor,
    initiative: Initiative,
    units: Iterable[Unit],
    on: datetime.date | None = None,
    note: str = "",
) -> Initiative:
    targets = [u for u in units if u.pk != initiative.unit_id]
    if not targets:
        raise ValidationError({"units": "Chọn ít nhất một đơn vị nhân rộng khác đơn vị của mô hình."})
    return _take(actor, initiative, rules.Action.REPLICATE, units=targets, on=on, note=note)


def discontinue(*, actor: Actor, initiative: Initiative, reason: str, on: datetime.date | None = None) -> Initiative:
    return _take(actor, initiative, rules.Action.DISCONTINUE, reason=reason, on=on)


@transaction.atomic
def reregister(*, actor: Actor, initiative: Initiative, year: int) -> Initiative:
    """Đăng ký lại cho năm mới: a new registered record carrying the old one's content, linked to it."""
    if initiative.status == Status.DRAFT:
        raise ValidationError({"status": "Bản nháp chưa đăng ký thì không đăng ký lại."})
    if year <= initiative.year:
        raise ValidationError({"year": f"Năm đăng ký lại phải sau năm {initiative.year}."})
    if initiative.continuations.filter(year=year).exists():
        raise ValidationError({"year": f"Mô hình đã được đăng ký lại cho năm {year}."})
    data = Registration(
        name=initiative.name,
        field=initiative.field,
        subfield=initiative.subfield,
        year=year,
        kind=initiative.kind,
        owner_name=initiative.owner_name,
        owner_position=initiative.owner_position,
        owner_organization=initiative.owner_organization,
        start_date=datetime.date(year, 1, 1),
        **{name: getattr(initiative, name) for name in TEXT_FIELDS},
    )
    new = create_initiative(actor=actor, unit=initiative.unit, data=data)
    new.previous = initiative
    new.organization = initiative.organization
    new.save(update_fields=["previous", "organization"])
    register_initiative(actor=actor, initiative=new)
    record_event(
        subject=initiative, unit=initiative.unit, actor=actor, action="reregister", note=f"Đăng ký lại năm {year}"
    )
    return new


# --- review ---------------------------------------------------------------------------------


def council_waiting(review: Review) -> list[str]:
    """The names of the council members who have not scored every criterion yet."""
    criteria = list(Criterion.objects.filter(active=True))
    weights = [rules.CriterionWeight(c.pk, c.weight, c.max_score) for c in criteria]
    scores = {(s.member_id, s.criterion_id): s.score for s in review.scores.all()}
    members = {u.pk: u for u in review.members.all()}
    return [members[pk].get_full_name() or members[pk].username
            for pk in rules.unfinished_members(sorted(members), weights, scores)]  # fmt: skip


def council_total(review: Review) -> Decimal | None:
    criteria = list(Criterion.objects.filter(active=True))
    weights = [rules.CriterionWeight(c.pk, c.weight, c.max_score) for c in criteria]
    scores = {(s.member_id, s.criterion_id): s.score for s in review.scores.all()}
    return rules.weighted_total(weights, scores)


@transaction.atomic
def score(
    *, actor: User, review: Review, marks: dict[int, tuple[Any, str]], on: datetime.date | None = None
) -> Decimal | None:
    """A council member's scores: ``{criterion id: (score, comment)}``; replaces the member's earlier ones.
    ``on`` is the day the council scored (its meeting; today by default), not before it was set up."""
    day = on or _today()
    opened = timezone.localdate(review.opened_at)
    if day > _today():
        raise ValidationError({"on": "Ngày chấm điểm không được sau hôm nay."})
    if day < opened:
        raise ValidationError({"on": f"Ngày chấm điểm không được trước ngày lập hội đồng {format_date(opened)}."})
    if not review.is_open:
        raise ValidationError({"review": "Hội đồng đã kết thúc; không chấm thêm được."})
    if not review.members.filter(pk=actor.pk).exists():
        raise PermissionDenied("Chỉ thành viên hội đồng mới được chấm điểm.")
    criteria = {c.pk: c for c in Criterion.objects.filter(active=True)}
    errors: dict[str, list[str]] = {}
    clean: dict[int, tuple[Decimal, str]] = {}
    for criterion_id, criterion in criteria.items():
        raw, comment = marks.get(criterion_id, (None, ""))
        key = f"score_{criterion_id}"
        if raw in (None, ""):
            errors[key] = [f"Chưa chấm tiêu chí “{criterion.name}”."]
            continue
        try:
            value = Decimal(str(raw).replace(",", "."))
        except InvalidOperation:
            errors[key] = [f"“{raw}” không phải là điểm (tiêu chí “{criterion.name}”)."]
            continue
        if not value.is_finite():
            errors[key] = [f"“{raw}” không phải là điểm (tiêu chí “{criterion.name}”)."]
            continue
        if problems := rules.score_errors(value, criterion.max_score):
            errors[key] = [f"Tiêu chí “{criterion.name}”: {p}" for p in problems]
            continue
        clean[criterion_id] = (value, nfc(comment or ""))
    unknown = set(marks) - set(criteria)
    if unknown:
        errors["criteria"] = ["Tiêu chí không có trong danh mục đang dùng."]
    if errors:
        raise ValidationError(errors)
    Score.objects.filter(review=review, member=actor).delete()
    Score.objects.bulk_create(
        Score(review=review, member=actor, criterion_id=cid, score=value, comment=comment)
        for cid, (value, comment) in clean.items()
    )
    total = council_total(review)
    review.total = total
    review.save(update_fields=["total"])
    record_event(
        subject=review.initiative,
        unit=review.initiative.unit,
        actor=actor,
        action="score",
        note=f"{actor.get_full_name()} chấm điểm",
        on=day,
    )
    return total


@transaction.atomic
def save_minutes(*, actor: User, review: Review, minutes: str) -> Review:
    if actor.pk != review.chair_id:
        raise PermissionDenied("Chỉ chủ tịch hội đồng ghi biên bản.")
    if not review.is_open:
        raise ValidationError({"minutes": "Hội đồng đã kết thúc: biên bản không sửa được nữa."})
    review.minutes = nfc(minutes)
    review.save(update_fields=["minutes"])
    return review


# --- progress and measured results -------------------------------------------------------------


@dataclass(frozen=True)
class MeasuredValue:
    metric: Metric
    value: Any
    unit: str = ""  # as the officer wrote it; checked against the metric's unit


@transaction.atomic
def add_progress_report(
    *,
    actor: Actor,
    initiative: Initiative,
    kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    summary: str,
    values: Sequence[MeasuredValue] = (),
) -> ProgressReport:
    _require(actor, roles.INITIATIVES.edit, initiative)
    if initiative.status not in rules.ACTIVE_STATUSES:
        raise ValidationError(
            {"status": f"Chỉ báo cáo tiến độ khi mô hình đã ra mắt; hiện: {rules.STATUS_LABELS[initiative.status]}."}
        )
    errors: dict[str, list[str]] = {}
    if kind not in ProgressReport.Kind.values:
        errors["kind"] = ["Loại báo cáo không hợp lệ."]
    if period_end < period_start:
        errors["period_end"] = ["Ngày cuối kỳ phải sau ngày đầu kỳ."]
    if period_end > _today():
        errors["period_end"] = ["Chưa hết kỳ báo cáo."]
    if not nfc(summary):
        errors["summary"] = ["Cần ghi kết quả, đánh giá."]
    parsed: list[tuple[Metric, Decimal]] = []
    seen: set[int] = set()
    for item in values:
        key = f"metric_{item.metric.pk}"
        try:
            number = parse_number(item.value)
        except ValueError:
            errors[key] = [f"{item.metric.name}: “{item.value}” không phải là số."]
            continue
        problems = rules.value_errors(
            number,
            integral=item.metric.integral,
            given_unit=item.unit,
            unit_label=item.metric.unit_label,
            aliases=list(item.metric.aliases),
        )
        if item.metric.pk in seen:
            problems.append("ghi trùng chỉ tiêu trong một báo cáo.")
        if problems:
            errors[key] = [f"{item.metric.name}: {p}" for p in problems]
            continue
        seen.add(item.metric.pk)
        parsed.append((item.metric, number))
    if errors:
        raise ValidationError(errors)
    report = ProgressReport.objects.create(
        initiative=initiative,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        summary=nfc(summary),
        created_by=access.user_of(actor),
    )
    ResultValue.objects.bulk_create(
        ResultValue(report=report, initiative=initiative, metric=metric, value=number, period_end=period_end)
        for metric, number in parsed
    )
    if initiative.status == Status.LAUNCHED:
        start_tracking(actor=actor, initiative=initiative, note="Có báo cáo tiến độ đầu tiên")
    record_event(
        subject=initiative,
        unit=initiative.unit,
        actor=actor,
        action="report",
        note=f"{report.get_kind_display()} đến {format_date(period_end)}",
    )
    return report


# --- evidence, publication, proceedings ----------------------------------------------------------


@transaction.atomic
def attach_evidence(
    *, actor: Actor, initiative: Initiative, upload: UploadedFile[Any], title: str = "", public: bool = False
) -> Evidence:
    """Attach a photo or document; the content is sniffed, so a renamed file is refused."""
    _require(actor, roles.INITIATIVES.edit, initiative)
    sniffed = uploads.sniff(upload)
    if sniffed.errors:
        raise ValidationError({"file": sniffed.errors})
    evidence = Evidence.objects.create(
        initiative=initiative,
        kind=sniffed.kind,
        title=nfc(title) or upload.name or "",
        file=upload,
        size=upload.size or 0,
        content_type=sniffed.content_type,
        public=public,
        uploaded_by=access.user_of(actor),
    )
    record_event(subject=initiative, unit=initiative.unit, actor=actor, action="evidence", note=evidence.title)
    return evidence


def publish_refusal(initiative: Initiative) -> str | None:
    """Why the model cannot be shown in the public gallery, or ``None``: only recognised models are."""
    return None if initiative.is_recognised else "Chỉ công khai mô hình đã được công nhận."


@transaction.atomic
def publish(*, actor: Actor, initiative: Initiative, summary: str) -> Initiative:
    """Approve the model for the public gallery: only recognised models, with a public summary."""
    _require(actor, roles.INITIATIVES.decide, initiative)
    if (why := publish_refusal(initiative)) is not None:
        raise ValidationError({"status": why})
    if not nfc(summary):
        raise ValidationError({"summary": "Cần ghi tóm tắt để công khai."})
    initiative.published = True
    initiative.public_summary = nfc(summary)
    initiative.save(update_fields=["published", "public_summary"])
    record_event(
        subject=initiative, unit=initiative.unit, actor=actor, action="publish", note="Công khai trên thư viện"
    )
    return initiative


@transaction.atomic
def unpublish(*, actor: Actor, initiative: Initiative) -> Initiative:
    _require(actor, roles.INITIATIVES.decide, initiative)
    initiative.published = False
    initiative.save(update_fields=["published"])
    record_event(subject=initiative, unit=initiative.unit, actor=actor, action="unpublish", note="Thôi công khai")
    return initiative


@transaction.atomic
def set_proceedings_pending(*, actor: Actor, initiative: Initiative, pending: bool, note: str = "") -> Initiative:
    """Mark (or clear) a pending complaint, denunciation or discipline against the owner (NĐ 152/2025).

    The petitions area calls this when a case about the owner is accepted and when it is closed.
    """
    _require(actor, roles.INITIATIVES.edit, initiative)
    initiative.proceedings_pending = pending
    initiative.proceedings_note = nfc(note)[:255]
    initiative.save(update_fields=["proceedings_pending", "proceedings_note"])
    record_event(
        subject=initiative,
        unit=initiative.unit,
        actor=actor,
        action="proceedings",
        note=("Có vụ việc chưa kết luận: " if pending else "Vụ việc đã kết luận: ") + nfc(note),
    )
    return initiative


# --- bulk ---------------------------------------------------------------------------------------


BulkRefused = bulk.BulkRefused


def _bulk_publish_refusal(actor: Actor, initiative: Initiative) -> str | None:
    if not access.can(actor, roles.INITIATIVES.decide, initiative):
        return "Bạn không có quyền công khai mô hình này."
    if initiative.published:
        return "Mô hình đã công khai trên thư viện."
    return publish_refusal(initiative)


def _bulk_publish(actor: Actor, initiative: Initiative) -> Initiative:
    return publish(actor=actor, initiative=initiative, summary=initiative.public_summary or initiative.name)


#: A leader's bulk actions: the machine's bulk steps (propose, recognise with one decision, make exemplary)
#: and publishing, which is not a step of the life-cycle.
BULK_ACTIONS: tuple[bulk.BulkAction, ...] = (
    *bulk.machine_actions(INITIATIVE),
    bulk.BulkAction(
        name="publish",
        label="Công khai trên thư viện",
        params=(),
        refusal=_bulk_publish_refusal,
        apply=_bulk_publish,
    ),
)


def bulk_action(name: str) -> bulk.BulkAction:
    action = next((a for a in BULK_ACTIONS if a.name == name), None)
    if action is None:
        raise ValidationError({"action": "Chọn thao tác hàng loạt."})
    return action


def bulk_apply(*, actor: Actor, initiatives: Sequence[Initiative], action: str, **details: Any) -> int:
    """A leader's bulk action on many models, all or nothing: when a model is refused nothing is written,
    and :class:`BulkRefused` names every refused model with its reason."""
    return bulk.run(
        bulk_action(action), actor=actor, objs=initiatives, noun="mô hình", describe=INITIATIVE.describe, **details
    )
