"""Form pieces every interface shares: the house widgets, the Excel upload, a service's errors on a form.

They only shape input; the rules are in the services. They sit in core so that an
area's forms and views use them without importing the web shell above the areas.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's errors onto the form: on the field it names if the form has it, else on the form."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, messages in exc.message_dict.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


def widget_css(widget: forms.Widget, *, small: bool = False) -> str:
    """Bootstrap's class for a widget: a tick box is a ``form-check-input`` (``form-control`` would draw it
    as a bar), a list of tick boxes or radio buttons the same on each of its inputs, a drop-down a
    ``form-select``, anything else a ``form-control``; ``small`` for the compact filter rows."""
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select form-select-sm" if small else "form-select"
    return "form-control form-control-sm" if small else "form-control"


class StyledForm(forms.Form):
    """Bootstrap classes on every widget; a field with errors is marked invalid."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", widget_css(field.widget))

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class ImportForm(StyledForm):
    file = forms.FileField(label="Tệp Excel (.xlsx)")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Tệp quá lớn (tối đa 5 MB).")
        head = upload.read(4)
        upload.seek(0)
        if not upload.name.lower().endswith(".xlsx") or head != XLSX_MAGIC:
            raise forms.ValidationError("Chỉ nhận tệp Excel .xlsx.")
        return upload
