"""The only write path of inspections: plans, their team, visits, recommendations and their evidence.

A plan and a recommendation move only through the kit's engine
(:func:`danvan.workflow.engine.transition`) with the machines :data:`PLAN` and :data:`RECOMMENDATION`;
everything else is written here, inside a transaction, after the rules of :mod:`.rules`. A refused input
raises a Vietnamese ``ValidationError`` naming the field, and nothing is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core import uploads
from danvan.core.actors import require_actor
from danvan.core.selectors import current_calendar
from danvan.core.services import record_event
from danvan.core.text import nfc
from danvan.inspections import rules
from danvan.inspections.models import (
    Figure,
    Plan,
    Recommendation,
    RecommendationEvidence,
    TeamMember,
    Visit,
    VisitEvidence,
)
from danvan.units.models import Organization, Unit
from danvan.units.selectors import coverage_prefixes
from danvan.workflow import machine as wf
from danvan.workflow.clocks import compute_due, rule_for
from danvan.workflow.engine import Step, transition
from danvan.workflow.machine import NOTE, Action, Machine, Param, ParamKind

Actor = Any
RIGHTS = roles.INSPECTIONS
P = rules.PlanStatus
R = rules.RecStatus


def _text(value: Any, limit: int, name: str, label: str, errors: dict[str, str], *, required: bool = False) -> str:
    text = nfc(str(value or "")).strip()
    if "\x00" in text:
        errors[name] = f"{label}: có ký tự không hợp lệ."
    elif len(text) > limit:
        errors[name] = f"{label}: tối đa {limit} ký tự."
    elif required and not text:
        errors[name] = f"Cần ghi {label.lower()}."
    return text


def _date(value: Any, name: str, label: str, errors: dict[str, str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors[name] = f"{label}: ngày không hợp lệ (yyyy-mm-dd)."
        return None


def _lines(value: Any) -> list[str]:
    items = value if isinstance(value, list | tuple) else str(value or "").splitlines()
    return [nfc(str(i)).strip() for i in items if str(i).strip()]


def _in_scope(unit: Unit, within: Unit) -> bool:
    return any(unit.path.startswith(p) for p in coverage_prefixes(within))


# --- plans ----------------------------------------------------------------------------------------


PLAN_FIELDS = (
    "body_name", "parent_body_name", "number", "plan_date", "title", "scopes", "scope_other", "purpose",
    "start_on", "end_on", "party_document", "place", "recipients",
)  # fmt: skip


@transaction.atomic
def save_plan(
    *,
    actor: Actor,
    unit: Unit | None = None,
    plan: Plan | None = None,
    body: Organization | None = None,
    units: Sequence[Unit] | None = None,
    **data: Any,
) -> Plan:
    """Create a plan (a draft) or change one still editable (draft, approved). The inspecting body is an
    Organization of the units tree (its unit is the plan's) or a name; the units visited lie in its unit."""
    require_actor(actor)
    unknown = set(data) - set(PLAN_FIELDS)
    if unknown:
        raise ValidationError({name: f"Không có trường “{name}”." for name in sorted(unknown)})
    if plan is not None:
        unit = plan.unit
        if plan.status not in rules.EDITABLE_PLAN:
            raise ValidationError({"status": "Chỉ sửa kế hoạch khi còn là dự thảo hoặc vừa được phê duyệt."})
    if body is not None:
        if unit is not None and body.unit_id != unit.pk:
            raise ValidationError({"body": "Cơ quan kiểm tra không thuộc đơn vị của kế hoạch."})
        unit = body.unit
    if unit is None:
        raise ValidationError({"unit": "Cần chọn đơn vị (cơ quan) kiểm tra."})
    access.require(actor, RIGHTS.edit, unit, "Bạn không có quyền lập kế hoạch kiểm tra của đơn vị này.")
    obj = plan or Plan(unit=unit, status=P.DRAFT, created_by=access.user_of(actor))
    errors: dict[str, str] = {}
    if body is not None:
        obj.body = body
        if not str(data.get("body_name") or "").strip():
            data["body_name"] = body.name
    limits = {"body_name": 255, "parent_body_name": 255, "number": 64, "title": 500, "scope_other": 500,
              "purpose": 5000, "place": 100, "recipients": 2000}  # fmt: skip
    labels = {f.name: str(f.verbose_name) for f in Plan._meta.get_fields() if hasattr(f, "verbose_name")}
    for name, limit in limits.items():
        if name in data or plan is None:
            value = data.get(name, getattr(obj, name))
            required = name in ("body_name", "number", "title")
            setattr(obj, name, _text(value, limit, name, labels[name].capitalize(), errors, required=required))
    for name in ("plan_date", "start_on", "end_on"):
        if name in data:
            setattr(obj, name, _date(data[name], name, labels[name].capitalize(), errors))
    if "scopes" in data or plan is None:
        scopes = [str(s) for s in (data.get("scopes") or [])]
        obj.scopes = list(dict.fromkeys(scopes))
    if "party_document" in data:
        obj.party_document = bool(data["party_document"])
    for problem in rules.scope_errors(obj.scopes, obj.scope_other):
        errors["scopes"] = problem
    for name, problem in rules.date_errors(
        getattr(obj, "plan_date", None), getattr(obj, "start_on", None), getattr(obj, "end_on", None)
    ).items():
        errors.setdefault(name, problem)
    chosen: list[Unit] | None = None
    if units is not None or plan is None:
        chosen = list(dict.fromkeys(units or []))
        if not chosen:
            errors["units"] = "Chọn ít nhất một đơn vị được kiểm tra."
        outside = [u for u in chosen if not _in_scope(u, unit)]
        if outside:
            errors["units"] = f"“{outside[0].name}” không thuộc phạm vi của cơ quan kiểm tra."
        if plan is not None:
            visited = set(plan.visits.values_list("unit_id", flat=True))
            dropped = visited - {u.pk for u in chosen}
            if dropped:
                errors["units"] = "Không bỏ được đơn vị đã có buổi kiểm tra."
    if errors:
        raise ValidationError(errors)
    creating = obj.pk is None
    obj.save()
    if chosen is not None:
        obj.units.set(chosen)
    if creating:
        record_event(subject=obj, unit=unit, actor=actor, action="open", to_state=P.DRAFT,
                     note=f"Lập kế hoạch {obj.number}", on=obj.plan_date)  # fmt: skip
    else:
        record_event(subject=obj, unit=unit, actor=actor, action="edit", note="Sửa kế hoạch")
    return obj


@dataclass(frozen=True)
class Member:
    """One line of the team: a name and position, or a user in scope (its name then comes from the account)."""

    name: str = ""
    position: str = ""
    role: str = rules.MemberRole.MEMBER
    user: Any = None


def member_candidates(actor: Any, plan: Plan) -> list[Any]:
    """The users who may be named to a team: those who may read the plan's inspections."""
    return access.users_who_can(RIGHTS.view, plan.unit)


@transaction.atomic
def set_team(*, actor: Actor, plan: Plan, members: Sequence[Member]) -> list[TeamMember]:
    """Replace the team (đoàn kiểm tra) of a plan still editable: exactly one head, every member named."""
    access.require(actor, RIGHTS.edit, plan, "Bạn không có quyền lập đoàn kiểm tra của kế hoạch này.")
    if plan.status not in rules.EDITABLE_PLAN | {P.IN_PROGRESS}:
        raise ValidationError({"status": "Kế hoạch đã kết thúc: không đổi đoàn kiểm tra."})
    candidates = {u.pk: u for u in member_candidates(actor, plan)}
    errors: dict[str, str] = {}
    rows = []
    for n, m in enumerate(members, start=1):
        user = None
        if m.user is not None:
            user = candidates.get(getattr(m.user, "pk", m.user))
            if user is None:
                errors["team"] = f"Thành viên thứ {n}: người dùng không thuộc phạm vi của cơ quan kiểm tra."
                continue
        name = nfc(m.name).strip() or (user.get_full_name() if user is not None else "")
        position = nfc(m.position).strip()
        if len(name) > 150 or len(position) > 255:
            errors["team"] = f"Thành viên thứ {n}: họ tên tối đa 150, chức vụ tối đa 255 ký tự."
        rows.append(TeamMember(plan=plan, user=user, name=name, position=position, role=m.role, order=n))
    problems = rules.team_errors([r.role for r in rows], [r.name for r in rows])
    if problems:
        errors.setdefault("team", " ".join(problems))
    if errors:
        raise ValidationError(errors)
    plan.members.all().delete()
    TeamMember.objects.bulk_create(rows)
    head = next(r for r in rows if r.role == rules.MemberRole.HEAD)
    record_event(subject=plan, unit=plan.unit, actor=actor, action="team",
                 note=f"Đoàn kiểm tra: Trưởng đoàn {head.name}, {len(rows)} thành viên")  # fmt: skip
    return list(plan.members.all())


# --- the plan's steps -----------------------------------------------------------------------------


def _approve_guard(plan: Plan) -> str | None:
    if not plan.members.filter(role=rules.MemberRole.HEAD).exists():
        return "Chưa có Trưởng đoàn: lập đoàn kiểm tra trước khi phê duyệt."
    if not plan.units.exists():
        return "Kế hoạch chưa có đơn vị được kiểm tra."
    return None


def _conclude_guard(plan: Plan) -> str | None:
    if not plan.visits.exists():
        return "Chưa có buổi kiểm tra nào: ghi kết quả kiểm tra trước khi ban hành kết luận."
    return None


def _dated(step: Step) -> None:
    step.on = step.params.get("on") or timezone.localdate()


def _approve(step: Step) -> None:
    _dated(step)
    plan: Plan = step.obj
    if step.on and step.on < plan.plan_date:
        raise ValidationError({"on": "Ngày phê duyệt không được trước ngày ban hành kế hoạch."})


def _conclude(step: Step) -> None:
    _dated(step)
    plan: Plan = step.obj
    day = step.on
    assert day is not None
    last = plan.visits.order_by("-visited_on").values_list("visited_on", flat=True).first()
    if last is not None and day < last:
        raise ValidationError({"on": "Ngày ban hành kết luận không được trước buổi kiểm tra cuối cùng."})
    errors: dict[str, str] = {}
    plan.conclusion_number = _text(step.params.get("number"), 64, "number", "Số thông báo kết luận", errors,
                                   required=True)  # fmt: skip
    plan.conclusion_summary = step.params.get("summary", "")
    for name, attr in (("signer_name", "signer_name"), ("signer_title", "signer_title")):
        value = _text(step.params.get(name), 150, name, "Người ký", errors)
        if value:
            setattr(plan, attr, value)
    if errors:
        raise ValidationError(errors)
    plan.conclusion_date = day
    step.note = f"Thông báo kết luận số {plan.conclusion_number}" + (f": {step.note}" if step.note else "")


def _cancel(step: Step) -> None:
    plan: Plan = step.obj
    plan.ended_on = timezone.localdate()
    plan.cancel_reason = step.params["reason"]
    step.note = plan.cancel_reason


_ON = wf.on()
PLAN_ACTIONS = (
    Action("approve", "Phê duyệt kế hoạch", frozenset({P.DRAFT}), P.APPROVED, RIGHTS.decide, _approve,
           params=(_ON, NOTE), date_param="on", guard=_approve_guard,
           basis="Quyết định 23-QĐ/TW (2021), Quy chế công tác dân vận: cấp ủy, Ban Tuyên giáo và Dân vận kiểm tra"),
    Action("start", "Bắt đầu kiểm tra", frozenset({P.APPROVED}), P.IN_PROGRESS, RIGHTS.edit, _dated,
           params=(_ON, NOTE), date_param="on"),
    Action("conclude", "Ban hành thông báo kết luận", frozenset({P.IN_PROGRESS}), P.CONCLUDED, RIGHTS.decide,
           _conclude, guard=_conclude_guard, date_param="on",
           params=(Param("number", "Số thông báo kết luận", required=True, max_length=64,
                         help="Ví dụ: 12-TB/BTGDVTU"),
                   wf.on("Ngày ban hành"),
                   Param("summary", "Nhận xét, đánh giá chung", ParamKind.LONGTEXT, max_length=5000),
                   Param("signer_name", "Người ký", max_length=150),
                   Param("signer_title", "Chức vụ người ký", max_length=150), NOTE),
           basis="Hướng dẫn 36-HD/VPTW (thể thức văn bản của Đảng): thông báo kết luận kiểm tra"),
    Action("cancel", "Hủy kế hoạch", frozenset({P.DRAFT, P.APPROVED, P.IN_PROGRESS}), P.CANCELLED, RIGHTS.decide,
           _cancel, params=(wf.reason("Lý do hủy"),), danger=True),
)  # fmt: skip

PLAN = Machine(
    name="inspection_plan",
    model=Plan,
    noun="kế hoạch kiểm tra",
    states=dict(P.choices),
    actions={a.name: a for a in PLAN_ACTIONS},
    other_steps={
        "open": "Lập kế hoạch",
        "edit": "Sửa kế hoạch",
        "team": "Lập đoàn kiểm tra",
        "visit": "Ghi kết quả kiểm tra",
        "recommend": "Kiến nghị",
    },
    describe=lambda p: f"Kế hoạch {p.number} ({p.body_name})",
    expected={P.DRAFT: "approve", P.APPROVED: "start", P.IN_PROGRESS: "conclude"},
)


def act_plan(*, actor: Actor, plan: Plan, action: str, **params: Any) -> Plan:
    """Take one step of :data:`PLAN` (the page and the API come here)."""
    return transition(PLAN, actor=actor, obj=plan, action=action, **params)


# --- visits ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Noted:
    """A figure noted at a visit: "Mô hình “Dân vận khéo” đăng ký xây dựng" 6 "mô hình"."""

    label: str
    value: Any
    unit_label: str = ""


def _figures(items: Sequence[Noted], errors: dict[str, str]) -> list[Figure]:
    rows = []
    for n, item in enumerate(items, start=1):
        label = nfc(item.label).strip()
        try:
            value = Decimal(str(item.value).replace(",", ".")).quantize(Decimal("0.01"))
            if not value.is_finite() or value < 0 or value >= Decimal(10) ** 12:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors["figures"] = f"Số liệu thứ {n} (“{label}”): phải là số không âm."
            continue
        if not label or len(label) > 255 or len(item.unit_label) > 50:
            errors["figures"] = f"Số liệu thứ {n}: cần tên chỉ tiêu (tối đa 255 ký tự)."
            continue
        rows.append(Figure(label=label, value=value, unit_label=nfc(item.unit_label).strip(), order=n))
    return rows


@transaction.atomic
def record_visit(
    *,
    actor: Actor,
    plan: Plan,
    unit: Unit,
    visited_on: Any,
    checked: Any,
    strengths: str,
    weaknesses: str = "",
    places: str = "",
    figures: Sequence[Noted] = (),
) -> Visit:
    """Record what the team found at one of the plan's units. The first visit of an approved plan starts it."""
    access.require(actor, RIGHTS.edit, plan, "Bạn không có quyền ghi kết quả kiểm tra của kế hoạch này.")
    if plan.status not in rules.VISITING:
        raise ValidationError({"status": "Chỉ ghi kết quả kiểm tra khi kế hoạch đã được phê duyệt, chưa kết luận."})
    errors: dict[str, str] = {}
    day = _date(visited_on, "visited_on", "Ngày làm việc", errors)
    in_plan = plan.units.filter(pk=unit.pk).exists()
    for name, problem in rules.visit_errors(day, start=plan.start_on, end=plan.end_on, unit_in_plan=in_plan).items():
        errors.setdefault(name, problem)
    items = _lines(checked)
    if not items:
        errors["checked"] = "Cần ghi ít nhất một nội dung đã kiểm tra."
    elif any(len(i) > 500 for i in items) or len(items) > 50:
        errors["checked"] = "Nội dung đã kiểm tra: tối đa 50 mục, mỗi mục 500 ký tự."
    strengths = _text(strengths, 10000, "strengths", "Ưu điểm", errors)
    weaknesses = _text(weaknesses, 10000, "weaknesses", "Hạn chế, tồn tại", errors)
    places = _text(places, 500, "places", "Địa điểm kiểm tra thực tế", errors)
    if not strengths and not weaknesses and "strengths" not in errors:
        errors["strengths"] = "Cần ghi ưu điểm hoặc hạn chế, tồn tại."
    rows = _figures(figures, errors)
    if errors:
        raise ValidationError(errors)
    assert day is not None
    if plan.status == P.APPROVED:
        transition(PLAN, actor=actor, obj=plan, action="start", on=day, note="Buổi kiểm tra đầu tiên")
    visit = Visit.objects.create(plan=plan, unit=unit, visited_on=day, checked=items, places=places,
                                 strengths=strengths, weaknesses=weaknesses,
                                 created_by=access.user_of(actor))  # fmt: skip
    for row in rows:
        row.visit = visit
    Figure.objects.bulk_create(rows)
    record_event(subject=plan, unit=plan.unit, actor=actor, action="visit", on=day,
                 note=f"Kiểm tra tại {unit.name}")  # fmt: skip
    return visit


def _stored(upload: Any) -> uploads.Sniffed:
    sniffed = uploads.sniff(upload)
    if sniffed.errors:
        raise ValidationError({"file": sniffed.errors})
    return sniffed


@transaction.atomic
def attach_visit_evidence(*, actor: Actor, visit: Visit, upload: Any, title: str = "") -> VisitEvidence:
    """A photo or document of the visit; the content is sniffed, so a renamed file is refused."""
    access.require(actor, RIGHTS.edit, visit.plan, "Bạn không có quyền đính kèm minh chứng của buổi kiểm tra này.")
    sniffed = _stored(upload)
    evidence = VisitEvidence.objects.create(
        visit=visit, kind=sniffed.kind, title=(nfc(title).strip() or upload.name or "")[:255], file=upload,
        size=upload.size or 0, content_type=sniffed.content_type, uploaded_by=access.user_of(actor),
    )  # fmt: skip
    record_event(subject=visit.plan, unit=visit.plan.unit, actor=actor, action="visit_evidence", note=evidence.title)
    return evidence


# --- recommendations ------------------------------------------------------------------------------


def default_due(made_on: datetime.date) -> tuple[datetime.date, str]:
    """The deadline given when the team sets none: the plan's own rule (:data:`rules.DEADLINES`)."""
    due = compute_due(rule_for(rules.DEADLINES, "recommendation", made_on), made_on, current_calendar())
    assert due.due is not None
    return due.due, due.explanation


@transaction.atomic
def add_recommendation(
    *,
    actor: Actor,
    plan: Plan,
    content: str,
    responsible: str,
    unit: Unit | None = None,
    visit: Visit | None = None,
    due_on: Any = None,
    made_on: Any = None,
    responsible_org: Organization | None = None,
    officer: Any = None,
) -> Recommendation:
    """A recommendation of the team to a visited unit, with the body responsible and a deadline (the
    plan's default when none is given)."""
    access.require(actor, RIGHTS.edit, plan, "Bạn không có quyền đưa ra kiến nghị của kế hoạch này.")
    if plan.status not in rules.VISITING:
        raise ValidationError({"status": "Chỉ đưa ra kiến nghị khi kế hoạch đang kiểm tra, chưa kết luận."})
    errors: dict[str, str] = {}
    if visit is not None:
        if visit.plan_id != plan.pk:
            raise ValidationError({"visit": "Buổi kiểm tra không thuộc kế hoạch này."})
        unit = unit or visit.unit
        if unit.pk != visit.unit_id:
            errors["unit"] = "Đơn vị của kiến nghị phải là đơn vị của buổi kiểm tra."
    if unit is None:
        raise ValidationError({"unit": "Cần chọn đơn vị được kiến nghị."})
    if not plan.units.filter(pk=unit.pk).exists():
        errors["unit"] = "Đơn vị được kiến nghị không có trong danh sách đơn vị của kế hoạch."
    content = _text(content, 5000, "content", "Nội dung kiến nghị", errors, required=True)
    responsible = _text(responsible, 255, "responsible", "Cơ quan, tổ chức chịu trách nhiệm", errors,
                        required=responsible_org is None)  # fmt: skip
    if responsible_org is not None:
        if not _in_scope(responsible_org.unit, plan.unit):
            errors["responsible_org"] = "Cơ quan chịu trách nhiệm không thuộc phạm vi của cơ quan kiểm tra."
        responsible = responsible or responsible_org.name
    made = _date(made_on, "made_on", "Ngày kiến nghị", errors) or (visit.visited_on if visit else None)
    made = made or timezone.localdate()
    if made < plan.plan_date:
        errors["made_on"] = "Ngày kiến nghị không được trước ngày ban hành kế hoạch."
    due = _date(due_on, "due_on", "Thời hạn thực hiện", errors)
    explanation = "thời hạn do đoàn kiểm tra ấn định"
    if due is None and "due_on" not in errors:
        due, explanation = default_due(made)
    if due is not None and (problem := rules.deadline_error(due, plan_date=plan.plan_date, made_on=made)):
        errors["due_on"] = problem
    if officer is not None and not access.can(officer, RIGHTS.edit, unit):
        errors["officer"] = "Cán bộ theo dõi không có quyền với đơn vị được kiến nghị."
    if errors:
        raise ValidationError(errors)
    assert due is not None
    rec = Recommendation.objects.create(
        plan=plan, visit=visit, unit=unit, content=content, responsible=responsible, responsible_org=responsible_org,
        made_on=made, due_on=due, due_explanation=explanation[:500], status=R.OPEN, officer=officer,
        order=plan.recommendations.count() + 1, created_by=access.user_of(actor),
    )  # fmt: skip
    record_event(subject=rec, unit=unit, actor=actor, action="open", to_state=R.OPEN, on=made,
                 note=f"Kiến nghị của {plan.body_name} (kế hoạch {plan.number}); thời hạn: {explanation}")  # fmt: skip
    record_event(subject=plan, unit=plan.unit, actor=actor, action="recommend", on=made, note=content[:200])
    return rec


def _evidence_files(rec: Recommendation, uploads_: Sequence[Any], actor: Actor) -> list[RecommendationEvidence]:
    sniffed_all = [_stored(upload) for upload in uploads_]  # every file judged before any is written
    stored = []
    for upload, sniffed in zip(uploads_, sniffed_all, strict=True):
        stored.append(
            RecommendationEvidence.objects.create(
                recommendation=rec,
                kind=sniffed.kind,
                title=(upload.name or "minh chứng")[:255],
                file=upload,
                size=upload.size or 0,
                content_type=sniffed.content_type,
                uploaded_by=access.user_of(actor),
            )
        )
    return stored


@transaction.atomic
def attach_recommendation_evidence(
    *, actor: Actor, recommendation: Recommendation, upload: Any, title: str = ""
) -> RecommendationEvidence:
    access.require(actor, RIGHTS.edit, recommendation, "Bạn không có quyền đính kèm minh chứng của kiến nghị này.")
    if not recommendation.is_open:
        raise ValidationError({"status": "Kiến nghị đã kết thúc: không đính kèm thêm minh chứng."})
    evidence = _evidence_files(recommendation, [upload], actor)[0]
    if title.strip():
        evidence.title = nfc(title).strip()[:255]
        evidence.save(update_fields=["title"])
    record_event(subject=recommendation, unit=recommendation.unit, actor=actor, action="evidence", note=evidence.title)
    return evidence


def _start(step: Step) -> None:
    step.on = timezone.localdate()


def _close(step: Step) -> None:
    """Closed only with its evidence: the result, and a file or a document number (:func:`rules.evidence_error`)."""
    rec: Recommendation = step.obj
    day = step.params.get("on") or timezone.localdate()
    note = str(step.params.get("note") or "")
    number = str(step.params.get("document_no") or "").strip()
    errors = rules.evidence_error(note, files=rec.evidence.count(), document_no=number)
    if day < rec.made_on:
        errors["on"] = "Ngày hoàn thành không được trước ngày kiến nghị."
    if day > timezone.localdate():
        errors["on"] = "Ngày hoàn thành không được ở tương lai."
    if errors:
        raise ValidationError(errors)
    rec.result, rec.document_no, rec.ended_on = note.strip(), number, day
    step.on = day
    timing = "đúng hạn" if rules.closed_on_time(day, rec.due_on) else "quá hạn"
    step.note = f"Đã thực hiện ({timing}): {rec.result}" + (f" — văn bản số {number}" if number else "")


def _end(step: Step) -> None:
    rec: Recommendation = step.obj
    rec.ended_on = timezone.localdate()
    rec.end_reason = step.params["reason"]
    step.on = rec.ended_on
    step.note = rec.end_reason


_RESULT = Param("note", "Kết quả thực hiện (minh chứng)", ParamKind.LONGTEXT, required=True, max_length=5000)
_DOCUMENT_NO = Param("document_no", "Số văn bản chứng minh", max_length=100,
                     help="Báo cáo, quyết định… chứng minh đã thực hiện; bắt buộc khi không đính kèm tệp")  # fmt: skip
_EVIDENCE_BASIS = "Kiến nghị chỉ kết thúc khi có minh chứng: kết quả và tệp hoặc số văn bản (quy tắc của hệ thống)"

RECOMMENDATION_ACTIONS = (
    Action("start", "Bắt đầu thực hiện", frozenset({R.OPEN}), R.IN_PROGRESS, RIGHTS.edit, _start, params=(NOTE,)),
    Action("close", "Hoàn thành (có minh chứng)", frozenset({R.OPEN, R.IN_PROGRESS}), R.CLOSED, RIGHTS.edit, _close,
           params=(_RESULT, _DOCUMENT_NO, wf.on("Ngày hoàn thành")), date_param="on", on_page=False,
           basis=_EVIDENCE_BASIS),
    Action("reject", "Không tiếp thu", frozenset({R.OPEN, R.IN_PROGRESS}), R.NOT_ACCEPTED, RIGHTS.decide, _end,
           params=(wf.reason("Lý do không tiếp thu"),), danger=True),
    Action("withdraw", "Rút kiến nghị", frozenset({R.OPEN, R.IN_PROGRESS}), R.WITHDRAWN, RIGHTS.decide, _end,
           params=(wf.reason("Lý do rút kiến nghị"),), danger=True),
)  # fmt: skip


def _assignees(rec: Recommendation, right: str) -> list[Any]:
    return [rec.officer] if rec.officer_id and right == RIGHTS.edit else []


RECOMMENDATION = Machine(
    name="inspection_recommendation",
    model=Recommendation,
    noun="kiến nghị",
    states=dict(R.choices),
    actions={a.name: a for a in RECOMMENDATION_ACTIONS},
    other_steps={"open": "Đưa ra kiến nghị", "evidence": "Đính kèm minh chứng"},
    describe=lambda r: f"Kiến nghị ({r.unit.name}): {r.content[:60]}",
    assignees=_assignees,
    expected={R.OPEN: "start", R.IN_PROGRESS: "close"},
)


def act_recommendation(*, actor: Actor, recommendation: Recommendation, action: str, **params: Any) -> Recommendation:
    return transition(RECOMMENDATION, actor=actor, obj=recommendation, action=action, **params)


@transaction.atomic
def close_recommendation(
    *,
    actor: Actor,
    recommendation: Recommendation,
    note: str,
    document_no: str = "",
    on: datetime.date | None = None,
    files: Sequence[Any] = (),
) -> Recommendation:
    """Close with evidence in one step: the files uploaded with the form and the step, all or nothing."""
    require_actor(actor)
    if not access.can(actor, RIGHTS.edit, recommendation):
        raise PermissionDenied("Bạn không có quyền cập nhật kiến nghị này.")
    params: dict[str, Any] = {"note": note, "document_no": document_no}
    if on is not None:
        params["on"] = on
    stored = _evidence_files(recommendation, files, actor)
    try:
        return act_recommendation(actor=actor, recommendation=recommendation, action="close", **params)
    except (ValidationError, PermissionDenied):
        for evidence in stored:  # the rows go with the transaction; the files written for them go too
            evidence.file.delete(save=False)
        raise
