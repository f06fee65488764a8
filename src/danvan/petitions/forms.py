"""Forms of the reception desk, the case workspace and the citizens' pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from danvan.accounts import roles
from danvan.accounts.unit_choices import search_url, units_within
from danvan.core import identifiers
from danvan.core.api import MAX_ID
from danvan.core.forms import DateInput, StyledForm
from danvan.petitions import rules
from danvan.petitions.deadlines import RECEIVER_LABELS
from danvan.petitions.models import ReceptionSession, Subject
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.units.widgets import UnitChoiceField, communes_today


def _subjects() -> list[tuple[Any, str]]:
    return [(s.pk, s.name) for s in Subject.objects.filter(active=True)]


class ConditionBoxes(forms.CheckboxSelectMultiple):
    """The conditions of processing, each box marked with the kinds of letter it applies to
    (``rules.conditions_for``), so that the page shows only the kind's own (danvan/conditional.js)."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        kinds = [str(k) for k in rules.KIND_LABELS if str(value) in {str(c) for c in rules.conditions_for(str(k))}]
        option["attrs"]["data-kinds"] = " ".join(kinds)
        return option


class IntakeForm(StyledForm):
    """Vào sổ một đơn: the fields of the reception book (DOMAIN §1.6.2) and of classification (§1.2)."""

    unit = UnitChoiceField(
        label="Đơn vị nhận đơn", units=Unit.objects.none(), required=False,
        hint="Đơn vị làm việc nếu để trống; gõ tên (không cần dấu) hoặc mã để chọn thôn, xã khác trong phạm vi.",
    )  # fmt: skip
    received_on = forms.DateField(label="Ngày nhận", widget=DateInput())
    # The desk records what is handed to it: "trực tiếp" unless the officer says otherwise.
    channel = forms.ChoiceField(
        label="Nguồn đơn", choices=list(rules.CHANNEL_LABELS.items()), initial=rules.Channel.IN_PERSON.value
    )
    forwarded_by = forms.CharField(label="Cơ quan, đại biểu chuyển đến", max_length=255, required=False)
    kind = forms.ChoiceField(
        label="Loại đơn", choices=list(rules.KIND_LABELS.items()), widget=forms.Select(attrs={"autofocus": True})
    )
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
        widget=ConditionBoxes,
        required=False,
    )
    in_competence = forms.BooleanField(label="Thuộc thẩm quyền", required=False, initial=True)
    competent_sector = forms.CharField(label="Cơ quan có thẩm quyền (nếu không thuộc)", max_length=255, required=False)
    over_level = forms.BooleanField(label="Gửi vượt cấp", required=False)
    has_original_papers = forms.BooleanField(label="Kèm giấy tờ gốc", required=False)
    session = forms.TypedChoiceField(label="Buổi tiếp công dân", coerce=int, required=False, empty_value=None)
    # The officer's decision on the suggested cases (danvan/intake_suggestions.js sets them); without the
    # script both stay empty and a likely case is kept as a suggestion to decide on the case page.
    case_id = forms.IntegerField(
        label="Gộp vào vụ việc", required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput,
        error_messages={"invalid": "Gộp vào vụ việc: số vụ việc không hợp lệ.",
                        "min_value": "Gộp vào vụ việc: số vụ việc không hợp lệ.",
                        "max_value": "Gộp vào vụ việc: số vụ việc không hợp lệ."},
    )  # fmt: skip
    confirmed_new = forms.BooleanField(label="Xác nhận là vụ việc mới", required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, sessions: list[ReceptionSession], actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        # The working unit by default; any unit where the desk may record letters (the service checks it).
        unit_field.offer(
            lambda: units_within(actor, roles.PETITIONS.edit, (Level.PROVINCE, Level.COMMUNE, Level.HAMLET)),
            search_url(roles.PETITIONS.edit, (Level.PROVINCE, Level.COMMUNE, Level.HAMLET)),
        )
        self.fields["subject"].choices = _subjects()  # type: ignore[attr-defined]
        self.fields["session"].choices = [("", "—")] + [(s.pk, str(s)) for s in sessions]  # type: ignore[attr-defined]
        self.fields["received_on"].initial = timezone.localdate()
        for name in ("anonymous", "impersonated", "in_competence", "over_level", "has_original_papers"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["conditions"].widget.attrs["class"] = "form-check-input"
        # The suggestions shown next to a field are read with it (danvan/intake_suggestions.js fills them).
        for name in ("kind", "subject", "content", "competent_sector"):
            self.fields[name].widget.attrs["aria-describedby"] = f"intake-hint-{name}"


class _AsTyped(forms.CharField):
    """Text as typed, never refused: the suggestions warn about a NUL instead (the intake refuses it)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, strip=False, **kwargs)
        self.validators = []


class IntakeSuggestionsForm(forms.Form):
    """What the desk's page sends while a letter is typed (danvan/intake_suggestions.js): a question, not a
    record, so nothing is required and what does not parse is left out (the unit falls back to the working
    unit, a kind or field that is not one is ignored)."""

    unit = UnitChoiceField(label="Đơn vị nhận đơn", units=Unit.objects.none(), required=False)
    content = _AsTyped()
    sender_name = _AsTyped()
    sender_id_number = _AsTyped()
    sender_address = _AsTyped()
    anonymous = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=[("", ""), *rules.KIND_LABELS.items()], required=False)
    subject = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.offer(
            lambda: units_within(actor, roles.PETITIONS.edit, (Level.PROVINCE, Level.COMMUNE, Level.HAMLET)), ""
        )

    def value(self, name: str) -> Any:
        """The cleaned value of ``name``, or its empty value when it did not parse."""
        empty = {"content": "", "sender_name": "", "sender_id_number": "", "sender_address": "", "kind": ""}
        return self.cleaned_data.get(name, empty.get(name))


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


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class PublicStepForm(StyledForm):
    """A question group of the citizens' form: the messages name what to do, in Vietnamese whatever the
    language of the page (the GOV.UK pattern: "Nhập …", "Chọn …"), and the rules are the service's."""

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SenderForm(PublicStepForm):
    """Người gửi: who you are and how to reach you (the code is looked up with the phone or e-mail)."""

    sender_name = forms.CharField(label="Họ và tên", max_length=255, error_messages=_required("Nhập họ và tên của bạn"))
    sender_id_number = forms.CharField(
        label="Số căn cước công dân (CCCD)",
        max_length=20,
        help_text="12 chữ số, in trên thẻ căn cước hoặc căn cước công dân.",
        error_messages=_required("Nhập số CCCD gồm 12 chữ số"),
    )
    sender_address = forms.CharField(
        label="Địa chỉ nơi ở", max_length=255, help_text="Số nhà, thôn hoặc tổ dân phố, xã hoặc phường.",
        error_messages=_required("Nhập địa chỉ nơi ở của bạn"),
    )  # fmt: skip
    sender_phone = forms.CharField(
        label="Số điện thoại", max_length=20, required=False, help_text="Ví dụ 0912 345 678."
    )
    sender_email = forms.EmailField(
        label="Thư điện tử (nếu có)", required=False,
        error_messages={"invalid": "Nhập thư điện tử đúng dạng, ví dụ ten@example.vn"},
    )  # fmt: skip
    #: Left empty by people; filled by robots (it is hidden with CSS and from assistive technology).
    website = forms.CharField(required=False, label="Không điền ô này")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"})
        self.fields["sender_name"].widget.attrs["autocomplete"] = "name"
        self.fields["sender_id_number"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["sender_address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["sender_phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel", "type": "tel"})
        self.fields["sender_email"].widget.attrs["autocomplete"] = "email"

    def clean_sender_id_number(self) -> str:
        try:
            return identifiers.normalise_id_number(self.cleaned_data["sender_id_number"])
        except identifiers.InvalidIdentifier as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_sender_phone(self) -> str:
        raw = self.cleaned_data["sender_phone"].strip()
        if not raw:
            return ""
        try:
            return identifiers.format_phone(identifiers.normalise_phone(raw))
        except identifiers.InvalidIdentifier as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.has_error("sender_phone") and not data.get("sender_phone") and not data.get("sender_email"):
            self.add_error("sender_phone", "Nhập số điện thoại hoặc thư điện tử để tra cứu kết quả")
        return data


#: The kinds a citizen may send, each with what it is for (Luật Khiếu nại 2011, Điều 2; Luật Tố cáo 2018,
#: Điều 2; Luật Tiếp công dân 2013, Điều 2).
PUBLIC_KINDS = (
    (rules.LetterKind.REPORT, "Báo cho cơ quan biết một sự việc, tình hình ở nơi bạn sống."),
    (rules.LetterKind.PROPOSAL, "Đề xuất cách giải quyết, ý kiến về chính sách, quản lý."),
    (rules.LetterKind.COMPLAINT, "Đề nghị xem xét lại một quyết định hành chính, hành vi hành chính "
                                 "ảnh hưởng đến quyền lợi của chính bạn."),
    (rules.LetterKind.DENUNCIATION, "Báo cho cơ quan có thẩm quyền hành vi vi phạm pháp luật; danh tính "
                                    "người tố cáo được giữ bí mật."),
)  # fmt: skip
KIND_HINTS = {kind.value: hint for kind, hint in PUBLIC_KINDS}


class MatterForm(PublicStepForm):
    """Nội dung: what the letter is, where it goes, what it says."""

    kind = forms.ChoiceField(
        label="Bạn muốn gửi",
        choices=[(k.value, rules.KIND_LABELS[k]) for k, _ in PUBLIC_KINDS],
        widget=forms.RadioSelect,
        error_messages=_required("Chọn loại đơn: phản ánh, kiến nghị, khiếu nại hoặc tố cáo"),
    )
    unit = UnitChoiceField(
        label="Gửi đến xã, phường",
        units=communes_today,
        search_url=lambda: reverse("public_unit_search"),
        hint="Gõ tên xã, phường, không cần dấu (ví dụ “duc xuan”), hoặc mã 5 số.",
        error_messages={
            "required": "Nhập tên xã, phường nơi bạn gửi đơn",
            "not_found": "Không tìm thấy xã, phường, đặc khu hiện hành nào có tên hoặc mã “%(text)s”",
        },
    )
    subject = forms.TypedChoiceField(label="Lĩnh vực", coerce=int, error_messages=_required("Chọn lĩnh vực"))
    content = forms.CharField(
        label="Nội dung",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text="Nêu rõ sự việc, nơi xảy ra, từ khi nào và bạn đề nghị gì.",
        error_messages={
            "required": "Nhập nội dung đơn",
            "max_length": "Nội dung không quá %(limit_value)d ký tự (đang có %(show_value)d)",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "— Chọn lĩnh vực —"), *_subjects()]  # type: ignore[attr-defined]
        self.fields["kind"].widget.attrs["class"] = "form-check-input"

    def clean_content(self) -> str:
        content = self.cleaned_data["content"]
        if problem := rules.content_error(content, rules.Channel.ONLINE):
            raise forms.ValidationError(problem)
        return content


#: The steps of the citizens' form, in order: (slug, title, form).
PUBLIC_STEPS: tuple[tuple[str, str, type[PublicStepForm]], ...] = (
    ("nguoi-gui", "Thông tin người gửi", SenderForm),
    ("noi-dung", "Nội dung đơn", MatterForm),
)


class LookupForm(PublicStepForm):
    code = forms.CharField(
        label="Mã tra cứu", max_length=16, help_text="10 ký tự, in trên phiếu tiếp nhận.",
        error_messages=_required("Nhập mã tra cứu"),
    )  # fmt: skip
    contact = forms.CharField(
        label="Số điện thoại hoặc thư điện tử đã khai", max_length=255,
        error_messages=_required("Nhập số điện thoại hoặc thư điện tử bạn đã khai khi gửi đơn"),
    )  # fmt: skip
