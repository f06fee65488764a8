"""The lists of the one-stop area, declared once for the page, the API and the Excel export."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.scoping import path_prefix_q
from danvan.core.text import format_datetime
from danvan.lists.fields import UnitCodeField
from danvan.lists.registry import register
from danvan.lists.spec import Column, Filter, ScopedList, Search, Sort
from danvan.onestop import rules, selectors
from danvan.units.selectors import coverage_prefixes

EVERYTHING: list[tuple[Any, str]] = [("", "Tất cả")]


def _choice(label: str, choices: list[tuple[str, str]]) -> forms.Field:
    return forms.ChoiceField(label=label, choices=EVERYTHING + choices, required=False)


def _queue() -> forms.Field:
    return forms.ChoiceField(label="Hàng việc", choices=list(selectors.QUEUES.items()), required=False)


def _within(qs: QuerySet[Any], unit: Any) -> QuerySet[Any]:
    return qs.filter(path_prefix_q(coverage_prefixes(unit)))


def _year() -> forms.Field:
    this_year = timezone.localdate().year
    years: list[tuple[Any, str]] = [(y, str(y)) for y in range(this_year, 2019, -1)]
    return forms.IntegerField(
        label="Năm tiếp nhận", required=False, min_value=1900, max_value=2100,
        widget=forms.Select(choices=EVERYTHING + years),
    )  # fmt: skip


def _default_sort(values: Mapping[str, Any]) -> str:
    return "due" if values.get("queue") in ("due_tomorrow", "overdue", "mine") else "-received"


def _local(value: Any) -> str:
    return format_datetime(timezone.localtime(value)) if value else ""


DOSSIERS = register(
    ScopedList(
        name="dossiers",
        base=selectors.dossiers_for,
        search=Search(label="Mã hồ sơ, người nộp, thủ tục", fold=("code", "applicant_name", "procedure__name")),
        filters=(
            Filter("queue", _queue, selectors.in_queue, hidden=True, with_user=True),
            Filter(
                "status", lambda: _choice("Trạng thái", list(rules.Status.choices)), lambda qs, v: qs.filter(status=v)
            ),
            Filter(
                "channel",
                lambda: _choice("Hình thức nộp", list(rules.Channel.choices)),
                lambda qs, v: qs.filter(channel=v),
            ),
            Filter(
                "timeliness",
                lambda: _choice("Kết quả so với hạn", list(rules.Timeliness.choices)),
                lambda qs, v: qs.filter(timeliness=v),
            ),
            Filter(
                "field",
                lambda: forms.CharField(label="Lĩnh vực", required=False, max_length=150),
                lambda qs, v: qs.filter(field=v),
            ),
            Filter("year", _year, lambda qs, v: qs.filter(received_on__year=v)),
            Filter("unit", lambda: UnitCodeField(label="Mã đơn vị"), _within),
        ),
        sorts=(
            Sort("code", _("Mã hồ sơ"), ("code",)),
            Sort("received", _("Ngày tiếp nhận"), ("received_at", "pk")),
            Sort("due", _("Hạn trả"), ("due_at", "pk")),
            Sort("procedure", _("Thủ tục"), ("procedure__name", "-received_at")),
            Sort("status", _("Trạng thái"), ("status", "-received_at")),
            Sort("unit", _("Đơn vị"), ("unit__path", "-received_at")),
        ),
        default_sort=_default_sort,
        page_size=50,
        title="SỔ THEO DÕI HỒ SƠ",
        filename="so-theo-doi-ho-so",
        personal_data=True,  # the applicants' names and phones: each export is logged
        columns=(
            Column("Mã hồ sơ", lambda d: d.code),
            Column("Thủ tục", lambda d: d.procedure.name),
            Column("Lĩnh vực", lambda d: d.field),
            Column("Người nộp", lambda d: d.applicant_name),
            Column("Điện thoại", lambda d: d.applicant_phone),
            Column("Hình thức nộp", lambda d: d.get_channel_display()),
            Column("Nơi tiếp nhận", lambda d: d.service_point.name),
            Column("Đơn vị", lambda d: d.unit.name),
            Column("Tiếp nhận lúc", lambda d: _local(d.received_at)),
            Column("Hẹn trả", lambda d: _local(d.due_at)),
            Column("Có kết quả lúc", lambda d: _local(d.finished_at)),
            Column("Kết quả so với hạn", lambda d: d.get_timeliness_display()),
            Column("Trả kết quả lúc", lambda d: _local(d.returned_at)),
            Column("Trạng thái", lambda d: d.get_status_display()),
        ),
    )
)
