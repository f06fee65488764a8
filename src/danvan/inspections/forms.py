"""The forms of inspections: they only shape input; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from danvan.accounts import roles
from danvan.accounts.unit_choices import units_within
from danvan.core.forms import DateInput, StyledForm
from danvan.core.text import parse_number
from danvan.inspections import rules, services
from danvan.inspections.models import Plan
from danvan.units.models import Organization, OrganizationKind, Unit
from danvan.units.rules import Level

_ROWS = {"rows": 3}
BODY_KINDS = (
    OrganizationKind.PROPAGANDA_MOBILISATION, OrganizationKind.PARTY_COMMITTEE, OrganizationKind.PEOPLES_COMMITTEE,
    OrganizationKind.FATHERLAND_FRONT, OrganizationKind.PEOPLES_COUNCIL, OrganizationKind.MOBILISATION_BOARD,
)  # fmt: skip


class UnitsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} ({obj.code})" if obj.code else obj.name


class BodyField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.name} — {obj.unit.name}"


class PlanForm(StyledForm):
    body = BodyField(
        label="Cơ quan kiểm tra",
        queryset=Organization.objects.none(),
        help_text="Ban Tuyên giáo và Dân vận, Đảng ủy, Ủy ban nhân dân… của đơn vị.",
    )
    parent_body_name = forms.CharField(label="Cơ quan cấp trên (in trên tên cơ quan)", max_length=255, required=False,
                                       help_text="Ví dụ: Tỉnh ủy Thái Nguyên")  # fmt: skip
    number = forms.CharField(label="Số kế hoạch", max_length=64, help_text="Ví dụ: 05-KH/BTGDVTU")
    plan_date = forms.DateField(
        label="Ngày ban hành kế hoạch", widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )
    title = forms.CharField(label="Tên kế hoạch", max_length=500)
    scopes = forms.MultipleChoiceField(label="Nội dung kiểm tra", choices=rules.Scope.choices,
                                       widget=forms.CheckboxSelectMultiple)  # fmt: skip
    scope_other = forms.CharField(label="Nội dung khác (ghi rõ)", max_length=500, required=False)
    purpose = forms.CharField(label="Mục đích, yêu cầu", widget=forms.Textarea(attrs=_ROWS), required=False)
    start_on = forms.DateField(label="Từ ngày", widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    end_on = forms.DateField(label="Đến ngày", widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    units = UnitsField(label="Đơn vị được kiểm tra", queryset=Unit.objects.none(),
                       widget=forms.SelectMultiple(attrs={"size": 8}),
                       help_text="Giữ Ctrl (hoặc chạm trên điện thoại) để chọn nhiều đơn vị.")  # fmt: skip
    party_document = forms.BooleanField(label="Kết luận là văn bản của Đảng (Hướng dẫn 36-HD/VPTW)", required=False,
                                        initial=True)  # fmt: skip
    recipients = forms.CharField(label="Nơi nhận của thông báo kết luận (mỗi dòng một nơi)", required=False,
                                 widget=forms.Textarea(attrs=_ROWS))  # fmt: skip

    def __init__(self, *args: Any, actor: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        within = units_within(actor, roles.INSPECTIONS.edit)
        bodies = Organization.objects.valid_on(timezone.localdate()).filter(
            unit__in=within.filter(level__in=[Level.PROVINCE, Level.COMMUNE]), kind__in=BODY_KINDS
        )
        body_field = self.fields["body"]
        assert isinstance(body_field, forms.ModelChoiceField)
        body_field.queryset = bodies.select_related("unit").order_by("unit__path", "kind", "name")
        units_field = self.fields["units"]
        assert isinstance(units_field, forms.ModelMultipleChoiceField)
        units_field.queryset = within.filter(level__in=[Level.COMMUNE, Level.HAMLET]).order_by("path")
        if plan is not None:
            body_field.queryset = Organization.objects.filter(pk=plan.body_id) if plan.body_id else bodies.none()
            body_field.required = plan.body_id is not None
            body_field.disabled = True


def plan_initial(plan: Plan) -> dict[str, Any]:
    names = ("parent_body_name", "number", "plan_date", "title", "scopes", "scope_other", "purpose", "start_on",
             "end_on", "party_document", "recipients")  # fmt: skip
    return {n: getattr(plan, n) for n in names} | {"body": plan.body_id, "units": list(plan.units.all())}


class TeamForm(StyledForm):
    head_user = forms.TypedChoiceField(label="Trưởng đoàn (tài khoản, nếu có)", coerce=int, required=False)
    head_name = forms.CharField(label="Họ tên Trưởng đoàn", max_length=150, required=False,
                                help_text="Bỏ trống nếu đã chọn tài khoản.")  # fmt: skip
    head_position = forms.CharField(label="Chức vụ Trưởng đoàn", max_length=255, required=False)
    members = forms.CharField(
        label="Thành viên đoàn (mỗi dòng: Họ tên; Chức vụ, đơn vị; vai trò)", required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Vai trò: “Phó Trưởng đoàn”, “Thư ký đoàn” hoặc bỏ trống (thành viên).",
    )  # fmt: skip

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["head_user"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *((u.pk, u.get_full_name() or u.username) for u in candidates)]
        self.candidates = {u.pk: u for u in candidates}

    def team(self) -> list[services.Member]:
        data = self.cleaned_data
        user = self.candidates.get(data.get("head_user") or 0)
        members = []
        if user is not None or data["head_name"].strip():
            members.append(services.Member(data["head_name"], data["head_position"], rules.MemberRole.HEAD, user))
        roles_by_label = {label.lower(): value for value, label in rules.MemberRole.choices}
        for line in data["members"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            role = roles_by_label.get(parts[2].lower(), rules.MemberRole.MEMBER) if len(parts) > 2 and parts[2] else (
                rules.MemberRole.MEMBER)  # fmt: skip
            members.append(services.Member(parts[0], parts[1] if len(parts) > 1 else "", role))
        return members


def team_initial(plan: Plan) -> dict[str, Any]:
    head = plan.head
    others = [m for m in plan.members.all() if m.role != rules.MemberRole.HEAD]
    lines = [f"{m.name}; {m.position}" + (f"; {m.get_role_display()}" if m.role != "member" else "") for m in others]
    initial: dict[str, Any] = {"members": "\n".join(lines)}
    if head is not None:
        initial |= {"head_user": head.user_id, "head_name": head.name, "head_position": head.position}
    return initial


class VisitForm(StyledForm):
    unit = forms.TypedChoiceField(label="Đơn vị được kiểm tra", coerce=int)
    visited_on = forms.DateField(label="Ngày làm việc", widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    checked = forms.CharField(label="Nội dung đã kiểm tra (mỗi dòng một nội dung)", widget=forms.Textarea(attrs=_ROWS))
    places = forms.CharField(label="Địa điểm kiểm tra thực tế", max_length=500, required=False,
                             help_text="Ví dụ: tổ Giao Lâm, tổ Tổng Nẻng")  # fmt: skip
    strengths = forms.CharField(label="Ưu điểm", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    weaknesses = forms.CharField(label="Hạn chế, tồn tại", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    figures = forms.CharField(
        label="Số liệu ghi nhận (mỗi dòng: chỉ tiêu; số; đơn vị tính)", required=False,
        widget=forms.Textarea(attrs=_ROWS),
        help_text="Ví dụ: Mô hình “Dân vận khéo” đăng ký xây dựng; 06; mô hình",
    )  # fmt: skip

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *((u.pk, u.name) for u in plan.units.order_by("path"))]

    def clean_figures(self) -> list[services.Noted]:
        rows = []
        for n, line in enumerate(self.cleaned_data["figures"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) < 2:
                raise forms.ValidationError(f"Dòng {n}: cần “chỉ tiêu; số”.")
            try:
                value = parse_number(parts[1])
            except (ValueError, ArithmeticError):
                raise forms.ValidationError(f"Dòng {n}: “{parts[1]}” không phải là số.") from None
            rows.append(services.Noted(parts[0], value, parts[2] if len(parts) > 2 else ""))
        return rows


class RecommendationForm(StyledForm):
    content = forms.CharField(label="Nội dung kiến nghị", widget=forms.Textarea(attrs=_ROWS))
    responsible = forms.CharField(label="Cơ quan, tổ chức chịu trách nhiệm", max_length=255)
    due_on = forms.DateField(
        label="Thời hạn thực hiện",
        widget=DateInput(),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text="Bỏ trống: 30 ngày kể từ ngày kiến nghị (thời hạn mặc định của kế hoạch).",
    )
    officer = forms.TypedChoiceField(label="Cán bộ theo dõi", coerce=int, required=False)

    def __init__(self, *args: Any, officers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *((u.pk, u.get_full_name() or u.username) for u in officers)]
        self.officers = {u.pk: u for u in officers}


class EvidenceForm(StyledForm):
    file = forms.FileField(label="Tệp minh chứng (ảnh, PDF, Word, Excel)")
    title = forms.CharField(label="Tiêu đề", max_length=255, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented pattern); the service judges each by content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [] if data in (None, "") else [super().clean(data, initial)]


class CloseForm(StyledForm):
    note = forms.CharField(label="Kết quả thực hiện (minh chứng)", widget=forms.Textarea(attrs=_ROWS), required=False)
    document_no = forms.CharField(label="Số văn bản chứng minh", max_length=100, required=False,
                                  help_text="Bắt buộc khi không đính kèm tệp.")  # fmt: skip
    on = forms.DateField(label="Ngày hoàn thành", widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    evidence_files = MultipleFileField(label="Tệp minh chứng (một hoặc nhiều)", required=False)


QUARTERS = [("", "Cả năm"), ("1", "Quý I"), ("2", "Quý II"), ("3", "Quý III"), ("4", "Quý IV")]


class StatsForm(StyledForm):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    quarter = forms.ChoiceField(label="Kỳ", choices=QUARTERS, required=False)
    unit = forms.CharField(label="Mã đơn vị (bỏ trống: toàn phạm vi)", max_length=16, required=False)
