"""The page of one action and the bulk action, for any machine. An area's view fetches the record
through its access function and hands it here; the engine does the rest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from danvan.core.forms import StyledForm, add_service_errors
from danvan.core.text import format_number
from danvan.workflow import bulk
from danvan.workflow.engine import may, state_refusal, transition
from danvan.workflow.forms import form_for, params_form, params_from
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
    """Apply a machine's bulk action and say so in the page's messages; all or nothing. True when it was
    applied; when rows were refused, they are remembered for the list page (:func:`remember_refusal`)."""
    try:
        count = bulk.bulk_transition(machine, actor=request.user, objs=objs, action=action, **params)
    except bulk.BulkRefused as exc:
        messages.error(request, str(exc))
        remember_refusal(request, machine.name, action=action, objs=objs, refusals=exc.refusals)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        remember_refusal(request, machine.name, action=action, objs=objs)
    else:
        label = machine.actions[action].label
        messages.success(request, f"Đã thực hiện “{label}” cho {format_number(count)} {machine.noun}.")
        forget_refusal(request, machine.name)
        return True
    return False


def bulk_form(request: HttpRequest, action: bulk.BulkAction, data: Any = None, **kwargs: Any) -> StyledForm:
    """The form of one bulk action's parameters, its fields named after the action (``recognise-level``)."""
    return params_form(action.params, request.user, None, data, prefix=action.name, **kwargs)


def bulk_params(request: HttpRequest, machine: Machine, action: str) -> dict[str, Any] | None:
    """The bulk action's parameters from the posted form, or ``None`` (with a message) when they are invalid."""
    step = machine.actions.get(action)
    if step is None or not step.bulk:
        messages.error(request, f"Chọn thao tác hàng loạt cho {machine.noun}.")
        return None
    return posted_params(request, bulk.machine_action(machine, action))


def posted_params(request: HttpRequest, action: bulk.BulkAction) -> dict[str, Any] | None:
    """The parameters of ``action`` as posted by the list page, or ``None`` (with a message naming the
    fields) when they are invalid."""
    prefixed = any(name.startswith(f"{action.name}-") for name in request.POST)
    if prefixed:
        form = bulk_form(request, action, request.POST)
    else:  # a client that posts the parameters under their own names (the tests' errand app, a script)
        form = params_form(action.params, request.user, None, request.POST)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[n].label if n in form.fields else ''}: {' '.join(str(m) for m in e)}"
            for n, e in form.errors.items()
        )
        messages.error(request, f"“{action.label}”: {problems}")
        return None
    return params_from(form)


# --- what a list page remembers of a refused bulk action ---------------------------------------------
_SESSION_KEY = "danvan_bulk"


def remember_refusal(
    request: HttpRequest,
    key: str,
    *,
    action: str,
    objs: Sequence[Any] | None = None,
    ids: Sequence[Any] | None = None,
    refusals: Mapping[Any, str] | None = None,
) -> None:
    """Keep, for the list page the person goes back to, the selection, the chosen action, the values
    typed for it and each refused row's reason (nothing was written)."""
    chosen = [obj.pk for obj in objs] if objs is not None else list(ids or [])
    values = {k: request.POST.getlist(k) for k in request.POST if k.startswith(f"{action}-")}
    request.session[_SESSION_KEY] = {
        "key": key,
        "ids": [str(pk) for pk in chosen],
        "action": action,
        "values": values,
        "refusals": {str(pk): why for pk, why in (refusals or {}).items()},
    }


def forget_refusal(request: HttpRequest, key: str) -> None:
    remembered = request.session.get(_SESSION_KEY)
    if remembered and remembered.get("key") == key:
        del request.session[_SESSION_KEY]


def bulk_context(
    request: HttpRequest, key: str, *, actions: Sequence[bulk.BulkAction], rows: Sequence[Any], noun: str
) -> dict[str, Any]:
    """What a list page needs for its bulk actions: each action with the number of rows of the page it
    applies to (none: offered disabled, with the reason), its parameters' form, and on each row the
    actions it may take, whether it is selected and, after a refusal, why it was refused. A refusal is
    shown once: the selection is kept for the page that follows it, then forgotten."""
    remembered = request.session.get(_SESSION_KEY)
    if remembered and remembered.get("key") == key:
        del request.session[_SESSION_KEY]
    else:
        remembered = {}
    selected = set(remembered.get("ids", []))
    refused: dict[str, str] = remembered.get("refusals", {})
    chosen = remembered.get("action", "")
    offered = bulk.options(actions, request.user, rows)
    for row in rows:
        pk = str(row.pk)
        row.bulk_actions = " ".join(o.action.name for o in offered if row.pk in o.applies_to)
        row.bulk_selected = pk in selected
        row.bulk_refusal = refused.get(pk, "")
    forms = []
    for option in offered:
        data = None
        if option.action.name == chosen and remembered.get("values"):
            data = _values_as_querydict(remembered["values"])
        form = bulk_form(request, option.action, data)
        if data is not None:
            form.is_valid()  # show the errors of what was typed
        forms.append((option, form))
    return {
        "bulk_options": forms,
        "bulk_chosen": chosen,
        "bulk_selected_count": len(selected & {str(r.pk) for r in rows}),
        "bulk_noun": noun,
        "bulk_refused_elsewhere": len(set(refused) - {str(r.pk) for r in rows}),
    }


def _values_as_querydict(values: Mapping[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, items in values.items():
        data.setlist(name, items)
    return data
