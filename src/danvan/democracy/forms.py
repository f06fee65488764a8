"""The area's forms: they shape what is typed; the services decide (a rule in a form is not a rule)."""

from __future__ import annotations

from typing import Any

from django import forms as dj

from danvan.accounts import roles
from danvan.accounts.unit_choices import units_within
from danvan.core.forms import DateInput, StyledForm
from danvan.democracy import rules
from danvan.units.rules import Level

EDIT = roles.DEMOCRACY.edit


class UnitChoice(dj.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _communes(user: Any) -> Any:
    return units_within(user, EDIT, [Level.COMMUNE]).order_by("name")


def _hamlets(user: Any) -> Any:
    return units_within(user, EDIT, [Level.HAMLET]).order_by("name")


class CommuneForm(StyledForm):
    """A form about one commune: the communes where the user may write."""

    def __init__(self, *args: Any, user: Any, unit: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoice(label="Xã, phường", queryset=_communes(user), initial=unit)
        self.fields["unit"].widget.attrs["class"] = "form-select"
        self.order_fields(["unit", *[n for n in self.fields if n != "unit"]])


class PublicationForm(CommuneForm):
    category = dj.TypedChoiceField(label="Nội dung công khai (Điều 11)", coerce=int, choices=rules.Category.choices)
    title = dj.CharField(label="Tên thông tin công khai", max_length=500)
    document_ref = dj.CharField(label="Số, ký hiệu văn bản", max_length=100, required=False)
    decided_on = dj.DateField(label="Ngày ban hành văn bản", widget=DateInput())
    published_on = dj.DateField(label="Ngày công khai", widget=DateInput())
    forms = dj.MultipleChoiceField(
        label="Hình thức công khai (Điều 12)", choices=rules.Form.choices, widget=dj.CheckboxSelectMultiple
    )
    posted_from = dj.DateField(label="Niêm yết từ ngày", widget=DateInput(), required=False)
    posted_to = dj.DateField(
        label="Niêm yết đến ngày",
        widget=DateInput(),
        required=False,
        help_text="Để trống nếu đang niêm yết hoặc niêm yết thường xuyên (mục 4, 13).",
    )
    broadcast_days = dj.IntegerField(
        label="Số ngày phát trên loa liên tục",
        min_value=0,
        max_value=366,
        required=False,
        help_text="Mục 7–12: ít nhất 03 ngày liên tục.",
    )
    law_deadline_days = dj.IntegerField(
        label="Thời hạn theo luật chuyên ngành (ngày làm việc)",
        min_value=0,
        max_value=365,
        required=False,
        help_text="Để trống: 05 ngày làm việc (Điều 13).",
    )
    law_basis = dj.CharField(label="Căn cứ thời hạn chuyên ngành", max_length=255, required=False)
    note = dj.CharField(label="Ghi chú", widget=dj.Textarea(attrs={"rows": 2}), required=False)
    file = dj.FileField(label="Biên bản niêm yết, ảnh chụp (tuỳ chọn)", required=False)


class QuarterListForm(CommuneForm):
    year = dj.IntegerField(label="Năm", min_value=2023, max_value=2100)
    quarter = dj.TypedChoiceField(
        label="Quý", coerce=int, choices=[(q, f"Quý {n}") for q, n in rules.QUARTER_NAMES.items()]
    )
    posted_on = dj.DateField(label="Ngày niêm yết danh mục", widget=DateInput())


class DecisionForm(CommuneForm):
    hamlet = UnitChoice(label="Thôn, tổ dân phố", queryset=None, required=False, empty_label="— Toàn xã, phường —")
    matter = dj.TypedChoiceField(label="Nội dung (Điều 15)", coerce=int, choices=rules.Matter.choices)
    content = dj.CharField(label="Nội dung bàn và quyết định", widget=dj.Textarea(attrs={"rows": 3}))
    way = dj.ChoiceField(label="Hình thức (Điều 17)", choices=rules.Way.choices)
    ballot_case = dj.ChoiceField(
        label="Trường hợp phát phiếu đối với mục 3–5 (Điều 19)", required=False, choices=rules.BallotCase.choices
    )
    held_at = dj.DateTimeField(label="Thời gian", widget=dj.DateTimeInput(attrs={"type": "datetime-local"}))
    households = dj.IntegerField(label="Tổng số hộ gia đình", min_value=0)
    present = dj.IntegerField(label="Số đại diện hộ có mặt", min_value=0)
    absent = dj.IntegerField(label="Số đại diện hộ vắng mặt", min_value=0)
    participating = dj.IntegerField(label="Số hộ tham gia biểu quyết", min_value=0)
    votes_for = dj.IntegerField(label="Tán thành", min_value=0)
    votes_against = dj.IntegerField(label="Không tán thành", min_value=0)
    votes_blank = dj.IntegerField(label="Không có ý kiến", min_value=0)
    hamlets_total = dj.IntegerField(label="Toàn xã: tổng số thôn, tổ dân phố", min_value=0, required=False)
    hamlets_agreeing = dj.IntegerField(label="Toàn xã: số thôn, tổ dân phố tán thành", min_value=0, required=False)
    declared_passed = dj.TypedChoiceField(
        label="Kết quả ghi trong biên bản",
        coerce=lambda v: v == "1",
        choices=[("1", "Thông qua"), ("0", "Không thông qua")],
    )
    decision_text = dj.CharField(label="Quyết định của cộng đồng", widget=dj.Textarea(attrs={"rows": 3}))
    hamlet_head = dj.CharField(label="Trưởng thôn, tổ trưởng tổ dân phố (ký)", max_length=150)
    mttq_head = dj.CharField(label="Trưởng ban công tác Mặt trận (ký)", max_length=150)
    representative_1 = dj.CharField(label="Đại diện hộ gia đình thứ nhất (ký)", max_length=150)
    representative_2 = dj.CharField(label="Đại diện hộ gia đình thứ hai (ký)", max_length=150)
    file = dj.FileField(label="Bản chụp biên bản (tuỳ chọn)", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        hamlet: Any = self.fields["hamlet"]
        hamlet.queryset = _hamlets(user)
        self.fields["hamlet"].widget.attrs["class"] = "form-select"


class ConsultationForm(CommuneForm):
    subject = dj.ChoiceField(label="Nội dung (Điều 25)", choices=rules.Subject.choices)
    title = dj.CharField(label="Tên nội dung lấy ý kiến", max_length=500)
    forms = dj.MultipleChoiceField(
        label="Hình thức (Điều 26)", choices=rules.ConsultForm.choices, widget=dj.CheckboxSelectMultiple
    )
    starts_on = dj.DateField(label="Từ ngày", widget=DateInput())
    ends_on = dj.DateField(label="Đến ngày", widget=DateInput())
    participants = dj.IntegerField(label="Số người, hộ tham gia", min_value=0, required=False)
    opinions = dj.IntegerField(label="Số ý kiến", min_value=0, required=False)
    results = dj.CharField(label="Kết quả lấy ý kiến", widget=dj.Textarea(attrs={"rows": 3}), required=False)
    response = dj.CharField(
        label="Tiếp thu, giải trình của cơ quan", widget=dj.Textarea(attrs={"rows": 3}), required=False
    )
    responded_on = dj.DateField(label="Ngày tiếp thu, giải trình", widget=DateInput(), required=False)


class BoardForm(CommuneForm):
    term_start = dj.DateField(label="Nhiệm kỳ từ", widget=DateInput())
    term_end = dj.DateField(label="Nhiệm kỳ đến", widget=DateInput())
    hamlet_term_note = dj.CharField(label="Theo nhiệm kỳ trưởng thôn, tổ dân phố", max_length=255, required=False)
    established_ref = dj.CharField(label="Văn bản công nhận", max_length=150, required=False)
    complete = dj.BooleanField(label="Đã kiện toàn (ít nhất 05 thành viên, Điều 36)", required=False)


class MemberForm(StyledForm):
    name = dj.CharField(label="Họ tên", max_length=150)
    hamlet = UnitChoice(label="Được bầu từ thôn, tổ dân phố", queryset=None)
    role = dj.ChoiceField(label="Chức danh", choices=rules.BoardRole.choices)
    elected_on = dj.DateField(label="Ngày bầu", widget=DateInput())
    is_official = dj.BooleanField(
        label="Là cán bộ, công chức, người hoạt động không chuyên trách cấp xã", required=False
    )

    def __init__(self, *args: Any, board: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.democracy.selectors import hamlets_of

        hamlet: Any = self.fields["hamlet"]
        hamlet.queryset = hamlets_of(board.unit)
        self.fields["hamlet"].widget.attrs["class"] = "form-select"


class PlanForm(StyledForm):
    span = dj.ChoiceField(label="Kỳ kế hoạch", choices=rules.PlanSpan.choices)
    year = dj.IntegerField(label="Năm", min_value=2023, max_value=2100)
    number = dj.IntegerField(label="Quý (1–4) hoặc 6 tháng (1–2)", min_value=0, max_value=4, required=False)
    content = dj.CharField(label="Nội dung kiểm tra, giám sát", widget=dj.Textarea(attrs={"rows": 2}))


class FindingForm(StyledForm):
    found_on = dj.DateField(label="Ngày kiến nghị", widget=DateInput())
    subject = dj.CharField(label="Nội dung kiểm tra, giám sát", max_length=500)
    finding = dj.CharField(label="Phát hiện", widget=dj.Textarea(attrs={"rows": 2}))
    recommendation = dj.CharField(label="Kiến nghị", widget=dj.Textarea(attrs={"rows": 2}))
    addressed_to = dj.CharField(label="Gửi cơ quan, người có thẩm quyền", max_length=255)


class AnswerForm(StyledForm):
    answer = dj.CharField(label="Trả lời, kết quả xử lý", widget=dj.Textarea(attrs={"rows": 2}))
    answered_on = dj.DateField(label="Ngày trả lời", widget=DateInput())


class ConventionForm(CommuneForm):
    hamlet = UnitChoice(label="Thôn, tổ dân phố", queryset=None)
    kind = dj.ChoiceField(label="Loại", choices=rules.ConventionKind.choices)
    title = dj.CharField(label="Tên", max_length=300)
    status = dj.ChoiceField(label="Tình trạng", choices=rules.ConventionStatus.choices)
    adopted_on = dj.DateField(label="Ngày cộng đồng thông qua", widget=DateInput(), required=False)
    recognised_on = dj.DateField(label="Ngày UBND xã công nhận", widget=DateInput(), required=False)
    recognition_ref = dj.CharField(label="Số quyết định công nhận", max_length=100, required=False)
    reviewed_on = dj.DateField(label="Ngày rà soát gần nhất", widget=DateInput(), required=False)
    next_review_on = dj.DateField(label="Hạn rà soát tiếp theo", widget=DateInput(), required=False)
    note = dj.CharField(label="Ghi chú", widget=dj.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        hamlet: Any = self.fields["hamlet"]
        hamlet.queryset = _hamlets(user)
        self.fields["hamlet"].widget.attrs["class"] = "form-select"
