"""Excel (or CSV) import of indicator values and targets, through the kit's staged import: every row is
checked — by the parser and then by the services themselves, run for real and rolled back — before
anything is written, and then every row is written or none (:mod:`danvan.core.imports`).

**Values** (số liệu thực hiện), one row per unit, indicator and period:

==========================  ===========================================================================
Mã chỉ tiêu, Mã đơn vị      required; the unit is the one bearing the code in the period (old codes
                            name the units before the 2025 reform: "06" in 2019 is Bắc Kạn)
Kỳ                          required: Cả năm, 6 tháng đầu năm, 6 tháng cuối năm, 9 tháng, Quý I–IV,
                            Tháng, Khoảng ngày tự chọn (or year, h1, h2, 9m, q1–q4, month, custom)
Năm, Tháng                  the year (and the month of a monthly period)
Từ ngày, Đến ngày           a custom period
Giá trị                     the value ("5,03", "1.451", "5,03%"); empty for a rate (computed)
Đơn vị tính                 optional; when given, it must be the indicator's
Tử số, Mẫu số, Trọng số     a rate's parts; an average's weight
Nguồn số liệu               required ("Báo cáo của UBND xã")
Ghi chú                     optional
==========================  ===========================================================================

**Targets** (chỉ tiêu kế hoạch): Mã chỉ tiêu, Mã đơn vị, Kỳ, Năm, Tháng, Từ ngày, Đến ngày, So sánh
(≥, >, ≤, < or "từ … trở lên", "trên", "không quá", "dưới"), Giá trị chỉ tiêu, Đơn vị tính, Căn cứ
(required: the plan or resolution), Ghi chú.

A value or target already recorded for the same unit, indicator and period is updated. Errors are named
by row and column ("Dòng 4, cột “Tử số”: …").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from danvan.accounts import access, roles
from danvan.core import imports
from danvan.core.imports import Column, Importer, ImportRejected, Parsed, Row, RowError
from danvan.core.periods import PERIOD_CHOICES
from danvan.core.text import fold
from danvan.indicators import rules, services
from danvan.indicators.models import Indicator, Target, Value
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

FORMATS = frozenset({imports.XLSX, imports.CSV})

_PERIOD = (
    Column("indicator", "Mã chỉ tiêu", required=True, max_length=32, aliases=("Mã CT",)),
    Column("unit", "Mã đơn vị", required=True, max_length=16,
           aliases=("Mã ĐVHC", "Mã đơn vị hành chính", "Mã xã", "Mã tỉnh")),
    Column("period", "Kỳ", required=True, max_length=64, aliases=("Kỳ báo cáo", "Loại kỳ")),
    Column("year", "Năm", max_length=8),
    Column("month", "Tháng", max_length=8),
    Column("start", "Từ ngày", max_length=32),
    Column("end", "Đến ngày", max_length=32),
)  # fmt: skip
VALUE_COLUMNS = (
    *_PERIOD,
    Column("value", "Giá trị", max_length=40, aliases=("Số liệu", "Kết quả", "Kết quả thực hiện", "Thực hiện")),
    Column("measure_unit", "Đơn vị tính", max_length=32, aliases=("ĐVT",)),
    Column("numerator", "Tử số", max_length=40),
    Column("denominator", "Mẫu số", max_length=40),
    Column("weight", "Trọng số", max_length=40),
    Column("source", "Nguồn số liệu", required=True, max_length=500, aliases=("Nguồn",)),
    Column("note", "Ghi chú", max_length=5000),
)
TARGET_COLUMNS = (
    *_PERIOD,
    Column("comparison", "So sánh", required=True, max_length=32, aliases=("Phép so sánh",)),
    Column("value", "Giá trị chỉ tiêu", required=True, max_length=40, aliases=("Mục tiêu", "Giá trị")),
    Column("measure_unit", "Đơn vị tính", max_length=32, aliases=("ĐVT",)),
    Column("basis", "Căn cứ", required=True, max_length=500,
           aliases=("Căn cứ đặt chỉ tiêu", "Văn bản", "Nghị quyết, kế hoạch")),
    Column("note", "Ghi chú", max_length=5000),
)  # fmt: skip


def _labels(columns: tuple[Column, ...]) -> dict[str, str]:
    """The services' field names → the sheet's columns, to name the column of a refused row."""
    return {c.key: c.label for c in columns} | {"kind": "Kỳ", "written_unit": "Đơn vị tính"}


_KINDS = {fold(label): key for key, label in PERIOD_CHOICES} | {key: key for key, _ in PERIOD_CHOICES} | {
    "nam": "year", "6 thang": "h1", "6 thang dau nam": "h1", "6 thang cuoi nam": "h2", "9 thang dau nam": "9m",
    "quy 1": "q1", "quy 2": "q2", "quy 3": "q3", "quy 4": "q4", "tu chon": "custom",
}  # fmt: skip


def parse_kind(text: str) -> str:
    folded = fold(text)
    if folded in _KINDS:
        return _KINDS[folded]
    names = ", ".join(label for _, label in PERIOD_CHOICES)
    raise ValueError(f"“{text}” không phải kỳ báo cáo: ghi một trong {names}.")


def _number(row: Row, key: str, errors: list[RowError]) -> tuple[Decimal | None, str]:
    raw = row.value(key)
    if raw is None or not row.text(key):
        return None, ""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        try:
            return Decimal(str(raw)), ""
        except InvalidOperation:
            errors.append(row.error(key, f"“{raw}” không phải là số."))
            return None, ""
    try:
        return rules.parse_amount(row.text(key))
    except ValueError as exc:
        errors.append(row.error(key, str(exc)))
        return None, ""


@dataclass(frozen=True)
class ImportRow:
    """One parsed row: what the service needs, before the indicator and the unit are looked up."""

    indicator: str
    unit: str
    kind: str
    year: Any
    month: Any
    start: datetime.date | None
    end: datetime.date | None
    value: Decimal | None
    written_unit: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    weight: Decimal | None = None
    source: str = ""
    comparison: str = ""
    basis: str = ""
    note: str = ""


def _parse(row: Row, *, targets: bool) -> ImportRow | list[RowError]:
    errors: list[RowError] = []
    try:
        kind = parse_kind(row.text("period"))
    except ValueError as exc:
        errors.append(row.error("period", str(exc)))
        kind = ""
    start, end = row.date("start", errors), row.date("end", errors)
    value, written = _number(row, "value", errors)
    unit_text = row.text("measure_unit") if row.has("measure_unit") else ""
    if unit_text and written and fold(unit_text) != fold(written):
        errors.append(row.error("value", f"ghi đơn vị “{written}” khác cột Đơn vị tính (“{unit_text}”)."))
    extra: dict[str, Any] = {}
    if targets:
        try:
            extra["comparison"] = rules.parse_comparison(row.text("comparison"))
        except ValueError as exc:
            errors.append(row.error("comparison", str(exc)))
        extra["basis"] = row.text("basis")
    else:
        for key in ("numerator", "denominator", "weight"):
            number, after = _number(row, key, errors)
            if after:
                errors.append(row.error(key, f"chỉ ghi con số (đã ghi “{after}”)."))
            extra[key] = number
        extra["source"] = row.text("source")
    if errors:
        return errors
    return ImportRow(
        indicator=row.text("indicator"), unit=row.text("unit"), kind=kind, year=row.text("year") or None,
        month=row.text("month") or None, start=start, end=end, value=value, written_unit=unit_text or written,
        note=row.text("note"), **extra,
    )  # fmt: skip


def unit_for_code(code: str, start: datetime.date, end: datetime.date) -> Unit | None:
    """The unit bearing ``code`` in the period: at its end, else at its start (a unit retired within it)."""
    if not rules.CODE.match(code):  # not a code at all (nor anything a database should be asked about)
        return None
    for day in (end, start):
        try:
            return unit_by_code(code, as_of=day)
        except UnitCodeNotFound:
            continue
    return None


def _row_errors(number: int, exc: ValidationError, labels: dict[str, str]) -> list[RowError]:
    """A service's refusal as the row's errors, in the column it names; the message drops the field's
    name when it is the column's ("Dòng 4, cột “Tử số”: lớn hơn …", not "… cột “Tử số”: Tử số …")."""
    out = []
    for error in imports.errors_from(number, exc, labels):
        message = error.message
        for name in {error.column, *labels.values()}:
            if name and message.startswith(f"{name}: "):
                message = message[len(name) + 2 :]
                break
        out.append(RowError(error.row, error.column, message))
    return out


