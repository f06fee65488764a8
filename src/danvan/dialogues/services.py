"""The only write path of the dialogues area: plan and record meetings, follow commitments, run campaigns.

Every step of a meeting, a commitment or a campaign goes through the kit's engine
(:func:`danvan.workflow.engine.transition`) with the machines below, built from the transition tables of
:mod:`.rules`; creating a record writes its "open" event here. Bad input is a Vietnamese
``ValidationError`` naming the field, checked before anything is written; a missing right is
``PermissionDenied``.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.actors import require_actor
from danvan.core.services import record_event
from danvan.core.text import format_date, nfc
from danvan.core.uploads import sniff
from danvan.dialogues import rules
from danvan.dialogues.models import (
    Attendance,
    Campaign,
    CampaignProgress,
    Commitment,
    CommitmentUpdate,
    Evidence,
    Issue,
    Meeting,
    WorkingGroup,
)
from danvan.units.models import Organization, Unit
from danvan.units.selectors import coverage_prefixes
from danvan.workflow import machine as wf
from danvan.workflow.engine import Step, transition
from danvan.workflow.machine import NOTE, Action, Machine, Param, ParamKind

Actor = Any
RIGHTS = roles.DIALOGUES
C, M, K = rules.CommitmentStatus, rules.MeetingStatus, rules.CampaignStatus

#: The key of the public page's cache generation: every commitment step renews it.
PUBLIC_GENERATION = "dialogues:public:generation"


def public_generation() -> str:
    return str(cache.get(PUBLIC_GENERATION) or "0")


def _renew_public_cache(_obj: Any = None) -> None:
    transaction.on_commit(lambda: cache.set(PUBLIC_GENERATION, str(time.time_ns()), None))


def _text(value: Any, limit: int, name: str, label: str, errors: dict[str, str]) -> str:
    text = nfc(str(value or "")).strip()
    if "\x00" in text:
        errors[name] = f"{label}: có ký tự không hợp lệ."
    elif len(text) > limit:
        errors[name] = f"{label}: tối đa {limit} ký tự."
    return text


def _today() -> datetime.date:
    return timezone.localdate()


def _step_day(step: Step) -> datetime.date:
    day: datetime.date = step.params.get("on") or _today()
    if day > _today():
        raise ValidationError({"on": "Ngày thực hiện không được ở tương lai."})
    step.on = day
    return day


def _right(name: str) -> str:
    return {"view": RIGHTS.view, "edit": RIGHTS.edit, "decide": RIGHTS.decide}[name]


def _actions(table: Sequence[rules.Row], services: Mapping[str, Any], params: Mapping[str, tuple[Param, ...]],
             **extra: Mapping[str, Any]) -> dict[str, Action]:  # fmt: skip
    """The machine's actions from the rules' table: the table says states and rights, this module the work."""
    built: dict[str, Action] = {}
    for row in table:
        options = {key: value[row.action] for key, value in extra.items() if row.action in value}
        built[row.action] = Action(
            name=row.action, label=row.label, sources=row.sources, target=row.target, right=_right(row.right),
            service=services[row.action], params=params.get(row.action, (NOTE,)), basis=row.basis,
            date_param="on" if any(p.name == "on" for p in params.get(row.action, ())) else None, **options,
        )  # fmt: skip
    return built


_ON = wf.on()
_REASON = wf.reason()
_REQUIRED_NOTE = Param("note", "Nội dung", ParamKind.LONGTEXT, required=True)
_REFERENCE = Param("reference", "Số văn bản, đường dẫn minh chứng", max_length=500)


# --- meetings -----------------------------------------------------------------------------------------


def host_candidates(actor: Any, unit: Unit) -> list[Any]:
    """Who may host: the active people holding the area's decision right over the unit (its leaders)."""
    return access.users_who_can(RIGHTS.decide, unit)


def _record(step: Step) -> None:
    meeting: Meeting = step.obj
    meeting.held_on = step.params["on"]
    meeting.summary = step.params.get("summary", "")
    step.on = meeting.held_on
    step.note = meeting.summary[:300]


def _cancel_meeting(step: Step) -> None:
    meeting: Meeting = step.obj
    meeting.cancelled_on = _step_day(step)
    meeting.cancel_reason = step.params["reason"]
    step.note = meeting.cancel_reason


