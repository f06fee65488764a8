"""The rules of indicators and targets, as plain functions of data (no database, no clock).

* **Units of measure** (:data:`MEASURE_UNITS`): each says whether an entered count must be whole and
  what its ceiling is (a percentage is 0–100).
* **Aggregation up the tree** (:func:`aggregate`): a unit's figure is its own entered value; without
  one, it is made from the values entered below it — only the *topmost* of them (:func:`topmost`), so a
  commune and its hamlets are never counted twice — by the indicator's rule: a **sum**; a **rate
  recomputed** from the summed numerators and denominators (never the average of the rates); a
  **weighted average** (by the weight entered with each value: criteria met per commune, weighted by
  communes); or **not aggregable** (a survey index: only a unit's own value counts). Which values lie
  below a unit — its subtree and, on today's tree, the subtrees of the units merged into it — is the
  kit's coverage (:func:`danvan.stats.paths.coverage`); these functions receive the entries.
* **Status against a target** (:func:`status`): *vượt* (better than the target in the indicator's
  direction), *đạt* (exactly the target, where "≥"/"≤" allows it), *chưa đạt* (the comparison fails).
  The value is judged as it is shown, rounded to the indicator's decimals.
* **Bad input** (:func:`value_errors`, :func:`target_errors`, :func:`period_errors`,
  :func:`definition_errors`): a Vietnamese message per field, checked before anything is written.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models

from danvan.core.periods import Period, PeriodKind
from danvan.core.text import fold, format_amount, format_date, format_percent

# --- choices ----------------------------------------------------------------------------------------


class MeasureUnit(models.TextChoices):
    PERCENT = "percent", "%"
    HOUSEHOLD = "household", "hộ"
    COMMUNE = "commune", "xã"
    CRITERION = "criterion", "tiêu chí"
    PERSON = "person", "người"
    MODEL = "model", "mô hình"
    CASE = "case", "vụ việc"
    TURN = "turn", "lượt"
    DONG = "dong", "đồng"
    MILLION_DONG = "million_dong", "triệu đồng"
    POINT = "point", "điểm"
    HECTARE = "hectare", "ha"
    KILOMETRE = "km", "km"


class Direction(models.TextChoices):
    HIGHER = "higher", "Càng cao càng tốt"
    LOWER = "lower", "Càng thấp càng tốt"


class Source(models.TextChoices):
    MANUAL = "manual", "Nhập tay"
    COMPUTED = "computed", "Tính từ số liệu thống kê của lĩnh vực"


class Aggregation(models.TextChoices):
    SUM = "sum", "Cộng dồn"
    RATE = "rate", "Tỷ lệ tính lại từ tử số và mẫu số"
    WEIGHTED = "weighted", "Bình quân có trọng số"
    NONE = "none", "Không tổng hợp (chỉ số của riêng đơn vị)"


class Comparison(models.TextChoices):
    GTE = "gte", "≥"
    GT = "gt", ">"
    LTE = "lte", "≤"
    LT = "lt", "<"


class Status(models.TextChoices):
    EXCEEDED = "exceeded", "Vượt"
    MET = "met", "Đạt"
    MISSED = "missed", "Chưa đạt"


#: The words of a status inside a sentence ("…, vượt chỉ tiêu …").
STATUS_WORDS: Mapping[str, str] = {Status.EXCEEDED: "vượt", Status.MET: "đạt", Status.MISSED: "chưa đạt"}


@dataclass(frozen=True)
class UnitRule:
    """What a unit of measure allows: whole counts only, and a ceiling (a percentage: 100)."""

    whole: bool
    maximum: Decimal | None = None


MEASURE_UNITS: Mapping[str, UnitRule] = {
    MeasureUnit.PERCENT: UnitRule(whole=False, maximum=Decimal(100)),
    MeasureUnit.HOUSEHOLD: UnitRule(whole=True),
    MeasureUnit.COMMUNE: UnitRule(whole=True),
    MeasureUnit.CRITERION: UnitRule(whole=True),
    MeasureUnit.PERSON: UnitRule(whole=True),
    MeasureUnit.MODEL: UnitRule(whole=True),
    MeasureUnit.CASE: UnitRule(whole=True),
    MeasureUnit.TURN: UnitRule(whole=True),
    MeasureUnit.DONG: UnitRule(whole=True),
    MeasureUnit.MILLION_DONG: UnitRule(whole=False),
    MeasureUnit.POINT: UnitRule(whole=False),
    MeasureUnit.HECTARE: UnitRule(whole=False),
    MeasureUnit.KILOMETRE: UnitRule(whole=False),
}

#: The largest number a value, a numerator, a denominator, a weight or a target may be (the database
#: field holds 16 digits before the point), and the decimals it may carry.
MAX_NUMBER = Decimal(10) ** 15
MAX_DECIMALS = 4
#: An indicator's code: letters, digits, ".", "-", "_".
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")


@dataclass(frozen=True)
class Spec:
    """What the rules need to know of an indicator."""

    measure_unit: str
    aggregation: str
    direction: str = Direction.HIGHER
    decimals: int = 2
    numerator_label: str = ""
    denominator_label: str = ""
    weight_label: str = ""

    @property
    def unit_label(self) -> str:
        return MeasureUnit(self.measure_unit).label

    @property
    def is_percent(self) -> bool:
        return self.measure_unit == MeasureUnit.PERCENT


# --- numbers as written -------------------------------------------------------------------------------


def show(value: Decimal | int | None, spec: Spec) -> str:
    """A value as a report writes it, with its unit: "5,03%", "19 xã", "12,5 tiêu chí", "—" for none."""
    if value is None:
        return "—"
    rounded = quantize(Decimal(value), spec.decimals)
    if spec.is_percent:
        return format_percent(rounded, spec.decimals)
    return f"{format_amount(rounded, spec.decimals)} {spec.unit_label}"


def show_number(value: Decimal | int | None, spec: Spec) -> str:
    """The number alone, without its unit: "5,03", "19"."""
    if value is None:
        return "—"
    return format_amount(quantize(Decimal(value), spec.decimals), spec.decimals)


def quantize(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


_NUMBER = re.compile(r"^([+-]?[0-9][0-9.,\s]*)\s*(.*)$")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_amount(text: str) -> tuple[Decimal, str]:
    """A number as an officer writes it, and the unit written after it ("" if none): "5,03%" →
    (5.03, "%"); "1.451 hộ" → (1451, "hộ"); "12,5" → (12.5, ""). The comma is the decimal mark; a dot
    followed by groups of three digits groups thousands ("2.707"), any other dot is a decimal point
    ("5.03", as a computer writes it). ``ValueError`` with the Vietnamese reason otherwise."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    found = _NUMBER.match(cleaned)
    if found is None:
        raise ValueError(f"“{text}” không phải là số.")
    digits, unit = found.group(1).replace(" ", ""), found.group(2).strip()
    if "," in digits:
        digits = digits.replace(".", "").replace(",", ".", 1)
        if "," in digits:
            raise ValueError(f"“{text}” có nhiều dấu phẩy thập phân.")
    elif _GROUPED.match(digits.lstrip("+-")):
        digits = digits.replace(".", "")
    elif digits.count(".") > 1:
        raise ValueError(f"“{text}” không phải là số (dấu chấm nhóm hàng nghìn phải đi với 3 chữ số).")
    try:
        number = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"“{text}” không phải là số.") from None
    return number, unit


