"""The area's forms: they shape input only; every rule is checked again by :mod:`.services`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from danvan.core.forms import DateInput, StyledForm, widget_css
from danvan.dialogues import rules
from danvan.dialogues.services import CommitmentIn, GroupIn

BLANK: list[tuple[Any, str]] = [("", "—")]
_TEXTAREA = {"rows": 2}


def _choices(field: Any, choices: list[tuple[Any, str]]) -> None:
    field.choices = choices


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.username)


def _date(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])


class PlanForm(StyledForm):
    kind = forms.ChoiceField(
        label="Loại", choices=rules.MeetingKind.choices, widget=forms.RadioSelect, initial=rules.MeetingKind.DIALOGUE
    )
    topic = forms.CharField(label="Chủ đề, nội dung", max_length=500)
    planned_on = _date("Ngày tổ chức", required=True)
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    host = forms.TypedChoiceField(label="Lãnh đạo chủ trì", coerce=int, required=False, empty_value=None)
    host_name = forms.CharField(label="Hoặc ghi họ tên người chủ trì", max_length=150, required=False)
    host_position = forms.CharField(label="Chức vụ người chủ trì", max_length=255, required=False)
    invited_groups = forms.MultipleChoiceField(
        label="Thành phần mời", choices=rules.Group.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    council = forms.ChoiceField(
        label="Tiếp xúc cử tri: kỳ họp của", choices=BLANK + list(rules.Council.choices), required=False
    )
    timing = forms.ChoiceField(label="Trước / sau kỳ họp", choices=BLANK + list(rules.Timing.choices), required=False)
    session = forms.CharField(
        label="Kỳ họp", max_length=255, required=False, help_text="Ví dụ: Kỳ họp thứ mười, HĐND tỉnh khóa XIV"
    )
    notice = forms.CharField(
        label="Thông báo, giấy mời", widget=forms.Textarea(attrs=_TEXTAREA), required=False, max_length=20000
    )
    campaign = forms.TypedChoiceField(label="Thuộc cuộc vận động", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, hosts: list[Any], campaigns: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hosts = {u.pk: u for u in hosts}
        self.campaigns = {c.pk: c for c in campaigns}
        _choices(self.fields["host"], BLANK + [(u.pk, _name(u)) for u in hosts])
        _choices(self.fields["campaign"], BLANK + [(c.pk, c.name) for c in campaigns])
        for name in ("invited_groups", "kind"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class RecordForm(StyledForm):
    held_on = _date("Ngày đã tổ chức", required=True)
    summary = forms.CharField(
        label="Tóm tắt kết quả", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=20000
    )
    issues_raised = forms.IntegerField(label="Tổng số ý kiến (nếu nhiều hơn số ghi dưới đây)", required=False)
    issues_answered = forms.IntegerField(label="Số ý kiến đã trả lời tại chỗ (nếu khác)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in rules.Group.choices:
            self.fields[f"attendance_{value}"] = forms.IntegerField(
                label=label,
                required=False,
                widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
            )

    def attendance_fields(self) -> list[forms.BoundField]:
        return [self[f"attendance_{v}"] for v in rules.Group.values]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("held_on", "summary", "issues_raised", "issues_answered")]

    def attendance(self) -> dict[str, int | None]:
        return {v: self.cleaned_data.get(f"attendance_{v}") for v in rules.Group.values}


class IssueForm(StyledForm):
    text = forms.CharField(
        label="Ý kiến, kiến nghị", widget=forms.Textarea(attrs=_TEXTAREA), required=False, max_length=5000
    )
    field = forms.ChoiceField(label="Lĩnh vực", choices=rules.Field.choices, initial=rules.Field.OTHER)
    raised_by_name = forms.CharField(label="Người nêu (không công khai)", max_length=150, required=False)
    raised_by_group = forms.ChoiceField(label="Thuộc nhóm", choices=BLANK + list(rules.Group.choices), required=False)
    petition_ref = forms.CharField(label="Số vụ việc đơn thư liên quan", max_length=64, required=False)
    answer = forms.CharField(
        label="Trả lời tại chỗ", widget=forms.Textarea(attrs=_TEXTAREA), required=False, max_length=5000
    )

    def issue(self) -> rules.IssueIn | None:
        data = self.cleaned_data
        if not data or not any(data.get(n) for n in ("text", "raised_by_name", "petition_ref", "answer")):
            return None
        return rules.IssueIn(
            text=data["text"],
            field=data["field"],
            raised_by_name=data["raised_by_name"],
            raised_by_group=data["raised_by_group"],
            petition_ref=data["petition_ref"],
            answer=data["answer"],
        )


class CommitmentForm(StyledForm):
    content = forms.CharField(
        label="Nội dung cam kết, kết luận", widget=forms.Textarea(attrs=_TEXTAREA), required=False, max_length=5000
    )
    responsible_organization = forms.TypedChoiceField(
        label="Cơ quan chịu trách nhiệm", coerce=int, required=False, empty_value=None
    )
    responsible_text = forms.CharField(label="Hoặc ghi tên cơ quan, đơn vị", max_length=255, required=False)
    responsible_person = forms.CharField(label="Người chịu trách nhiệm", max_length=150, required=False)
    responsible_user = forms.TypedChoiceField(label="Cán bộ theo dõi", coerce=int, required=False, empty_value=None)
    due_on = _date("Hạn thực hiện")
    to_whom = forms.CharField(
        label="Cam kết với", max_length=255, required=False, help_text="Ví dụ: cử tri thôn Nà Pài; tiểu thương chợ cũ"
    )
    issue = forms.IntegerField(label="Trả lời ý kiến số", required=False, min_value=1)

    def __init__(
        self, *args: Any, organizations: list[Any], people: list[Any], with_issue: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {o.pk: o for o in organizations}
        self.people = {u.pk: u for u in people}
        _choices(self.fields["responsible_organization"], BLANK + [(o.pk, o.name) for o in organizations])
        _choices(self.fields["responsible_user"], BLANK + [(u.pk, _name(u)) for u in people])
        if not with_issue:
            del self.fields["issue"]

    def filled(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(n) for n in ("content", "responsible_organization", "responsible_text", "due_on"))

    def commitment(self) -> CommitmentIn:
        d = self.cleaned_data
        return CommitmentIn(
            content=d["content"],
            due_on=d["due_on"],
            responsible_organization=self.organizations.get(d["responsible_organization"] or 0),
            responsible_text=d["responsible_text"],
            responsible_person=d["responsible_person"],
            responsible_user=self.people.get(d["responsible_user"] or 0),
            to_whom=d["to_whom"],
            issue=d.get("issue"),
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ReportForm(StyledForm):
    note = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False)
    reference = forms.CharField(label="Số văn bản, đường dẫn minh chứng", max_length=500, required=False)
    on = _date("Ngày")
    evidence = MultipleFileField(label="Tệp minh chứng (ảnh, PDF, Word, Excel)", required=False)

    def __init__(self, *args: Any, complete: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if complete:
            self.fields["note"].label = "Kết quả đã thực hiện"
            self.fields["on"].label = "Ngày thực hiện xong"
            self.fields["evidence"].help_text = "Cần ít nhất một tệp, hoặc ghi số văn bản hay đường dẫn."
        self.fields["evidence"].widget.attrs["class"] = widget_css(forms.FileInput())


class CampaignForm(StyledForm):
    name = forms.CharField(label="Tên cuộc vận động", max_length=255)
    goal = forms.CharField(label="Mục tiêu", widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)
    households_target = forms.IntegerField(label="Số hộ cần vận động", required=False)
    planned_start = _date("Ngày dự kiến bắt đầu")


class GroupForm(StyledForm):
    name = forms.CharField(label="Tên tổ công tác", max_length=150, required=False)
    leader = forms.CharField(label="Tổ trưởng", max_length=150, required=False)
    members = forms.CharField(
        label="Thành viên", widget=forms.Textarea(attrs=_TEXTAREA), required=False, max_length=5000
    )
    tasks = forms.CharField(label="Nhiệm vụ", widget=forms.Textarea(attrs=_TEXTAREA), required=False, max_length=5000)
    households = forms.IntegerField(label="Số hộ phụ trách", required=False)

    def group(self) -> GroupIn | None:
        d = getattr(self, "cleaned_data", {})
        if not d or not any(d.get(n) for n in ("name", "leader", "members", "tasks")):
            return None
        return GroupIn(
            name=d["name"], leader=d["leader"], members=d["members"], tasks=d["tasks"], households=d["households"]
        )


def put_errors(exc: ValidationError, *, form: forms.Form, rows: Mapping[str, Sequence[forms.Form]]) -> None:
    """A service's errors onto the page: "issues-2-text" onto the second issue's field, the rest onto the
    main form (its field if it has it, else the form)."""
    for name, messages in exc.message_dict.items():
        prefix, _, rest = name.partition("-")
        if prefix in rows and rest:
            number, _, field = rest.partition("-")
            if number.isdigit() and 1 <= int(number) <= len(rows[prefix]):
                row = rows[prefix][int(number) - 1]
                for message in messages:
                    row.add_error(field if field in row.fields else None, message)
                continue
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
