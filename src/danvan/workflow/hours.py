"""Clocks in office time: due instants counted in working days or working hours, with a same-day
cut-off and paused intervals. Pure functions, no database; the working-day calendar is the kit's.

:mod:`danvan.workflow.clocks` counts whole days, as the petition laws do. A one-stop dossier is
promised for an hour of a day ("trả kết quả lúc 16 giờ 00 ngày 15/12/2026"), some procedures are
counted in working hours, a dossier received after the procedure's cut-off counts as received the
next working day, and the time a dossier waits for the citizen (a supplement, a financial obligation)
does not run against the office. The counting here is done in *office time*: only the opening hours of
working days run, and a paused interval does not run at all.

* **Working days** (``N ngày làm việc``): the day of receipt is not counted (Bộ luật Dân sự 2015,
  Điều 147.1); the period is N whole office days from the opening of the next working day, so it ends
  at the close of the N-th working day after receipt. A pause that takes part of a day pushes the end
  into the next day; the due instant of a day-counted period is always the close of a working day.
* **Working hours** (``N giờ làm việc``): N hours of opening time from the moment of receipt.
* **Cut-off** (``giờ tiếp nhận cuối trong ngày``): a dossier received at or after it — or outside the
  opening hours, or on a day off — counts as received at the opening of the next working day
  (chứng thực: NĐ 23/2015/NĐ-CP, Điều 7; a per-procedure attribute, DOMAIN §3.3).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from danvan.core.calendar import WorkCalendar

#: A period longer than this many calendar days is refused: a calendar without working days would
#: otherwise never end.
HORIZON_DAYS = 3 * 366


@dataclass(frozen=True)
class OfficeHours:
    """The opening hours of every working day: one or more intervals, in order (morning, afternoon)."""

    intervals: tuple[tuple[datetime.time, datetime.time], ...] = (
        (datetime.time(7, 30), datetime.time(11, 30)),
        (datetime.time(13, 30), datetime.time(17, 0)),
    )

    def __post_init__(self) -> None:
        previous = datetime.time(0, 0)
        if not self.intervals:
            raise ValueError("Giờ làm việc phải có ít nhất một buổi.")
        for start, end in self.intervals:
            if not previous <= start < end:
                raise ValueError("Các buổi làm việc phải theo thứ tự và không chồng lên nhau.")
            previous = end

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """``"07:30-11:30,13:30-17:00"`` (the setting ``DANVAN_OFFICE_HOURS``)."""
        intervals = []
        for part in text.split(","):
            start, _, end = part.strip().partition("-")
            intervals.append((datetime.time.fromisoformat(start.strip()), datetime.time.fromisoformat(end.strip())))
        return cls(tuple(intervals))

    @property
    def opening(self) -> datetime.time:
        return self.intervals[0][0]

    @property
    def closing(self) -> datetime.time:
        return self.intervals[-1][1]

    @property
    def day_length(self) -> datetime.timedelta:
        return sum((_span(day_start, end) for day_start, end in self.intervals), datetime.timedelta())

    def spans(self, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        return [(datetime.datetime.combine(day, s), datetime.datetime.combine(day, e)) for s, e in self.intervals]


def _span(start: datetime.time, end: datetime.time) -> datetime.timedelta:
    day = datetime.date(2000, 1, 1)
    return datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)


@dataclass(frozen=True)
class Interval:
    """A paused interval (the office waits for the citizen): from ``start`` to ``end`` (``None``: still paused)."""

    start: datetime.datetime
    end: datetime.datetime | None = None


@dataclass(frozen=True)
class DueAt:
    """A due instant (``None`` while paused) and the office time still to run when it was paused."""

    due: datetime.datetime | None
    counted_from: datetime.datetime
    remaining_when_paused: datetime.timedelta | None = None


def _working_days_from(day: datetime.date, calendar: WorkCalendar) -> Iterator[datetime.date]:
    for offset in range(HORIZON_DAYS):
        candidate = day + datetime.timedelta(days=offset)
        if calendar.is_working_day(candidate):
            yield candidate
    raise ValueError(f"Không có ngày làm việc nào trong {HORIZON_DAYS} ngày kể từ {day.isoformat()}.")


def _open_spans(
    start: datetime.datetime, calendar: WorkCalendar, hours: OfficeHours
) -> Iterator[tuple[datetime.datetime, datetime.datetime]]:
    """The office's open spans from ``start`` on, in order, the first one cut at ``start``."""
    for day in _working_days_from(start.date(), calendar):
        for span_start, span_end in hours.spans(day):
            if span_end <= start:
                continue
            yield max(span_start, start), span_end


