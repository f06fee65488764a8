"""Bulk actions: the same step on many records, all or nothing, with the reason of every refused row.

A bulk action is a machine's action marked ``bulk`` (:func:`machine_actions`), or a step of an area
that is not a transition (publishing a model), declared the same way: its label, its parameters, why
a record cannot take it now (:attr:`BulkAction.refusal`: the table, the kind, the guard, the right) and
the service that does it. The list pages ask :func:`options` which actions apply to which rows, so that
they offer only what at least one row can take and say for how many; :func:`run` does it.

All or nothing is the contract: when one row is refused, nothing is written. The refusal
(:class:`BulkRefused`) then names every refused row and why, so that the page shows each reason
beside its row, not only the first one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from danvan.core.text import format_number
from danvan.workflow.engine import Actor, may, state_refusal, transition
from danvan.workflow.machine import Machine, Param


@dataclass(frozen=True)
class BulkAction:
    name: str
    label: str
    #: What the person gives once for every row (one decision for all: its number, date, issuer).
    params: tuple[Param, ...]
    #: Why ``obj`` cannot take the action now, in Vietnamese, or ``None``; no database write.
    refusal: Callable[[Actor, Any], str | None]
    #: The service for one record: ``apply(actor, obj, **params)``.
    apply: Callable[..., Any]
    danger: bool = False


def machine_action(machine: Machine, name: str) -> BulkAction:
    step = machine.actions[name]

    def refusal(actor: Actor, obj: Any) -> str | None:
        why = state_refusal(machine, step, obj)
        if why is None and not may(machine, actor, step, obj):
            why = f"Bạn không có quyền “{step.label}” với {machine.noun} này."
        return why

    def apply(actor: Actor, obj: Any, **params: Any) -> Any:
        return transition(machine, actor=actor, obj=obj, action=name, **params)

    return BulkAction(name=name, label=step.label, params=step.params, refusal=refusal, apply=apply, danger=step.danger)


def machine_actions(machine: Machine) -> list[BulkAction]:
    """The machine's actions that may be applied to many records at once, in the table's order."""
    return [machine_action(machine, a.name) for a in machine.actions.values() if a.bulk]


@dataclass(frozen=True)
class Option:
    """One bulk action as a list page offers it: the rows it applies to, and why not the others."""

    action: BulkAction
    applies_to: frozenset[Any]  # primary keys
    refusals: Mapping[Any, str]  # primary key -> reason
    total: int

    @property
    def count(self) -> int:
        return len(self.applies_to)

    @property
    def available(self) -> bool:
        return self.count > 0

    @property
    def reason(self) -> str:
        """Why no row can take it (when none can): the reason the rows share, or the first one."""
        reasons = list(dict.fromkeys(self.refusals.values()))
        return reasons[0] if reasons else ""


def options(actions: Sequence[BulkAction], actor: Actor, objs: Sequence[Any]) -> list[Option]:
    """For each action, the rows of ``objs`` that may take it now and the reason of each other row."""
    result = []
    for action in actions:
        refusals = {obj.pk: why for obj in objs if (why := action.refusal(actor, obj)) is not None}
        applies = frozenset(obj.pk for obj in objs if obj.pk not in refusals)
        result.append(Option(action=action, applies_to=applies, refusals=refusals, total=len(objs)))
    return result


class BulkRefused(Exception):
    """Some records of a bulk action were refused; nothing was changed. ``refusals`` maps each refused
    record's primary key to its reason; the message names them."""

    def __init__(self, message: str, refusals: Mapping[Any, str] | None = None) -> None:
        super().__init__(message)
        self.refusals: dict[Any, str] = dict(refusals or {})


class _Undo(Exception):
    """Leaves the bulk action's transaction, which rolls back what the rows before the refused one did."""


def _messages(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def run(
    action: BulkAction,
    *,
    actor: Actor,
    objs: Sequence[Any],
    noun: str,
    describe: Callable[[Any], str] = str,
    **params: Any,
) -> int:
    """Apply ``action`` to every record of ``objs`` with the same parameters, all or nothing.

    Every row is tried (each in its own savepoint, so that a refused one does not stop the others being
    asked), then everything is rolled back if any was refused: :class:`BulkRefused` names them all."""
    if not objs:
        raise ValidationError({"ids": f"Chọn ít nhất một {noun}."})
    refusals = {obj.pk: why for obj in objs if (why := action.refusal(actor, obj)) is not None}
    if not refusals:
        try:
            with transaction.atomic():
                for obj in objs:
                    try:
                        with transaction.atomic():
                            action.apply(actor, obj, **params)
                    except (ValidationError, PermissionDenied) as exc:
                        refusals[obj.pk] = _messages(exc)
                if refusals:
                    raise _Undo
        except _Undo:
            pass
    if not refusals:
        return len(objs)
    reasons = set(refusals.values())
    if len(refusals) == len(objs) and len(reasons) == 1:
        # the same reason for every row (a parameter, a right): said once
        message = f"Không thực hiện thao tác nào. “{action.label}”: {reasons.pop()}"
    else:
        named = "; ".join(f"{describe(obj)}: {refusals[obj.pk]}" for obj in objs if obj.pk in refusals)
        message = (
            f"Không thực hiện thao tác nào: “{action.label}” không làm được với {format_number(len(refusals))} "
            f"trong {format_number(len(objs))} {noun} đã chọn. {named}"
        )
    raise BulkRefused(message, refusals)


def bulk_transition(machine: Machine, *, actor: Actor, objs: Sequence[Any], action: str, **raw: Any) -> int:
    """The same step of ``machine`` on many records, all or nothing (:func:`run`)."""
    step = machine.actions.get(action)
    if step is None:
        raise ValidationError({"action": f"Thao tác “{action}” không tồn tại."})
    if not step.bulk:
        raise ValidationError({"action": f"“{step.label}” không thực hiện hàng loạt được."})
    return run(
        machine_action(machine, action), actor=actor, objs=objs, noun=machine.noun, describe=machine.describe, **raw
    )
