"""Choosing a unit by name: the accessible combobox, its form field, and the search both share.

One field for every form that picks a unit (the citizens' form, the reception desk, the registration of a
model, the creation of an account). Without JavaScript it is a plain text box that takes an official code
("01840") or a name ("duc xuan", accents not needed); with JavaScript (``static/danvan/forms.js``) it is
an ARIA 1.2 combobox whose suggestions come from a JSON search endpoint and show where each unit lies
(province › commune › hamlet). The choice travels as the unit's id in a hidden companion input; the text
alone is resolved the same way on the server, so the two paths agree.

The field knows nothing of users: the caller gives it the units it may offer (a queryset, or a callable
returning one, evaluated per request), and the URL of the endpoint that searches that same set. The areas
import it from here because they may not import the web shell.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from danvan.core.text import fold
from danvan.units.models import Unit, UnitQuerySet
from danvan.units.rules import Level

#: Suggestions shown at most; typing more narrows them.
SEARCH_LIMIT = 12
#: The separator of the trail, read as "thuộc" by a screen reader through the option's full label.
TRAIL_SEPARATOR = " › "

UnitSet = UnitQuerySet | Callable[[], UnitQuerySet]


@dataclass(frozen=True)
class UnitOption:
    """A unit as a suggestion: its name and the units above it, province first."""

    unit: Unit
    ancestors: tuple[Unit, ...]

    @property
    def trail(self) -> str:
        return TRAIL_SEPARATOR.join(u.name for u in self.ancestors)

    @property
    def label(self) -> str:
        """What the text box shows once chosen: "Phường Đức Xuân — Tỉnh Thái Nguyên"."""
        return f"{self.unit.name} — {self.ancestors[-1].name}" if self.ancestors else self.unit.name

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.unit.pk,
            "code": self.unit.code,
            "name": self.unit.name,
            "level": self.unit.level,
            "trail": self.trail,
            "label": self.label,
        }


def with_ancestors(units: Iterable[Unit]) -> list[UnitOption]:
    """Each unit with its ancestors, fetched in one query for all of them (a path's prefixes are its
    ancestors' paths)."""
    units = list(units)
    prefixes: set[str] = set().union(*(_prefixes(u.path) for u in units)) if units else set()
    above = {a.path: a for a in Unit.objects.filter(path__in=prefixes)} if prefixes else {}
    return [UnitOption(u, tuple(above[p] for p in sorted(_prefixes(u.path), key=len) if p in above)) for u in units]


def _prefixes(path: str) -> set[str]:
    return {path[:i] for i in range(Unit.steplen, len(path), Unit.steplen)}


def search(units: UnitQuerySet, query: str, *, limit: int = SEARCH_LIMIT) -> list[UnitOption]:
    """Units of ``units`` whose official code is ``query``, then those whose name holds every word of it,
    accents folded ("duc xuan" finds "Phường Đức Xuân"); higher levels first, then by name."""
    query = query.strip()[:100]
    if not fold(query).strip():
        return []
    exact = list(units.filter(code=query).exclude(code="").order_by("depth", "path")[:limit]) if query.isdigit() else []
    named = units.search(query).exclude(pk__in=[u.pk for u in exact]).order_by("depth", "name_folded", "path")
    return with_ancestors([*exact, *named[: max(0, limit - len(exact))]])


def communes_today(day: datetime.date | None = None) -> UnitQuerySet:
    """The units a citizen sends a petition to: communes, wards and special zones in force today."""
    return Unit.objects.valid_on(day or timezone.localdate()).filter(level=Level.COMMUNE)


class UnitCombobox(forms.TextInput):
    """The text box of :class:`UnitChoiceField`; ``search_url`` answers ``?q=`` with JSON suggestions."""

    template_name = "units/combobox.html"

    def __init__(self, search_url: str | Callable[[], str] = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.search_url = search_url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        chosen = value if isinstance(value, dict) else {}
        widget["value"] = chosen.get("text", "") if isinstance(value, dict) else ("" if value is None else str(value))
        widget["pk_name"] = f"{name}_pk"
        widget["pk_value"] = chosen.get("pk", "")
        widget["search_url"] = self.search_url() if callable(self.search_url) else self.search_url
        base = widget["attrs"].get("id") or f"id_{name}"
        widget["listbox_id"] = f"{base}-listbox"
        widget["status_id"] = f"{base}-status"
        widget["attrs"].update(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "off",
                "data-unit-combobox": "",
                "aria-autocomplete": "list",
            }
        )
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str] | None:
        text = data.get(name)
        if text is None:
            return None
        return {"text": str(text), "pk": str(data.get(f"{name}_pk", "") or "")}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data