MEETING = Machine(
    name="meeting",
    model=Meeting,
    noun="buổi làm việc",
    states=dict(rules.MeetingStatus.choices),
    actions=_actions(
        rules.MEETING_TABLE,
        {"record": _record, "cancel": _cancel_meeting},
        {
            "record": (
                Param("on", "Ngày tổ chức", ParamKind.DATE, required=True),
                Param("summary", "Tóm tắt kết quả", ParamKind.LONGTEXT, max_length=20000),
            ),
            "cancel": (_REASON, _ON),
        },
        danger={"cancel": True},
    ),
    other_steps={"open": "Lên kế hoạch", "commitment": "Ghi cam kết"},
    describe=lambda m: f"{m.kind_label} “{m.topic}” ({m.unit.name})",
    expected={M.PLANNED: "record"},
)


@transaction.atomic
def plan_meeting(
    *,
    actor: Actor,
    unit: Unit,
    kind: str,
    topic: str,
    planned_on: datetime.date | None,
    place: str = "",
    host: Any = None,
    host_name: str = "",
    host_position: str = "",
    invited_groups: Sequence[str] = (),
    notice: str = "",
    council: str = "",
    timing: str = "",
    session: str = "",
    campaign: Campaign | None = None,
) -> Meeting:
    """Plan a dialogue or a voter contact: topic, unit, date and place, host leader, invited groups, notice."""
    require_actor(actor)
    access.require(actor, RIGHTS.edit, unit, "Bạn không có quyền lập kế hoạch đối thoại của đơn vị này.")
    errors: dict[str, str] = {}
    topic = _text(topic, 500, "topic", "Chủ đề", errors)
    place = _text(place, 255, "place", "Địa điểm", errors)
    host_name = _text(host_name, 150, "host_name", "Người chủ trì", errors)
    host_position = _text(host_position, 255, "host_position", "Chức vụ", errors)
    notice = _text(notice, 20000, "notice", "Thông báo", errors)
    session = _text(session, 255, "session", "Kỳ họp", errors)
    groups = list(dict.fromkeys(invited_groups))
    errors.update(rules.meeting_errors(kind=kind, topic=topic, planned_on=planned_on, has_host=bool(host or host_name),
                                       council=council, timing=timing, invited_groups=groups))  # fmt: skip
    if host is not None and host not in host_candidates(actor, unit):
        errors["host"] = "Người chủ trì phải là lãnh đạo có thẩm quyền của đơn vị; hoặc ghi họ tên, chức vụ."
    if campaign is not None and not _related(campaign.unit, unit):
        errors["campaign"] = "Cuộc vận động thuộc đơn vị khác."
    if unit.valid_to is not None and planned_on is not None and planned_on > unit.valid_to:
        errors["planned_on"] = f"{unit.name} đã thôi tồn tại từ sau {format_date(unit.valid_to)}."
    if errors:
        raise ValidationError(errors)
    voter = kind == rules.MeetingKind.VOTER_CONTACT
    assert planned_on is not None
    meeting = Meeting.objects.create(
        unit=unit, kind=kind, topic=topic, planned_on=planned_on, place=place, host=host,
        host_name=host_name or (host.get_full_name() if host else ""), host_position=host_position,
        invited_groups=groups, notice=notice, council=council if voter else "", timing=timing if voter else "",
        session=session if voter else "", campaign=campaign, created_by=access.user_of(actor),
    )  # fmt: skip
    record_event(subject=meeting, unit=unit, actor=actor, action="open", to_state=M.PLANNED,
                 note=f"{meeting.kind_label}: {topic}, ngày {format_date(planned_on)}")  # fmt: skip
    return meeting


@dataclass(frozen=True)
class CommitmentIn:
    """One commitment as entered (on the record form, the API, the demo)."""

    content: str
    due_on: datetime.date | None
    responsible_organization: Organization | None = None
    responsible_text: str = ""
    responsible_person: str = ""
    responsible_user: Any = None
    to_whom: str = ""
    #: The issue of the same record it answers: its number (1, 2…) in the issues' list.
    issue: int | None = None


def _related(a: Unit, b: Unit) -> bool:
    """``a`` is ``b``, above it, or within its coverage (merged units included)."""
    return b.path.startswith(a.path) or any(a.path.startswith(p) for p in coverage_prefixes(b))


def responsible_candidates(unit: Unit) -> list[Any]:
    """Who may follow a commitment: the active people who may edit the area's records of the unit."""
    return access.users_who_can(RIGHTS.edit, unit)


