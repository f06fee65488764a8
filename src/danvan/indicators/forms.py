"""The area's forms: they shape input only; every rule is checked again by :mod:`.services`.

Numbers are typed as officers write them ("5,03", "1.451", "5,03%"): the value fields are text, read by
:func:`.rules.parse_amount`; a unit written after the number ("%", "hộ") is handed to the service, which
refuses one that is not the indicator's.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from danvan.core import imports as kit
from danvan.core.forms import DateInput, StyledForm
from danvan.core.periods import PERIOD_CHOICES
from danvan.core.text import format_number
from danvan.indicators import rules
from danvan.indicators.models import Indicator
from danvan.units.models import Unit

BLANK: list[tuple[Any, str]] = [("", "—")]
MONTHS = [("", "—")] + [(str(m), f"Tháng {m}") for m in range(1, 13)]


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])


def _amount(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=40, help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )  # fmt: skip


class PeriodForm(StyledForm):
    """The period of a value or a target: a kind of a year, a month, or a range of days."""

    period = forms.ChoiceField(label="Kỳ", choices=PERIOD_CHOICES, initial="year")
    year = forms.IntegerField(label="Năm", required=False, min_value=1990, max_value=2100)
    month = forms.ChoiceField(label="Tháng (kỳ tháng)", choices=MONTHS, required=False)
    start = _date("Từ ngày (kỳ tự chọn)")
    end = _date("Đến ngày (kỳ tự chọn)")

    def period_args(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"kind": d["period"], "year": d.get("year"), "month": d.get("month") or None,
                "start": d.get("start"), "end": d.get("end")}  # fmt: skip


def _units(units: list[Unit]) -> list[tuple[Any, str]]:
    return [(u.pk, u.name + (" (trước sắp xếp)" if u.valid_to else "")) for u in units]


class ValueForm(PeriodForm):
    indicator = forms.TypedChoiceField(label="Chỉ tiêu", coerce=int)
    unit = forms.TypedChoiceField(label="Đơn vị", coerce=int)
    value = _amount("Giá trị", "Viết như thường dùng: 5,03 hoặc 1.451; có thể ghi kèm đơn vị tính (5,03%).")
    numerator = _amount("Tử số", "Chỉ tiêu tỷ lệ: ví dụ số hộ nghèo.")
    denominator = _amount("Mẫu số", "Chỉ tiêu tỷ lệ: ví dụ tổng số hộ.")
    weight = _amount("Trọng số", "Chỉ tiêu bình quân: ví dụ số xã (1 cho một xã).")
    source = forms.CharField(label="Nguồn số liệu", max_length=500,
                             help_text="Ví dụ: Báo cáo của UBND xã; Điều tra hộ nghèo 2026.")  # fmt: skip
    note = forms.CharField(label="Ghi chú", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["indicator", "unit", "period", "year", "month", "start", "end", "value", "numerator",
                   "denominator", "weight", "source", "note"]  # fmt: skip

    def __init__(self, *args: Any, indicators: list[Indicator], units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {i.pk: i for i in indicators}
        self.units = {u.pk: u for u in units}
        self.fields["indicator"].choices = [(i.pk, f"{i.code} — {i.name} ({i.unit_label})") for i in indicators]  # type: ignore[attr-defined]
        self.fields["unit"].choices = _units(units)  # type: ignore[attr-defined]
        self.order_fields(self.field_order)

    def amounts(self) -> dict[str, Any]:
        """The numbers, parsed; a number that cannot be read is a field error (None: not valid)."""
        out: dict[str, Any] = {"written_unit": ""}
        for name in ("value", "numerator", "denominator", "weight"):
            text = (self.cleaned_data.get(name) or "").strip()
            if not text:
                out[name] = None
                continue
            try:
                number, written = rules.parse_amount(text)
            except ValueError as exc:
                self.add_error(name, str(exc))
                continue
            out[name] = number
            if name == "value":
                out["written_unit"] = written
            elif written:
                self.add_error(name, f"Chỉ ghi con số (đã ghi “{written}”).")
        return out


class TargetForm(PeriodForm):
    indicator = forms.TypedChoiceField(label="Chỉ tiêu", coerce=int)
    unit = forms.TypedChoiceField(label="Đơn vị", coerce=int)
    comparison = forms.ChoiceField(label="So sánh", choices=rules.Comparison.choices)
    value = _amount("Giá trị chỉ tiêu", "Ví dụ: 6 (với “<”: dưới 6%), 80 (với “>”: trên 80%).")
    basis = forms.CharField(
        label="Căn cứ", max_length=500,
        help_text="Kế hoạch, nghị quyết, đề án đặt ra chỉ tiêu: “Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX”, "
                  "“Đề án 06”.",
    )  # fmt: skip
    note = forms.CharField(label="Ghi chú", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["indicator", "unit", "period", "year", "month", "start", "end", "comparison", "value", "basis",
                   "note"]  # fmt: skip

    def __init__(self, *args: Any, indicators: list[Indicator], units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {i.pk: i for i in indicators}
        self.units = {u.pk: u for u in units}
        self.fields["indicator"].choices = [(i.pk, f"{i.code} — {i.name} ({i.unit_label})") for i in indicators]  # type: ignore[attr-defined]
        self.fields["unit"].choices = _units(units)  # type: ignore[attr-defined]
        self.order_fields(self.field_order)

    def amount(self) -> tuple[Decimal | None, str]:
        text = (self.cleaned_data.get("value") or "").strip()
        if not text:
            return None, ""
        try:
            return rules.parse_amount(text)
        except ValueError as exc:
            self.add_error("value", str(exc))
            return None, ""


class IndicatorForm(StyledForm):
    code = forms.CharField(label="Mã chỉ tiêu", max_length=32, help_text="Ví dụ: ho_ngheo, NTM.01")
    name = forms.CharField(label="Tên chỉ tiêu", max_length=255)
    group = forms.CharField(label="Nhóm", max_length=150, required=False,
                            help_text="Các chỉ tiêu cùng nhóm được viết thành một câu trong báo cáo.")  # fmt: skip
    measure_unit = forms.ChoiceField(label="Đơn vị tính", choices=rules.MeasureUnit.choices)
    decimals = forms.IntegerField(label="Số chữ số thập phân", required=False, min_value=0, max_value=4)
    direction = forms.ChoiceField(label="Chiều đánh giá", choices=rules.Direction.choices)
    source = forms.ChoiceField(label="Nguồn số liệu", choices=rules.Source.choices, initial=rules.Source.MANUAL)
    aggregation = forms.ChoiceField(
        label="Cách tổng hợp lên cấp trên", choices=rules.Aggregation.choices,
        help_text="Với chỉ tiêu tính từ số liệu thống kê, cách tổng hợp theo số liệu.",
    )  # fmt: skip
    figure = forms.ChoiceField(label="Số liệu thống kê", required=False)
    numerator_figure = forms.ChoiceField(label="Hoặc tỷ lệ: số liệu tử số", required=False)
    denominator_figure = forms.ChoiceField(label="Số liệu mẫu số", required=False)
    numerator_label = forms.CharField(label="Tên tử số", max_length=150, required=False,
                                      help_text="Ví dụ: Số hộ nghèo")  # fmt: skip
    denominator_label = forms.CharField(label="Tên mẫu số", max_length=150, required=False,
                                        help_text="Ví dụ: Tổng số hộ")  # fmt: skip
    weight_label = forms.CharField(label="Tên trọng số", max_length=150, required=False, help_text="Ví dụ: Số xã")
    sentence = forms.CharField(
        label="Câu trong báo cáo", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Để trống: câu mặc định. Chỗ trống: {ten}, {gia_tri}, {so}, {don_vi_tinh}, {trang_thai}, "
                  "{chi_tieu}, {can_cu}, {truoc}, {cung_ky_gia_tri}, {so_voi_cung_ky}.",
    )  # fmt: skip
    description = forms.CharField(label="Mô tả, cách tính", max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    scope = forms.ChoiceField(label="Áp dụng cho", required=False)
    order = forms.IntegerField(label="Thứ tự", min_value=0, max_value=100000, initial=0, required=False)
    active = forms.BooleanField(label="Đang theo dõi", required=False, initial=True)

    def __init__(self, *args: Any, figures: list[str], scopes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = BLANK + [(f, f) for f in figures]
        for name in ("figure", "numerator_figure", "denominator_figure"):
            self.fields[name].choices = options  # type: ignore[attr-defined]
        self.fields["scope"].choices = scopes  # type: ignore[attr-defined]


IMPORT_KINDS = [("values", "Số liệu thực hiện"), ("targets", "Chỉ tiêu kế hoạch")]
EXTENSIONS = (".xlsx", ".csv", ".txt")


class UploadForm(StyledForm):
    kind = forms.ChoiceField(label="Loại dữ liệu", choices=IMPORT_KINDS, widget=forms.RadioSelect, initial="values")
    file = forms.FileField(
        label="Tệp Excel (.xlsx) hoặc CSV",
        help_text="Dòng đầu là tên cột (xem các cột đọc được ở trên); các cột khác như “STT” được bỏ qua.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-check-input"

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > kit.MAX_FILE_BYTES:
            raise ValidationError(f"Tệp quá lớn (tối đa {format_number(kit.MAX_FILE_BYTES // kit.MB)} MB).")
        name = upload.name.lower()
        if not name.endswith(EXTENSIONS):
            raise ValidationError("Chỉ nhận tệp Excel .xlsx hoặc tệp CSV (.csv, .txt).")
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".xlsx") and head != b"PK\x03\x04":
            raise ValidationError("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.")
        return upload
