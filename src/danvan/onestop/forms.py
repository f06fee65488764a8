"""The one-stop pages' forms. They only shape input; the services check everything again (a rule enforced
only in a form is not enforced), so most fields are optional here and the service names what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from danvan.core.forms import StyledForm
from danvan.core.text import fold
from danvan.onestop import rules
from danvan.onestop.models import Procedure, ServicePoint

_ROWS2 = {"rows": 2}


def search_procedures(catalogue: QuerySet[Procedure], text: str, *, limit: int = 8) -> list[Procedure]:
    """The procedures of ``catalogue`` that ``text`` names: its code (``1.001193``, or its start), or a few
    words of its name typed without accents (``khai sinh``, ``chung thuc ban sao``). The exact code first,
    then codes that start with it, then names holding every word."""
    text = (text or "").strip()
    if not text or any(ord(char) < 32 for char in text):  # PostgreSQL refuses NUL in a query
        return []
    words = fold(text).split()
    by_name = Q()
    for word in words[:8]:
        by_name &= Q(name_folded__contains=word)
    found = catalogue.filter(Q(code__iexact=text) | Q(code__istartswith=text) | by_name).annotate(
        rank=Case(
            When(code__iexact=text, then=Value(0)),
            When(code__istartswith=text, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )
    return list(found.order_by("rank", "field", "name")[:limit])


class IntakeForm(StyledForm):
    """The desk's form, in the order the officer fills it (the Tab order): the procedure, the applicant,
    then how it came and how many sets. Enter anywhere submits."""

    procedure = forms.CharField(
        label="Thủ tục (mã hoặc vài chữ của tên, không cần dấu)", required=False, max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "spellcheck": "false"}),
    )  # fmt: skip
    #: The procedure chosen among the matches shown under the box (the radio buttons), if any.
    procedure_pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    applicant_name = forms.CharField(label="Họ tên người nộp", required=False)
    applicant_id_number = forms.CharField(
        label="Số định danh cá nhân", required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    applicant_phone = forms.CharField(
        label="Điện thoại", required=False, widget=forms.TextInput(attrs={"inputmode": "tel", "type": "tel"})
    )
    applicant_email = forms.CharField(label="Thư điện tử", required=False, widget=forms.EmailInput)
    applicant_address = forms.CharField(label="Địa chỉ", required=False)
    owner_name = forms.CharField(label="Chủ hồ sơ (nếu khác người nộp)", required=False)
    channel = forms.ChoiceField(
        label="Hình thức nộp", initial=rules.Channel.DESK, widget=forms.RadioSelect,
        choices=[(rules.Channel.DESK, "Trực tiếp tại quầy"), (rules.Channel.POST, "Qua bưu chính")],
    )  # fmt: skip
    sets = forms.CharField(
        label="Số bộ hồ sơ", required=False, initial="1", widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    service_point = forms.TypedChoiceField(label="Nơi tiếp nhận", coerce=int, choices=())
    result_place = forms.CharField(label="Nơi trả kết quả (để trống: tại nơi tiếp nhận)", required=False)

    def __init__(self, *args: Any, points: list[ServicePoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.points = {p.pk: p for p in points}
        field: Any = self.fields["service_point"]
        field.choices = [(p.pk, f"{p.name} — {p.unit.name}") for p in points]
        self.fields["channel"].widget.attrs["class"] = "form-check-input"

    def point(self) -> ServicePoint | None:
        return self.points.get(self.cleaned_data.get("service_point") or 0)

    def applicant(self) -> dict[str, Any]:
        names = ("applicant_name", "applicant_id_number", "applicant_phone", "applicant_email",
                 "applicant_address", "owner_name", "result_place", "sets")  # fmt: skip
        return {name: self.cleaned_data.get(name, "") for name in names}


class ReturnLookupForm(StyledForm):
    code = forms.CharField(
        label="Mã hồ sơ (gõ hoặc quét mã, rồi Enter)", max_length=48,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip


def rating_form(scheme: str, data: Any = None) -> StyledForm:
    """The paper rating's form for the province's scheme: five levels, or the nine indices (DOMAIN §4.2)."""
    form = StyledForm(data)
    if scheme == rules.RatingScheme.NINE:
        for number, (label, answers) in enumerate(rules.NINE_INDICES, start=1):
            form.fields[f"index_{number}"] = forms.TypedChoiceField(
                label=f"{number}. {label}", coerce=int, widget=forms.RadioSelect,
                error_messages={"required": f"Cần chọn một mức cho chỉ số {number}."},
                choices=[(points, f"{answer} ({points} điểm)") for points, answer in enumerate(answers)],
            )  # fmt: skip
    else:
        form.fields["level"] = forms.TypedChoiceField(
            label="Mức hài lòng", coerce=int, widget=forms.RadioSelect,
            error_messages={"required": "Cần chọn mức hài lòng của công dân."},
            choices=[(level, f"{level} — {label}") for level, label in sorted(rules.FIVE_LEVELS.items(), reverse=True)],
        )  # fmt: skip
    form.fields["comment"] = forms.CharField(
        label="Ý kiến của công dân", required=False, widget=forms.Textarea(attrs=_ROWS2)
    )
    for field in form.fields.values():
        if isinstance(field.widget, forms.RadioSelect):
            field.widget.attrs["class"] = "form-check-input"
        else:
            field.widget.attrs.setdefault("class", "form-control")
    return form


def rating_values(scheme: str, form: StyledForm) -> dict[str, Any]:
    """What :func:`danvan.onestop.services.rate` takes from the form: ``level`` or ``indices``."""
    data = form.cleaned_data
    if scheme == rules.RatingScheme.NINE:
        return {"indices": [data.get(f"index_{n}") for n in range(1, len(rules.NINE_INDICES) + 1)]}
    return {"level": data.get("level")}


def components_text(components: list[dict[str, Any]]) -> str:
    """The stored components as the form's lines "Tên thành phần; bản chính; bản sao"."""
    return "\n".join(f"{c.get('name', '')}; {c.get('originals', 1)}; {c.get('copies', 0)}" for c in components)