def unit_matches(written: str, spec: Spec) -> bool:
    """Is ``written`` (a unit after a number, or the code of one) the indicator's unit of measure?"""
    folded = fold(written)
    if not folded:
        return True
    return folded in (fold(spec.unit_label), fold(spec.measure_unit), fold("phần trăm") if spec.is_percent else "")


# --- aggregation -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One unit's entered figures for an indicator and a period."""

    path: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    weight: Decimal | None = None


@dataclass(frozen=True)
class Aggregated:
    """A figure made from entries: the value and what it was made from (``units``: how many entries)."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    weight: Decimal | None = None
    units: int = 0


NOTHING = Aggregated(None)


def topmost(entries: Iterable[Entry]) -> list[Entry]:
    """The entries with no other entry above them in the tree: a commune that entered its own value
    stands for its hamlets, which are then not counted again."""
    kept: list[Entry] = []
    for entry in sorted(entries, key=lambda e: e.path):
        if kept and entry.path.startswith(kept[-1].path):
            continue
        kept.append(entry)
    return kept


def rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator`` out of ``denominator`` in per cent (none of a zero denominator)."""
    if not denominator:
        return None
    return numerator * 100 / denominator


def total(entries: Iterable[Entry]) -> Aggregated:
    """A sum: the values added up."""
    values = [e.value for e in entries if e.value is not None]
    if not values:
        return NOTHING
    return Aggregated(sum(values, Decimal(0)), units=len(values))


