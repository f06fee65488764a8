"""A workflow as data: states, actions, parameters. No database access, no interface code.

Each action says which right it needs (a permission code of :mod:`danvan.accounts.roles`), which
states it leaves and which it enters (``target=None``: a step that records something without
moving, such as an extension), the kinds of record it applies to, the parameters it takes (from
which the page's form and the API's schema are built), the service that does the work, and the
legal basis it rests on. The engine (:mod:`danvan.workflow.engine`) reads nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from danvan.workflow.engine import Step


class ParamKind(StrEnum):
    TEXT = "text"  # one line
    LONGTEXT = "longtext"  # a note, a reason
    DATE = "date"
    INT = "int"
    DECIMAL = "decimal"
    CHOICE = "choice"
    USER = "user"  # one person, chosen among the candidates (API: a username)
    USERS = "users"  # several people (API: usernames)
    UNITS = "units"  # several units, chosen among the candidates (API: ids)
    BOOL = "bool"


class Today:
    """A parameter's default: the day of the request, the same for the page, the API and bulk actions."""

    def __repr__(self) -> str:
        return "TODAY"


TODAY = Today()


@dataclass(frozen=True)
class Param:
    """One thing an action needs from the person taking it."""

    name: str
    label: str
    kind: ParamKind = ParamKind.TEXT
    required: bool = False
    #: A value, :data:`TODAY`, or nothing (``None``: empty).
    default: Any = None
    help: str = ""
    #: For CHOICE: (value, label) pairs, or a function of the record giving them.
    choices: tuple[tuple[str, str], ...] | Callable[[Any], list[tuple[str, str]]] = ()
    #: For USER, USERS and UNITS: who or what may be chosen, a function of (actor, record). The engine
    #: refuses anything else, whatever the interface sent: the rule lives here, not in a form.
    candidates: Callable[[Any, Any], list[Any]] | None = None
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 2000
    #: For DECIMAL: the digits the record's field holds (the model's ``max_digits``, ``decimal_places``).
    max_digits: int = 16
    decimal_places: int = 2
    #: Other names the same value may be sent under (an API's older spelling: ``on`` for ``start``).
    aliases: tuple[str, ...] = ()

    def default_value(self) -> Any:
        if isinstance(self.default, Today):
            from django.utils import timezone

            return timezone.localdate()
        return self.default

    def choices_for(self, obj: Any) -> list[tuple[str, str]]:
        if callable(self.choices):
            return list(self.choices(obj))
        return list(self.choices)


NOTE = Param("note", "Ghi chú", ParamKind.LONGTEXT)


def on(label: str = "Ngày thực hiện", *, name: str = "on") -> Param:
    """The business date of a step: today unless the person says otherwise."""
    return Param(name, label, ParamKind.DATE, required=True, default=TODAY)


def reason(label: str = "Lý do") -> Param:
    return Param("reason", label, ParamKind.LONGTEXT, required=True)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[str]
    target: str | None
    right: str
    service: Callable[[Step], None]
    params: tuple[Param, ...] = (NOTE,)
    #: The kinds of record the action applies to (``None``: every kind).
    kinds: frozenset[str] | None = None
    basis: str = ""
    #: The parameter that carries the step's business date (the decision's date), if any.
    date_param: str | None = None
    #: May be applied to many records at once with the same parameters.
    bulk: bool = False
    #: Further availability, a function of the record: a Vietnamese refusal or ``None``.
    guard: Callable[[Any], str | None] | None = None
    #: Whether the action is offered on the record's page (False: done elsewhere, e.g. a dedicated form).
    on_page: bool = True
    #: A refusal or an end without result (reject, terminate, not recognise): shown as a danger button.
    danger: bool = False

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass(frozen=True)
class Machine:
    """A record's life-cycle: its states and the actions between them."""

    name: str  # e.g. "case"; the timeline and the API use it
    model: type[models.Model]
    #: What the record is called in messages ("vụ việc", "mô hình").
    noun: str
    states: Mapping[str, str]  # value → Vietnamese label
    actions: Mapping[str, Action]
    state_field: str = "status"
    #: The record's kind, for actions limited to some kinds (e.g. the kind of letter).
    kind_of: Callable[[Any], str] | None = None
    kind_labels: Mapping[str, str] = field(default_factory=dict)
    #: Labels of the timeline steps that are not transitions ("open", "attach", …).
    other_steps: Mapping[str, str] = field(default_factory=dict)
    #: Run inside the transaction after every step is saved (e.g. recompute the stored due dates).
    after_step: Callable[[Any], None] | None = None
    #: How one record is named in a bulk refusal ("“Tên” (Đơn vị)").
    describe: Callable[[Any], str] = str
    #: The people a step waits for, given the record and the right (e.g. the case's leader).
    assignees: Callable[[Any, str], list[Any]] | None = None
    #: The step expected next in each state (the page's primary button, the inbox's "start" button):
    #: one action, or several in order where the kind decides (the first that applies is expected).
    expected: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for state in self.expected:
            for action in self.expected_names(state):
                if state not in self.states or action not in self.actions:
                    raise ValueError(f"{self.name}: bước “{action}” ở trạng thái “{state}” không có trong bảng.")
                if state not in self.actions[action].sources:
                    raise ValueError(f"{self.name}: “{action}” không đi từ trạng thái “{state}”.")

    def expected_names(self, state: str) -> tuple[str, ...]:
        names = self.expected.get(state, ())
        return (names,) if isinstance(names, str) else tuple(names)

    def state_of(self, obj: Any) -> str:
        return str(getattr(obj, self.state_field))

    def state_label(self, state: str) -> str:
        return self.states.get(state, state)

    def step_label(self, name: str) -> str:
        if name in self.actions:
            return self.actions[name].label
        return self.other_steps.get(name, name)
