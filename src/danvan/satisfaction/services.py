"""The only write path of the satisfaction area: questionnaires, campaigns and their sample plans, the
answers (from paper or online) and the targets.

Rights, checked here whatever the interface: building a questionnaire, running a campaign and setting
targets need ``SATISFACTION.decide`` on the unit; entering paper answers needs ``SATISFACTION.edit`` on
the commune answered for; an online answer proves the campaign with its link's token. Every function
checks all its input before it writes, in one transaction: bad input writes nothing.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.actors import SystemActor, require_actor
from danvan.core.periods import Period
from danvan.core.services import record_event
from danvan.core.text import nfc
from danvan.satisfaction import rules
from danvan.satisfaction.models import (
    Answer,
    Campaign,
    ExpectationChoice,
    ExpectationQuestion,
    IndexTarget,
    Item,
    Questionnaire,
    Response,
    SamplePlanRow,
    ServiceElement,
)
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

Actor = Any
RIGHTS = roles.SATISFACTION
K = rules.ItemKind


def _invalid(field: str, exc: ValueError) -> ValidationError:
    return ValidationError({field: str(exc)})


def _text(value: Any, *, field: str, label: str, limit: int) -> str:
    text = nfc(str(value or "")).strip()
    if not text or "\x00" in text:
        raise ValidationError({field: f"Cần ghi {label}."})
    if len(text) > limit:
        raise ValidationError({field: f"{label.capitalize()}: tối đa {limit} ký tự."})
    return text


def _require(actor: Actor, permission: str, obj: Any, message: str) -> None:
    access.require(actor, permission, obj, message)


# --- the default questionnaire ---------------------------------------------------------------------


@dataclass(frozen=True)
class ElementTemplate:
    name: str
    criteria: tuple[str, ...]
    satisfaction: str


#: The five service elements and 22 criteria of the 2017 method (QĐ 2640/QĐ-BNV; the criteria as
#: recalled, DOMAIN §4.1 [M]); each element ends with its own satisfaction question.
SIPAS_ELEMENTS: tuple[ElementTemplate, ...] = (
    ElementTemplate(
        "Tiếp cận dịch vụ",
        (
            "Nơi ngồi chờ giải quyết thủ tục hành chính có đủ chỗ ngồi",
            "Trang thiết bị phục vụ người dân, tổ chức đầy đủ",
            "Trang thiết bị phục vụ người dân, tổ chức hiện đại",
            "Trang thiết bị phục vụ người dân, tổ chức dễ sử dụng",
        ),
        "Ông/Bà hài lòng ở mức nào về việc tiếp cận dịch vụ?",
    ),
    ElementTemplate(
        "Thủ tục hành chính",
        (
            "Thủ tục hành chính được niêm yết công khai đầy đủ",
            "Thủ tục hành chính được niêm yết công khai chính xác",
            "Thành phần hồ sơ mà người dân phải nộp là đúng quy định",
            "Phí, lệ phí mà người dân phải nộp là đúng quy định",
            "Thời hạn giải quyết ghi trên giấy hẹn là đúng quy định",
        ),
        "Ông/Bà hài lòng ở mức nào về thủ tục hành chính?",
    ),
    ElementTemplate(
        "Công chức trực tiếp giải quyết công việc",
        (
            "Công chức có thái độ giao tiếp lịch sự",
            "Công chức chú ý lắng nghe ý kiến của người dân",
            "Công chức trả lời, giải thích đầy đủ các ý kiến của người dân",
            "Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo",
            "Công chức hướng dẫn kê khai hồ sơ dễ hiểu",
            "Công chức tuân thủ đúng quy định trong giải quyết công việc",
        ),
        "Ông/Bà hài lòng ở mức nào về công chức trực tiếp giải quyết công việc?",
    ),
    ElementTemplate(
        "Kết quả cung ứng dịch vụ",
        (
            "Kết quả mà người dân nhận được là đúng quy định",
            "Kết quả có thông tin đầy đủ",
            "Kết quả có thông tin chính xác",
            "Người dân nhận được kết quả đúng hạn",
        ),
        "Ông/Bà hài lòng ở mức nào về kết quả giải quyết thủ tục hành chính?",
    ),
    ElementTemplate(
        "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
        (
            "Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị",
            "Người dân dễ dàng thực hiện góp ý, phản ánh, kiến nghị",
            "Cơ quan tiếp nhận, xử lý và thông báo kịp thời kết quả xử lý góp ý, phản ánh, kiến nghị",
        ),
        "Ông/Bà hài lòng ở mức nào về việc tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị?",
    ),
)
SIPAS_OVERALL = "Nhìn chung, Ông/Bà hài lòng ở mức nào về sự phục vụ của cơ quan hành chính nhà nước?"
SIPAS_EXPECTATIONS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    (
        "Ông/Bà mong muốn cơ quan cải thiện những nội dung nào? (chọn tối đa 3)",
        (
            "Mở rộng hình thức thông tin để người dân dễ tiếp cận dịch vụ",
            "Cải thiện cơ sở vật chất, trang thiết bị nơi tiếp nhận",
            "Tiếp tục đơn giản hóa thủ tục hành chính",
            "Rút ngắn thời gian giải quyết",
            "Giảm phí, lệ phí",
            "Cải thiện thái độ giao tiếp, tinh thần phục vụ của công chức",
            "Nâng cao năng lực giải quyết công việc của công chức",
            "Tăng cường tiếp thu, phản hồi góp ý, phản ánh, kiến nghị",
            "Mở rộng dịch vụ công trực tuyến",
        ),
        3,
    ),
)


def default_template() -> tuple[tuple[ElementTemplate, ...], str, tuple[tuple[str, tuple[str, ...], int], ...]]:
    """The SIPAS questionnaire a new one starts from: the five elements with their criteria and
    satisfaction questions, the overall question, the expectation question."""
    return SIPAS_ELEMENTS, SIPAS_OVERALL, SIPAS_EXPECTATIONS


def _element_question(name: str) -> str:
    return f"Ông/Bà hài lòng ở mức nào về {name[:1].lower()}{name[1:]}?"


# --- building the questionnaire ----------------------------------------------------------------------


def _require_build(actor: Actor, questionnaire: Questionnaire) -> None:
    _require(actor, RIGHTS.decide, questionnaire, "Bạn không có quyền soạn phiếu khảo sát của đơn vị này.")
    try:
        rules.check_draft(questionnaire.status)
    except ValueError as exc:
        raise _invalid("questionnaire", exc) from None


def _locked(questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire, locked and read again (a publish in another request cannot slip between)."""
    fresh = Questionnaire.objects.select_for_update().select_related("unit").get(pk=questionnaire.pk)
    questionnaire.status = fresh.status
    return fresh


