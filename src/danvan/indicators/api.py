"""The indicators part of the JSON API: /api/v1/indicators — the indicators, their values and targets
for a unit and a period, and the two writes: a value, a target.

Same scope as the pages: a unit out of the caller's scope is 404 when asked about and 422 naming
``unit`` when written to, a right the caller lacks is 403, a value refused is 422 naming the field.
Every write goes through :mod:`.services`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from danvan.accounts import access, roles
from danvan.accounts.api import API_AUTH
from danvan.core.api import Year, responses
from danvan.indicators import imports, selectors, services
from danvan.indicators.models import Indicator, Target, Value
from danvan.stats.question import ask_api
from danvan.units.models import Unit

router = Router(tags=["Chỉ tiêu, chỉ số"], auth=API_AUTH)
RIGHTS = roles.INDICATORS
PeriodCode = Literal["year", "h1", "h2", "9m", "q1", "q2", "q3", "q4", "month", "custom"]


# Numbers go out as JSON numbers (as in the report's content), and come in as exact decimals.
class IndicatorUnit(Schema):
    code: str
    name: str


class IndicatorOut(Schema):
    code: str
    name: str
    group: str
    measure_unit: str
    measure_unit_label: str
    decimals: int
    direction: str
    source: str
    figure: str
    numerator_figure: str
    denominator_figure: str
    aggregation: str
    numerator_label: str
    denominator_label: str
    weight_label: str
    unit: IndicatorUnit | None
    active: bool


def _unit(u: Unit | None) -> dict[str, str] | None:
    return None if u is None else {"code": u.code, "name": u.name}


def _indicator(i: Indicator) -> dict[str, Any]:
    return {
        "code": i.code, "name": i.name, "group": i.group, "measure_unit": i.measure_unit,
        "measure_unit_label": i.unit_label, "decimals": i.decimals, "direction": i.direction, "source": i.source,
        "figure": i.figure, "numerator_figure": i.numerator_figure, "denominator_figure": i.denominator_figure,
        "aggregation": i.aggregation, "numerator_label": i.numerator_label,
        "denominator_label": i.denominator_label, "weight_label": i.weight_label, "unit": _unit(i.unit),
        "active": i.active,
    }  # fmt: skip


@router.get("", response=responses(list[IndicatorOut]), summary="Danh sách chỉ tiêu")
def indicator_list(request: HttpRequest, unit: str | None = None) -> list[dict[str, Any]]:
    """Every indicator being followed, or those that concern the unit ``unit`` (its code)."""
    if not access.can(request.user, RIGHTS.view):
        raise PermissionDenied("Bạn không có quyền xem chỉ tiêu.")
    chosen = None
    if unit:
        chosen = ask_api(request.user, permission=RIGHTS.view, unit=unit).unit
    return [_indicator(i) for i in selectors.indicators_for(chosen)]


class IndicatorTargetOut(Schema):
    id: int
    indicator: str
    unit: IndicatorUnit
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    comparison: str
    value: float
    words: str
    basis: str
    note: str


def _target(t: Target) -> dict[str, Any]:
    return {
        "id": t.pk, "indicator": t.indicator.code, "unit": _unit(t.unit), "period_start": t.start,
        "period_end": t.end, "period_label": t.period.label, "comparison": t.comparison, "value": t.value,
        "words": t.words, "basis": t.basis, "note": t.note,
    }  # fmt: skip


class IndicatorTargetInForceOut(IndicatorTargetOut):
    inherited: bool


class IndicatorReadingOut(Schema):
    indicator: str
    name: str
    measure_unit: str
    value: float | None
    shown: str
    how: str
    units: int
    numerator: float | None
    denominator: float | None
    weight: float | None
    previous: float | None
    last_year: float | None
    target: IndicatorTargetInForceOut | None
    status: str | None
    status_label: str
    trend: str


class IndicatorBoardOut(Schema):
    unit: IndicatorUnit
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    tree: str
    rows: list[IndicatorReadingOut]


def _row(row: selectors.BoardRow) -> dict[str, Any]:
    now = row.now
    target = None if row.target is None else {**_target(row.target.target), "inherited": row.target.inherited}
    return {
        "indicator": row.indicator.code, "name": row.indicator.name, "measure_unit": row.indicator.measure_unit,
        "value": now.value, "shown": now.shown, "how": now.how, "units": now.units, "numerator": now.numerator,
        "denominator": now.denominator, "weight": now.weight, "previous": row.previous.value,
        "last_year": row.last_year.value, "target": target, "status": row.status.value if row.status else None,
        "status_label": row.status_label, "trend": row.trend,
    }  # fmt: skip


@router.get(
    "/values", response=responses(IndicatorBoardOut), summary="Giá trị các chỉ tiêu của một đơn vị trong một kỳ"
)
def board(request: HttpRequest, unit: str | None = None, year: Year | None = None,
          period: Literal["year", "h1", "h2", "9m", "q1", "q2", "q3", "q4"] = "year",
          tree: Literal["today", "then"] = "today") -> dict[str, Any]:  # fmt: skip
    """Each indicator of the unit (the caller's working unit when ``unit`` is left out): its value — the
    unit's own, else aggregated from the units below by the indicator's rule, or computed from an area's
    statistics — its previous and last year's values, the target in force with its basis, the status."""
    question = ask_api(request.user, permission=RIGHTS.view, unit=unit, year=year, period=period, tree=tree)
    got = selectors.board(question.unit, question.period, viewer=request.user, today_tree=question.today_tree)
    return {
        "unit": _unit(question.unit), "period_start": question.period.start, "period_end": question.period.end,
        "period_label": question.period.label, "tree": "today" if question.today_tree else "then",
        "rows": [_row(r) for r in got.rows],
    }  # fmt: skip


class IndicatorPeriodIn(Schema):
    indicator: str = Field(..., max_length=32, description="Mã chỉ tiêu")
    unit: str = Field(..., max_length=16, description="Mã đơn vị (mã cũ cho kỳ trước ngày 1/7/2025)")
    period: PeriodCode = "year"
    year: Year | None = None
    month: int | None = Field(None, ge=1, le=12)
    start: datetime.date | None = None
    end: datetime.date | None = None
    measure_unit: str = Field(
        "", max_length=32, description="Đơn vị tính của giá trị (nếu ghi, phải đúng của chỉ tiêu)"
    )
    note: str = Field("", max_length=5000)


class IndicatorValueIn(IndicatorPeriodIn):
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    weight: Decimal | None = None
    source: str = Field(..., max_length=500, description="Nguồn số liệu, như “Báo cáo của UBND xã”")


class IndicatorTargetIn(IndicatorPeriodIn):
    comparison: Literal["gte", "gt", "lte", "lt"]
    value: Decimal
    basis: str = Field(..., max_length=500, description="Kế hoạch, nghị quyết, đề án đặt ra chỉ tiêu")


class IndicatorValueOut(Schema):
    id: int
    indicator: str
    unit: IndicatorUnit
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    value: float
    shown: str
    numerator: float | None
    denominator: float | None
    weight: float | None
    source: str
    note: str
    entered_by: str | None
    entered_at: datetime.datetime


def _value(v: Value) -> dict[str, Any]:
    return {
        "id": v.pk, "indicator": v.indicator.code, "unit": _unit(v.unit), "period_start": v.start,
        "period_end": v.end, "period_label": v.period.label, "value": v.value, "shown": v.indicator.show(v.value),
        "numerator": v.numerator, "denominator": v.denominator, "weight": v.weight, "source": v.source,
        "note": v.note, "entered_by": v.entered_by.username if v.entered_by else None, "entered_at": v.entered_at,
    }  # fmt: skip


def _resolve(request: HttpRequest, payload: IndicatorPeriodIn) -> tuple[Indicator, Unit, datetime.date, datetime.date]:
    indicator = selectors.indicator_by_code(payload.indicator)
    if indicator is None:
        raise ValidationError({"indicator": f"Không có chỉ tiêu mã “{payload.indicator}”."})
    start, end = services.resolve_period(payload.period, payload.year, month=payload.month, start=payload.start,
                                         end=payload.end)  # fmt: skip
    unit = imports.unit_for_code(payload.unit, start, end)
    if unit is None or not access.can(request.user, RIGHTS.view, unit):
        raise ValidationError({"unit": f"Không có đơn vị mã “{payload.unit}” trong kỳ này, trong phạm vi của bạn."})
    return indicator, unit, start, end


@router.post("/values", response=responses(IndicatorValueOut, 201), summary="Nhập số liệu thực hiện một chỉ tiêu")
def value_create(request: HttpRequest, payload: IndicatorValueIn) -> Status[Any]:
    """The value of an indicator for a unit and a period (a value already recorded for them is corrected)."""
    indicator, unit, start, end = _resolve(request, payload)
    saved = services.record_value(
        actor=request.user, indicator=indicator, unit=unit, start=start, end=end, source=payload.source,
        value=payload.value, numerator=payload.numerator, denominator=payload.denominator, weight=payload.weight,
        written_unit=payload.measure_unit, note=payload.note,
    )  # fmt: skip
    return Status(201, _value(saved))


@router.post("/targets", response=responses(IndicatorTargetOut, 201), summary="Đặt chỉ tiêu kế hoạch")
def target_create(request: HttpRequest, payload: IndicatorTargetIn) -> Status[Any]:
    """The target of an indicator for a unit and a period, with its basis (a target already set for them
    is changed)."""
    indicator, unit, start, end = _resolve(request, payload)
    saved = services.set_target(
        actor=request.user, indicator=indicator, unit=unit, start=start, end=end, comparison=payload.comparison,
        value=payload.value, basis=payload.basis, written_unit=payload.measure_unit, note=payload.note,
    )  # fmt: skip
    return Status(201, _target(saved))


class IndicatorTargetFilters(Schema):
    unit: str = Field(..., max_length=16)
    indicator: str | None = Field(None, max_length=32)


@router.get("/targets", response=responses(list[IndicatorTargetOut]), summary="Chỉ tiêu kế hoạch của một đơn vị")
def target_list(request: HttpRequest, filters: Query[IndicatorTargetFilters]) -> list[dict[str, Any]]:
    """The targets set for the unit and the units above it (latest period first)."""
    unit = ask_api(request.user, permission=RIGHTS.view, unit=filters.unit).unit
    chosen = selectors.indicators_for(unit)
    if filters.indicator:
        wanted = selectors.indicator_by_code(filters.indicator)
        chosen = chosen.filter(pk=wanted.pk) if wanted is not None else chosen.none()
    above = [unit.path[:n] for n in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    targets = Target.objects.filter(indicator__in=chosen, unit__path__in=above).select_related("indicator", "unit")
    return [_target(t) for t in targets.order_by("-end", "indicator__order", "indicator__code")[:500]]
