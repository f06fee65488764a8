"""The declaration of a scoped list, and a list bound to a user and a query string.

An area writes one :class:`ScopedList` (see ``initiatives/lists.py`` and ``petitions/lists.py``); the
page, the API and the export all go through :meth:`ScopedList.bind`, so they filter, search and sort
alike and always start from the area's selector, ``Model.objects.visible_to(user, permission)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, OrderBy, QuerySet
from django.utils.functional import Promise

from danvan.core.forms import widget_css
from danvan.lists.search import search_q

Apply = Callable[..., QuerySet[Any]]

#: The query parameter that names the sort key (``name`` ascending, ``-name`` descending).
SORT_PARAM = "sort"


@dataclass(frozen=True)
class Filter:
    """One filter: its query parameter, a fresh form field (Vietnamese label, choices read when the form
    is built), and how a valid, non-empty value narrows the queryset."""

    name: str
    field: Callable[[], forms.Field]
    apply: Apply
    #: Drawn by the page itself (the queue tabs), not in the filter form's row of fields.
    hidden: bool = False
    #: ``apply`` also takes the user (a queue such as "mine"): ``apply(qs, value, user)``.
    with_user: bool = False

    def narrow(self, qs: QuerySet[Any], value: Any, user: Any) -> QuerySet[Any]:
        return self.apply(qs, value, user) if self.with_user else self.apply(qs, value)


@dataclass(frozen=True)
class Search:
    """The accent-free search box: every folded word must be in one of the columns.

    ``folded`` columns are stored folded (``name_folded``); ``fold`` columns are folded in SQL.
    """

    label: str
    folded: tuple[str, ...] = ()
    fold: tuple[str, ...] = ()
    param: str = "q"


@dataclass(frozen=True)
class Sort:
    """A sort key: ``order_by`` ascending; descending turns the first column round, and the rest
    (tie-breakers, e.g. unit then name under a year) stay as written. The primary key ends every order,
    so that pages never overlap."""

    key: str
    #: Shown in the column header, translated when the page is drawn (gettext_lazy).
    label: str | Promise
    order_by: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """An export column: its header and its value for one row."""

    header: str
    value: Callable[[Any], Any]


def _unchanged(qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs


@dataclass(frozen=True)
class ScopedList:
    name: str
    #: The selector: the records ``user`` may see, i.e. ``Model.objects.visible_to(user, permission)``.
    base: Callable[[Any], QuerySet[Any]]
    filters: tuple[Filter, ...]
    search: Search | None
    sorts: tuple[Sort, ...]
    #: A key of ``sorts`` (``-year``), or a function of the valid filter values that gives one.
    default_sort: str | Callable[[Mapping[str, Any]], str]
    page_size: int
    #: The export: title, file name (today's date is added) and columns; STT (row number) comes first.
    title: str
    filename: str
    columns: tuple[Column, ...]
    export_queryset: Callable[[QuerySet[Any]], QuerySet[Any]] = _unchanged
    #: Write "Điều kiện lọc: …" under the title (the initiatives file always did; the cases file never).
    describe_filters: bool = False
    #: The rows carry personal data (a citizen's name, contacts): every export of the list is written to
    #: the access log, who, when, which filters, how many rows (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).
    personal_data: bool = False
    sort_labels: dict[str, str | Promise] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sort_labels", {s.key: s.label for s in self.sorts})

    def form(self, data: Mapping[str, Any] | None) -> FilterForm:
        return FilterForm(data, spec=self)

    def bind(self, user: Any, data: Mapping[str, Any] | None) -> BoundList:
        """The list for ``user`` with the query string ``data``: the valid filters apply, the others are
        reported on the form (the page shows them; the API answers 422)."""
        form = self.form(data if data else None)
        values: dict[str, Any] = {}
        if form.is_bound:
            form.is_valid()
            values = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", [])}
        sort = str((data or {}).get(SORT_PARAM) or "")
        sort_error = bool(sort) and sort.removeprefix("-") not in self.sort_labels
        if not sort or sort_error:
            sort = self.default_sort(values) if callable(self.default_sort) else self.default_sort
        return BoundList(spec=self, user=user, form=form, values=values, sort=sort, sort_error=sort_error)


def _nullable(model: Any, path: str) -> bool:
    """Whether ``path`` (``unit__path``) can be NULL: a nullable column, or a nullable relation on the way."""
    *relations, last = path.split("__")
    try:
        for name in relations:
            field = model._meta.get_field(name)
            if field.null:
                return True
            model = field.related_model
        return last != "pk" and bool(model._meta.get_field(last).null)
    except FieldDoesNotExist:  # an annotation: say it may be empty
        return True


class FilterForm(forms.Form):
    """The filter form of a list: the search box, then each filter's field, in the declared order."""

    def __init__(self, data: Mapping[str, Any] | None, *, spec: ScopedList) -> None:
        super().__init__(data)
        self.spec = spec
        if spec.search is not None:
            self.fields[spec.search.param] = forms.CharField(label=spec.search.label, required=False, max_length=200)
        for f in spec.filters:
            self.fields[f.name] = f.field()
        for name, form_field in self.fields.items():
            if any(f.name == name and f.hidden for f in spec.filters):
                form_field.widget = forms.HiddenInput()
                continue
            form_field.widget.attrs.setdefault("class", widget_css(form_field.widget, small=True))

    def visible_filters(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not isinstance(self.fields[name].widget, forms.HiddenInput)]

    def described(self) -> list[str]:
        """The filters in use, as "Label: value" (a choice shows its label, not its code)."""
        result: list[str] = []
        cleaned = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        for name, value in cleaned.items():
            if value in (None, "", []):
                continue
            form_field = self.fields[name]
            shown = dict((str(k), v) for k, v in getattr(form_field, "choices", [])).get(str(value), value)
            result.append(f"{form_field.label}: {getattr(shown, 'code', None) or shown}")
        return result


