"""The publications register, declared once for the page, the API and the Excel export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.scoping import path_prefix_q
from danvan.core.text import format_date
from danvan.democracy import rules, selectors
from danvan.lists.fields import UnitCodeField
from danvan.lists.registry import register
from danvan.lists.spec import Column, Filter, ScopedList, Search, Sort
from danvan.units.selectors import coverage_prefixes

EVERYTHING: list[tuple[Any, str]] = [("", "Tất cả")]
CHECKS = [
    ("issue", "Có cảnh báo"),
    ("late", "Công khai trễ"),
    ("posting", "Niêm yết chưa đủ"),
    ("broadcast", "Phát loa chưa đủ"),
    ("ok", "Đạt yêu cầu"),
]


def _check(qs: QuerySet[Any], value: str) -> QuerySet[Any]:
    return {
        "issue": lambda: qs.filter(has_issue=True),
        "late": lambda: qs.filter(late_days__gt=0),
        "posting": lambda: qs.filter(posting_short=True),
        "broadcast": lambda: qs.filter(broadcast_short=True),
        "ok": lambda: qs.filter(has_issue=False),
    }[value]()


def _year() -> forms.Field:
    this = timezone.localdate().year
    return forms.TypedChoiceField(
        label="Năm công khai",
        required=False,
        coerce=int,
        empty_value=None,
        choices=EVERYTHING + [(y, str(y)) for y in range(this, 2022, -1)],
    )


PUBLICATIONS = register(
    ScopedList(
        name="democracy_publications",
        base=selectors.publications_for,
        search=Search(label="Tên, số văn bản", fold=("title", "document_ref")),
        filters=(
            Filter(
                "category",
                lambda: forms.TypedChoiceField(
                    label="Nội dung (Điều 11)",
                    required=False,
                    coerce=int,
                    empty_value=None,
                    choices=EVERYTHING + list(rules.Category.choices),
                ),
                lambda qs, v: qs.filter(category=v),
            ),
            Filter(
                "check",
                lambda: forms.ChoiceField(label="Kiểm tra", required=False, choices=EVERYTHING + CHECKS),
                _check,
            ),
            Filter("year", _year, lambda qs, v: qs.filter(published_on__year=v)),
            Filter(
                "unit",
                lambda: UnitCodeField(label="Mã đơn vị"),
                lambda qs, unit: qs.filter(path_prefix_q(coverage_prefixes(unit))),
            ),
        ),
        sorts=(
            Sort("published", "Ngày công khai", ("published_on",)),
            Sort("decided", "Ngày ban hành", ("decided_on",)),
            Sort("category", "Nội dung", ("category", "-published_on")),
            Sort("unit", "Đơn vị", ("unit__path", "-published_on")),
        ),
        default_sort="-published",
        page_size=50,
        title="SỔ THEO DÕI CÔNG KHAI THÔNG TIN",
        filename="so-cong-khai-thong-tin",
        columns=(
            Column("Đơn vị", lambda p: p.unit.name),
            Column("Nội dung (Điều 11)", lambda p: p.get_category_display()),
            Column("Tên thông tin", lambda p: p.title),
            Column("Số, ký hiệu", lambda p: p.document_ref),
            Column("Ngày ban hành", lambda p: format_date(p.decided_on)),
            Column("Ngày công khai", lambda p: format_date(p.published_on)),
            Column("Hạn công khai", lambda p: format_date(p.due_on)),
            Column("Hình thức (Điều 12)", lambda p: "; ".join(p.form_labels())),
            Column("Niêm yết từ", lambda p: format_date(p.posted_from) if p.posted_from else ""),
            Column(
                "Niêm yết đến",
                lambda p: format_date(p.posted_to) if p.posted_to else ("Thường xuyên" if p.permanent else ""),
            ),
            Column("Số ngày phát loa", lambda p: p.broadcast_days),
            Column("Cảnh báo", lambda p: " ".join(p.warnings)),
        ),
    )
)
