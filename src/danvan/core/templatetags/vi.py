"""Template filters for Vietnamese formats; loaded as builtins in every template."""

import datetime
from decimal import Decimal

from django import template

from danvan.core import text

register = template.Library()


def _missing(value: object) -> bool:
    """Nothing to format: None, or the empty string a template gives for a missing value (``s.x`` when
    ``s`` is None) — a filter never breaks a page (a unit without staffing figures gave a 500)."""
    return value is None or value == ""


@register.filter
def vi_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    return "" if _missing(value) else text.format_number(value, decimals)  # type: ignore[arg-type]


@register.filter
def vi_amount(value: int | float | Decimal | None) -> str:
    """A measured amount: "9.000", "2,5" (only the decimals it has)."""
    return "" if _missing(value) else text.format_amount(value)  # type: ignore[arg-type]


@register.filter
def vi_percent(value: int | float | Decimal | None, decimals: int = 2) -> str:
    return "" if _missing(value) else text.format_percent(value, decimals)  # type: ignore[arg-type]


@register.filter
def vi_date(value: datetime.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return text.format_date(value)


@register.filter
def vi_datetime(value: datetime.datetime | None) -> str:
    """A moment as "1/12/2026 09:05", in Vietnam's time."""
    return "" if _missing(value) else text.format_datetime(value)  # type: ignore[arg-type]


@register.filter
def vi_date_long(value: datetime.date | None) -> str:
    return "" if value is None else text.format_date_long(value)
