"""The page of one action and the bulk action, for any machine. An area's view fetches the record
through its access function and hands it here; the engine does the rest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from danvan.core.forms import add_service_errors
from danvan.core.text import format_number
from danvan.workflow.engine import BulkRefused, bulk_transition, may, state_refusal, transition
from danvan.workflow.forms import form_for, params_from
from danvan.workflow.machine import Machine


def action_page(
    request: HttpRequest,
    *,
    machine: Machine,
    obj: Any,
    action: str,
    template: str,
    success_url: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET: the action's form; POST: the step through the engine, errors back on the form."""
    step = machine.actions.get(action)
    if step is None:
        raise Http404("Không có thao tác này.")
    if not may(machine, request.user, step, obj):
        raise PermissionDenied(f"Bạn không có quyền “{step.label}” với {machine.noun} này.")
    form = form_for(step, request.user, obj, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            transition(machine, actor=request.user, obj=obj, action=action, **params_from(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã thực hiện: {step.label}.")
            return redirect(success_url)
    return render(
        request,
        template,
        {
            **(context or {}),
            "machine": machine,
            "obj": obj,
            "transition": step,
            "form": form,
            "status_label": machine.state_label(machine.state_of(obj)),
            "refusal": state_refusal(machine, step, obj),
        },
    )


def bulk_apply(
    request: HttpRequest, *, machine: Machine, objs: Sequence[Any], action: str, params: dict[str, Any]
) -> bool:
    """Apply a bulk action and say so in the page's messages; all or nothing. True when it was applied."""
    try:
        count = bulk_transition(machine, actor=request.user, objs=objs, action=action, **params)
    except BulkRefused as exc:
        messages.error(request, f"Không thực hiện thao tác nào. {exc}")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        label = machine.actions[action].label
        messages.success(request, f"Đã thực hiện “{label}” cho {format_number(count)} {machine.noun}.")
        return True
    return False


def bulk_params(request: HttpRequest, machine: Machine, action: str) -> dict[str, Any] | None:
    """The bulk action's parameters from the posted form, or ``None`` (with a message) when they are invalid."""
    step = machine.actions.get(action)
    if step is None or not step.bulk:
        messages.error(request, f"Chọn thao tác hàng loạt cho {machine.noun}.")
        return None
    form = form_for(step, request.user, None, request.POST)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[n].label if n in form.fields else ''}: {' '.join(str(m) for m in e)}"
            for n, e in form.errors.items()
        )
        messages.error(request, f"“{step.label}”: {problems}")
        return None
    return params_from(form)