def recomputed_rate(entries: Iterable[Entry]) -> Aggregated:
    """A rate recomputed from the summed numerators and denominators — 470 poor households of 9.344
    and 30 of 1.000 are 500 of 10.344 (4,83%), not the mean of 5,03% and 3% (4,02%)."""
    parts = [e for e in entries if e.numerator is not None and e.denominator is not None]
    if not parts:
        return NOTHING
    numerator = sum((e.numerator for e in parts if e.numerator is not None), Decimal(0))
    denominator = sum((e.denominator for e in parts if e.denominator is not None), Decimal(0))
    return Aggregated(rate(numerator, denominator), numerator, denominator, units=len(parts))


def weighted_average(entries: Iterable[Entry]) -> Aggregated:
    """Σ(value × weight) / Σ weight: a province's 12,5 criteria per commune from its communes' counts."""
    parts = [e for e in entries if e.value is not None and e.weight is not None and e.weight > 0]
    if not parts:
        return NOTHING
    weight = sum((e.weight for e in parts if e.weight is not None), Decimal(0))
    weighted = sum((e.value * e.weight for e in parts if e.value is not None and e.weight is not None), Decimal(0))
    return Aggregated(weighted / weight, weight=weight, units=len(parts))


def aggregate(aggregation: str, entries: Iterable[Entry]) -> Aggregated:
    """The figure of a unit without a value of its own, from the topmost entries below it."""
    chosen = topmost(entries)
    match aggregation:
        case Aggregation.SUM:
            return total(chosen)
        case Aggregation.RATE:
            return recomputed_rate(chosen)
        case Aggregation.WEIGHTED:
            return weighted_average(chosen)
    return NOTHING  # not aggregable: only a unit's own value


# --- status against a target ------------------------------------------------------------------------------


def meets(value: Decimal, comparison: str, target: Decimal) -> bool:
    match comparison:
        case Comparison.GTE:
            return value >= target
        case Comparison.GT:
            return value > target
        case Comparison.LTE:
            return value <= target
        case Comparison.LT:
            return value < target
    raise ValueError(f"Phép so sánh không hợp lệ: {comparison!r}")


def status(value: Decimal | None, *, comparison: str, target: Decimal, direction: str, decimals: int) -> Status | None:
    """Vượt, đạt or chưa đạt: the value as shown (rounded to ``decimals``) against the target. None
    when there is no value to judge."""
    if value is None:
        return None
    shown = quantize(value, decimals)
    if not meets(shown, comparison, target):
        return Status.MISSED
    better = shown > target if direction == Direction.HIGHER else shown < target
    return Status.EXCEEDED if better else Status.MET


def trend(now: Decimal | None, before: Decimal | None, direction: str, decimals: int) -> str:
    """ "tốt lên", "kém đi", "không đổi" from ``before`` to ``now`` (in the indicator's direction), or ""."""
    if now is None or before is None:
        return ""
    a, b = quantize(now, decimals), quantize(before, decimals)
    if a == b:
        return "không đổi"
    return "tốt lên" if (a > b) == (direction == Direction.HIGHER) else "kém đi"


#: How a sentence says a target: "dưới 6%", "trên 80%", "từ 19 xã trở lên", "không quá 10 vụ việc".
_TARGET_WORDS: Mapping[str, str] = {
    Comparison.GTE: "từ {} trở lên",
    Comparison.GT: "trên {}",
    Comparison.LTE: "không quá {}",
    Comparison.LT: "dưới {}",
}


def target_words(comparison: str, value: Decimal, spec: Spec) -> str:
    return _TARGET_WORDS[comparison].format(show(value, spec))


_COMPARISON_WORDS: Mapping[str, str] = {
    ">=": Comparison.GTE,
    "≥": Comparison.GTE,
    "=>": Comparison.GTE,
    "gte": Comparison.GTE,
    "tu tro len": Comparison.GTE,
    "it nhat": Comparison.GTE,
    "toi thieu": Comparison.GTE,
    ">": Comparison.GT,
    "gt": Comparison.GT,
    "tren": Comparison.GT,
    "hon": Comparison.GT,
    "<=": Comparison.LTE,
    "≤": Comparison.LTE,
    "=<": Comparison.LTE,
    "lte": Comparison.LTE,
    "khong qua": Comparison.LTE,
    "toi da": Comparison.LTE,
    "tu tro xuong": Comparison.LTE,
    "<": Comparison.LT,
    "lt": Comparison.LT,
    "duoi": Comparison.LT,
}


