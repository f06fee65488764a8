"""Forms of the page shell. They only shape input; the rules are in the services."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError

from danvan.accounts.roles import Role
from danvan.units.imports import HAMLET_KINDS
from danvan.units.rules import Kind

HAMLET_KIND_CHOICES = [(value, label) for value, label in Kind.choices if value in set(HAMLET_KINDS.values())]


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


class StyledForm(forms.Form):
    """Bootstrap classes on every widget; a field with errors is marked invalid."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class HamletForm(StyledForm):
    kind = forms.ChoiceField(label="Loại", choices=HAMLET_KIND_CHOICES)
    short_name = forms.CharField(label="Tên (không kèm loại)", max_length=200)
    code = forms.CharField(label="Mã (nếu có)", max_length=16, required=False)
    valid_from = forms.DateField(label="Hiệu lực từ", required=False, widget=DateInput())


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


class UserCreateForm(StyledForm):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    position = forms.CharField(label="Chức vụ", max_length=150, required=False)
    password = forms.CharField(
        label="Mật khẩu", required=False, widget=forms.PasswordInput, help_text="Bỏ trống để hệ thống tự sinh."
    )
    role = forms.ChoiceField(label="Vai trò", choices=[])
    unit_code = forms.CharField(label="Mã đơn vị", max_length=16, help_text="Tỉnh 2 số, xã 5 số.")
    valid_from = forms.DateField(label="Hiệu lực từ", required=False, widget=DateInput())
    valid_to = forms.DateField(label="Hiệu lực đến", required=False, widget=DateInput())

    def __init__(self, *args: object, allowed_roles: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [(r, Role(r).label) for r in allowed_roles]


class TokenForm(StyledForm):
    name = forms.CharField(label="Tên gợi nhớ", max_length=100, required=False)


class CalendarYearForm(StyledForm):
    year = forms.IntegerField(label="Năm", min_value=1995, max_value=2100, initial=lambda: datetime.date.today().year)
