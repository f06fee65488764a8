"""The only write path of indicators: define an indicator, set a target, record a value.

The pages, the API, the Excel import and the demo all call these functions. Bad input is a Vietnamese
``ValidationError`` naming the field (:mod:`.rules`), checked before anything is written; a unit the
actor may not act on is ``PermissionDenied`` — entering values needs the area's edit right over the
unit, setting targets its decision right, defining an indicator the decision right over the unit that
sets it (the system administrator's for an indicator that applies everywhere). Each target and value
written or changed appends a step to its timeline (:func:`danvan.core.services.record_event`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.actors import require_actor
from danvan.core.periods import PeriodError, parse_period
from danvan.core.services import record_event
from danvan.core.text import format_date, nfc
from danvan.indicators import rules
from danvan.indicators.models import Indicator, Target, Value
from danvan.stats import paths, sections
from danvan.units.models import Unit

Actor = Any
RIGHTS = roles.INDICATORS


def _today() -> datetime.date:
    return timezone.localdate()


def _text(value: Any, limit: int, name: str, label: str, errors: dict[str, str]) -> str:
    text = nfc(str(value or ""))
    if "\x00" in text:
        errors[name] = f"{label}: có ký tự không hợp lệ."
    elif len(text) > limit:
        errors[name] = f"{label}: tối đa {limit} ký tự."
    return text


# --- periods ---------------------------------------------------------------------------------------------


def _date(name: str, label: str, value: Any, errors: dict[str, str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(str(value).strip(), pattern).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
    errors[name] = f"{label}: “{value}” không phải là ngày (viết 31/12/2026 hoặc 2026-12-31)."
    return None


def resolve_period(
    kind: str | None, year: Any = None, *, month: Any = None, start: Any = None, end: Any = None
) -> tuple[datetime.date, datetime.date]:
    """The start and end of a period as a form, the API or a sheet gives it: a kind (year, h1, h2, 9m,
    q1–q4, month) of a year, or ``custom`` with both dates. ``ValidationError`` naming the field."""
    if (kind or "").strip() == "custom":
        errors: dict[str, str] = {}
        first = _date("start", "Từ ngày", start, errors)
        last = _date("end", "Đến ngày", end, errors)
        if not errors:
            errors.update(rules.period_errors(first, last))
        if errors:
            raise ValidationError(errors)
        assert first is not None and last is not None
        return first, last
    try:
        period = parse_period(kind, year, month=month, default_year=_today().year)
    except PeriodError as exc:
        raise ValidationError({exc.field: str(exc)}) from exc
    return period.start, period.end


def _period_errors(unit: Unit, start: Any, end: Any) -> dict[str, str]:
    errors = rules.period_errors(start, end)
    if errors:
        return errors
    if unit.valid_from is not None and unit.valid_from > end:
        errors["unit"] = f"{unit.name} thành lập từ {format_date(unit.valid_from)}, sau kỳ này."
    elif unit.valid_to is not None and unit.valid_to < start:
        errors["unit"] = f"{unit.name} đã thôi tồn tại từ sau {format_date(unit.valid_to)}, trước kỳ này."
    return errors


# --- which indicators apply where ------------------------------------------------------------------------


def applies_to(indicator: Indicator, unit: Unit) -> bool:
    """An indicator set by a unit applies there, below it and in the units merged into it."""
    if indicator.unit is None:
        return True
    return any(unit.path.startswith(p) for p in paths.coverage(indicator.unit, today_tree=True))


def may_define(actor: Actor, unit: Unit | None) -> bool:
    """May ``actor`` define an indicator set by ``unit`` (None: one that applies everywhere)?"""
    if unit is None:
        return access.is_system_admin(actor)
    return access.can(actor, RIGHTS.decide, unit)


# --- indicators ------------------------------------------------------------------------------------------


def _default_decimals(measure_unit: str, aggregation: str) -> int:
    if measure_unit == rules.MeasureUnit.PERCENT:
        return 2
    return 1 if aggregation == rules.Aggregation.WEIGHTED else 0


def _figure_errors(source: str, figure: str, numerator: str, denominator: str, measure_unit: str) -> dict[str, str]:
    """The figures of a computed indicator must be registered report sections' (not this area's own)."""
    errors: dict[str, str] = {}
    if source != rules.Source.COMPUTED:
        return errors
    for name, given in (("figure", figure), ("numerator_figure", numerator), ("denominator_figure", denominator)):
        if not given:
            continue
        if given.partition(".")[0] == "indicators":
            errors[name] = "Không tính chỉ tiêu từ chính phần chỉ tiêu của báo cáo."
            continue
        try:
            section, measure = sections.figure(given)
        except LookupError as exc:
            errors[name] = f"{exc} Các số liệu có: {', '.join(available_figures()[:30]) or 'chưa có'}."
            continue
        if name == "figure" and measure in section.percents and measure_unit != rules.MeasureUnit.PERCENT:
            errors["measure_unit"] = f"“{section.labels[measure]}” là tỷ lệ phần trăm: chọn đơn vị tính “%”."
    return errors


def available_figures() -> list[str]:
    """Every figure a computed indicator may read: "lĩnh_vực.số_liệu" of the registered sections."""
    return [f"{s.key}.{name}" for s in sections.sections() if s.key != "indicators" for name in s.labels]


def _sentence_errors(sentence: str) -> dict[str, str]:
    if not sentence:
        return {}
    allowed = set(rules.SENTENCE_BLANKS) | set(sections.COMMON)
    try:
        names = sections.placeholders(sentence)
    except sections.PhraseError as exc:
        return {"sentence": str(exc)}
    unknown = [n for n in names if n not in allowed]
    if unknown:
        known = ", ".join("{" + n + "}" for n in sorted(allowed))
        return {"sentence": f"Chỗ trống “{{{unknown[0]}}}” không dùng được; dùng được: {known}."}
    return {}


@transaction.atomic
def save_indicator(
    *,
    actor: Actor,
    indicator: Indicator | None = None,
    code: str,
    name: str,
    measure_unit: str,
    direction: str,
    aggregation: str,
    source: str = rules.Source.MANUAL,
    figure: str = "",
    numerator_figure: str = "",
    denominator_figure: str = "",
    decimals: int | None = None,
    group: str = "",
    sentence: str = "",
    description: str = "",
    numerator_label: str = "",
    denominator_label: str = "",
    weight_label: str = "",
    unit: Unit | None = None,
    order: int = 0,
    active: bool = True,
) -> Indicator:
    """Define an indicator (or change ``indicator``): what it measures, its unit of measure and
    direction, where its figures come from and how they roll up the tree."""
    require_actor(actor)
    if indicator is not None and not may_define(actor, indicator.unit):
        raise PermissionDenied("Bạn không có quyền sửa chỉ tiêu này.")
    if not may_define(actor, unit):
        raise PermissionDenied(
            "Chỉ quản trị hệ thống định nghĩa chỉ tiêu áp dụng chung; "
            "lãnh đạo đơn vị định nghĩa chỉ tiêu của đơn vị mình."
            if unit is None
            else f"Bạn không có quyền định nghĩa chỉ tiêu của {unit.name}."
        )
    errors: dict[str, str] = {}
    code = _text(code, 32, "code", "Mã chỉ tiêu", errors).strip()
    name = _text(name, 255, "name", "Tên chỉ tiêu", errors).strip()
    group = _text(group, 150, "group", "Nhóm", errors).strip()
    sentence = _text(sentence, 1000, "sentence", "Câu trong báo cáo", errors).strip()
    description = _text(description, 5000, "description", "Mô tả", errors).strip()
    numerator_label = _text(numerator_label, 150, "numerator_label", "Tên tử số", errors).strip()
    denominator_label = _text(denominator_label, 150, "denominator_label", "Tên mẫu số", errors).strip()
    weight_label = _text(weight_label, 150, "weight_label", "Tên trọng số", errors).strip()
    figure, numerator_figure, denominator_figure = (
        _text(f, 100, n, "Số liệu", errors).strip()
        for n, f in (("figure", figure), ("numerator_figure", numerator_figure),
                     ("denominator_figure", denominator_figure))
    )  # fmt: skip
    if source == rules.Source.MANUAL:
        figure = numerator_figure = denominator_figure = ""
    elif source == rules.Source.COMPUTED:
        # A section's figures are already rolled up over the unit's coverage: the rule is the section's.
        aggregation = rules.Aggregation.RATE if numerator_figure or denominator_figure else rules.Aggregation.SUM
    if decimals is None:
        decimals = _default_decimals(measure_unit, aggregation)
    found = rules.definition_errors(
        code=code, name=name, measure_unit=measure_unit, direction=direction, source=source,
        aggregation=aggregation, decimals=decimals, figure=figure, numerator_figure=numerator_figure,
        denominator_figure=denominator_figure,
    )  # fmt: skip
    errors = {**found, **errors}
    others = Indicator.objects.filter(code=code)
    if indicator is not None:
        others = others.exclude(pk=indicator.pk)
    if "code" not in errors and others.exists():
        errors["code"] = f"Mã chỉ tiêu “{code}” đã có."
    if not errors:
        errors.update(_figure_errors(source, figure, numerator_figure, denominator_figure, measure_unit))
    errors.update(_sentence_errors(sentence))
    if indicator is not None and indicator.values.exists():
        for field, new, label in (("measure_unit", measure_unit, "đơn vị tính"), ("aggregation", aggregation,
                                  "cách tổng hợp"), ("source", source, "nguồn số liệu")):  # fmt: skip
            if getattr(indicator, field) != new:
                errors[field] = f"Chỉ tiêu đã có số liệu: không đổi được {label}."
    if errors:
        raise ValidationError(errors)
    fields = {
        "code": code, "name": name, "group": group, "measure_unit": measure_unit, "decimals": decimals,
        "direction": direction, "source": source, "figure": figure, "numerator_figure": numerator_figure,
        "denominator_figure": denominator_figure, "aggregation": aggregation, "numerator_label": numerator_label,
        "denominator_label": denominator_label, "weight_label": weight_label, "sentence": sentence,
        "description": description, "unit": unit, "order": order, "active": active,
        "updated_by": access.user_of(actor),
    }  # fmt: skip
    if indicator is None:
        return Indicator.objects.create(**fields, created_by=access.user_of(actor))
    for field, value in fields.items():
        setattr(indicator, field, value)
    indicator.save()
    return indicator


# --- targets and values ------------------------------------------------------------------------------------


def _applies(indicator: Indicator, unit: Unit, errors: dict[str, str]) -> None:
    if not indicator.active:
        errors["indicator"] = f"Chỉ tiêu “{indicator.name}” đã ngừng theo dõi."
    elif not applies_to(indicator, unit):
        assert indicator.unit is not None
        errors["indicator"] = (
            f"Chỉ tiêu “{indicator.name}” do {indicator.unit.name} đặt ra, không áp dụng cho {unit.name}."
        )


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else _four(value)


def _four(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.0001"))


@transaction.atomic
def set_target(
    *,
    actor: Actor,
    indicator: Indicator,
    unit: Unit,
    start: datetime.date | None,
    end: datetime.date | None,
    comparison: str,
    value: Decimal | None,
    basis: str,
    written_unit: str = "",
    note: str = "",
) -> Target:
    """Set the target of ``indicator`` for ``unit`` and the period (or change the one already set):
    the comparison, the value, and the plan or resolution it comes from — refused without it."""
    require_actor(actor)
    access.require(actor, RIGHTS.decide, unit, f"Bạn không có quyền đặt chỉ tiêu cho {unit.name}.")
    errors: dict[str, str] = {}
    basis = _text(basis, 500, "basis", "Căn cứ", errors).strip()
    note = _text(note, 5000, "note", "Ghi chú", errors).strip()
    _applies(indicator, unit, errors)
    errors.update(_period_errors(unit, start, end))
    spec = indicator.spec
    if written_unit and not rules.unit_matches(written_unit, spec):
        errors["value"] = f"Đơn vị tính sai: chỉ tiêu tính bằng “{spec.unit_label}”, không phải “{written_unit}”."
    else:
        errors |= {k: v for k, v in rules.target_errors(spec, comparison=comparison, value=value, basis=basis).items()
                   if k not in errors}  # fmt: skip
    if errors:
        raise ValidationError(errors)
    assert start is not None and end is not None and value is not None
    kind = rules.period_of(start, end).kind.value
    target = Target.objects.filter(indicator=indicator, unit=unit, start=start, end=end).first()
    words = rules.target_words(comparison, value, spec)
    if target is None:
        target = Target.objects.create(indicator=indicator, unit=unit, start=start, end=end, kind=kind,
                                       comparison=comparison, value=_four(value), basis=basis, note=note,
                                       set_by=access.user_of(actor))  # fmt: skip
        record_event(subject=target, unit=unit, actor=actor, action="target", note=f"Đặt chỉ tiêu {words} ({basis})")
        return target
    before = f"{target.words} ({target.basis})"
    target.comparison, target.value, target.basis, target.note = comparison, _four(value), basis, note
    target.kind, target.set_by = kind, access.user_of(actor)
    target.save()
    record_event(subject=target, unit=unit, actor=actor, action="target_changed",
                 note=f"Sửa chỉ tiêu: {before} → {words} ({basis})")  # fmt: skip
    return target


@transaction.atomic
def record_value(
    *,
    actor: Actor,
    indicator: Indicator,
    unit: Unit,
    start: datetime.date | None,
    end: datetime.date | None,
    source: str,
    value: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    weight: Decimal | None = None,
    written_unit: str = "",
    note: str = "",
) -> Value:
    """Record what ``unit`` achieved on ``indicator`` in the period (or correct the value already
    recorded): the value — a rate's numerator and denominator, an average's weight — and its source."""
    require_actor(actor)
    access.require(actor, RIGHTS.edit, unit, f"Bạn không có quyền nhập số liệu chỉ tiêu của {unit.name}.")
    errors: dict[str, str] = {}
    source = _text(source, 500, "source", "Nguồn số liệu", errors).strip()
    note = _text(note, 5000, "note", "Ghi chú", errors).strip()
    if not source and "source" not in errors:
        errors["source"] = "Nguồn số liệu: bắt buộc (ví dụ “Báo cáo của UBND xã”, “Điều tra hộ nghèo 2026”)."
    _applies(indicator, unit, errors)
    if indicator.is_computed:
        errors["indicator"] = f"Chỉ tiêu “{indicator.name}” được tính từ số liệu thống kê, không nhập tay."
    errors.update(_period_errors(unit, start, end))
    if start is not None and "start" not in errors and start > _today():
        errors["start"] = f"Kỳ bắt đầu ngày {format_date(start)}, chưa đến: chưa có số liệu thực hiện."
    spec = indicator.spec
    found = rules.value_errors(spec, value=value, numerator=numerator, denominator=denominator, weight=weight,
                               written_unit=written_unit)  # fmt: skip
    errors = {**found, **errors}
    if errors:
        raise ValidationError(errors)
    assert start is not None and end is not None
    if spec.aggregation == rules.Aggregation.RATE:
        assert numerator is not None and denominator is not None
        value = rules.rate(numerator, denominator)
    assert value is not None
    fields = {
        "value": _rounded(value), "numerator": _rounded(numerator), "denominator": _rounded(denominator),
        "weight": _rounded(weight), "source": source, "note": note, "kind": rules.period_of(start, end).kind.value,
        "entered_by": access.user_of(actor),
    }  # fmt: skip
    shown = indicator.show(value)
    if spec.aggregation == rules.Aggregation.RATE:
        shown += f" ({rules.show_number(numerator, spec)}/{rules.show_number(denominator, spec)})"
    existing = Value.objects.select_for_update().filter(indicator=indicator, unit=unit, start=start, end=end).first()
    if existing is None:
        entry = Value.objects.create(indicator=indicator, unit=unit, start=start, end=end, **fields)
        record_event(subject=entry, unit=unit, actor=actor, action="value", note=f"{shown} — {source}")
        return entry
    before = indicator.show(existing.value)
    for field, new in fields.items():
        setattr(existing, field, new)
    existing.save()
    record_event(subject=existing, unit=unit, actor=actor, action="value_changed",
                 note=f"Sửa số liệu: {before} → {shown} — {source}")  # fmt: skip
    return existing