def parse_comparison(text: str) -> str:
    """ "≥", ">=", "từ … trở lên", "trên", "≤", "không quá", "dưới"… as a :class:`Comparison`."""
    folded = fold(text).replace("...", " ").replace("…", " ")
    folded = " ".join(folded.split())
    if folded in _COMPARISON_WORDS:
        return _COMPARISON_WORDS[folded]
    raise ValueError(
        f"“{text}” không phải phép so sánh: ghi ≥, >, ≤, < (hoặc “từ … trở lên”, “trên”, “không quá”, “dưới”)."
    )


def consistent(comparison: str, direction: str) -> bool:
    """A target points the indicator's way: "≥"/">" when higher is better, "≤"/"<" when lower is."""
    upward = comparison in (Comparison.GTE, Comparison.GT)
    return upward == (direction == Direction.HIGHER)


# --- periods ---------------------------------------------------------------------------------------------


def period_errors(start: datetime.date | None, end: datetime.date | None) -> dict[str, str]:
    """A period needs both ends, and it may not end before it starts."""
    errors: dict[str, str] = {}
    if start is None:
        errors["start"] = "Từ ngày: bắt buộc."
    if end is None:
        errors["end"] = "Đến ngày: bắt buộc."
    if start is not None and end is not None and end < start:
        errors["end"] = (
            f"Đến ngày ({format_date(end)}) trước từ ngày ({format_date(start)}): "
            "kỳ không thể kết thúc trước khi bắt đầu."
        )
    return errors


def period_of(start: datetime.date, end: datetime.date) -> Period:
    """The period ``start``–``end`` with its kind when it is a standard one (year, 6 months, quarter…)."""
    year = start.year
    standard = [Period.year(year), Period.first_half(year), Period.second_half(year), Period.nine_months(year)]
    standard += [Period.quarter(year, q) for q in (1, 2, 3, 4)]
    standard.append(Period.month(year, start.month))
    for period in standard:
        if (period.start, period.end) == (start, end):
            return period
    return Period(start, end, PeriodKind.CUSTOM)


# --- bad input -------------------------------------------------------------------------------------------


def _number_errors(name: str, label: str, value: Decimal, errors: dict[str, str]) -> bool:
    """Refuse a number the database cannot hold; True when it is usable."""
    if not value.is_finite():
        errors[name] = f"{label}: không phải là số."
        return False
    if abs(value) >= MAX_NUMBER:
        errors[name] = f"{label}: số quá lớn."
        return False
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        errors[name] = f"{label}: tối đa {MAX_DECIMALS} chữ số thập phân."
        return False
    return True


def amount_errors(name: str, label: str, value: Decimal, spec: Spec, *, whole: bool) -> dict[str, str]:
    """A value or a target in the indicator's range: not negative, a percentage not above 100, a count
    whole when ``whole``."""
    errors: dict[str, str] = {}
    if not _number_errors(name, label, value, errors):
        return errors
    rule = MEASURE_UNITS[spec.measure_unit]
    if value < 0:
        errors[name] = f"{label}: không được âm ({show_number(value, spec)})."
    elif rule.maximum is not None and value > rule.maximum:
        errors[name] = f"{label}: tỷ lệ phần trăm phải từ 0 đến {rule.maximum} (đã ghi {show_number(value, spec)}%)."
    elif whole and rule.whole and value != value.to_integral_value():
        errors[name] = f"{label}: số {spec.unit_label} phải là số nguyên (đã ghi {format_amount(value, MAX_DECIMALS)})."
    return errors