class _DryRun(Exception):
    pass


@dataclass
class Preview:
    """What a checked sheet would write: each row's description, and how many are new."""

    kind: str
    rows: list[dict[str, str]]
    created: int
    updated: int

    @property
    def count(self) -> int:
        return len(self.rows)


class Sheet:
    """The import of ``kind`` ("values" or "targets") for ``actor``: each row through the service. The
    check's dry run keeps what it would write (:attr:`preview`)."""

    def __init__(self, actor: Any, kind: str) -> None:
        self.actor = actor
        self.targets = kind == "targets"
        self.kind = "targets" if self.targets else "values"
        self.columns = TARGET_COLUMNS if self.targets else VALUE_COLUMNS
        self.labels = _labels(self.columns)
        self.preview: Preview | None = None
        right = roles.INDICATORS.decide if self.targets else roles.INDICATORS.edit
        if not access.can(actor, right):
            raise PermissionDenied("Bạn không có quyền nhập chỉ tiêu kế hoạch." if self.targets else
                                   "Bạn không có quyền nhập số liệu chỉ tiêu.")  # fmt: skip

    def importer(self) -> Importer[ImportRow, Preview]:
        parse: Callable[[Row], ImportRow | list[RowError]] = lambda row: _parse(row, targets=self.targets)  # noqa: E731
        return Importer(columns=self.columns, parse=parse, check=self.check, apply=self.apply, formats=FORMATS)

    def _write(self, number: int, item: ImportRow, errors: list[RowError], seen: dict[tuple[Any, ...], int],
               found: dict[str, Indicator]) -> tuple[dict[str, str], bool] | None:  # fmt: skip
        labels, actor = self.labels, self.actor
        indicator = found.get(item.indicator)
        if indicator is None:
            errors.append(RowError(number, labels["indicator"], f"không có chỉ tiêu mã “{item.indicator}”."))
            return None
        try:
            start, end = services.resolve_period(item.kind, item.year, month=item.month, start=item.start,
                                                 end=item.end)  # fmt: skip
        except ValidationError as exc:
            errors.extend(_row_errors(number, exc, labels))
            return None
        unit = unit_for_code(item.unit, start, end)
        if unit is None or not access.can(actor, roles.INDICATORS.view, unit):
            errors.append(RowError(number, labels["unit"], f"không có đơn vị mã “{item.unit}” trong kỳ này, "
                                                           "trong phạm vi của bạn."))  # fmt: skip
            return None
        key = (indicator.pk, unit.pk, start, end)
        if key in seen:
            errors.append(RowError(number, "", f"trùng chỉ tiêu, đơn vị và kỳ với dòng {seen[key]}."))
            return None
        seen[key] = number
        model: type[Target] | type[Value] = Target if self.targets else Value
        existed = model.objects.filter(indicator=indicator, unit=unit, start=start, end=end).exists()
        try:
            if self.targets:
                saved: Target | Value = services.set_target(
                    actor=actor, indicator=indicator, unit=unit, start=start, end=end, comparison=item.comparison,
                    value=item.value, basis=item.basis, written_unit=item.written_unit, note=item.note,
                )  # fmt: skip
            else:
                saved = services.record_value(
                    actor=actor, indicator=indicator, unit=unit, start=start, end=end, source=item.source,
                    value=item.value, numerator=item.numerator, denominator=item.denominator, weight=item.weight,
                    written_unit=item.written_unit, note=item.note,
                )  # fmt: skip
        except ValidationError as exc:
            errors.extend(_row_errors(number, exc, labels))
            return None
        except PermissionDenied as exc:
            errors.append(RowError(number, labels["unit"], str(exc)))
            return None
        shown = saved.words if isinstance(saved, Target) else indicator.show(saved.value)
        described = {"indicator": indicator.name, "unit": unit.name, "period": saved.period.label, "value": shown,
                     "note": saved.basis if isinstance(saved, Target) else saved.source}  # fmt: skip
        return described, existed

    def _through_services(self, parsed: list[Parsed[ImportRow]]) -> tuple[list[RowError], Preview]:
        codes = {p.value.indicator for p in parsed if rules.CODE.match(p.value.indicator)}
        found = {i.code: i for i in Indicator.objects.filter(code__in=codes).select_related("unit")}
        errors: list[RowError] = []
        seen: dict[tuple[Any, ...], int] = {}
        preview = Preview(self.kind, [], 0, 0)
        for p in parsed:
            done = self._write(p.row, p.value, errors, seen, found)
            if done is not None:
                preview.rows.append(done[0])
                if done[1]:
                    preview.updated += 1
                else:
                    preview.created += 1
        return errors, preview

    def check(self, parsed: list[Parsed[ImportRow]]) -> list[RowError]:
        # The services' own checks, run for real and rolled back: what they would refuse is refused now.
        found: list[RowError] = []
        try:
            with transaction.atomic():
                found, self.preview = self._through_services(parsed)
                raise _DryRun
        except _DryRun:
            pass
        return found

    def apply(self, parsed: list[Parsed[ImportRow]]) -> Preview:
        errors, preview = self._through_services(parsed)
        if errors:
            raise ImportRejected(errors)
        return preview

    def mapping(self, stream: IO[bytes]) -> dict[str, str]:
        """The file's headers read as the columns (their labels or aliases); the others are left out."""
        sheet = imports.inspect(self.importer(), stream, sample=0)
        stream.seek(0)
        return sheet.suggested


def read(stream: IO[bytes], *, actor: Any, kind: str) -> Preview:
    """Check the whole sheet (the services' checks included, rolled back); nothing is written."""
    sheet = Sheet(actor, kind)
    imports.stage(sheet.importer(), stream, mapping=sheet.mapping(stream))
    assert sheet.preview is not None
    return sheet.preview


def run(stream: IO[bytes], *, actor: Any, kind: str) -> Preview:
    """Check, then write every row through the services: all rows or none."""
    sheet = Sheet(actor, kind)
    return imports.run(sheet.importer(), stream, mapping=sheet.mapping(stream))