@transaction.atomic
def create_questionnaire(
    *, actor: Actor, unit: Unit, name: str, year: int, from_template: bool = True
) -> Questionnaire:
    """A draft questionnaire of ``unit``, from the SIPAS template by default (or with the overall question
    only, to build from scratch)."""
    require_actor(actor)
    _require(actor, RIGHTS.decide, unit, "Bạn không có quyền soạn phiếu khảo sát của đơn vị này.")
    title = _text(name, field="name", label="tên phiếu", limit=255)
    try:
        number = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": "Năm phải là số."}) from None
    if not 2000 <= number <= 2100:
        raise ValidationError({"year": "Năm phải từ 2000 đến 2100."})
    questionnaire = Questionnaire.objects.create(unit=unit, name=title, year=number, created_by=access.user_of(actor))
    elements, overall, expectations = default_template()
    if from_template:
        for position, template in enumerate(elements, start=1):
            element = ServiceElement.objects.create(questionnaire=questionnaire, order=position, name=template.name)
            Item.objects.bulk_create(
                [
                    Item(questionnaire=questionnaire, element=element, kind=K.CRITERION, order=i, text=text)
                    for i, text in enumerate(template.criteria, start=1)
                ]
                + [Item(questionnaire=questionnaire, element=element, kind=K.ELEMENT, text=template.satisfaction)]
            )
        for position, (text, options, most) in enumerate(expectations, start=1):
            ExpectationQuestion.objects.create(
                questionnaire=questionnaire, order=position, text=text, options=list(options), max_choices=most
            )
    Item.objects.create(questionnaire=questionnaire, kind=K.OVERALL, text=overall)
    return questionnaire


def _renumber(rows: Iterable[Any]) -> None:
    for position, row in enumerate(rows, start=1):
        if row.order != position:
            row.order = position
            row.save(update_fields=["order"])


