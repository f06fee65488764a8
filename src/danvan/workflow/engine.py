"""The one path a record takes from state to state.

:func:`transition` locks the record's row, checks the table (state and kind), the actor's right
through the access policy, the parameters (candidates included), calls the action's service, saves,
appends the timeline event with the step's business date, runs the machine's ``after_step`` in the
same transaction and schedules the service's side effects with ``transaction.on_commit``. Every
interface — page, API, bulk action, import, demo, task — comes here; none decides a rule itself.

Errors are Django's: ``ValidationError`` in Vietnamese, naming the parameter (or ``status`` for a
state the table does not allow), and ``PermissionDenied`` for a missing right. A denied step writes
nothing, not even an event.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from danvan.accounts import access, roles
from danvan.accounts.access import SystemActor
from danvan.core.actors import require_actor
from danvan.core.services import record_event
from danvan.core.text import nfc
from danvan.units.models import Unit
from danvan.workflow.machine import Action, Machine, Param, ParamKind

#: Who takes a step: a signed-in user, or an explicit system actor (an import, the demo, a task).
Actor = Any


@dataclass
class Step:
    """What a service gets: the record (locked), who acts, the cleaned parameters."""

    machine: Machine
    action: Action
    actor: Actor
    obj: Any
    params: dict[str, Any]
    before: str
    #: The note of the timeline event; the service may set it (e.g. "Quyết định 12/QĐ: …").
    note: str = ""
    #: The business date of the step (the decision's date); the service may set it.
    on: datetime.date | None = None
    _after_commit: list[Callable[[], object]] = field(default_factory=list)

    def after_commit(self, func: Callable[[], object]) -> None:
        """Run ``func`` once the transaction has committed (mail, notifications, tasks)."""
        self._after_commit.append(func)

    @property
    def user(self) -> Any:
        """The acting user, or ``None`` for a system actor (what the event and ``created_by`` record)."""
        return None if isinstance(self.actor, SystemActor) else self.actor


def action_of(machine: Machine, name: str) -> Action:
    try:
        return machine.actions[name]
    except KeyError:
        raise ValidationError({"action": f"Thao tác “{name}” không tồn tại."}) from None


def state_refusal(machine: Machine, action: Action, obj: Any) -> str | None:
    """Why the table does not allow ``action`` on ``obj`` now, or ``None``."""
    state = machine.state_of(obj)
    if state not in action.sources:
        allowed = ", ".join(f"“{machine.state_label(s)}”" for s in machine.states if s in action.sources)
        return (
            f"Không thể “{action.label}” khi {machine.noun} đang ở trạng thái “{machine.state_label(state)}”; "
            f"chỉ thực hiện được từ {allowed}."
        )
    if action.kinds is not None and machine.kind_of is not None:
        kind = machine.kind_of(obj)
        if kind not in action.kinds:
            label = machine.kind_labels.get(kind, kind)
            return f"“{action.label}” không áp dụng cho {machine.noun} loại {label.lower()}."
    if action.guard is not None:
        return action.guard(obj)
    return None


def may(machine: Machine, actor: Actor, action: Action, obj: Any) -> bool:
    """Does ``actor`` hold the action's right over ``obj`` (unit scope included)?"""
    if isinstance(actor, SystemActor):
        return True
    return bool(actor is not None and access.can(actor, action.right, obj))


def allowed_actions(machine: Machine, user: Any, obj: Any, *, page_only: bool = False) -> list[Action]:
    """The actions ``user`` may take on ``obj`` now: the table, the kind, the guard and the right."""
    return [
        a
        for a in machine.actions.values()
        if (a.on_page or not page_only) and state_refusal(machine, a, obj) is None and may(machine, user, a, obj)
    ]


@dataclass(frozen=True)
class Button:
    """One action as the record's page shows it: the expected step is the primary button, a refusal
    a danger button, the others outlined."""

    action: Action
    style: str

    @property
    def name(self) -> str:
        return self.action.name

    @property
    def label(self) -> str:
        return self.action.label


def buttons(machine: Machine, user: Any, obj: Any) -> list[Button]:
    """The page's buttons for ``user`` on ``obj``: exactly the allowed actions, the expected one first."""
    allowed = allowed_actions(machine, user, obj, page_only=True)
    expected = next((a.name for a in allowed if a.name in machine.expected_names(machine.state_of(obj))), None)

    def style(action: Action) -> str:
        if action.danger:
            return "btn-outline-danger"
        if action.name == expected:
            return "btn-primary"
        return "btn-outline-primary" if action.target is not None else "btn-outline-secondary"

    ordered = sorted(allowed, key=lambda a: (a.name != expected, a.danger, a.target is None))
    return [Button(a, style(a)) for a in ordered]


