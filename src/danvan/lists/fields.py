"""Form fields that lists of several areas filter by."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.units.selectors import UnitCodeNotFound, unit_by_code


class UnitCodeField(forms.CharField):
    """A unit's official code (province 2 digits, commune 5), cleaned to the unit; an unknown code is an
    error with the code ``not_found`` (the API answers it with 404, as before the kit)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        code = super().clean(value)
        if not code:
            return None
        try:
            return unit_by_code(code)
        except UnitCodeNotFound as exc:
            raise forms.ValidationError(f"Không có đơn vị mã “{code}”.", code="not_found") from exc
