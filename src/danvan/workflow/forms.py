"""The page's form for an action, built from the action's parameters.

The form only shapes input (types, the candidates to choose from); the engine checks everything again,
so a tampered form is refused the same way as a bad API call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from danvan.core.forms import DateInput, StyledForm, widget_css
from danvan.workflow.machine import Action, Param, ParamKind

_TEXTAREA = {"rows": 2}


def _field(param: Param, actor: Any, obj: Any) -> forms.Field:
    required = param.required and param.default is None
    common: dict[str, Any] = {"label": param.label, "required": required, "help_text": param.help}
    initial = param.default_value()
    if initial is not None:
        common["initial"] = initial
    kind = param.kind
    if kind == ParamKind.TEXT:
        return forms.CharField(max_length=param.max_length, **common)
    if kind == ParamKind.LONGTEXT:
        return forms.CharField(max_length=param.max_length, widget=forms.Textarea(attrs=_TEXTAREA), **common)
    if kind == ParamKind.DATE:
        # The date picker sends 2026-12-01; a date typed as text is read the Vietnamese way, 1/12/2026.
        return forms.DateField(widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"], **common)
    if kind == ParamKind.INT:
        if param.choices:
            return forms.TypedChoiceField(coerce=int, choices=param.choices_for(obj), **common)
        return forms.IntegerField(min_value=param.min_value, max_value=param.max_value, **common)
    if kind == ParamKind.DECIMAL:
        return forms.DecimalField(
            min_value=0, max_digits=param.max_digits, decimal_places=param.decimal_places, **common
        )
    if kind == ParamKind.BOOL:
        return forms.BooleanField(**(common | {"required": False}))
    if kind == ParamKind.CHOICE:
        choices = param.choices_for(obj)
        if not param.required:
            choices = [("", "—"), *choices]
        return forms.ChoiceField(choices=choices, **common)
    candidates = param.candidates(actor, obj) if param.candidates is not None else []
    options = [(c.pk, _name(c)) for c in candidates]
    if kind == ParamKind.USER:
        return forms.TypedChoiceField(coerce=int, choices=[("", "—"), *options], **common)
    size = min(max(len(options), 3), 8)
    return forms.TypedMultipleChoiceField(
        coerce=int, choices=options, widget=forms.SelectMultiple(attrs={"size": size}), **common
    )


def _name(candidate: Any) -> str:
    if hasattr(candidate, "get_full_name"):
        return str(candidate.get_full_name() or candidate.username)
    return str(getattr(candidate, "name", candidate))


def form_for(
    action: Action, actor: Any, obj: Any, data: Any = None, *, initial: dict[str, Any] | None = None
) -> StyledForm:
    return params_form(action.params, actor, obj, data, initial=initial)


def params_form(
    params: Sequence[Param],
    actor: Any,
    obj: Any,
    data: Any = None,
    *,
    initial: dict[str, Any] | None = None,
    prefix: str | None = None,
) -> StyledForm:
    """The form of a step's parameters; ``prefix`` keeps apart the forms of several actions on one page
    (a list's bulk actions)."""
    form = StyledForm(data, initial=initial, prefix=prefix)
    for param in params:
        form.fields[param.name] = _field(param, actor, obj)
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", widget_css(field.widget))
    return form


def params_from(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned values as the engine's parameters (empty optional values left to defaults)."""
    return {name: value for name, value in form.cleaned_data.items() if value not in (None, "", [])}