def expected_action(machine: Machine, obj: Any) -> Action | None:
    """The step expected next on ``obj``: the first of its state's expected actions that applies to it."""
    for name in machine.expected_names(machine.state_of(obj)):
        action = machine.actions[name]
        if state_refusal(machine, action, obj) is None:
            return action
    return None


def next_step(machine: Machine, obj: Any) -> str:
    """The record's next step in words: "Thụ lý — chờ Trần Thị B" (empty when nothing waits)."""
    who = waiting_for(machine, obj)
    expected = expected_action(machine, obj)
    if expected is None and not who:
        return ""
    what = expected.label if expected is not None else "Bước tiếp theo"
    return f"{what} — chờ {'; '.join(who)}" if who else what


def waiting_for(machine: Machine, obj: Any) -> list[str]:
    """Who the record waits for: the people assigned to the next steps, else the roles that may take them."""
    rights = {a.right for a in machine.actions.values() if a.on_page and state_refusal(machine, a, obj) is None}
    if not rights:
        return []
    names: list[str] = []
    if machine.assignees is not None:
        for right in sorted(rights):
            for person in machine.assignees(obj, right):
                label = person.get_full_name() or person.username
                if label not in names:
                    names.append(label)
    if names:
        return names
    role_labels = [
        str(role.label)
        for role in roles.Role
        if role not in roles.GLOBAL_ROLES
        and role != roles.Role.UNIT_ADMIN
        and any(roles.grants(role, right) for right in rights)
    ]
    unit = access.unit_of(obj)
    where = f" {unit.name}" if unit is not None else ""
    return [f"{label}{where}" for label in role_labels]


# --- parameters ------------------------------------------------------------------------------------


def _clean_value(param: Param, value: Any, actor: Actor, obj: Any) -> Any:
    """One parameter's value, in the type its kind says, or ValidationError naming it."""
    kind = param.kind
    if kind in (ParamKind.TEXT, ParamKind.LONGTEXT):
        text = nfc(str(value or ""))
        if "\x00" in text:
            raise ValidationError({param.name: f"{param.label}: có ký tự không hợp lệ."})
        if len(text) > param.max_length:
            raise ValidationError({param.name: f"{param.label}: tối đa {param.max_length} ký tự."})
        return text
    if kind == ParamKind.DATE:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError({param.name: f"{param.label}: ngày không hợp lệ."}) from None
    if kind == ParamKind.INT:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError({param.name: f"{param.label}: phải là số nguyên."}) from None
        if param.min_value is not None and number < param.min_value:
            raise ValidationError({param.name: f"{param.label}: không được nhỏ hơn {param.min_value}."})
        if param.max_value is not None and number > param.max_value:
            raise ValidationError({param.name: f"{param.label}: không được lớn hơn {param.max_value}."})
        if param.choices and number not in {int(v) for v, _ in param.choices_for(obj)}:
            raise ValidationError({param.name: f"{param.label}: giá trị “{number}” không được chấp nhận."})
        return number
    if kind == ParamKind.DECIMAL:
        try:
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise ValidationError({param.name: f"{param.label}: phải là số."}) from None
        if not amount.is_finite():
            raise ValidationError({param.name: f"{param.label}: phải là số."})
        whole = param.max_digits - param.decimal_places
        if amount.copy_abs() >= Decimal(10) ** whole or amount != amount.quantize(
            Decimal(1).scaleb(-param.decimal_places)
        ):
            raise ValidationError(
                {param.name: f"{param.label}: tối đa {whole} chữ số và {param.decimal_places} chữ số thập phân."}
            )
        if amount < 0:
            raise ValidationError({param.name: f"{param.label}: không được âm."})
        return amount
    if kind == ParamKind.BOOL:
        return bool(value)
    if kind == ParamKind.CHOICE:
        allowed = dict(param.choices_for(obj))
        if str(value) not in allowed:
            raise ValidationError({param.name: f"{param.label}: giá trị “{value}” không được chấp nhận."})
        return str(value)
    if kind in (ParamKind.USER, ParamKind.USERS, ParamKind.UNITS):
        return _clean_choice_of_records(param, value, actor, obj)
    raise ValidationError({param.name: f"{param.label}: loại tham số không được hỗ trợ."})


def _clean_choice_of_records(param: Param, value: Any, actor: Actor, obj: Any) -> Any:
    """Users or units chosen among the candidates; anything else is refused, whatever sent it."""
    candidates = param.candidates(actor, obj) if param.candidates is not None else []
    many = param.kind != ParamKind.USER
    given = list(value) if many and isinstance(value, list | tuple | set | frozenset) else [value]
    chosen: list[Any] = []
    for item in given:
        found = next((c for c in candidates if _matches(item, c)), None)
        if found is None:
            shown = getattr(item, "username", None) or getattr(item, "name", None) or item
            raise ValidationError(
                {param.name: f"{param.label}: “{shown}” không thuộc phạm vi của {_noun(obj)} này, không được chọn."}
            )
        if found not in chosen:
            chosen.append(found)
    return chosen if many else chosen[0]


