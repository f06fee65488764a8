"""Which unit, which period: what a statistics page, its Excel file or its API call asks about.

One function decides it for every interface: the unit given by its code, else the working unit
(:func:`danvan.accounts.working_unit.working_unit`); the period from the one parser
(:func:`danvan.core.periods.parse_period`); today's tree or the tree as it was. A unit the user may not
read is "not found", never "forbidden". Each interface turns a :class:`QuestionError` into its own
answer: a form error, a message, a JSON 422 or 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from danvan.accounts import access
from danvan.accounts.unit_choices import search_url, units_within
from danvan.accounts.working_unit import working_unit
from danvan.core.periods import Period, PeriodError, parse_period
from danvan.core.text import fold
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.units.widgets import UnitCombobox, search, with_ancestors


class QuestionError(ValueError):
    """A parameter that cannot be answered; ``field`` names it, ``not_found`` asks for a 404."""

    def __init__(self, field: str, message: str, *, not_found: bool = False, out_of_scope: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.not_found = not_found or out_of_scope
        #: The unit exists but is not the user's: pages answer 404, like the API, so nothing is disclosed.
        self.out_of_scope = out_of_scope


@dataclass(frozen=True)
class Question:
    unit: Unit
    period: Period
    today_tree: bool


def ask(
    who: Any,
    *,
    permission: str,
    unit: str | None = None,
    unit_pk: Any = None,
    year: Any = None,
    period: str | None = None,
    tree: str | None = None,
    allowed: tuple[str, ...] | None = None,
    today: datetime.date | None = None,
) -> Question:
    """The question of a request or a user (an API call): ``unit`` a code or a name (accents not needed,
    among the units where ``who`` holds ``permission``), or ``unit_pk`` the id the unit combobox chose;
    else the working unit. ``period`` and ``year`` as the period parser reads them (this year by
    default), ``tree`` "today" (default) or "then"."""
    user = getattr(who, "user", who)
    day = today or timezone.localdate()
    if unit_pk not in (None, ""):
        picked = Unit.objects.filter(pk=int(unit_pk)).first() if str(unit_pk).isdigit() else None
        if picked is None:
            raise QuestionError("unit", "Không tìm thấy đơn vị đã chọn.", not_found=True)
        chosen = picked
    elif unit and not unit.strip().isdigit():
        chosen = _by_name(user, permission, unit)
    elif unit:
        try:
            chosen = unit_by_code(unit.strip())
        except UnitCodeNotFound:
            raise QuestionError("unit", f"Không có đơn vị mã “{unit}”.", not_found=True) from None
    else:
        found = working_unit(who, permission=permission)
        if found is None:
            raise QuestionError("unit", "Cần mã đơn vị (unit): tài khoản chưa có đơn vị làm việc.")
        chosen = found
    if not access.can(user, permission, chosen):
        raise QuestionError("unit", "Không tìm thấy.", out_of_scope=True)
    try:
        span = parse_period(period, year, default_year=day.year, allowed=allowed)
    except PeriodError as exc:
        raise QuestionError(exc.field, str(exc)) from exc
    if tree not in (None, "", "today", "then"):
        raise QuestionError("tree", "Cây đơn vị: “today” (hiện nay) hoặc “then” (như khi đó).")
    return Question(chosen, span, tree != "then")


def unit_label(unit: Unit) -> str:
    """How the unit combobox names a unit: "Phường Đức Xuân — Tỉnh Thái Nguyên"."""
    return with_ancestors([unit])[0].label


def unit_box(user: Any, permission: str, unit: Unit | None, *, name: str = "unit") -> str:
    """The unit combobox of a statistics page, showing ``unit`` ("Phường Đức Xuân — Tỉnh Thái Nguyên")
    and searching the units ``user`` may read; it sends ``unit`` (a name or a code) and ``unit_pk``."""
    value = {"text": with_ancestors([unit])[0].label, "pk": str(unit.pk)} if unit is not None else None
    box = UnitCombobox(search_url(permission))
    return box.render(name, value, attrs={"id": name, "class": "form-control form-control-sm"})


def _by_name(user: Any, permission: str, text: str) -> Unit:
    """The one unit named ``text`` among those ``user`` may read ("duc xuan"; the combobox's label
    "Phường Đức Xuân — Tỉnh Thái Nguyên" is its name and its province's)."""
    name = text.split(" — ")[0].strip()
    if not fold(name).strip() or any(ord(char) < 32 for char in name):  # PostgreSQL refuses NUL in a query
        raise QuestionError("unit", f"Không có đơn vị “{name[:50]}”: gõ tên (không cần dấu) hoặc mã.", not_found=True)
    found = [option.unit for option in search(units_within(user, permission), name, limit=4)]
    exact = [u for u in found if fold(u.name) == fold(name)]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise QuestionError("unit", f"Không tìm thấy đơn vị “{name}” trong phạm vi của bạn.", not_found=True)
    examples = "; ".join(u.name for u in found[:3])
    raise QuestionError("unit", f"Có nhiều đơn vị khớp “{name}”: {examples}. Gõ thêm tên hoặc nhập mã.")


def ask_api(who: Any, **question: Any) -> Question:
    """:func:`ask` for the API: an unknown or out-of-scope unit is a 404, any other parameter a 422."""
    from django.core.exceptions import ValidationError
    from django.http import Http404

    try:
        return ask(who, **question)
    except QuestionError as exc:
        if exc.not_found:
            raise Http404(exc.message) from exc
        raise ValidationError({exc.field: exc.message}) from exc