@transaction.atomic
def add_element(*, actor: Actor, questionnaire: Questionnaire, name: str, question: str = "") -> ServiceElement:
    questionnaire = _locked(questionnaire)
    _require_build(actor, questionnaire)
    title = _text(name, field="name", label="tên yếu tố", limit=255)
    text = _text(question or _element_question(title), field="question", label="câu hỏi hài lòng", limit=500)
    last = questionnaire.elements.aggregate(m=Max("order"))["m"] or 0
    element = ServiceElement.objects.create(questionnaire=questionnaire, order=last + 1, name=title)
    Item.objects.create(questionnaire=questionnaire, element=element, kind=K.ELEMENT, text=text)
    return element


@transaction.atomic
def rename_element(*, actor: Actor, element: ServiceElement, name: str) -> ServiceElement:
    _require_build(actor, _locked(element.questionnaire))
    element.name = _text(name, field="name", label="tên yếu tố", limit=255)
    element.save(update_fields=["name"])
    return element


@transaction.atomic
def remove_element(*, actor: Actor, element: ServiceElement) -> None:
    questionnaire = _locked(element.questionnaire)
    _require_build(actor, questionnaire)
    element.delete()
    _renumber(questionnaire.elements.order_by("order", "pk"))


def _move(rows: list[Any], row: Any, step: int) -> None:
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(rows):
        return
    rows[index], rows[other] = rows[other], rows[index]
    _renumber(rows)


@transaction.atomic
def move_element(*, actor: Actor, element: ServiceElement, step: int) -> None:
    """Move an element one place up (``step`` < 0) or down."""
    questionnaire = _locked(element.questionnaire)
    _require_build(actor, questionnaire)
    _move(list(questionnaire.elements.order_by("order", "pk")), element, step)


@transaction.atomic
def add_criterion(*, actor: Actor, element: ServiceElement, text: str) -> Item:
    questionnaire = _locked(element.questionnaire)
    _require_build(actor, questionnaire)
    body = _text(text, field="text", label="nội dung tiêu chí", limit=500)
    last = element.items.filter(kind=K.CRITERION).aggregate(m=Max("order"))["m"] or 0
    return Item.objects.create(
        questionnaire=questionnaire, element=element, kind=K.CRITERION, order=last + 1, text=body
    )


@transaction.atomic
def edit_item(*, actor: Actor, item: Item, text: str) -> Item:
    """Change the wording of a criterion, of an element's or of the overall satisfaction question."""
    _require_build(actor, _locked(item.questionnaire))
    item.text = _text(text, field="text", label="nội dung câu hỏi", limit=500)
    item.save(update_fields=["text"])
    return item


@transaction.atomic
def remove_criterion(*, actor: Actor, item: Item) -> None:
    _require_build(actor, _locked(item.questionnaire))
    if item.kind != K.CRITERION:
        raise ValidationError({"item": "Câu hỏi về sự hài lòng không xóa được (chỉ sửa nội dung)."})
    element = item.element
    item.delete()
    if element is not None:
        _renumber(element.items.filter(kind=K.CRITERION).order_by("order", "pk"))


@transaction.atomic
def move_criterion(*, actor: Actor, item: Item, step: int) -> None:
    _require_build(actor, _locked(item.questionnaire))
    if item.kind != K.CRITERION or item.element is None:
        raise ValidationError({"item": "Chỉ sắp xếp lại các tiêu chí."})
    _move(list(item.element.items.filter(kind=K.CRITERION).order_by("order", "pk")), item, step)


def _options(raw: Any) -> list[str]:
    lines = raw if isinstance(raw, list | tuple) else str(raw or "").splitlines()
    options = [nfc(str(line)).strip() for line in lines if str(line).strip()]
    if len(options) < 2:
        raise ValidationError({"options": "Cần ít nhất hai lựa chọn (mỗi dòng một lựa chọn)."})
    if len(options) > 20 or any(len(o) > 255 for o in options):
        raise ValidationError({"options": "Tối đa 20 lựa chọn, mỗi lựa chọn tối đa 255 ký tự."})
    if len(set(options)) != len(options):
        raise ValidationError({"options": "Có lựa chọn trùng nhau."})
    return options