class ProcedureForm(StyledForm):
    code = forms.CharField(label="Mã thủ tục", required=False)
    name = forms.CharField(label="Tên thủ tục", required=False, widget=forms.Textarea(attrs=_ROWS2))
    field = forms.CharField(label="Lĩnh vực", required=False)
    level = forms.ChoiceField(label="Cấp thực hiện", choices=rules.ProcedureLevel.choices)
    days = forms.CharField(label="Thời hạn (ngày làm việc)", required=False, initial="0",
                           widget=forms.TextInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    hours = forms.CharField(label="Thời hạn (giờ làm việc)", required=False, initial="0",
                            widget=forms.TextInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    cutoff = forms.CharField(
        label="Giờ tiếp nhận cuối trong ngày", required=False, help_text="Ví dụ 15:00; để trống nếu không có."
    )
    fee = forms.CharField(label="Phí, lệ phí", required=False)
    online_level = forms.ChoiceField(label="Mức dịch vụ công trực tuyến", choices=rules.OnlineLevel.choices)
    one_stop = forms.BooleanField(label="Giải quyết theo cơ chế một cửa", required=False, initial=True)
    components = forms.CharField(
        label="Thành phần hồ sơ", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Mỗi dòng một thành phần: “Tên thành phần; số bản chính; số bản sao”, "
        "ví dụ “Tờ khai đăng ký khai sinh; 1; 0”.",
    )  # fmt: skip
    legal_basis = forms.CharField(label="Căn cứ pháp lý", required=False)
    active = forms.BooleanField(label="Đang áp dụng", required=False, initial=True)

    @classmethod
    def initial_for(cls, procedure: Procedure) -> dict[str, Any]:
        return {
            "code": procedure.code, "name": procedure.name, "field": procedure.field, "level": procedure.level,
            "days": procedure.days, "hours": procedure.hours,
            "cutoff": procedure.cutoff.strftime("%H:%M") if procedure.cutoff else "", "fee": procedure.fee,
            "online_level": procedure.online_level, "one_stop": procedure.one_stop,
            "components": components_text(procedure.components), "legal_basis": procedure.legal_basis,
            "active": procedure.active,
        }  # fmt: skip


class ServicePointForm(StyledForm):
    name = forms.CharField(label="Tên nơi tiếp nhận", required=False)
    kind = forms.ChoiceField(label="Loại", choices=ServicePoint.Kind.choices)
    address = forms.CharField(label="Địa chỉ", required=False)
    phone = forms.CharField(label="Điện thoại", required=False)
    active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)


class SettingsForm(StyledForm):
    rating_scheme = forms.ChoiceField(label="Cách đánh giá hồ sơ", choices=rules.RatingScheme.choices,
                                      widget=forms.RadioSelect)  # fmt: skip
    timeliness_rule = forms.ChoiceField(label="Cách so với hạn", choices=rules.TimelinessRule.choices,
                                        widget=forms.RadioSelect)  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-check-input"
