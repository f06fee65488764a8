"""Forms of the page shell. They only shape input; the rules are in the services."""

from __future__ import annotations

import datetime

from django import forms

from danvan.accounts.roles import MANAGE_USERS, Role
from danvan.accounts.unit_choices import search_url, units_within
from danvan.core.forms import DateInput, StyledForm
from danvan.units.imports import HAMLET_KINDS
from danvan.units.models import Unit
from danvan.units.rules import Kind
from danvan.units.widgets import UnitChoiceField

HAMLET_KIND_CHOICES = [(value, label) for value, label in Kind.choices if value in set(HAMLET_KINDS.values())]


class HamletForm(StyledForm):
    kind = forms.ChoiceField(label="Loại", choices=HAMLET_KIND_CHOICES)
    short_name = forms.CharField(label="Tên (không kèm loại)", max_length=200)
    code = forms.CharField(label="Mã (nếu có)", max_length=16, required=False)
    valid_from = forms.DateField(label="Hiệu lực từ", required=False, widget=DateInput())


class UserCreateForm(StyledForm):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    position = forms.CharField(label="Chức vụ", max_length=150, required=False)
    password = forms.CharField(
        label="Mật khẩu", required=False, widget=forms.PasswordInput, help_text="Bỏ trống để hệ thống tự sinh."
    )
    role = forms.ChoiceField(label="Vai trò", choices=[])
    unit = UnitChoiceField(
        label="Đơn vị",
        units=Unit.objects.none(),
        hint="Gõ tên đơn vị, không cần dấu (ví dụ “duc xuan”), hoặc mã: tỉnh 2 số, xã 5 số.",
    )
    valid_from = forms.DateField(label="Hiệu lực từ", required=False, widget=DateInput())
    valid_to = forms.DateField(label="Hiệu lực đến", required=False, widget=DateInput())

    def __init__(self, *args: object, allowed_roles: list[str], actor: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        # The units the manager may give a role in: the service checks it again (assign_role).
        unit_field.offer(lambda: units_within(actor, MANAGE_USERS), search_url(MANAGE_USERS))
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [(r, Role(r).label) for r in allowed_roles]


class TokenForm(StyledForm):
    name = forms.CharField(label="Tên gợi nhớ", max_length=100, required=False)


class CalendarYearForm(StyledForm):
    year = forms.IntegerField(label="Năm", min_value=1995, max_value=2100, initial=lambda: datetime.date.today().year)
