"""Legal clocks as data, for every area: a rule is a row, a due date comes with its explanation.

A :class:`DeadlineRule` names a stage, its number of days, calendar (``CAL``) or working (``WORK``)
days, the event it counts from, the regime it belongs to (chosen by the date of that event), the
variants for complex cases and remote communes, the extensions the law allows, its legal basis and how
sure we are of it (DOMAIN §0.1: V verified, V3 from a secondary source, M from memory, ? unverified).
:func:`compute_due` applies a rule to a start date with the working-day calendar, the paused intervals
and the extensions, and explains in Vietnamese how the date was reached. Each area keeps its own table
of rules next to their legal basis (``petitions/deadlines.py``); the counting is done here, once.
Pure functions, no database.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from danvan.core.calendar import WorkCalendar, add_calendar_days, add_working_days, working_days_between
from danvan.core.text import format_date


class DayUnit(StrEnum):
    CAL = "cal"  # "ngày": calendar days, the last one moved off a day off (BLDS 2015, Điều 148.5)
    WORK = "work"  # "ngày làm việc"


class Trigger(StrEnum):
    RECEIVED = "received"  # ngày nhận đơn, hồ sơ (vào sổ)
    ACCEPTED = "accepted"  # ngày thụ lý, tiếp nhận hợp lệ
    DECIDED = "decided"  # ngày ban hành quyết định, kết luận
    MADE = "made"  # ngày đưa ra cam kết, kiến nghị


TRIGGER_LABELS: dict[str, str] = {
    Trigger.RECEIVED: "ngày nhận đơn",
    Trigger.ACCEPTED: "ngày thụ lý",
    Trigger.DECIDED: "ngày ban hành quyết định, kết luận",
    Trigger.MADE: "ngày cam kết, kiến nghị",
}


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    stage: str
    days: int
    unit: DayUnit
    trigger: str
    legal_basis: str
    tag: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    complex_days: int | None = None
    remote_days: int | None = None
    remote_complex_days: int | None = None
    #: Extensions: how many a complex / especially complex case may get, and at most how long each is.
    extensions_complex: int = 0
    extensions_especially_complex: int = 0
    extension_days: int = 0
    #: How the triggering event is named in the explanation, when the area's word differs from the kit's
    #: ("ngày tiếp nhận hồ sơ" rather than "ngày nhận đơn").
    trigger_label: str = ""

    @property
    def counted_from(self) -> str:
        return self.trigger_label or TRIGGER_LABELS.get(self.trigger, self.trigger)

    def in_force_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def days_for(self, *, complex_case: bool, remote: bool) -> int:
        if remote and complex_case and self.remote_complex_days:
            return self.remote_complex_days
        if remote and self.remote_days:
            return self.remote_days
        if complex_case and self.complex_days:
            return self.complex_days
        return self.days


class NoRule(LookupError):
    pass


def rule_for(rules: Sequence[DeadlineRule], code: str, event_day: datetime.date) -> DeadlineRule:
    """The rule ``code`` of ``rules`` in the regime in force on the triggering event's date."""
    for rule in rules:
        if rule.code == code and rule.in_force_on(event_day):
            return rule
    raise NoRule(f"Không có quy định thời hạn “{code}” áp dụng cho ngày {format_date(event_day)}.")


@dataclass(frozen=True)
class Pause:
    """A suspension (tạm đình chỉ): the clock stops on ``start`` and restarts from ``end`` (the resume decision)."""

    start: datetime.date
    end: datetime.date | None = None


@dataclass(frozen=True)
class Due:
    """A computed due date (None while the clock is paused) and how it was reached, in Vietnamese."""

    rule: DeadlineRule
    due: datetime.date | None
    remaining_when_paused: int | None
    explanation: str


class ExtensionRefused(ValueError):
    pass


def extension_errors(rule: DeadlineRule, extensions: Sequence[int], *, complexity: int) -> list[str]:
    """Check the extensions granted against the law: ``complexity`` 0 normal, 1 complex, 2 especially complex."""
    allowed = {0: 0, 1: rule.extensions_complex}.get(complexity, rule.extensions_especially_complex)
    errors = []
    if len(extensions) > allowed:
        if allowed == 0:
            errors.append(f"“{rule.stage}” không được gia hạn ({rule.legal_basis}).")
        else:
            errors.append(f"Chỉ được gia hạn tối đa {allowed} lần ({rule.legal_basis}).")
    for days in extensions if allowed else ():
        if days <= 0 or days > rule.extension_days:
            errors.append(f"Mỗi lần gia hạn không quá {rule.extension_days} ngày ({rule.legal_basis}).")
            break
    return errors


def _count(start: datetime.date, end: datetime.date, unit: DayUnit, calendar: WorkCalendar) -> int:
    if unit == DayUnit.WORK:
        return working_days_between(start, end, calendar)
    return (end - start).days


def _add(start: datetime.date, n: int, unit: DayUnit, calendar: WorkCalendar) -> datetime.date:
    return add_working_days(start, n, calendar) if unit == DayUnit.WORK else add_calendar_days(start, n, calendar)


def compute_due(
    rule: DeadlineRule,
    start: datetime.date,
    calendar: WorkCalendar,
    *,
    complex_case: bool = False,
    remote: bool = False,
    pauses: Sequence[Pause] = (),
    extensions: Sequence[int] = (),
) -> Due:
    """The due date of ``rule`` counted from ``start`` (not counted itself, BLDS 2015 Điều 147).

    Paused intervals are left out: the days used before a pause count, the rest
    is counted again from the resume date (NĐ 155/2026, Điều 28b.2; Luật Tố cáo
    Điều 34.4). Extensions add their days (calendar days) to a calendar-day rule.
    """
    unit_word = "ngày làm việc" if rule.unit == DayUnit.WORK else "ngày"
    base = rule.days_for(complex_case=complex_case, remote=remote)
    variant = ""
    if base != rule.days:
        parts = [p for p, on in (("vùng sâu, vùng xa", remote), ("vụ việc phức tạp", complex_case)) if on]
        variant = f" ({', '.join(parts)})"
    total = base + sum(extensions)
    words = [f"{base} {unit_word}{variant} kể từ {rule.counted_from} {format_date(start)} ({rule.legal_basis})"]
    if extensions:
        words.append("gia hạn " + " + ".join(f"{d} ngày" for d in extensions))
    anchor, remaining = start, total
    for pause in sorted(pauses, key=lambda p: p.start):
        if pause.start < anchor:
            continue
        used = _count(anchor, pause.start, rule.unit, calendar)
        if used >= remaining:
            break  # paused after the period had already run out: it does not give time back
        remaining -= used
        if pause.end is None:
            words.append(f"đang tạm đình chỉ từ {format_date(pause.start)}, còn {remaining} {unit_word}")
            return Due(rule, None, remaining, "; ".join(words) + ".")
        words.append(
            f"tạm đình chỉ từ {format_date(pause.start)}, tiếp tục từ {format_date(pause.end)}"
            f" (còn {remaining} {unit_word} tính từ ngày tiếp tục)"
        )
        anchor = pause.end
    due = _add(anchor, remaining, rule.unit, calendar)
    if rule.unit == DayUnit.CAL:
        plain = anchor + datetime.timedelta(days=remaining)
        if plain != due:
            reason = calendar.reason_off(plain) or "ngày nghỉ"
            words.append(f"ngày cuối {format_date(plain)} là {reason.lower()} nên chuyển sang {format_date(due)}")
    words.append(f"hạn: {format_date(due)}")
    return Due(rule, due, None, "; ".join(words) + ".")