def _max_choices(raw: Any, options: list[str]) -> int:
    try:
        most = int(raw)
    except (TypeError, ValueError):
        raise ValidationError({"max_choices": "Số lựa chọn tối đa phải là số."}) from None
    if not 1 <= most <= len(options):
        raise ValidationError({"max_choices": f"Số lựa chọn tối đa phải từ 1 đến {len(options)}."})
    return most


@transaction.atomic
def add_expectation(
    *, actor: Actor, questionnaire: Questionnaire, text: str, options: Any, max_choices: Any = 1
) -> ExpectationQuestion:
    questionnaire = _locked(questionnaire)
    _require_build(actor, questionnaire)
    body = _text(text, field="text", label="nội dung câu hỏi", limit=500)
    choices = _options(options)
    most = _max_choices(max_choices, choices)
    last = questionnaire.expectations.aggregate(m=Max("order"))["m"] or 0
    return ExpectationQuestion.objects.create(
        questionnaire=questionnaire, order=last + 1, text=body, options=choices, max_choices=most
    )


@transaction.atomic
def edit_expectation(
    *, actor: Actor, question: ExpectationQuestion, text: str, options: Any, max_choices: Any
) -> ExpectationQuestion:
    _require_build(actor, _locked(question.questionnaire))
    question.text = _text(text, field="text", label="nội dung câu hỏi", limit=500)
    question.options = _options(options)
    question.max_choices = _max_choices(max_choices, question.options)
    question.save()
    return question


@transaction.atomic
def remove_expectation(*, actor: Actor, question: ExpectationQuestion) -> None:
    questionnaire = _locked(question.questionnaire)
    _require_build(actor, questionnaire)
    question.delete()
    _renumber(questionnaire.expectations.order_by("order", "pk"))


@transaction.atomic
def publish_questionnaire(*, actor: Actor, questionnaire: Questionnaire) -> Questionnaire:
    """Ban hành: from now on the structure is fixed (campaigns may use it)."""
    given, questionnaire = questionnaire, _locked(questionnaire)
    _require_build(actor, questionnaire)
    elements = {
        e.name: any(i.kind == K.ELEMENT for i in e.items.all())
        for e in questionnaire.elements.prefetch_related("items")
    }
    try:
        rules.check_publishable(elements, questionnaire.items.filter(kind=K.OVERALL).exists())
    except ValueError as exc:
        raise _invalid("questionnaire", exc) from None
    questionnaire.status = Questionnaire.Status.PUBLISHED
    questionnaire.published_at = timezone.now()
    questionnaire.save(update_fields=["status", "published_at"])
    given.status, given.published_at = questionnaire.status, questionnaire.published_at
    record_event(
        subject=questionnaire,
        unit=questionnaire.unit,
        actor=actor,
        action="publish",
        from_state="draft",
        to_state="published",
        note=questionnaire.name,
    )
    return questionnaire


# --- campaigns and sample plans --------------------------------------------------------------------


def _token() -> str:
    return secrets.token_urlsafe(16)[:22]


@dataclass(frozen=True)
class PlanRow:
    unit: Unit | str  # a unit, or its code
    procedure_code: str
    procedure_name: str
    quota: Any


def _plan_rows(campaign_unit: Unit, rows: Sequence[PlanRow | Mapping[str, Any]]) -> list[SamplePlanRow]:
    """The plan's rows checked: each commune under the campaign's unit, each stratum once. Errors name
    the row ("Dòng 3: …")."""
    out: list[SamplePlanRow] = []
    seen: set[tuple[int, str]] = set()
    for number, raw in enumerate(rows, start=1):
        row = raw if isinstance(raw, PlanRow) else PlanRow(**raw)
        code, name = nfc(str(row.procedure_code or "")).strip(), nfc(str(row.procedure_name or "")).strip()
        try:
            quota = rules.check_plan_row(number, code=code, name=name, quota=row.quota)
        except ValueError as exc:
            raise _invalid("plan", exc) from None
        unit = row.unit
        if not isinstance(unit, Unit):
            try:
                unit = unit_by_code(str(unit).strip())
            except UnitCodeNotFound:
                raise ValidationError({"plan": f"Dòng {number}: không có xã, phường mã “{row.unit}”."}) from None
        if unit.level != Level.COMMUNE or not unit.path.startswith(campaign_unit.path):
            raise ValidationError(
                {"plan": f"Dòng {number}: “{unit.name}” không phải xã, phường thuộc {campaign_unit.name}."}
            )
        if (unit.pk, code) in seen:
            raise ValidationError({"plan": f"Dòng {number}: {unit.name} — thủ tục {code} đã có ở dòng trên."})
        seen.add((unit.pk, code))
        out.append(SamplePlanRow(unit=unit, procedure_code=code, procedure_name=name, quota=quota))
    return out


