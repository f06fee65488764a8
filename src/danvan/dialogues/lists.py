"""The lists of the dialogues area, declared once for the page, the API and the Excel export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.scoping import path_prefix_q
from danvan.core.text import format_date
from danvan.dialogues import rules, selectors
from danvan.lists.fields import UnitCodeField
from danvan.lists.registry import register
from danvan.lists.spec import Column, Filter, ScopedList, Search, Sort
from danvan.units.selectors import coverage_prefixes

EVERYTHING: list[tuple[Any, str]] = [("", "Tất cả")]


def _choice(label: str, choices: list[tuple[str, str]]) -> forms.Field:
    return forms.ChoiceField(label=label, choices=EVERYTHING + choices, required=False)


def _within(qs: QuerySet[Any], unit: Any) -> QuerySet[Any]:
    return qs.filter(path_prefix_q(coverage_prefixes(unit)))


def _year(label: str) -> forms.Field:
    this_year = timezone.localdate().year
    years: list[tuple[Any, str]] = [(y, str(y)) for y in range(this_year, 2014, -1)]
    return forms.IntegerField(label=label, required=False, min_value=1900, max_value=2100,
                              widget=forms.Select(choices=EVERYTHING + years))  # fmt: skip


def _date(value: Any) -> str:
    return format_date(value) if value else ""


MEETINGS = register(
    ScopedList(
        name="dialogue_meetings",
        base=selectors.meetings_for,
        search=Search(label="Chủ đề, địa điểm, người chủ trì", fold=("topic", "place", "host_name")),
        filters=(
            Filter("kind", lambda: _choice("Loại", list(rules.MeetingKind.choices)), lambda qs, v: qs.filter(kind=v)),
            Filter("status", lambda: _choice("Trạng thái", list(rules.MeetingStatus.choices)),
                   lambda qs, v: qs.filter(status=v)),
            Filter("year", lambda: _year("Năm"), lambda qs, v: qs.filter(planned_on__year=v)),
            Filter("unit", lambda: UnitCodeField(label="Mã đơn vị"), _within),
        ),
        sorts=(
            Sort("date", "Ngày", ("planned_on",)),
            Sort("topic", "Chủ đề", ("topic", "-planned_on")),
            Sort("kind", "Loại", ("kind", "-planned_on")),
            Sort("unit", "Đơn vị", ("unit__path", "-planned_on")),
            Sort("status", "Trạng thái", ("status", "-planned_on")),
        ),
        default_sort="-date",
        page_size=50,
        title="SỔ THEO DÕI ĐỐI THOẠI, TIẾP XÚC CỬ TRI",
        filename="so-doi-thoai-tiep-xuc-cu-tri",
        columns=(
            Column("Ngày", lambda m: _date(m.held_on or m.planned_on)),
            Column("Loại", lambda m: m.kind_label),
            Column("Kỳ họp", lambda m: m.session),
            Column("Chủ đề", lambda m: m.topic),
            Column("Đơn vị", lambda m: m.unit.name),
            Column("Địa điểm", lambda m: m.place),
            Column("Chủ trì", lambda m: m.host_label),
            Column("Thành phần mời", lambda m: ", ".join(m.invited_labels)),
            Column("Số người dự", lambda m: m.attendance_total),
            Column("Số ý kiến", lambda m: m.issues_raised),
            Column("Trả lời tại chỗ", lambda m: m.issues_answered),
            Column("Trạng thái", lambda m: m.get_status_display()),
        ),
    )
)  # fmt: skip


def _queue() -> forms.Field:
    return forms.ChoiceField(label="Hàng việc", choices=list(selectors.QUEUES.items()), required=False)


def _overdue(qs: QuerySet[Any], value: str) -> QuerySet[Any]:
    overdue = selectors.overdue_q(timezone.localdate())
    return qs.filter(overdue) if value == "yes" else qs.exclude(overdue)


COMMITMENTS = register(
    ScopedList(
        name="commitments",
        base=selectors.commitments_for,
        search=Search(label="Nội dung, cơ quan, người chịu trách nhiệm",
                      fold=("content", "responsible_text", "responsible_person", "responsible_organization__name")),
        filters=(
            Filter("queue", _queue, selectors.in_queue, hidden=True, with_user=True),
            Filter("status", lambda: _choice("Trạng thái", list(rules.CommitmentStatus.choices)),
                   lambda qs, v: qs.filter(status=v)),
            Filter("overdue", lambda: _choice("Quá hạn", [("yes", "Quá hạn"), ("no", "Không quá hạn")]), _overdue),
            Filter("published", lambda: _choice("Công khai", [("yes", "Đã công khai"), ("no", "Chưa công khai")]),
                   lambda qs, v: qs.filter(published=v == "yes")),
            Filter("year", lambda: _year("Năm cam kết"), lambda qs, v: qs.filter(made_on__year=v)),
            Filter("unit", lambda: UnitCodeField(label="Mã đơn vị"), _within),
        ),
        sorts=(
            Sort("due", "Hạn", ("due_on",)),
            Sort("made", "Ngày cam kết", ("made_on",)),
            Sort("status", "Trạng thái", ("status", "due_on")),
            Sort("unit", "Đơn vị", ("unit__path", "due_on")),
        ),
        default_sort="due",
        page_size=50,
        title="SỔ THEO DÕI CAM KẾT, KẾT LUẬN CỦA LÃNH ĐẠO",
        filename="so-theo-doi-cam-ket",
        columns=(
            Column("Nội dung", lambda c: c.content),
            Column("Đơn vị", lambda c: c.unit.name),
            Column("Buổi làm việc", lambda c: c.meeting.topic if c.meeting else ""),
            Column("Cơ quan chịu trách nhiệm", lambda c: c.responsible_label),
            Column("Ngày cam kết", lambda c: _date(c.made_on)),
            Column("Hạn", lambda c: _date(c.due_on)),
            Column("Trạng thái", lambda c: c.get_status_display() + (" (quá hạn)" if c.is_overdue else "")),
            Column("Ngày thực hiện xong", lambda c: _date(c.done_on)),
            Column("So với hạn", lambda c: c.get_timeliness_display()),
            Column("Công khai", lambda c: "Có" if c.published else ""),
        ),
    )
)  # fmt: skip
