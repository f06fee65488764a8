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
from danvan.accounts.working_unit import working_unit
from danvan.core.periods import Period, PeriodError, parse_period
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code


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
    year: Any = None,
    period: str | None = None,
    tree: str | None = None,
    allowed: tuple[str, ...] | None = None,
    today: datetime.date | None = None,
) -> Question:
    """The question of a request or a user (an API call): ``unit`` a code (else the working unit where
    ``who`` holds ``permission``), ``period`` and ``year`` as the period parser reads them (this year by
    default), ``tree`` "today" (default) or "then"."""
    user = getattr(who, "user", who)
    day = today or timezone.localdate()
    if unit:
        try:
            chosen = unit_by_code(unit)
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