def _dates(starts_on: Any, ends_on: Any) -> tuple[datetime.date, datetime.date]:
    days = []
    for name, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        if isinstance(value, datetime.date):
            days.append(value)
            continue
        try:
            days.append(datetime.date.fromisoformat(str(value)))
        except ValueError:
            raise ValidationError({name: "Ngày phải có dạng năm-tháng-ngày (2026-03-01)."}) from None
    if days[1] < days[0]:
        raise ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu."})
    return days[0], days[1]


@transaction.atomic
def create_campaign(
    *,
    actor: Actor,
    questionnaire: Questionnaire,
    unit: Unit,
    name: str,
    starts_on: Any,
    ends_on: Any,
    plan: Sequence[PlanRow | Mapping[str, Any]] = (),
) -> Campaign:
    """A campaign of ``unit`` (under the questionnaire's unit) with a published questionnaire and its
    sample plan."""
    require_actor(actor)
    _require(actor, RIGHTS.decide, unit, "Bạn không có quyền tổ chức khảo sát ở đơn vị này.")
    if questionnaire.status != Questionnaire.Status.PUBLISHED:
        raise ValidationError({"questionnaire": "Phiếu khảo sát chưa ban hành."})
    if not unit.path.startswith(questionnaire.unit.path):
        raise ValidationError({"unit": f"Phiếu khảo sát của {questionnaire.unit.name} không dùng cho {unit.name}."})
    title = _text(name, field="name", label="tên đợt khảo sát", limit=255)
    start, end = _dates(starts_on, ends_on)
    rows = _plan_rows(unit, plan)
    campaign = Campaign.objects.create(
        questionnaire=questionnaire,
        unit=unit,
        name=title,
        starts_on=start,
        ends_on=end,
        token=_token(),
        created_by=access.user_of(actor),
    )
    for row in rows:
        row.campaign = campaign
    SamplePlanRow.objects.bulk_create(rows)
    return campaign


@transaction.atomic
def set_sample_plan(*, actor: Actor, campaign: Campaign, plan: Sequence[PlanRow | Mapping[str, Any]]) -> Campaign:
    """Replace the sample plan (while the campaign is not closed)."""
    campaign = Campaign.objects.select_for_update().select_related("unit").get(pk=campaign.pk)
    _require(actor, RIGHTS.decide, campaign, "Bạn không có quyền tổ chức khảo sát ở đơn vị này.")
    if campaign.status == Campaign.Status.CLOSED:
        raise ValidationError({"plan": "Đợt khảo sát đã kết thúc: không sửa kế hoạch chọn mẫu."})
    rows = _plan_rows(campaign.unit, plan)
    campaign.plan.all().delete()
    for row in rows:
        row.campaign = campaign
    SamplePlanRow.objects.bulk_create(rows)
    return campaign


def _step(actor: Actor, campaign: Campaign, target: str, action: str) -> Campaign:
    locked = Campaign.objects.select_for_update().select_related("unit").get(pk=campaign.pk)
    _require(actor, RIGHTS.decide, locked, "Bạn không có quyền tổ chức khảo sát ở đơn vị này.")
    try:
        rules.check_campaign_step(locked.status, target)
    except ValueError as exc:
        raise _invalid("status", exc) from None
    before = locked.status
    locked.status = target
    locked.save(update_fields=["status"])
    record_event(
        subject=locked,
        unit=locked.unit,
        actor=actor,
        action=action,
        from_state=before,
        to_state=target,
        note=locked.name,
    )
    campaign.status = target
    return locked


@transaction.atomic
def open_campaign(*, actor: Actor, campaign: Campaign) -> Campaign:
    return _step(actor, campaign, Campaign.Status.OPEN, "open")


