"""The service that writes another one-stop system's history: dossiers already received, finished, returned
or ended elsewhere, so that the province's figures start from what it already has (issue 12).

The rows come checked for their form by :mod:`danvan.onestop.imports`; here are the rules of the record:
the code is new (in the file and in the database), the procedure is in the province's catalogue, the
service point is the unit's, the dates are in order and not in the future, the status fits the dates.
The due instant is computed with the one rule every dossier follows (:func:`rules.compute_due` with the
calendar and the office hours the services use), unless the file gives the appointment date, which is
then kept; early / on time / late is :func:`rules.classify` with the province's comparison rule
(:func:`services.settings_for`). Written all at once (bulk inserts), every row or none, ``imported``
set, one timeline event "import" each (the fields :func:`danvan.core.services.record_event` writes, in
batches).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.actors import SystemActor, require_actor
from danvan.core.calendar import WorkCalendar
from danvan.core.models import Event
from danvan.core.selectors import current_calendar
from danvan.core.text import format_date, format_datetime, nfc
from danvan.onestop import rules, services
from danvan.onestop.models import Dossier, Procedure, ServicePoint
from danvan.units.models import Unit

S = rules.Status
#: The states an imported dossier may have: what another system's history holds (a rating is not imported).
IMPORTED_STATES = frozenset({S.RECEIVED, S.PROCESSING, S.RESULT_READY, S.RETURNED, S.WITHDRAWN, S.REFUSED, S.STOPPED})
ENDED = frozenset({S.WITHDRAWN, S.REFUSED, S.STOPPED})
#: How many codes are looked up in one query.
_CHUNK = 900


@dataclass(frozen=True)
class HistoryRow:
    """One dossier of the other system, parsed: naive local instants (the office's clock)."""

    line: int
    code: str
    procedure: Procedure
    service_point: ServicePoint
    applicant_name: str
    channel: str
    received_at: datetime.datetime
    status: str
    applicant_id_number: str = ""
    applicant_phone: str = ""
    finished_at: datetime.datetime | None = None
    returned_at: datetime.datetime | None = None
    return_method: str = ""
    ended_on: datetime.date | None = None
    end_reason: str = ""
    due_at: datetime.datetime | None = None  # the appointment date the file gives, kept if given


class HistoryRefused(Exception):
    """Rows refused by the service: row index → field → messages (-1: the file as a whole)."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]) -> None:
        self.rows = rows
        super().__init__(f"{len(rows)} dòng bị từ chối")


@dataclass
class Outcome:
    """What an import gives, before it is written: the figures the officer checks in the preview."""

    received: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    finished: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_progress: int = 0
    overdue: int = 0
    returned: int = 0
    withdrawn: int = 0
    refused: int = 0
    stopped: int = 0
    #: Rows whose appointment date in the file differs from the one the rules compute (the file's is kept).
    due_differs: int = 0
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None

    def add(self, dossier: Dossier, computed_due: datetime.date | None, now: datetime.datetime) -> None:
        if dossier.received_at is not None:
            self.received += 1
            label = rules.Channel(dossier.channel).label
            self.by_channel[label] = self.by_channel.get(label, 0) + 1
        day = dossier.received_on or (timezone.localtime(dossier.submitted_at).date() if dossier.submitted_at else None)
        if day is not None:
            self.first_day = min(self.first_day or day, day)
            self.last_day = max(self.last_day or day, day)
        if dossier.finished_at is not None:
            self.finished += 1
            setattr(self, dossier.timeliness, getattr(self, dossier.timeliness) + 1)
        if dossier.returned_at is not None:
            self.returned += 1
        if dossier.status in rules.IN_PROGRESS:
            self.in_progress += 1
            if dossier.due_at is not None and dossier.due_at < now:
                self.overdue += 1
        if dossier.status == S.WITHDRAWN:
            self.withdrawn += 1
        elif dossier.status == S.REFUSED:
            self.refused += 1
        elif dossier.status == S.STOPPED:
            self.stopped += 1
        if computed_due is not None and dossier.due_on is not None and computed_due != dossier.due_on:
            self.due_differs += 1


def _aware(local: datetime.datetime, zone: Any = None) -> datetime.datetime:
    return timezone.make_aware(local, zone)


def _refusals(row: HistoryRow, now: datetime.datetime) -> dict[str, list[str]]:
    """The rules of one row's dates and status (naive local instants; ``now`` likewise)."""
    errors: dict[str, list[str]] = {}

    def refuse(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    shown = format_datetime
    if row.received_at > now:
        refuse("received_at", f"thời điểm tiếp nhận {shown(row.received_at)} ở tương lai.")
    if row.finished_at is not None:
        if row.finished_at < row.received_at:
            refuse(
                "finished_at", f"có kết quả ({shown(row.finished_at)}) trước khi tiếp nhận ({shown(row.received_at)})."
            )
        if row.finished_at > now:
            refuse("finished_at", f"thời điểm có kết quả {shown(row.finished_at)} ở tương lai.")
    if row.returned_at is not None:
        if row.finished_at is None:
            refuse("returned_at", "đã trả kết quả nhưng thiếu ngày giờ có kết quả.")
        elif row.returned_at < row.finished_at:
            refuse(
                "returned_at",
                f"trả kết quả ({shown(row.returned_at)}) trước khi có kết quả ({shown(row.finished_at)}).",
            )
        if row.returned_at > now:
            refuse("returned_at", f"thời điểm trả kết quả {shown(row.returned_at)} ở tương lai.")
    if row.due_at is not None and row.due_at < row.received_at:
        refuse("due_at", f"ngày hẹn trả ({shown(row.due_at)}) trước khi tiếp nhận.")
    if row.status not in IMPORTED_STATES:
        refuse("status", f"trạng thái “{rules.Status(row.status).label}” không nhập được từ hệ thống khác.")
    if row.status in ENDED:
        label = rules.Status(row.status).label
        if row.ended_on is None:
            refuse("ended_on", f"hồ sơ “{label}” cần ngày kết thúc.")
        else:
            if row.ended_on < row.received_at.date():
                refuse("ended_on", f"ngày kết thúc {format_date(row.ended_on)} trước ngày tiếp nhận.")
            if row.ended_on > now.date():
                refuse("ended_on", f"ngày kết thúc {format_date(row.ended_on)} ở tương lai.")
        if row.finished_at is not None or row.returned_at is not None:
            refuse("status", f"hồ sơ “{label}” không thể có ngày có kết quả hay ngày trả kết quả.")
    else:
        if row.ended_on is not None:
            refuse("ended_on", "chỉ hồ sơ rút, từ chối tiếp nhận hoặc dừng xử lý mới có ngày kết thúc.")
        if row.status in rules.IN_PROGRESS and row.finished_at is not None:
            refuse("status", f"trạng thái “{rules.Status(row.status).label}” nhưng đã có ngày giờ có kết quả.")
        if row.status in rules.FINISHED and row.finished_at is None:
            refuse("finished_at", f"trạng thái “{rules.Status(row.status).label}” cần ngày giờ có kết quả.")
        if row.status == S.RESULT_READY and row.returned_at is not None:
            refuse("status", "trạng thái “Chờ trả kết quả” nhưng đã có ngày giờ trả kết quả.")
        if row.status == S.RETURNED and row.returned_at is None:
            refuse("returned_at", "trạng thái “Đã trả kết quả” cần ngày giờ trả kết quả.")
    return errors


def _taken_codes(codes: Sequence[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(codes), _CHUNK):
        chunk = codes[start : start + _CHUNK]
        taken.update(Dossier.objects.filter(code__in=chunk).values_list("code", flat=True))
    return taken


def _require_rights(actor: Any, unit: Unit) -> None:
    require_actor(actor)
    if not access.can(actor, roles.ONESTOP.edit, unit):
        raise PermissionDenied("Bạn không có quyền nhập hồ sơ một cửa của đơn vị này.")


def history_errors(*, actor: Any, unit: Unit, rows: Sequence[HistoryRow]) -> dict[int, dict[str, list[str]]]:
    """Why rows may not be imported into ``unit`` (row index → field → messages); nothing is written."""
    _require_rights(actor, unit)
    now = timezone.localtime().replace(tzinfo=None, microsecond=0) + datetime.timedelta(minutes=5)
    province = services.settings_for(unit).province
    errors: dict[int, dict[str, list[str]]] = {}
    first_line: dict[str, int] = {}
    taken = _taken_codes([r.code for r in rows])
    for index, row in enumerate(rows):
        found = _refusals(row, now)
        if row.code in first_line:
            found.setdefault("code", []).append(f"mã hồ sơ “{row.code}” trùng với dòng {first_line[row.code]}.")
        else:
            first_line[row.code] = row.line
        if row.code in taken:
            found.setdefault("code", []).append(f"mã hồ sơ “{row.code}” đã có trong hệ thống.")
        if row.procedure.unit_id != province.pk:
            found.setdefault("procedure", []).append("thủ tục không thuộc danh mục của tỉnh.")
        if row.service_point.unit_id != unit.pk:
            found.setdefault("service_point", []).append(f"nơi tiếp nhận không thuộc {unit.name}.")
        if found:
            errors[index] = found
    return errors


def _token() -> str:
    # The rating token of the QR code, as the desk's dossiers have one (never printed for imported ones).
    return secrets.token_urlsafe(18)


def plan(*, actor: Any, unit: Unit, rows: Iterable[HistoryRow], calendar: WorkCalendar | None = None) -> tuple[
    list[Dossier], Outcome
]:  # fmt: skip
    """The dossiers the rows make (not saved), with their due instant and timeliness by the rules, and the
    figures of the preview. The rows must have passed :func:`history_errors`."""
    calendar = calendar or current_calendar()
    rule = services.settings_for(unit).timeliness_rule
    office = services.OFFICE_HOURS
    user = None if isinstance(actor, SystemActor) else actor
    now = timezone.now()
    outcome = Outcome()
    zone = timezone.get_current_timezone()
    dossiers: list[Dossier] = []
    for row in rows:
        procedure = row.procedure
        received = row.status != S.REFUSED  # refused at reception: never received, no clock
        computed = None
        due = row.due_at
        if received:
            computed = rules.compute_due(
                row.received_at, days=procedure.days, hours=procedure.hours, cutoff=procedure.cutoff, pauses=(),
                calendar=calendar, office=office,
            ).due  # fmt: skip
            due = due or computed
        timeliness = ""
        if row.finished_at is not None and due is not None:
            timeliness = rules.classify(row.finished_at, due, rule).value
        dossier = Dossier(
            code=row.code,
            unit=unit,
            service_point=row.service_point,
            procedure=procedure,
            field=procedure.field,
            status=row.status,
            channel=row.channel,
            applicant_name=row.applicant_name,
            applicant_id_number=row.applicant_id_number,
            applicant_phone=row.applicant_phone,
            result_place=row.service_point.name,
            submitted_at=_aware(row.received_at, zone),
            received_at=_aware(row.received_at, zone) if received else None,
            received_on=row.received_at.date() if received else None,
            due_at=_aware(due, zone) if due is not None else None,
            due_on=due.date() if due is not None else None,
            finished_at=_aware(row.finished_at, zone) if row.finished_at else None,
            finished_on=row.finished_at.date() if row.finished_at else None,
            timeliness=timeliness,
            returned_at=_aware(row.returned_at, zone) if row.returned_at else None,
            returned_on=row.returned_at.date() if row.returned_at else None,
            return_method=row.return_method if row.returned_at else "",
            ended_on=row.ended_on,
            end_reason=row.end_reason,
            rating_token=_token(),
            imported=True,
            created_by=user,
        )
        outcome.add(dossier, computed.date() if computed is not None else None, now)
        dossiers.append(dossier)
    return dossiers, outcome


def _note(dossier: Dossier) -> str:
    parts = [f"Nhập từ hệ thống một cửa khác: {rules.Status(dossier.status).label}"]
    if dossier.received_at:
        parts.append(f"tiếp nhận {format_datetime(timezone.localtime(dossier.received_at))}")
    if dossier.finished_at:
        parts.append(f"có kết quả {format_datetime(timezone.localtime(dossier.finished_at))}")
    if dossier.returned_at:
        parts.append(f"trả kết quả {format_datetime(timezone.localtime(dossier.returned_at))}")
    if dossier.ended_on:
        parts.append(f"kết thúc {format_date(dossier.ended_on)}")
    return "; ".join(parts) + "."


@transaction.atomic
def import_history(*, actor: Any, unit: Unit, rows: Sequence[HistoryRow]) -> list[Dossier]:
    """Write the rows as dossiers of ``unit``: every row or none (:class:`HistoryRefused` names the rows),
    bulk inserts, ``imported`` set, one timeline event "import" each."""
    errors = history_errors(actor=actor, unit=unit, rows=rows)
    if errors:
        raise HistoryRefused(errors)
    dossiers, _ = plan(actor=actor, unit=unit, rows=rows)
    try:
        with transaction.atomic():
            created = Dossier.objects.bulk_create(dossiers, batch_size=1000)
    except IntegrityError:  # a code received meanwhile by a desk
        raise HistoryRefused(
            {-1: {"code": ["Một số mã hồ sơ vừa được tạo ở nơi khác; hãy kiểm tra lại tệp."]}}
        ) from None
    # One event each, as :func:`record_event` writes it (the system actor recorded as such), in batches:
    # twenty thousand single inserts took most of the import's time.
    user = None if isinstance(actor, SystemActor) else actor
    system = actor.reason[:120] if isinstance(actor, SystemActor) else ""
    content_type = ContentType.objects.get_for_model(Dossier)
    at = timezone.now()
    Event.objects.bulk_create(
        (
            Event(content_type=content_type, object_id=str(d.pk), unit=unit, actor=user, at=at, action="import",
                  to_state=d.status, note=nfc(_note(d)), system=system)
            for d in created
        ),
        batch_size=1000,
    )  # fmt: skip
    return created
