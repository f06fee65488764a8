"""The API of a machine: one documented ``POST …/{id}/transitions/{action}`` per action.

Each action gets its own body schema, built from its parameters, so that OpenAPI shows what each step
takes (not one free-form body); every route calls the same engine as the page and bulk actions.
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Body, Router, Schema
from ninja.schema import DjangoGetter
from pydantic import ConfigDict, Field, create_model, model_validator

from danvan.core.api import ErrorOut, Id, responses
from danvan.workflow.engine import transition
from danvan.workflow.machine import Action, Machine, Param, ParamKind, Today

_BODY: Any = Body(...)  # type: ignore[type-arg]

_TYPES: dict[ParamKind, Any] = {
    ParamKind.TEXT: str,
    ParamKind.LONGTEXT: str,
    ParamKind.DATE: datetime.date,
    ParamKind.INT: int,
    ParamKind.DECIMAL: Decimal,
    ParamKind.CHOICE: str,
    ParamKind.USER: str,  # a username
    ParamKind.USERS: list[str],  # usernames
    ParamKind.UNITS: list[Id],  # unit ids
    ParamKind.BOOL: bool,
}


def _field(param: Param) -> tuple[Any, Any]:
    kind = _TYPES[param.kind]
    description = param.label + (f" — {param.help}" if param.help else "")
    if param.kind == ParamKind.CHOICE and not callable(param.choices) and param.choices:
        description += " (" + ", ".join(f"{value}: {label}" for value, label in param.choices) + ")"
    if param.kind in (ParamKind.TEXT, ParamKind.LONGTEXT):
        extra: dict[str, Any] = {"max_length": param.max_length}
    elif param.kind == ParamKind.INT:
        extra = {k: v for k, v in (("ge", param.min_value), ("le", param.max_value)) if v is not None}
    elif param.kind == ParamKind.DECIMAL:
        extra = {"max_digits": param.max_digits, "decimal_places": param.decimal_places, "ge": 0}
    else:
        extra = {}
    if param.required and param.default is None:
        return kind, Field(..., description=description, **extra)
    default: Any
    if param.kind in (ParamKind.USERS, ParamKind.UNITS):
        return kind, Field(default_factory=list, description=description, **extra)
    default = None if isinstance(param.default, Today) or param.default is None else param.default
    if isinstance(param.default, Today):
        description += " (mặc định: hôm nay)"
    return kind | None, Field(default, description=description, **extra)


class StepIn(Schema):
    """The body of a step: an object with only the action's own names (anything else is a 422, as the
    engine refuses it), never a list or null."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # Ninja validates the raw body first (extra="forbid"), then again wrapped in its DjangoGetter.
        if not isinstance(data, dict | DjangoGetter):
            raise ValueError("Nội dung phải là một đối tượng JSON (dict).")
        return data


def schema_for(machine: Machine, action: Action) -> type[Schema]:
    name = "".join(part.capitalize() for part in f"{machine.name}_{action.name}".split("_")) + "In"
    fields = {param.name: _field(param) for param in action.params}
    for param in action.params:
        for alias in param.aliases:
            kind, _ = _field(param)
            fields[alias] = (kind | None, Field(None, description=f"Tên cũ của “{param.name}”."))
    return create_model(name, __base__=StepIn, **fields)  # type: ignore[call-overload]


def add_transition_routes(
    router: Router,
    machine: Machine,
    *,
    path: str,
    get_object: Callable[[HttpRequest, int], Any],
    output: Callable[[HttpRequest, Any], dict[str, Any]],
    response: Any,
) -> None:
    """Register ``POST {path}/{pk}/transitions/{action}`` for every action, then a JSON 404 for the rest."""
    for action in machine.actions.values():
        _add_route(router, machine, action, path=path, get_object=get_object, output=output, response=response)

    def unknown_action(request: HttpRequest, pk: int, action: str) -> dict[str, Any]:
        get_object(request, pk)
        raise Http404(f"Không có thao tác “{action}” cho {machine.noun}.")

    unknown_action.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
            inspect.Parameter("pk", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=int),
            inspect.Parameter("action", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str),
        ]
    )
    router.post(
        f"{path}/{{int:pk}}/transitions/{{action}}",
        response={404: ErrorOut},
        summary=f"Thao tác không tồn tại ({machine.noun})",
        include_in_schema=False,
        operation_id=f"{machine.name}_unknown_transition",
    )(unknown_action)


def _add_route(
    router: Router,
    machine: Machine,
    action: Action,
    *,
    path: str,
    get_object: Callable[[HttpRequest, int], Any],
    output: Callable[[HttpRequest, Any], dict[str, Any]],
    response: Any,
) -> None:
    schema = schema_for(machine, action)

    def endpoint(request: HttpRequest, pk: int, payload: Any) -> dict[str, Any]:
        obj = get_object(request, pk)
        values = {k: v for k, v in payload.dict().items() if v is not None}
        transition(machine, actor=request.user, obj=obj, action=action.name, **values)
        obj.refresh_from_db()
        return output(request, obj)

    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
            inspect.Parameter("pk", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Id),
            inspect.Parameter("payload", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=schema, default=_BODY),
        ]
    )
    endpoint.__name__ = f"{machine.name}_{action.name}"
    who = action.right.split(".")[-1]
    description = (
        f"{action.label}. Từ trạng thái: "
        + ", ".join(f"“{machine.state_label(s)}”" for s in machine.states if s in action.sources)
        + (f"; sang “{machine.state_label(action.target)}”." if action.target else "; không đổi trạng thái.")
        + f" Quyền cần có: {who}."
        + (f" Căn cứ: {action.basis}." if action.basis else "")
    )
    router.post(
        f"{path}/{{int:pk}}/transitions/{action.name}",
        response=responses(response),
        summary=action.label,
        description=description,
        operation_id=f"{machine.name}_{action.name}",
    )(endpoint)
