"""Forms of the "Dân vận khéo" pages. They shape input; the rules are in the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from danvan.accounts import roles
from danvan.accounts.unit_choices import search_url, units_within
from danvan.core import periods
from danvan.core.forms import DateInput, StyledForm, widget_css
from danvan.core.periods import Period
from danvan.initiatives.models import Field, Initiative, Metric, ProgressReport
from danvan.units.models import Unit
from danvan.units.widgets import UnitChoiceField, UnitCombobox


def _field_choices(top: bool) -> list[tuple[Any, str]]:
    qs = Field.objects.filter(active=True, parent__isnull=top).select_related("parent")
    return [("", "— chọn —")] + [(f.pk, str(f)) for f in qs]


class RegistrationForm(StyledForm):
    """Phiếu đăng ký mô hình, điển hình — the fields of DOMAIN §5.3."""

    unit = UnitChoiceField(label="Đơn vị đăng ký", units=Unit.objects.none())
    kind = forms.ChoiceField(label="Loại", choices=Initiative.Kind.choices, initial=Initiative.Kind.MODEL)
    year = forms.IntegerField(label="Năm đăng ký", min_value=2009)
    name = forms.CharField(
        label="Tên mô hình, điển hình", max_length=300, help_text="Ngắn gọn, dễ nhớ, nêu rõ mục tiêu."
    )
    field = forms.TypedChoiceField(label="Lĩnh vực", coerce=int)
    subfield = forms.TypedChoiceField(label="Lĩnh vực con", coerce=int, required=False, empty_value=None)
    owner_name = forms.CharField(
        label="Tập thể / cá nhân thực hiện", max_length=255, help_text="Ví dụ: Chi bộ thôn Nà Săm; Ông Hoàng Văn A."
    )
    owner_position = forms.CharField(label="Chức vụ (điển hình cá nhân)", max_length=255, required=False)
    owner_organization = forms.CharField(label="Cơ quan, đơn vị công tác", max_length=255, required=False)
    problem = forms.CharField(label="Thực trạng, lý do xây dựng", widget=forms.Textarea(attrs={"rows": 3}))
    goals = forms.CharField(label="Mục tiêu, tiêu chí đo lường", widget=forms.Textarea(attrs={"rows": 3}))
    content = forms.CharField(label="Nội dung, cách thức vận động", widget=forms.Textarea(attrs={"rows": 3}))
    area_people = forms.CharField(label="Địa bàn, đối tượng", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    forces = forms.CharField(label="Lực lượng thực hiện", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    resources = forms.CharField(
        label="Nguồn lực (kinh phí, vật tư, ngày công, xã hội hóa)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    start_date = forms.DateField(label="Ngày bắt đầu", required=False, widget=DateInput())
    evaluation_date = forms.DateField(label="Thời điểm đánh giá", required=False, widget=DateInput())
    milestones = forms.CharField(label="Các mốc thời gian", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    outputs = forms.CharField(label="Sản phẩm đầu ra", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    sustainability = forms.CharField(
        label="Khả năng duy trì, nhân rộng", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, actor: Any = None, unit: Unit | None = None, **kwargs: Any) -> None:
        """A new registration offers the units ``actor`` may register for (a name or a code); an existing
        one keeps its ``unit`` (registration does not move a model between units)."""
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        if unit is not None:
            unit_field.offer(Unit.objects.filter(pk=unit.pk), "")
            unit_field.disabled = True
        else:
            unit_field.offer(lambda: units_within(actor, roles.INITIATIVES.edit), search_url(roles.INITIATIVES.edit))
        self.fields["field"].choices = _field_choices(top=True)  # type: ignore[attr-defined]
        self.fields["subfield"].choices = _field_choices(top=False)  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


class ReportForm(StyledForm):
    kind = forms.ChoiceField(label="Loại báo cáo", choices=ProgressReport.Kind.choices)
    period_start = forms.DateField(label="Từ ngày", widget=DateInput())
    period_end = forms.DateField(label="Đến ngày", widget=DateInput())
    summary = forms.CharField(label="Kết quả, đánh giá", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metrics = list(Metric.objects.filter(active=True))
        for metric in self.metrics:
            self.fields[f"metric_{metric.pk}"] = forms.CharField(
                label=f"{metric.name} ({metric.unit_label})",
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
                help_text="Bỏ trống nếu không có. Viết số kiểu Việt Nam: 9.000 hoặc 1,5.",
            )
        half = Period.first_half(timezone.localdate().year)
        self.fields["period_start"].initial = half.start
        self.fields["period_end"].initial = half.end


class EvidenceForm(StyledForm):
    file = forms.FileField(
        label="Ảnh hoặc tài liệu", help_text="Ảnh .jpg, .png, .webp tối đa 5 MB; tài liệu tối đa 10 MB."
    )
    title = forms.CharField(label="Tiêu đề", max_length=255, required=False)
    public = forms.BooleanField(label="Cho phép công khai (ảnh)", required=False)


class ScoreForm(StyledForm):
    """One member's scores, a field per criterion (``score_<id>``) with its comment."""

    def __init__(self, *args: Any, criteria: list[Any], existing: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            old = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.name} (0–{criterion.max_score}, trọng số {criterion.weight:g})",
                initial=str(old.score).replace(".", ",") if old else "",
                help_text=criterion.description,
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label="Nhận xét", required=False, initial=old.comment if old else ""
            )

    def marks(self) -> dict[int, tuple[Any, str]]:
        return {c.pk: (self.data.get(f"score_{c.pk}", ""), self.data.get(f"comment_{c.pk}", "")) for c in self.criteria}