@transaction.atomic
def close_campaign(*, actor: Actor, campaign: Campaign) -> Campaign:
    return _step(actor, campaign, Campaign.Status.CLOSED, "close")


# --- responses --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """What a response is checked against: the questionnaire's items and expectation questions, and the
    plan's communes and procedures. Read once per campaign (the demo and a batch reuse it)."""

    items: dict[int, Item]
    labels: dict[int, str]
    questions: dict[int, tuple[str, int, int]]
    communes: dict[int, Unit]
    procedures: dict[str, str]


def form_of(campaign: Campaign) -> Form:
    items = {i.pk: i for i in Item.objects.filter(questionnaire_id=campaign.questionnaire_id).select_related("element")}
    questions = {
        q.pk: (q.text, len(q.options), q.max_choices)
        for q in ExpectationQuestion.objects.filter(questionnaire_id=campaign.questionnaire_id)
    }
    communes: dict[int, Unit] = {}
    procedures: dict[str, str] = {}
    for row in SamplePlanRow.objects.filter(campaign=campaign).select_related("unit"):
        communes.setdefault(row.unit_id, row.unit)
        procedures.setdefault(row.procedure_code, row.procedure_name)
    return Form(items, {pk: i.label for pk, i in items.items()}, questions, communes, procedures)


@dataclass(frozen=True)
class Answers:
    """One respondent's answers, as a batch (an import of paper forms, the demo) gives them."""

    unit: Unit
    procedure_code: str
    answers: Mapping[Any, Any]
    expectations: Mapping[Any, Iterable[Any]] | None = None
    answered_on: datetime.date | None = None
    channel: str = rules.Channel.PAPER


def _check_access(campaign: Campaign, unit: Unit, channel: str, actor: Actor | None, token: str) -> None:
    if channel not in rules.Channel.values:
        raise ValidationError({"channel": f"Hình thức “{channel}” không có (phiếu giấy hoặc trực tuyến)."})
    if channel == rules.Channel.PAPER:
        require_actor(actor)
        if not isinstance(actor, SystemActor) and not access.can(actor, RIGHTS.edit, unit):
            raise PermissionDenied("Bạn không có quyền nhập phiếu khảo sát của đơn vị này.")
    elif not token or not secrets.compare_digest(str(token), campaign.token):
        raise PermissionDenied("Đường dẫn khảo sát không đúng.")


def _checked(
    campaign: Campaign, form: Form, given: Answers, today: datetime.date, actor: Actor | None
) -> tuple[Response, list[Answer], list[ExpectationChoice]]:
    """The rows one response writes, once every check passed (nothing is saved here)."""
    unit = given.unit
    errors: dict[str, str] = {}
    if not unit.path.startswith(campaign.unit.path) or (form.communes and unit.pk not in form.communes):
        errors["unit"] = f"{unit.name} không thuộc kế hoạch chọn mẫu của đợt khảo sát."
    code = nfc(str(given.procedure_code or "")).strip()
    if not code:
        errors["procedure_code"] = "Cần chọn thủ tục hành chính đã thực hiện."
    elif len(code) > 32 or (form.procedures and code not in form.procedures):
        errors["procedure_code"] = f"Thủ tục “{code[:32]}” không thuộc kế hoạch chọn mẫu của đợt khảo sát."
    day = given.answered_on or min(today, campaign.ends_on)
    try:
        rules.check_answered_on(day, starts_on=campaign.starts_on, ends_on=campaign.ends_on, today=today)
    except ValueError as exc:
        errors["answered_on"] = str(exc)
    values: dict[int, int | None] = {}
    try:
        values = rules.check_answers(form.labels, given.answers)
    except ValueError as exc:
        errors["answers"] = str(exc)
    chosen: dict[int, list[int]] = {}
    try:
        chosen = rules.check_expectations(form.questions, given.expectations or {})
    except ValueError as exc:
        errors["expectations"] = str(exc)
    if errors:
        raise ValidationError(errors)
    response = Response(
        campaign=campaign,
        unit=unit,
        procedure_code=code,
        channel=given.channel,
        answered_on=day,
        entered_by=access.user_of(actor),
    )
    answers = [
        Answer(
            response=response,
            item_id=pk,
            value=value,
            kind=form.items[pk].kind,
            element_id=form.items[pk].element_id,
            unit=unit,
            answered_on=day,
        )
        for pk, value in values.items()
    ]
    choices = [
        ExpectationChoice(response=response, question_id=q, option=o, unit=unit, answered_on=day)
        for q, options in chosen.items()
        for o in options
    ]
    return response, answers, choices