def value_errors(
    spec: Spec,
    *,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    weight: Decimal | None = None,
    written_unit: str = "",
) -> dict[str, str]:
    """What is wrong with one unit's value, by field: the unit written with it, the range, what the
    indicator's aggregation needs (numerator and denominator of a rate, the weight of an average)."""
    errors: dict[str, str] = {}
    if written_unit and not unit_matches(written_unit, spec):
        errors["value"] = f"Đơn vị tính sai: chỉ tiêu tính bằng “{spec.unit_label}”, không phải “{written_unit}”."
        return errors
    numerator_label = spec.numerator_label or "Tử số"
    denominator_label = spec.denominator_label or "Mẫu số"
    weight_label = spec.weight_label or "Trọng số"
    if spec.aggregation == Aggregation.RATE:
        if numerator is None:
            errors["numerator"] = f"{numerator_label}: bắt buộc (tỷ lệ được tính lại từ tử số và mẫu số khi tổng hợp)."
        if denominator is None:
            errors["denominator"] = (
                f"{denominator_label}: bắt buộc (tỷ lệ được tính lại từ tử số và mẫu số khi tổng hợp)."
            )
        if numerator is not None:
            errors.update(_part_errors("numerator", numerator_label, numerator))
        if denominator is not None:
            errors.update(_part_errors("denominator", denominator_label, denominator))
            if "denominator" not in errors and denominator == 0:
                errors["denominator"] = f"{denominator_label}: phải lớn hơn 0."
        if errors:
            return errors
        assert numerator is not None and denominator is not None
        if numerator > denominator:
            errors["numerator"] = (
                f"{numerator_label} ({format_amount(numerator, MAX_DECIMALS)}) lớn hơn "
                f"{denominator_label.lower()} ({format_amount(denominator, MAX_DECIMALS)})."
            )
            return errors
        computed = rate(numerator, denominator)
        if value is not None and computed is not None:
            errors.update(amount_errors("value", "Giá trị", value, spec, whole=False))
            if not errors and quantize(value, spec.decimals) != quantize(computed, spec.decimals):
                errors["value"] = (
                    f"Giá trị {show(value, spec)} không khớp với {numerator_label.lower()}/{denominator_label.lower()} "
                    f"({format_amount(numerator, MAX_DECIMALS)}/{format_amount(denominator, MAX_DECIMALS)} = "
                    f"{show(computed, spec)}); để trống để tính tự động."
                )
        return errors
    for name, given, label in (
        ("numerator", numerator, numerator_label),
        ("denominator", denominator, denominator_label),
    ):
        if given is not None:
            errors[name] = f"{label}: chỉ tiêu này không tính theo tỷ lệ, không nhập tử số, mẫu số."
    if value is None:
        errors["value"] = "Giá trị: bắt buộc."
    if spec.aggregation == Aggregation.WEIGHTED:
        if weight is None:
            errors["weight"] = f"{weight_label}: bắt buộc (giá trị được tính bình quân theo trọng số khi tổng hợp)."
        elif _number_errors("weight", weight_label, weight, errors) and weight <= 0:
            errors["weight"] = f"{weight_label}: phải lớn hơn 0."
    elif weight is not None:
        errors["weight"] = f"{weight_label}: chỉ tiêu này không tính bình quân, không nhập trọng số."
    if value is not None:
        # A weighted value stands for several units (a province's criteria per commune): it may be an
        # average, unless its weight is one unit's.
        whole = spec.aggregation != Aggregation.WEIGHTED or weight == 1
        errors.update(amount_errors("value", "Giá trị", value, spec, whole=whole))
    return errors


def _part_errors(name: str, label: str, value: Decimal) -> dict[str, str]:
    errors: dict[str, str] = {}
    if _number_errors(name, label, value, errors) and value < 0:
        errors[name] = f"{label}: không được âm."
    return errors


def target_errors(spec: Spec, *, comparison: str, value: Decimal | None, basis: str) -> dict[str, str]:
    """A target needs its comparison pointing the indicator's way, a value in range, and its basis —
    the plan or resolution it comes from."""
    errors: dict[str, str] = {}
    if comparison not in Comparison.values:
        errors["comparison"] = "Phép so sánh: chọn ≥, >, ≤ hoặc <."
    elif not consistent(comparison, spec.direction):
        wanted = "“≥” hoặc “>”" if spec.direction == Direction.HIGHER else "“≤” hoặc “<”"
        errors["comparison"] = f"Phép so sánh: chỉ tiêu {Direction(spec.direction).label.lower()}, chọn {wanted}."
    if value is None:
        errors["value"] = "Giá trị chỉ tiêu: bắt buộc."
    else:
        whole = spec.aggregation in (Aggregation.SUM, Aggregation.NONE)
        errors.update(amount_errors("value", "Giá trị chỉ tiêu", value, spec, whole=whole))
    if not basis.strip():
        errors["basis"] = (
            "Căn cứ: bắt buộc — ghi kế hoạch, nghị quyết hoặc đề án đặt ra chỉ tiêu "
            "(ví dụ “Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX”, “Đề án 06”)."
        )
    return errors


