"""The forms of the satisfaction pages. They only shape the input: every rule is in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.accounts import roles
from danvan.accounts.unit_choices import search_url
from danvan.core import periods
from danvan.core.forms import DateInput, StyledForm, widget_css
from danvan.satisfaction import rules
from danvan.units.widgets import UnitCombobox

PERIOD_CHOICES = [(kind, label) for kind, label in periods.PERIOD_CHOICES if kind not in ("month", "custom")]


class UnitText(forms.CharField):
    """The text of the unit combobox (a name or a code); the unit chosen in the list comes as ``unit_pk``."""

    def to_python(self, value: Any) -> str | None:
        return super().to_python(value.get("text", "") if isinstance(value, dict) else value)


class StatsForm(forms.Form):
    unit = UnitText(
        label="Đơn vị",
        required=False,
        max_length=255,
        widget=UnitCombobox(),
        help_text="Gõ tên (không cần dấu) hoặc mã.",
    )
    year = forms.IntegerField(label="Năm", min_value=2009, max_value=2100)
    period = forms.ChoiceField(label="Kỳ", choices=PERIOD_CHOICES, initial="year", required=False)
    tree = forms.ChoiceField(
        label="Theo địa giới",
        choices=[("today", "Hiện hành (gồm đơn vị đã sáp nhập)"), ("then", "Như trước đây (đơn vị cũ)")],
        initial="today",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        box = self.fields["unit"].widget
        assert isinstance(box, UnitCombobox)
        box.search_url = lambda: search_url(roles.SATISFACTION.view)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", widget_css(field.widget, small=True))


class QuestionnaireForm(StyledForm):
    name = forms.CharField(label="Tên phiếu", max_length=255)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    from_template = forms.BooleanField(
        label="Bắt đầu từ mẫu SIPAS (5 yếu tố, 22 tiêu chí)", required=False, initial=True
    )


class CampaignForm(StyledForm):
    questionnaire = forms.TypedChoiceField(label="Phiếu khảo sát (đã ban hành)", coerce=int)
    name = forms.CharField(label="Tên đợt khảo sát", max_length=255)
    starts_on = forms.DateField(label="Từ ngày", widget=DateInput())
    ends_on = forms.DateField(label="Đến ngày", widget=DateInput())
    plan = forms.CharField(
        label="Kế hoạch chọn mẫu",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi dòng: mã xã, phường; mã thủ tục; tên thủ tục; số phiếu. Ví dụ: 01840; 1.001193; "
        "Đăng ký khai sinh; 20",
    )

    def __init__(self, *args: Any, questionnaires: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["questionnaire"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = questionnaires


def parse_plan(text: str) -> list[dict[str, Any]]:
    """The plan as typed, one stratum a line ("01840; 1.001193; Đăng ký khai sinh; 20"); the service checks it."""
    rows = []
    for number, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
        parts = [p.strip() for p in line.split(";")]
        if len(parts) != 4:
            raise forms.ValidationError(f"Dòng {number}: cần 4 phần cách nhau bằng dấu chấm phẩy.")
        rows.append({"unit": parts[0], "procedure_code": parts[1], "procedure_name": parts[2], "quota": parts[3]})
    return rows


class TargetForm(StyledForm):
    year = forms.IntegerField(label="Năm", min_value=2009, max_value=2100)
    period = forms.ChoiceField(label="Kỳ", choices=PERIOD_CHOICES, initial="year")
    comparison = forms.ChoiceField(label="So sánh", choices=rules.Comparison.choices, initial=rules.Comparison.ABOVE)
    value = forms.CharField(label="Chỉ tiêu (%)", max_length=8)
    legal_basis = forms.CharField(label="Căn cứ", max_length=500, required=False)