def _matches(item: Any, candidate: Any) -> bool:
    """A candidate named by the object itself, its id (the page's choice), or its username or code (the API)."""
    if isinstance(item, models.Model):
        return bool(item.pk == candidate.pk)
    if isinstance(item, int) and not isinstance(item, bool):
        return bool(item == candidate.pk)
    if isinstance(item, str):  # the API names people by username and units by code
        return item in (getattr(candidate, "username", None), getattr(candidate, "code", None))
    return False


def _noun(obj: Any) -> str:
    return str(getattr(obj._meta, "verbose_name", "hồ sơ"))


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | set) and not value)


#: What an empty optional parameter becomes, by kind (people and units: nobody; a date: none).
_EMPTY_VALUES: dict[ParamKind, Callable[[], Any]] = {
    ParamKind.USERS: list,
    ParamKind.UNITS: list,
    ParamKind.DATE: lambda: None,
    ParamKind.USER: lambda: None,
    ParamKind.INT: int,
    ParamKind.DECIMAL: Decimal,
    ParamKind.BOOL: bool,
}


def clean_params(action: Action, raw: dict[str, Any], actor: Actor, obj: Any) -> dict[str, Any]:
    """Every parameter of ``action``: defaults, required ones, types and candidates. Unknown names refused."""
    raw = dict(raw)
    for param in action.params:
        for alias in param.aliases:
            if alias in raw:
                value = raw.pop(alias)
                if _empty(raw.get(param.name)):
                    raw[param.name] = value
    unknown = set(raw) - {p.name for p in action.params}
    if unknown:
        raise ValidationError({name: f"“{action.label}” không nhận tham số “{name}”." for name in sorted(unknown)})
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for param in action.params:
        value = raw.get(param.name)
        if _empty(value):
            value = param.default_value()
        if _empty(value):
            if param.required:
                errors.setdefault(param.name, []).append(f"Cần ghi “{param.label}”.")
                continue
            clean[param.name] = _EMPTY_VALUES.get(param.kind, str)()
            continue
        try:
            clean[param.name] = _clean_value(param, value, actor, obj)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return clean


# --- the transition ---------------------------------------------------------------------------------


def transition(machine: Machine, *, actor: Actor, obj: Any, action: str, **raw: Any) -> Any:
    """Take ``action`` on ``obj`` as ``actor``: lock, check, service, save, event, side effects after commit.

    ``obj`` is updated in place and returned. Two concurrent steps on one record: the second waits
    for the first's lock, then finds the new state and is refused by the table.
    """
    require_actor(actor)
    step_action = action_of(machine, action)
    with transaction.atomic():
        _lock(machine, obj)
        if not may(machine, actor, step_action, obj):
            raise PermissionDenied(f"Bạn không có quyền “{step_action.label}” với {machine.noun} của đơn vị này.")
        if refusal := state_refusal(machine, step_action, obj):
            raise ValidationError({"status": refusal})
        params = clean_params(step_action, raw, actor, obj)
        before = machine.state_of(obj)
        step = Step(machine, step_action, actor, obj, params, before, note=str(params.get("note") or ""))
        if step_action.date_param:
            step.on = params.get(step_action.date_param)
        step_action.service(step)
        if step_action.target is not None:
            setattr(obj, machine.state_field, step_action.target)
        obj.save()
        record_event(
            subject=obj,
            unit=_unit(obj),
            actor=step.user,
            action=step_action.name,
            from_state=before,
            to_state=machine.state_of(obj) if step_action.target is not None else "",
            note=step.note,
            on=step.on,
            system=actor.reason if isinstance(actor, SystemActor) else "",
        )
        if machine.after_step is not None:
            machine.after_step(obj)
        for func in step._after_commit:
            transaction.on_commit(func)
    return obj


def _lock(machine: Machine, obj: Any) -> None:
    """Lock the row (PostgreSQL: ``SELECT … FOR UPDATE``) and read it again as committed now, so that the
    step starts from the current state and saving it keeps what other requests wrote meanwhile."""
    manager = type(obj)._default_manager
    if not manager.select_for_update().filter(pk=obj.pk).exists():
        raise ValidationError({"status": f"Không tìm thấy {machine.noun}."})
    obj.refresh_from_db()


def _unit(obj: Any) -> Unit:
    unit = access.unit_of(obj)
    assert unit is not None, "every workflow record belongs to a unit"
    return unit
