"""The lists of inspections, declared once for the page, the API and the Excel export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.scoping import path_prefix_q
from danvan.core.text import format_date
from danvan.inspections import rules, selectors
from danvan.lists.fields import UnitCodeField
from danvan.lists.registry import register
from danvan.lists.spec import Column, Filter, ScopedList, Search, Sort
from danvan.units.selectors import coverage_prefixes

EVERYTHING: list[tuple[Any, str]] = [("", "Tất cả")]


def _choice(label: str, choices: list[tuple[str, str]]) -> forms.Field:
    return forms.ChoiceField(label=label, choices=EVERYTHING + choices, required=False)


def _year(label: str) -> forms.Field:
    this_year = timezone.localdate().year
    years: list[tuple[Any, str]] = [(y, str(y)) for y in range(this_year + 1, 2019, -1)]
    return forms.IntegerField(label=label, required=False, min_value=1900, max_value=2100,
                              widget=forms.Select(choices=EVERYTHING + years))  # fmt: skip


def _within(qs: QuerySet[Any], unit: Any) -> QuerySet[Any]:
    return qs.filter(path_prefix_q(coverage_prefixes(unit)))


def _day(value: Any) -> str:
    return format_date(value) if value else ""


PLANS = register(
    ScopedList(
        name="inspection_plans",
        base=selectors.plans_for,
        search=Search(label="Số, tên kế hoạch, cơ quan kiểm tra", fold=("number", "title", "body_name")),
        filters=(
            Filter("status", lambda: _choice("Trạng thái", list(rules.PlanStatus.choices)),
                   lambda qs, v: qs.filter(status=v)),
            Filter("scope", lambda: _choice("Nội dung kiểm tra", list(rules.Scope.choices)),
                   lambda qs, v: qs.filter(scopes__icontains=f'"{v}"')),
            Filter("year", lambda: _year("Năm"), lambda qs, v: qs.filter(plan_date__year=v)),
            Filter("unit", lambda: UnitCodeField(label="Mã đơn vị"), _within),
        ),
        sorts=(
            Sort("date", _("Ngày kế hoạch"), ("plan_date", "number")),
            Sort("number", _("Số"), ("number",)),
            Sort("title", _("Tên kế hoạch"), ("title",)),
            Sort("status", _("Trạng thái"), ("status", "-plan_date")),
            Sort("unit", _("Đơn vị"), ("unit__path", "-plan_date")),
        ),
        default_sort="-date",
        page_size=50,
        title="DANH SÁCH KẾ HOẠCH KIỂM TRA, GIÁM SÁT",
        filename="ke-hoach-kiem-tra",
        columns=(
            Column("Số kế hoạch", lambda p: p.number),
            Column("Ngày", lambda p: _day(p.plan_date)),
            Column("Tên kế hoạch", lambda p: p.title),
            Column("Cơ quan kiểm tra", lambda p: p.body_name),
            Column("Nội dung", lambda p: "; ".join(p.scope_labels)),
            Column("Đơn vị được kiểm tra", lambda p: "; ".join(u.name for u in p.units.all())),
            Column("Từ ngày", lambda p: _day(p.start_on)),
            Column("Đến ngày", lambda p: _day(p.end_on)),
            Column("Trạng thái", lambda p: p.get_status_display()),
            Column("Số kết luận", lambda p: p.conclusion_number),
            Column("Ngày kết luận", lambda p: _day(p.conclusion_date)),
        ),
        export_queryset=lambda qs: qs.prefetch_related("units"),
    )
)  # fmt: skip


def _queue() -> forms.Field:
    return forms.ChoiceField(label="Hàng việc", choices=list(selectors.QUEUES.items()), required=False)


RECOMMENDATIONS = register(
    ScopedList(
        name="inspection_recommendations",
        base=selectors.recommendations_for,
        search=Search(label="Nội dung, cơ quan chịu trách nhiệm", fold=("content", "responsible")),
        filters=(
            Filter("queue", _queue, selectors.in_queue, hidden=True, with_user=True),
            Filter("status", lambda: _choice("Trạng thái", list(rules.RecStatus.choices)),
                   lambda qs, v: qs.filter(status=v)),
            Filter("year", lambda: _year("Năm kiến nghị"), lambda qs, v: qs.filter(made_on__year=v)),
            Filter("unit", lambda: UnitCodeField(label="Mã đơn vị"), _within),
        ),
        sorts=(
            Sort("due", _("Thời hạn"), ("due_on",)),
            Sort("made", _("Ngày kiến nghị"), ("made_on",)),
            Sort("unit", _("Đơn vị"), ("unit__path", "due_on")),
            Sort("status", _("Trạng thái"), ("status", "due_on")),
        ),
        default_sort="due",
        page_size=50,
        title="THEO DÕI THỰC HIỆN KIẾN NGHỊ SAU KIỂM TRA",
        filename="kien-nghi-sau-kiem-tra",
        columns=(
            Column("Kế hoạch", lambda r: r.plan.number),
            Column("Đơn vị", lambda r: r.unit.name),
            Column("Nội dung kiến nghị", lambda r: r.content),
            Column("Chịu trách nhiệm", lambda r: r.responsible),
            Column("Ngày kiến nghị", lambda r: _day(r.made_on)),
            Column("Thời hạn", lambda r: _day(r.due_on)),
            Column("Trạng thái", lambda r: r.get_status_display()),
            Column("Ngày kết thúc", lambda r: _day(r.ended_on)),
            Column("Kết quả", lambda r: r.result or r.end_reason),
        ),
    )
)  # fmt: skip