@dataclass
class BoundList:
    spec: ScopedList
    user: Any
    form: FilterForm
    values: dict[str, Any]
    sort: str
    sort_error: bool = False

    def filtered(self, *, without: str = "") -> QuerySet[Any]:
        """The base queryset narrowed by the valid filters and the search (``without`` one filter)."""
        qs = self.spec.base(self.user)
        search = self.spec.search
        if search is not None and (text := self.values.get(search.param)):
            qs = qs.filter(search_q(text, folded=search.folded, fold_on_the_fly=search.fold))
        for f in self.spec.filters:
            if f.name != without and f.name in self.values:
                qs = f.narrow(qs, self.values[f.name], self.user)
        return qs

    def queryset(self) -> QuerySet[Any]:
        return self.filtered().order_by(*self.ordering())

    def ordering(self) -> list[OrderBy]:
        descending = self.sort.startswith("-")
        sort = next(s for s in self.spec.sorts if s.key == self.sort.removeprefix("-"))
        model = self.spec.base(self.user).model
        result: list[OrderBy] = []
        for n, column in enumerate(sort.order_by):
            down = column.startswith("-") != (descending and n == 0)
            name = column.removeprefix("-")
            # Empty values last on both databases; only where a column can be empty, so that PostgreSQL
            # still walks an index for the others (its DESC puts NULLs first, SQLite's ASC does).
            nulls_last = True if _nullable(model, name) else None
            expression = F(name)
            result.append(expression.desc(nulls_last=nulls_last) if down else expression.asc(nulls_last=nulls_last))
        result.append(F("pk").desc() if descending else F("pk").asc())
        return result

    def counts(self, name: str, values: Sequence[Any]) -> dict[Any, int]:
        """How many records each value of filter ``name`` would list, with every other filter as it is."""
        f = next(f for f in self.spec.filters if f.name == name)
        qs = self.filtered(without=name)
        return {v: (f.narrow(qs, v, self.user) if v not in (None, "") else qs).count() for v in values}

    def errors(self) -> list[tuple[str, str, str]]:
        """(label, message, code) of every refused filter value, the sort key included."""
        result: list[tuple[str, str, str]] = []
        if self.form.is_bound:
            for name, errors in self.form.errors.as_data().items():
                label = str(self.form.fields[name].label) if name in self.form.fields else name
                result.extend((label, str(e.messages[0]), str(e.code or "")) for e in errors)
        if self.sort_error:
            allowed = ", ".join(self.spec.sort_labels)
            result.append(("Sắp xếp", f"Chỉ sắp xếp theo: {allowed} (thêm “-” để giảm dần).", "invalid"))
        return result

    def field_errors(self) -> dict[str, list[str]]:
        """The refused filter values by parameter name (the API's per-field ``errors``)."""
        result: dict[str, list[str]] = {}
        if self.form.is_bound:
            for name, errors in self.form.errors.as_data().items():
                label = str(self.form.fields[name].label) if name in self.form.fields else name
                result.setdefault(name, []).extend(f"{label}: {e.messages[0]}" for e in errors)
        if self.sort_error:
            allowed = ", ".join(self.spec.sort_labels)
            result.setdefault("sort", []).append(f"Sắp xếp: chỉ theo {allowed} (thêm “-” để giảm dần).")
        return result

    def rows(self) -> Iterator[list[Any]]:
        """The export's rows, numbered from 1, read in chunks so that memory stays flat."""
        qs = self.spec.export_queryset(self.queryset())
        for n, record in enumerate(qs.iterator(chunk_size=2000), start=1):
            yield [n, *(c.value(record) for c in self.spec.columns)]

    @property
    def header(self) -> list[str]:
        return ["STT", *(c.header for c in self.spec.columns)]