def _open(campaign: Campaign) -> None:
    if campaign.status != Campaign.Status.OPEN:
        raise ValidationError({"campaign": "Đợt khảo sát không trong thời gian nhận phiếu."})


@transaction.atomic
def record_response(
    *,
    campaign: Campaign,
    unit: Unit,
    procedure_code: str,
    channel: str,
    answers: Mapping[Any, Any],
    expectations: Mapping[Any, Iterable[Any]] | None = None,
    actor: Actor | None = None,
    token: str = "",
    answered_on: datetime.date | None = None,
) -> Response:
    """One respondent's answers: from paper, entered by an officer of the commune (``SATISFACTION.edit``),
    or online with the campaign's token. Everything is checked before anything is written: each answer
    against the questionnaire (an item not in it, a value outside 1–5: a message naming the item), the
    commune and the procedure against the sample plan, the date against the campaign."""
    _check_access(campaign, unit, channel, actor, token)
    _open(campaign)
    given = Answers(unit, procedure_code, answers, expectations, answered_on, channel)
    response, rows, choices = _checked(campaign, form_of(campaign), given, timezone.localdate(), actor)
    response.save()
    Answer.objects.bulk_create(rows)
    ExpectationChoice.objects.bulk_create(choices)
    return response


@transaction.atomic
def record_responses(
    *, campaign: Campaign, responses: Sequence[Answers], actor: Actor | None = None, token: str = ""
) -> list[Response]:
    """Many responses at once (a pile of paper forms, an import): each checked as :func:`record_response`
    checks one, all written or none; an error names the form ("Phiếu 3: …")."""
    _open(campaign)
    form, today = form_of(campaign), timezone.localdate()
    prepared = []
    for number, given in enumerate(responses, start=1):
        try:
            _check_access(campaign, given.unit, given.channel, actor, token)
            prepared.append(_checked(campaign, form, given, today, actor))
        except ValidationError as exc:
            raise ValidationError(
                {k: [f"Phiếu {number}: {m}" for m in v] for k, v in exc.message_dict.items()}
            ) from None
        except PermissionDenied as exc:
            raise PermissionDenied(f"Phiếu {number}: {exc}") from None
    saved = Response.objects.bulk_create([p[0] for p in prepared])
    for response, rows, choices in prepared:
        for answer in rows:
            answer.response = response  # the id given by the insert
        for choice in choices:
            choice.response = response
    Answer.objects.bulk_create([row for p in prepared for row in p[1]], batch_size=2000)
    ExpectationChoice.objects.bulk_create([row for p in prepared for row in p[2]], batch_size=2000)
    return saved


# --- targets ---------------------------------------------------------------------------------------


@transaction.atomic
def set_target(
    *,
    actor: Actor,
    unit: Unit,
    period: Period,
    value: Any,
    comparison: str = rules.Comparison.ABOVE,
    legal_basis: str = "",
) -> IndexTarget:
    """The target of ``unit`` for ``period`` ("trên 80%"), replacing the one set before."""
    require_actor(actor)
    _require(actor, RIGHTS.decide, unit, "Bạn không có quyền đặt chỉ tiêu của đơn vị này.")
    try:
        number = rules.check_target_value(value)
    except ValueError as exc:
        raise _invalid("value", exc) from None
    if comparison not in rules.Comparison.values:
        raise ValidationError({"comparison": "So sánh phải là “trên” hoặc “từ”."})
    basis = nfc(legal_basis or "").strip()
    if len(basis) > 500:
        raise ValidationError({"legal_basis": "Căn cứ: tối đa 500 ký tự."})
    target, _ = IndexTarget.objects.update_or_create(
        unit=unit,
        starts_on=period.start,
        ends_on=period.end,
        defaults={"value": number, "comparison": comparison, "legal_basis": basis, "set_by": access.user_of(actor)},
    )
    record_event(
        subject=target,
        unit=unit,
        actor=actor,
        action="set_target",
        note=f"{rules.Comparison(comparison).label} {number}% ({period.label})",
    )
    return target