class UnitChoiceField(forms.Field):
    """A unit chosen from ``units`` by name or code; cleans to the :class:`Unit` (or None when optional).

    ``units`` is what the user may choose (the service checks again: the form only offers what the service
    would accept). A name that matches several units is refused with the first few to choose from."""

    widget = UnitCombobox
    default_error_messages = {
        "required": "Chọn đơn vị: gõ tên (không cần dấu) hoặc mã.",
        "not_found": "Không tìm thấy đơn vị nào có tên hoặc mã “%(text)s” trong danh sách được chọn.",
        "ambiguous": "Có nhiều đơn vị khớp “%(text)s”: %(examples)s. Gõ thêm tên cấp trên hoặc nhập mã.",
    }

    def __init__(
        self, *, units: UnitSet, search_url: str | Callable[[], str] = "", hint: str = "", **kwargs: Any
    ) -> None:
        kwargs.setdefault("help_text", hint or "Gõ tên, không cần dấu (ví dụ “duc xuan”), hoặc mã đơn vị.")
        super().__init__(widget=UnitCombobox(search_url), **kwargs)
        self._units = units

    def offer(self, units: UnitSet, search_url: str | Callable[[], str]) -> None:
        """Limit the field, in one form instance, to ``units``, searched at ``search_url``."""
        self._units = units
        assert isinstance(self.widget, UnitCombobox)
        self.widget.search_url = search_url

    @property
    def units(self) -> UnitQuerySet:
        return self._units() if callable(self._units) else self._units.all()

    def prepare_value(self, value: Any) -> Any:
        """A unit (or its id, from ``initial``) shown as its label with its id; typed text as typed."""
        if isinstance(value, int) and not isinstance(value, bool):
            value = self.units.filter(pk=value).first()
        if isinstance(value, Unit):
            (option,) = with_ancestors([value])
            return {"text": option.label, "pk": str(value.pk)}
        if isinstance(value, str):
            return {"text": value, "pk": ""}
        return value

    def to_python(self, value: Any) -> Unit | None:
        if isinstance(value, Unit):
            return value
        if isinstance(value, int) and not isinstance(value, bool):  # an initial value (a disabled field)
            return self.units.filter(pk=value).first()
        if isinstance(value, str):
            value = {"text": value, "pk": ""}
        if not value or not (value.get("text") or "").strip():
            return None
        return resolve(self.units, value["text"], value.get("pk", ""), self.error_messages)

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        initial_pk = str(initial.pk if isinstance(initial, Unit) else initial or "")
        return initial_pk != str((data or {}).get("pk", ""))


def resolve(units: UnitQuerySet, text: str, pk: str = "", messages: dict[str, Any] | None = None) -> Unit:
    """The unit of ``units`` meant by the chosen id, else by the text: an official code, else a name.

    A chosen id stands only while the text is still the label it was chosen with (the script clears the
    id when the text is edited; a stale one from a hand-made request is ignored, not trusted)."""
    messages = messages or UnitChoiceField.default_error_messages
    text = text.strip()
    if pk.isascii() and pk.isdigit():
        chosen = units.filter(pk=int(pk)).first()
        if chosen is not None and with_ancestors([chosen])[0].label == text:
            return chosen
    name = text.split(" — ")[0].strip() if " — " in text else text
    if name.isdigit():
        by_code = list(units.filter(code=name)[:2])
        if len(by_code) == 1:
            return by_code[0]
    matches = list(units.search(name).order_by("depth", "name_folded", "path")[:50]) if fold(name).strip() else []
    if len(matches) > 1:
        # "Đức Xuân" is both the phường and, say, a hamlet's name inside another unit: an exact name wins,
        # and the label's province part ("— Tỉnh Thái Nguyên") narrows it.
        exact = [u for u in matches if fold(u.name) == fold(name) or fold(u.short_name) == fold(name)]
        if " — " in text and exact:
            context = fold(text.split(" — ", 1)[1])
            exact = [o.unit for o in with_ancestors(exact) if o.ancestors and fold(o.ancestors[-1].name) == context]
        matches = exact if len(exact) >= 1 else matches
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise forms.ValidationError(messages["not_found"], code="not_found", params={"text": text[:60]})
    examples = "; ".join(
        f"{o.label}{f' (mã {o.unit.code})' if o.unit.code else ''}" for o in with_ancestors(matches[:4])
    )
    raise forms.ValidationError(
        messages["ambiguous"], code="ambiguous", params={"text": text[:60], "examples": examples}
    )