class MinutesForm(StyledForm):
    minutes = forms.CharField(label="Biên bản họp hội đồng", widget=forms.Textarea(attrs={"rows": 5}))


class PublishForm(StyledForm):
    summary = forms.CharField(
        label="Tóm tắt công khai",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Chỉ nội dung này được công khai.",
    )


#: The kinds the statistics page offers (the one parser, ``core.periods.parse_period``, reads them).
PERIOD_CHOICES = [(kind, label) for kind, label in periods.PERIOD_CHOICES if kind not in ("month", "custom")]


class UnitText(forms.CharField):
    """The text of the unit combobox (a name or a code); the unit chosen in the list comes as ``unit_pk``."""

    def to_python(self, value: Any) -> str | None:
        return super().to_python(value.get("text", "") if isinstance(value, dict) else value)


class StatsForm(forms.Form):
    unit = UnitText(
        label="Đơn vị", required=False, max_length=255, widget=UnitCombobox(),
        help_text="Gõ tên (không cần dấu) hoặc mã.",
    )  # fmt: skip
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
        box.search_url = lambda: search_url(roles.INITIATIVES.view)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", widget_css(field.widget, small=True))


class GalleryForm(StyledForm):
    """The public gallery's filters; the choices are what the gallery has (units with published models)."""

    province = forms.ChoiceField(label="Tỉnh, thành phố", required=False)
    commune = forms.ChoiceField(label="Xã, phường", required=False)
    field = forms.TypedChoiceField(label="Lĩnh vực", required=False, coerce=int, empty_value=None)
    level = forms.ChoiceField(label="Cấp công nhận", required=False)
    photos = forms.BooleanField(label="Chỉ mô hình có ảnh", required=False)

    def __init__(
        self,
        data: Any,
        *,
        provinces: list[tuple[str, str]],
        communes: list[tuple[str, str]],
        fields: list[tuple[int, str]],
        levels: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        choices: dict[str, list[tuple[Any, str]]] = {
            "province": [("", "Tất cả"), *provinces],
            "commune": [("", "Tất cả" if communes else "Chọn tỉnh trước"), *communes],
            "field": [("", "Tất cả"), *fields],
            "level": [("", "Tất cả"), *levels],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = options
        for name in ("province", "commune", "field", "level"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