def effective_receipt(
    received: datetime.datetime,
    calendar: WorkCalendar,
    hours: OfficeHours,
    *,
    cutoff: datetime.time | None = None,
) -> datetime.datetime:
    """When the office counts a dossier as received: at once if it came in during opening hours before
    the cut-off, else at the opening of the next working day (its spans start there)."""
    day = received.date()
    inside = calendar.is_working_day(day) and any(s <= received < e for s, e in hours.spans(day))
    late = cutoff is not None and received.time() >= cutoff
    if inside and not late:
        return received
    if calendar.is_working_day(day) and received.time() < hours.opening and not late:
        return datetime.datetime.combine(day, hours.opening)
    if calendar.is_working_day(day) and not late and received.time() < hours.closing:
        # In the lunch break: the afternoon's opening.
        return next(s for s, _ in _open_spans(received, calendar, hours))
    following = next(_working_days_from(day + datetime.timedelta(days=1), calendar))
    return datetime.datetime.combine(following, hours.opening)


def _merged(pauses: Sequence[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        if merged and (merged[-1].end is None or pause.start <= merged[-1].end):
            last = merged[-1]
            end = None if last.end is None or pause.end is None else max(last.end, pause.end)
            merged[-1] = Interval(last.start, end)
        else:
            merged.append(pause)
    return merged


def _run(
    start: datetime.datetime,
    budget: datetime.timedelta,
    calendar: WorkCalendar,
    hours: OfficeHours,
    pauses: Sequence[Interval],
) -> tuple[datetime.datetime | None, datetime.timedelta]:
    """Spend ``budget`` of office time from ``start``, skipping ``pauses``: the instant it is spent, or
    ``None`` and what is left when an open pause stops the clock."""
    remaining = budget
    if remaining <= datetime.timedelta():
        return start, datetime.timedelta()
    queue = [p for p in _merged(pauses) if p.end is None or p.end > start]
    floor = start  # no time runs before this instant (the end of the last pause)
    for span_start, span_end in _open_spans(start, calendar, hours):
        if span_end <= floor:
            continue
        cursor = max(span_start, floor)
        while cursor < span_end:
            pause = queue[0] if queue else None
            if pause is not None and pause.start <= cursor:
                if pause.end is None:
                    return None, remaining
                cursor = floor = max(cursor, pause.end)
                queue.pop(0)
                continue
            stop = min(span_end, pause.start) if pause is not None else span_end
            if cursor >= stop:
                cursor = stop
                continue
            available = stop - cursor
            if available >= remaining:
                return cursor + remaining, datetime.timedelta()
            remaining -= available
            cursor = stop
    raise AssertionError("unreachable: _open_spans ends with ValueError")  # pragma: no cover


def due_at(
    received: datetime.datetime,
    calendar: WorkCalendar,
    hours: OfficeHours,
    *,
    days: int = 0,
    work_hours: int = 0,
    cutoff: datetime.time | None = None,
    pauses: Sequence[Interval] = (),
) -> DueAt:
    """The due instant of a period of ``days`` working days plus ``work_hours`` working hours from
    ``received`` (naive local time), after the cut-off and without the paused intervals."""
    if days < 0 or work_hours < 0:
        raise ValueError("Thời hạn không được âm.")
    start = effective_receipt(received, calendar, hours, cutoff=cutoff)
    if days:
        # The day of receipt is not counted: the period starts at the opening of the next working day.
        first = next(_working_days_from(start.date() + datetime.timedelta(days=1), calendar))
        clock_start = datetime.datetime.combine(first, hours.opening)
        budget = hours.day_length * days + datetime.timedelta(hours=work_hours)
        # A pause before the count starts gives no time back: only office time inside the period runs.
        due, left = _run(clock_start, budget, calendar, hours, pauses)
    else:
        budget = datetime.timedelta(hours=work_hours)
        due, left = _run(start, budget, calendar, hours, pauses)
    if due is None:
        return DueAt(None, start, left)
    if days and not work_hours:
        due = _close_of(due, hours)
    elif not days and not work_hours:
        due = _close_of(start, hours)  # "trong ngày": by the close of the day of receipt
    return DueAt(due, start)


def _close_of(instant: datetime.datetime, hours: OfficeHours) -> datetime.datetime:
    """The close of the office day ``instant`` falls in: a day-counted period ends with the day."""
    return datetime.datetime.combine(instant.date(), hours.closing)


def office_time_between(
    start: datetime.datetime, end: datetime.datetime, calendar: WorkCalendar, hours: OfficeHours
) -> datetime.timedelta:
    """The office time that runs from ``start`` to ``end`` (zero if ``end`` is not after ``start``)."""
    total = datetime.timedelta()
    if end <= start:
        return total
    for span_start, span_end in _open_spans(start, calendar, hours):
        if span_start >= end:
            break
        total += min(span_end, end) - span_start
    return total
