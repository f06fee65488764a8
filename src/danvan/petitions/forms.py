"""Forms of the reception desk, the case workspace and the citizens' pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from danvan.core.forms import DateInput, StyledForm
from danvan.petitions import rules
from danvan.petitions.deadlines import RECEIVER_LABELS
from danvan.petitions.models import ReceptionSession, Subject


def _subjects() -> list[tuple[Any, str]]:
    return [(s.pk, s.name) for s in Subject.objects.filter(active=True)]


class IntakeForm(StyledForm):
    """Vào sổ một đơn: the fields of the reception book (DOMAIN §1.6.2) and of classification (§1.2)."""

    received_on = forms.DateField(label="Ngày nhận", widget=DateInput())
    channel = forms.ChoiceField(label="Nguồn đơn", choices=list(rules.CHANNEL_LABELS.items()))
    forwarded_by = forms.CharField(label="Cơ quan, đại biểu chuyển đến", max_length=255, required=False)
    kind = forms.ChoiceField(label="Loại đơn", choices=list(rules.KIND_LABELS.items()))
    subject = forms.TypedChoiceField(label="Lĩnh vực", coerce=int)
    content = forms.CharField(label="Tóm tắt nội dung", widget=forms.Textarea(attrs={"rows": 4}))
    sender_name = forms.CharField(label="Họ tên người gửi", max_length=255, required=False)
    sender_id_number = forms.CharField(label="Số định danh cá nhân (CCCD)", max_length=20, required=False)
    sender_address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    sender_phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    sender_email = forms.EmailField(label="Thư điện tử", required=False)
    co_signers = forms.IntegerField(label="Số người cùng ký, cùng nội dung", min_value=1, initial=1)
    representatives = forms.IntegerField(
        label="Số người đại diện (đoàn từ 5 người)", min_value=0, initial=0, required=False,
        help_text="5–10 người cử 1–2 đại diện; trên 10 người không quá 5 (Luật Tiếp công dân, Điều 29).",
    )  # fmt: skip
    anonymous = forms.BooleanField(label="Đơn nặc danh", required=False)
    impersonated = forms.BooleanField(label="Đơn mạo danh", required=False)
    conditions = forms.MultipleChoiceField(
        label="Điều kiện xử lý đã đạt (TT 05/2021/TT-TTCP)",
        choices=list(rules.CONDITION_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    in_competence = forms.BooleanField(label="Thuộc thẩm quyền", required=False, initial=True)
    competent_sector = forms.CharField(label="Cơ quan có thẩm quyền (nếu không thuộc)", max_length=255, required=False)
    over_level = forms.BooleanField(label="Gửi vượt cấp", required=False)
    has_original_papers = forms.BooleanField(label="Kèm giấy tờ gốc", required=False)
    session = forms.TypedChoiceField(label="Buổi tiếp công dân", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, sessions: list[ReceptionSession], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = _subjects()  # type: ignore[attr-defined]
        self.fields["session"].choices = [("", "—")] + [(s.pk, str(s)) for s in sessions]  # type: ignore[attr-defined]
        self.fields["received_on"].initial = timezone.localdate()
        for name in ("anonymous", "impersonated", "in_competence", "over_level", "has_original_papers"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["conditions"].widget.attrs["class"] = "form-check-input"


class SessionForm(StyledForm):
    date = forms.DateField(label="Ngày tiếp", widget=DateInput())
    kind = forms.ChoiceField(label="Loại", choices=ReceptionSession.Kind.choices)
    form = forms.ChoiceField(label="Hình thức", choices=ReceptionSession.Form.choices)
    leader = forms.TypedChoiceField(label="Lãnh đạo chủ trì", coerce=int, required=False, empty_value=None)
    leader_role = forms.ChoiceField(label="Chức danh", choices=[("", "—"), *RECEIVER_LABELS.items()], required=False)
    conclusion = forms.CharField(
        label="Thông báo kết luận tiếp công dân", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, leaders: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].choices = [("", "—")] + [(u.pk, u.get_full_name()) for u in leaders]  # type: ignore[attr-defined]
        self.fields["date"].initial = timezone.localdate()


class RevealForm(StyledForm):
    reason = forms.CharField(label="Lý do cần xem danh tính", max_length=255)


class PublicPetitionForm(StyledForm):
    """The citizens' online form: kiến nghị, phản ánh, khiếu nại, tố cáo."""

    kind = forms.ChoiceField(
        label="Loại",
        choices=[(k.value, rules.KIND_LABELS[k]) for k in (rules.LetterKind.PROPOSAL, rules.LetterKind.REPORT,
                                                          rules.LetterKind.COMPLAINT, rules.LetterKind.DENUNCIATION)],
    )  # fmt: skip
    unit_code = forms.CharField(label="Gửi đến xã, phường (mã 5 số)", max_length=5)
    subject = forms.TypedChoiceField(label="Lĩnh vực", coerce=int)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    sender_name = forms.CharField(label="Họ và tên", max_length=255)
    sender_id_number = forms.CharField(label="Số định danh cá nhân (CCCD)", max_length=20)
    sender_address = forms.CharField(label="Địa chỉ", max_length=255)
    sender_phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    sender_email = forms.EmailField(label="Thư điện tử", required=False)
    #: Left empty by people; filled by robots (it is hidden with CSS and from assistive technology).
    website = forms.CharField(required=False, label="Không điền ô này")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = _subjects()  # type: ignore[attr-defined]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("sender_phone") and not data.get("sender_email"):
            raise forms.ValidationError("Cần số điện thoại hoặc thư điện tử để tra cứu kết quả.")
        return data


class LookupForm(StyledForm):
    code = forms.CharField(label="Mã tra cứu", max_length=16)
    contact = forms.CharField(label="Số điện thoại hoặc thư điện tử đã khai", max_length=255)