def organizations_for(unit: Unit) -> list[Organization]:
    """The bodies a commitment of ``unit`` may be given to: the unit's own, its ancestors', those below it."""
    ancestors = [unit.path[:n] for n in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    from django.db.models import Q

    q = Q(unit__path__in=ancestors)
    for prefix in coverage_prefixes(unit):
        q |= Q(unit__path__startswith=prefix)
    return list(Organization.objects.filter(q).select_related("unit").order_by("unit__path", "name"))


def _clean_commitment(item: CommitmentIn, unit: Unit, made_on: datetime.date, prefix: str,
                      errors: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    local: dict[str, str] = {}
    content = _text(item.content, 5000, "content", "Nội dung cam kết", local)
    text = _text(item.responsible_text, 255, "responsible_text", "Cơ quan chịu trách nhiệm", local)
    person = _text(item.responsible_person, 150, "responsible_person", "Người chịu trách nhiệm", local)
    to_whom = _text(item.to_whom, 255, "to_whom", "Cam kết với", local)
    has_body = bool(item.responsible_organization or text)
    local.update(rules.commitment_errors(content=content, has_responsible_body=has_body, due_on=item.due_on,
                                         made_on=made_on))  # fmt: skip
    org = item.responsible_organization
    if org is not None and not _related(org.unit, unit):
        local["responsible_organization"] = f"“{org.name}” không thuộc đơn vị của cam kết hay cấp trên của đơn vị."
    user = item.responsible_user
    if user is not None and user not in responsible_candidates(unit):
        local["responsible_user"] = "Cán bộ theo dõi phải là người có quyền cập nhật cam kết của đơn vị."
    for name, message in local.items():
        errors[f"{prefix}{name}"] = f"{prefix_label(prefix)}{message}"
    return {
        "content": content, "responsible_text": text if org is None else "", "responsible_person": person,
        "to_whom": to_whom, "responsible_organization": org, "responsible_user": user, "due_on": item.due_on,
    }  # fmt: skip


def prefix_label(prefix: str) -> str:
    """ "commitments-2-" → "Cam kết 2: "."""
    if not prefix:
        return ""
    parts = prefix.strip("-").split("-")
    return f"Cam kết {parts[-1]}: " if parts[0] == "commitments" else ""


def _new_commitment(actor: Actor, unit: Unit, made_on: datetime.date, values: dict[str, Any], *,
                    meeting: Meeting | None = None, campaign: Campaign | None = None,
                    issue: Issue | None = None) -> Commitment:  # fmt: skip
    commitment = Commitment.objects.create(unit=unit, meeting=meeting, campaign=campaign, issue=issue,
                                           made_on=made_on, created_by=access.user_of(actor), **values)  # fmt: skip
    record_event(subject=commitment, unit=unit, actor=actor, action="open", to_state=C.PLANNED, on=made_on,
                 note=f"Cam kết: {commitment.content[:200]} — hạn {format_date(commitment.due_on)}")  # fmt: skip
    return commitment


@transaction.atomic
def record_meeting(
    *,
    actor: Actor,
    meeting: Meeting,
    held_on: datetime.date | None,
    attendance: Mapping[str, int | None],
    issues: Sequence[rules.IssueIn] = (),
    commitments: Sequence[CommitmentIn] = (),
    summary: str = "",
    issues_raised: int | None = None,
    issues_answered: int | None = None,
) -> Meeting:
    """Record a held meeting in one go: attendance by group, the issues raised and the answers given on the
    spot, and the commitments made. Everything is checked first; nothing is written on a bad value.

    ``issues_raised`` / ``issues_answered``: the counts when not every issue is listed (at least the listed
    ones; answered never more than raised)."""
    require_actor(actor)
    access.require(actor, RIGHTS.edit, meeting, "Bạn không có quyền ghi kết quả buổi làm việc này.")
    errors: dict[str, str] = {}
    summary = _text(summary, 20000, "summary", "Tóm tắt kết quả", errors)
    if held_on is None:
        errors["held_on"] = "Cần ghi ngày đã tổ chức."
    elif held_on > _today():
        errors["held_on"] = "Ngày tổ chức không được ở tương lai."
    errors.update(rules.attendance_errors(attendance))
    cleaned_issues = [
        rules.IssueIn(text=nfc(i.text).strip(), field=i.field or rules.Field.OTHER,
                      raised_by_name=nfc(i.raised_by_name).strip()[:150], raised_by_group=i.raised_by_group,
                      petition_ref=nfc(i.petition_ref).strip()[:64], answer=nfc(i.answer).strip())
        for i in issues
    ]  # fmt: skip
    listed_answered = sum(1 for i in cleaned_issues if i.answer)
    raised = len(cleaned_issues) if issues_raised is None else issues_raised
    answered = listed_answered if issues_answered is None else issues_answered
    errors.update(rules.issue_errors(cleaned_issues))
    if raised < len(cleaned_issues):
        errors["issues_raised"] = f"Số ý kiến ({raised}) ít hơn số ý kiến đã ghi ({len(cleaned_issues)})."
    elif answered < 0:
        errors["issues_answered"] = "Số ý kiến đã trả lời tại chỗ không được âm."
    elif answered > raised:
        errors["issues_answered"] = f"Số ý kiến đã trả lời tại chỗ ({answered}) nhiều hơn số ý kiến nêu ra ({raised})."
    elif answered < listed_answered:
        errors["issues_answered"] = (
            f"Đã ghi câu trả lời cho {listed_answered} ý kiến, nhiều hơn số đã khai ({answered})."
        )
    made_on = held_on or _today()
    clean_commitments = []
    for n, item in enumerate(commitments, start=1):
        clean_commitments.append(_clean_commitment(item, meeting.unit, made_on, f"commitments-{n}-", errors))
        if item.issue is not None and not 1 <= item.issue <= len(cleaned_issues):
            errors[f"commitments-{n}-issue"] = f"Cam kết {n}: không có ý kiến số {item.issue}."
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    transition(MEETING, actor=actor, obj=meeting, action="record", on=held_on, summary=summary)
    for group, count in attendance.items():
        if count:
            Attendance.objects.create(meeting=meeting, group=group, count=count)
    saved_issues = [
        Issue.objects.create(meeting=meeting, unit=meeting.unit, raised_on=held_on, text=i.text, field=i.field,
                             raised_by_name=i.raised_by_name, raised_by_group=i.raised_by_group,
                             petition_ref=i.petition_ref, answer=i.answer, answered=bool(i.answer))
        for i in cleaned_issues
    ]  # fmt: skip
    Meeting.objects.filter(pk=meeting.pk).update(
        attendance_total=sum(c or 0 for c in attendance.values()), issues_raised=raised, issues_answered=answered
    )
    for item, values in zip(commitments, clean_commitments, strict=True):
        issue = saved_issues[item.issue - 1] if item.issue else None
        _new_commitment(actor, meeting.unit, held_on, values, meeting=meeting, campaign=meeting.campaign, issue=issue)
    meeting.refresh_from_db()
    return meeting


def act_meeting(*, actor: Actor, meeting: Meeting, action: str, **params: Any) -> Meeting:
    if action == "record":
        raise ValidationError({"action": "Ghi kết quả qua biểu mẫu ghi kết quả (thành phần dự, ý kiến, cam kết)."})
    result: Meeting = transition(MEETING, actor=actor, obj=meeting, action=action, **params)
    return result


# --- commitments --------------------------------------------------------------------------------------


@transaction.atomic
def create_commitment(
    *,
    actor: Actor,
    unit: Unit | None = None,
    meeting: Meeting | None = None,
    campaign: Campaign | None = None,
    made_on: datetime.date | None = None,
    item: CommitmentIn,
) -> Commitment:
    """A commitment outside a meeting's record: of a meeting already held, or of a campaign."""
    require_actor(actor)
    owner = meeting or campaign
    unit = unit or (owner.unit if owner is not None else None)
    if unit is None:
        raise ValidationError({"unit": "Cần chọn đơn vị, buổi làm việc hoặc cuộc vận động của cam kết."})
    access.require(actor, RIGHTS.edit, unit, "Bạn không có quyền ghi cam kết của đơn vị này.")
    errors: dict[str, str] = {}
    if meeting is not None and meeting.status != M.HELD:
        errors["meeting"] = "Chỉ ghi cam kết cho buổi làm việc đã tổ chức."
    made_on = made_on or (meeting.held_on if meeting is not None else None) or _today()
    if made_on > _today():
        errors["made_on"] = "Ngày cam kết không được ở tương lai."
    values = _clean_commitment(item, unit, made_on, "", errors)
    if errors:
        raise ValidationError(errors)
    commitment = _new_commitment(actor, unit, made_on, values, meeting=meeting,
                                 campaign=campaign or (meeting.campaign if meeting else None))  # fmt: skip
    if meeting is not None:
        record_event(subject=meeting, unit=meeting.unit, actor=actor, action="commitment",
                     note=commitment.content[:200])  # fmt: skip
    return commitment


def _start(step: Step) -> None:
    commitment: Commitment = step.obj
    commitment.started_on = _step_day(step)
    if commitment.started_on < commitment.made_on:
        raise ValidationError({"on": "Ngày bắt đầu không được trước ngày cam kết."})


def _pending_evidence(commitment: Commitment) -> Any:
    return Evidence.objects.filter(commitment=commitment, update__isnull=True)


def _update(step: Step, kind: str) -> CommitmentUpdate:
    commitment: Commitment = step.obj
    day = _step_day(step)
    update = CommitmentUpdate.objects.create(commitment=commitment, kind=kind, on=day, note=step.params["note"],
                                             reference=step.params.get("reference", ""), by=step.user)  # fmt: skip
    _pending_evidence(commitment).update(update=update)
    return update


def _progress(step: Step) -> None:
    _update(step, CommitmentUpdate.Kind.PROGRESS)


def _complete(step: Step) -> None:
    commitment: Commitment = step.obj
    note, reference = step.params.get("note", ""), step.params.get("reference", "")
    errors = rules.evidence_errors(note=note, files=_pending_evidence(commitment).count(), reference=reference)
    day = step.params.get("on") or _today()
    errors.update(rules.done_on_errors(day, made_on=commitment.made_on, today=_today()))
    if errors:
        raise ValidationError(errors)
    _update(step, CommitmentUpdate.Kind.COMPLETION)
    commitment.done_on = day
    commitment.timeliness = rules.timeliness(day, commitment.due_on)
    commitment.result = note
    step.note = f"{note} ({rules.Timeliness(commitment.timeliness).label.lower()})"


def _cancel_commitment(step: Step) -> None:
    commitment: Commitment = step.obj
    commitment.cancelled_on = _step_day(step)
    commitment.cancel_reason = step.params["reason"]
    step.note = commitment.cancel_reason


def _publish(step: Step) -> None:
    commitment: Commitment = step.obj
    commitment.published, commitment.published_on = True, _today()


def _unpublish(step: Step) -> None:
    step.obj.published = False


def _assignees(commitment: Commitment, right: str) -> list[Any]:
    if right == RIGHTS.edit and commitment.responsible_user is not None:
        return [commitment.responsible_user]
    return []


COMMITMENT = Machine(
    name="commitment",
    model=Commitment,
    noun="cam kết",
    states=dict(rules.CommitmentStatus.choices),
    actions=_actions(
        rules.COMMITMENT_TABLE,
        {
            "start": _start,
            "progress": _progress,
            "complete": _complete,
            "cancel": _cancel_commitment,
            "publish": _publish,
            "unpublish": _unpublish,
        },
        {
            "start": (_ON, NOTE),
            "progress": (_REQUIRED_NOTE, _REFERENCE, _ON),
            "complete": (
                Param("note", "Kết quả đã thực hiện", ParamKind.LONGTEXT, required=True),
                _REFERENCE,
                wf.on("Ngày thực hiện xong"),
            ),
            "cancel": (_REASON, _ON),
            "publish": (),
            "unpublish": (NOTE,),
        },
        danger={"cancel": True},
        guard={
            "publish": lambda c: "Cam kết đã được công khai." if c.published else None,
            "unpublish": lambda c: None if c.published else "Cam kết chưa được công khai.",
        },
    ),
    other_steps={"open": "Ghi cam kết", "evidence": "Đính kèm minh chứng"},
    after_step=_renew_public_cache,
    describe=lambda c: f"Cam kết “{c.content[:60]}” ({c.unit.name})",
    assignees=_assignees,
    expected={C.PLANNED: "start", C.IN_PROGRESS: "complete"},
)


def _store(actor: Actor, commitment: Commitment, files: Sequence[Any]) -> list[Evidence]:
    stored = []
    for upload in files:
        stored.append(Evidence.objects.create(commitment=commitment, title=(upload.name or "tệp")[:255], file=upload,
                                              size=upload.size, content_type=sniff(upload).content_type,
                                              uploaded_by=access.user_of(actor)))  # fmt: skip
    return stored


def _check_files(files: Sequence[Any]) -> None:
    for upload in files:
        judged = sniff(upload)
        if judged.errors:
            raise ValidationError({"evidence": f"{upload.name}: {' '.join(judged.errors)}"})


def attach_evidence(*, actor: Actor, commitment: Commitment, files: Sequence[Any]) -> list[Evidence]:
    """Files kept with the commitment, waiting for the next progress or completion report to carry them."""
    require_actor(actor)
    access.require(actor, RIGHTS.edit, commitment, "Bạn không có quyền đính kèm minh chứng cho cam kết này.")
    if not commitment.is_open:
        raise ValidationError({"evidence": "Cam kết đã kết thúc: không đính kèm thêm minh chứng."})
    if not files:
        raise ValidationError({"evidence": "Chọn ít nhất một tệp."})
    _check_files(files)
    with transaction.atomic():
        stored = _store(actor, commitment, files)
        record_event(subject=commitment, unit=commitment.unit, actor=actor, action="evidence",
                     note=", ".join(e.title for e in stored))  # fmt: skip
    return stored


def report(*, actor: Actor, commitment: Commitment, action: str, note: str, reference: str = "",
           on: datetime.date | None = None, files: Sequence[Any] = ()) -> Commitment:  # fmt: skip
    """A progress report or the completion, with its files, in one step: the files are checked first and
    kept only if the step is taken (a completion without evidence writes nothing)."""
    if action not in ("progress", "complete"):
        raise ValidationError({"action": f"Thao tác “{action}” không nhận tệp minh chứng."})
    require_actor(actor)
    access.require(actor, RIGHTS.edit, commitment, "Bạn không có quyền báo cáo thực hiện cam kết này.")
    _check_files(files)
    stored: list[Evidence] = []
    try:
        with transaction.atomic():
            stored = _store(actor, commitment, files)
            params: dict[str, Any] = {"note": note, "reference": reference}
            if on is not None:
                params["on"] = on
            transition(COMMITMENT, actor=actor, obj=commitment, action=action, **params)
    except Exception:
        for evidence in stored:  # the rows were rolled back; the files on disk go with them
            evidence.file.delete(save=False)
        raise
    return commitment


def act_commitment(*, actor: Actor, commitment: Commitment, action: str, **params: Any) -> Commitment:
    result: Commitment = transition(COMMITMENT, actor=actor, obj=commitment, action=action, **params)
    return result


def set_published(*, actor: Actor, commitment: Commitment, published: bool) -> Commitment:
    """Publish a commitment on the public page, or take it back: the leader's choice (the area's decision
    right), through the engine so that the timeline says who and when."""
    if commitment.published == published:
        return commitment
    return act_commitment(actor=actor, commitment=commitment, action="publish" if published else "unpublish")


# --- campaigns ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupIn:
    name: str
    leader: str = ""
    members: str = ""
    tasks: str = ""
    households: int | None = None


def _clean_group(item: GroupIn, prefix: str, errors: dict[str, str]) -> dict[str, Any]:
    local: dict[str, str] = {}
    values = {
        "name": _text(item.name, 150, "name", "Tên tổ", local),
        "leader": _text(item.leader, 150, "leader", "Tổ trưởng", local),
        "members": _text(item.members, 5000, "members", "Thành viên", local),
        "tasks": _text(item.tasks, 5000, "tasks", "Nhiệm vụ", local),
        "households": item.households,
    }
    if not values["name"]:
        local["name"] = "Cần ghi tên tổ công tác."
    if item.households is not None and item.households < 0:
        local["households"] = "Số hộ phụ trách không được âm."
    for name, message in local.items():
        errors[f"{prefix}{name}"] = message
    return values


@transaction.atomic
def create_campaign(
    *,
    actor: Actor,
    unit: Unit,
    name: str,
    goal: str,
    households_target: int | None = None,
    planned_start: datetime.date | None = None,
    groups: Sequence[GroupIn] = (),
) -> Campaign:
    require_actor(actor)
    access.require(actor, RIGHTS.edit, unit, "Bạn không có quyền lập cuộc vận động của đơn vị này.")
    errors: dict[str, str] = {}
    name = _text(name, 255, "name", "Tên cuộc vận động", errors)
    goal = _text(goal, 20000, "goal", "Mục tiêu", errors)
    if not name:
        errors["name"] = "Cần ghi tên cuộc vận động."
    if not goal:
        errors["goal"] = "Cần ghi mục tiêu cuộc vận động."
    if households_target is not None and households_target < 0:
        errors["households_target"] = "Số hộ cần vận động không được âm."
    clean_groups = [_clean_group(g, f"groups-{n}-", errors) for n, g in enumerate(groups, start=1)]
    if errors:
        raise ValidationError(errors)
    campaign = Campaign.objects.create(unit=unit, name=name, goal=goal, households_target=households_target,
                                       planned_start=planned_start, created_by=access.user_of(actor))  # fmt: skip
    for values in clean_groups:
        WorkingGroup.objects.create(campaign=campaign, **values)
    record_event(subject=campaign, unit=unit, actor=actor, action="open", to_state=K.PLANNED,
                 note=f"{name}; {len(clean_groups)} tổ công tác")  # fmt: skip
    return campaign


@transaction.atomic
def add_working_group(*, actor: Actor, campaign: Campaign, item: GroupIn) -> WorkingGroup:
    require_actor(actor)
    access.require(actor, RIGHTS.edit, campaign, "Bạn không có quyền sửa cuộc vận động này.")
    if campaign.status in (K.FINISHED, K.STOPPED):
        raise ValidationError({"name": "Cuộc vận động đã kết thúc: không thêm tổ công tác."})
    errors: dict[str, str] = {}
    values = _clean_group(item, "", errors)
    if errors:
        raise ValidationError(errors)
    group = WorkingGroup.objects.create(campaign=campaign, **values)
    record_event(subject=campaign, unit=campaign.unit, actor=actor, action="group", note=f"Thêm {group.name}")
    return group


def _campaign_start(step: Step) -> None:
    step.obj.started_on = _step_day(step)


def _campaign_progress(step: Step) -> None:
    campaign: Campaign = step.obj
    reached, agreeing = step.params["reached"], step.params["agreeing"]
    errors = rules.progress_errors(reached=reached, agreeing=agreeing, target=campaign.households_target)
    if errors:
        raise ValidationError(errors)
    day = _step_day(step)
    if campaign.started_on and day < campaign.started_on:
        raise ValidationError({"on": "Ngày cập nhật không được trước ngày bắt đầu vận động."})
    CampaignProgress.objects.create(campaign=campaign, on=day, reached=reached, agreeing=agreeing,
                                    note=step.params.get("note", ""), by=step.user)  # fmt: skip
    latest = campaign.progress.order_by("-on", "-pk").first()
    assert latest is not None
    campaign.households_reached, campaign.households_agreeing = latest.reached, latest.agreeing
    step.note = f"Đã tiếp cận {reached} hộ, {agreeing} hộ đồng thuận" + (f". {step.note}" if step.note else "")


def _campaign_finish(step: Step) -> None:
    campaign: Campaign = step.obj
    campaign.ended_on = _step_day(step)
    campaign.result = step.params["result"]
    step.note = campaign.result


def _campaign_stop(step: Step) -> None:
    campaign: Campaign = step.obj
    campaign.ended_on = _step_day(step)
    campaign.stop_reason = step.params["reason"]
    step.note = campaign.stop_reason


CAMPAIGN = Machine(
    name="campaign",
    model=Campaign,
    noun="cuộc vận động",
    states=dict(rules.CampaignStatus.choices),
    actions=_actions(
        rules.CAMPAIGN_TABLE,
        {"start": _campaign_start, "progress": _campaign_progress, "finish": _campaign_finish, "stop": _campaign_stop},
        {
            "start": (_ON, NOTE),
            "progress": (
                Param("reached", "Số hộ đã tiếp cận", ParamKind.INT, required=True, min_value=0),
                Param("agreeing", "Số hộ đồng thuận", ParamKind.INT, required=True, min_value=0),
                _ON,
                NOTE,
            ),
            "finish": (Param("result", "Kết quả", ParamKind.LONGTEXT, required=True), _ON),
            "stop": (_REASON, _ON),
        },
        danger={"stop": True},
    ),
    other_steps={"open": "Lập cuộc vận động", "group": "Thêm tổ công tác"},
    describe=lambda c: f"Cuộc vận động “{c.name}” ({c.unit.name})",
    expected={K.PLANNED: "start", K.RUNNING: "progress"},
)


def act_campaign(*, actor: Actor, campaign: Campaign, action: str, **params: Any) -> Campaign:
    result: Campaign = transition(CAMPAIGN, actor=actor, obj=campaign, action=action, **params)
    return result