def definition_errors(
    *,
    code: str,
    name: str,
    measure_unit: str,
    direction: str,
    source: str,
    aggregation: str,
    decimals: int,
    figure: str = "",
    numerator_figure: str = "",
    denominator_figure: str = "",
) -> dict[str, str]:
    """What is wrong with an indicator's definition, before the figures are looked up in the sections."""
    errors: dict[str, str] = {}
    if not code:
        errors["code"] = "Mã chỉ tiêu: bắt buộc."
    elif not CODE.match(code):
        errors["code"] = "Mã chỉ tiêu: chỉ gồm chữ không dấu, chữ số, “.”, “-”, “_” (tối đa 32 ký tự)."
    if not name:
        errors["name"] = "Tên chỉ tiêu: bắt buộc."
    if measure_unit not in MeasureUnit.values:
        errors["measure_unit"] = "Đơn vị tính: chọn trong danh sách."
    if direction not in Direction.values:
        errors["direction"] = "Chiều đánh giá: chọn “càng cao càng tốt” hoặc “càng thấp càng tốt”."
    if aggregation not in Aggregation.values:
        errors["aggregation"] = "Cách tổng hợp: chọn trong danh sách."
    if not 0 <= decimals <= MAX_DECIMALS:
        errors["decimals"] = f"Số chữ số thập phân: từ 0 đến {MAX_DECIMALS}."
    if source not in Source.values:
        errors["source"] = "Nguồn số liệu: nhập tay hoặc tính từ số liệu thống kê."
    elif source == Source.COMPUTED:
        parts = bool(numerator_figure or denominator_figure)
        if figure and parts:
            errors["figure"] = "Chọn một số liệu, hoặc một cặp tử số, mẫu số — không cả hai."
        elif not figure and not parts:
            errors["figure"] = "Chỉ tiêu tính từ số liệu thống kê: chọn số liệu (dạng “lĩnh_vực.số_liệu”)."
        elif parts and not (numerator_figure and denominator_figure):
            missing = "numerator_figure" if not numerator_figure else "denominator_figure"
            errors[missing] = "Tỷ lệ tính từ số liệu thống kê cần cả số liệu tử số và số liệu mẫu số."
        if parts and measure_unit != MeasureUnit.PERCENT and "measure_unit" not in errors:
            errors["measure_unit"] = "Tỷ lệ tính từ tử số, mẫu số có đơn vị tính “%”."
    if aggregation == Aggregation.RATE and measure_unit != MeasureUnit.PERCENT and "measure_unit" not in errors:
        errors["measure_unit"] = "Chỉ tiêu tỷ lệ (tính lại từ tử số và mẫu số) có đơn vị tính “%”."
    return errors


# --- the sentences of the report -------------------------------------------------------------------------

#: The blanks an indicator's sentence may use (with the report's common ones: {ky}, {pham_vi}…).
SENTENCE_BLANKS: Mapping[str, str] = {
    "ten": "tên chỉ tiêu, như “Tỷ lệ hộ nghèo”",
    "gia_tri": "giá trị kỳ báo cáo với đơn vị tính, như “5,03%”, “19 xã”",
    "so": "giá trị kỳ báo cáo, chỉ con số, như “19”",
    "don_vi_tinh": "đơn vị tính, như “%”, “xã”",
    "trang_thai": "kết quả so với chỉ tiêu: “vượt”, “đạt” hoặc “chưa đạt”",
    "chi_tieu": "chỉ tiêu kế hoạch, như “dưới 6%”, “trên 80%”",
    "can_cu": "căn cứ đặt chỉ tiêu, như “Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX”",
    "truoc": "giá trị kỳ trước",
    "cung_ky_gia_tri": "giá trị cùng kỳ năm trước",
    "so_voi_cung_ky": "so với cùng kỳ năm trước, như “giảm 0,5 (9,04%)”",
}
#: The blanks that need a target: a sentence using them is said only when the indicator has one.
TARGET_BLANKS = frozenset({"trang_thai", "chi_tieu", "can_cu"})
