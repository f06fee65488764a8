"""The list of "Dân vận khéo" models, declared once for the page, the API and the Excel export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.scoping import path_prefix_q
from danvan.initiatives import rules, selectors
from danvan.initiatives.models import Field, Initiative
from danvan.lists.fields import UnitCodeField
from danvan.lists.registry import register
from danvan.lists.spec import Column, Filter, ScopedList, Search, Sort
from danvan.units.selectors import coverage_prefixes

EVERYTHING: list[tuple[Any, str]] = [("", "Tất cả")]


def _fields(top: bool) -> forms.Field:
    choices: list[tuple[Any, str]] = [
        (f.pk, str(f)) for f in Field.objects.filter(active=True, parent__isnull=top).select_related("parent")
    ]
    return forms.TypedChoiceField(
        label="Lĩnh vực" if top else "Lĩnh vực con",
        choices=EVERYTHING + choices,
        coerce=int,
        required=False,
        empty_value=None,
    )


def _choice(label: str, choices: list[tuple[str, str]]) -> forms.Field:
    return forms.ChoiceField(label=label, choices=EVERYTHING + choices, required=False)


def _year() -> forms.Field:
    # Any year is accepted (the API always took one); the page offers the recent ones.
    this_year = timezone.localdate().year
    years: list[tuple[Any, str]] = [(y, str(y)) for y in range(this_year + 1, 2019, -1)]
    return forms.IntegerField(
        label="Năm", required=False, min_value=1900, max_value=2100, widget=forms.Select(choices=EVERYTHING + years)
    )


def _within(qs: QuerySet[Any], unit: Any) -> QuerySet[Any]:
    """The unit's subtree and the units merged into it."""
    return qs.filter(path_prefix_q(coverage_prefixes(unit)))


INITIATIVES = register(
    ScopedList(
        name="initiatives",
        base=selectors.initiatives_for,
        search=Search(label="Tìm kiếm", folded=("name_folded",), fold=("owner_name",)),
        filters=(
            Filter("field", lambda: _fields(top=True), lambda qs, v: qs.filter(field_id=v)),
            Filter("subfield", lambda: _fields(top=False), lambda qs, v: qs.filter(subfield_id=v)),
            Filter(
                "status",
                lambda: _choice("Trạng thái", list(rules.STATUS_LABELS.items())),
                lambda qs, v: qs.filter(status=v),
            ),
            Filter(
                "level",
                lambda: _choice("Cấp công nhận", list(rules.LEVEL_LABELS.items())),
                lambda qs, v: qs.filter(level=v),
            ),
            Filter("kind", lambda: _choice("Loại", list(Initiative.Kind.choices)), lambda qs, v: qs.filter(kind=v)),
            Filter("year", _year, lambda qs, v: qs.filter(year=v)),
            Filter("unit", lambda: UnitCodeField(label="Mã đơn vị"), _within),
        ),
        sorts=(
            Sort("year", _("Năm"), ("year", "unit__path", "name")),
            Sort("name", _("Tên mô hình, điển hình"), ("name_folded", "name")),  # folded: "Bế" before "Biến"
            Sort("unit", _("Đơn vị"), ("unit__path", "name")),
            Sort("field", _("Lĩnh vực"), ("field__name", "name")),
            Sort("status", _("Trạng thái"), ("status", "name")),
            Sort("level", _("Cấp"), ("level", "name")),
            Sort("registered", _("Ngày đăng ký"), ("registered_on", "name")),
        ),
        default_sort="-year",
        page_size=50,
        title="DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
        filename="mo-hinh-dan-van-kheo",
        describe_filters=True,
        columns=(
            Column("Năm", lambda i: i.year),
            Column("Đơn vị", lambda i: i.unit.name),
            Column("Mã đơn vị", lambda i: i.unit.code),
            Column("Loại", lambda i: i.get_kind_display()),
            Column("Tên mô hình, điển hình", lambda i: i.name),
            Column("Tập thể, cá nhân", lambda i: i.owner_name),
            Column("Chức vụ", lambda i: i.owner_position),
            Column("Lĩnh vực", lambda i: i.field.name),
            Column("Lĩnh vực con", lambda i: i.subfield.name if i.subfield else ""),
            Column("Trạng thái", lambda i: rules.STATUS_LABELS[i.status]),
            Column("Ngày đăng ký", lambda i: i.registered_on),
            Column("Cấp công nhận", lambda i: rules.LEVEL_LABELS.get(i.level, "")),
            Column("Số quyết định", lambda i: i.recognition_no),
            Column("Ngày công nhận", lambda i: i.recognised_on),
            Column("Ngày chọn điển hình", lambda i: i.exemplary_on),
            Column("Ngày nhân rộng", lambda i: i.replicated_on),
        ),
    )
)
