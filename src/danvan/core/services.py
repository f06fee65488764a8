"""Writes of the shared core: calendar overrides and timeline events."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from danvan.core import calendar
from danvan.core.actors import SystemActor
from danvan.core.models import CalendarOverride, Event, Notification
from danvan.core.selectors import current_calendar
from danvan.core.text import format_date, nfc

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.units.models import Unit


def record_event(
    *,
    subject: models.Model,
    unit: Unit,
    actor: User | Any | None,
    action: str,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    on: datetime.date | None = None,
    system: str = "",
) -> Event:
    """Append one step to ``subject``'s timeline; ``on`` is its business date (the decision's date).

    A system actor is recorded as such, with its reason."""
    if isinstance(actor, SystemActor):
        system = system or actor.reason
        actor = None
    return Event.objects.create(
        subject=subject,
        unit=unit,
        actor=actor,
        at=timezone.now(),
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=nfc(note),
        on=on,
        system=system[:120],
    )


def notify(
    *,
    users: Iterable[Any],
    may_see: Callable[[Any], bool],
    key: str,
    message: str,
    url: str = "",
    email: bool = False,
    body: str = "",
) -> list[Any]:
    """Tell each of ``users`` once about one fact (``key`` names it: "case-12-assigned"), in the app and,
    with ``email``, by mail to those who have an address (``body`` below the message). Telling again is
    a no-op. Who was told now.

    Only active users for whom ``may_see`` (the area's access check on the record the message is about) holds
    *now*, as the message is sent, are told: an assignment that no longer holds (a handler of another
    province, an account disabled, a role taken away) never carries a record's number and unit to someone
    who may not see it. The predicate is required, so that no caller can forget it."""
    told = []
    for user in users:
        if not getattr(user, "is_active", False) or not may_see(user):
            continue
        try:
            with transaction.atomic():
                Notification.objects.create(user=user, key=key[:120], message=message[:500], url=url[:255])
        except IntegrityError:
            continue  # already told
        told.append(user)
        address: str = str(getattr(user, "email", "") or "")
        if email and address:
            text = f"{message}\n{body}\n" if body else message
            send_mail(subject=f"[DanVan] {message}", message=text, from_email=None, recipient_list=[address])
    return told


def recompute_after_calendar_change() -> dict[str, int]:
    """Run every area's registered recomputation of stored due dates."""
    cal = current_calendar()
    return {name: func(cal) for name, func in calendar.registered_recomputations().items()}


@transaction.atomic
def set_calendar_override(
    *, day: datetime.date, kind: str, source_doc: str, note: str = ""
) -> tuple[CalendarOverride, dict[str, int]]:
    """Add or change the override for ``day`` and recompute what depends on the calendar."""
    if kind not in CalendarOverride.Kind.values:
        raise ValidationError({"kind": "Loại ngày không hợp lệ: chọn “Ngày nghỉ” hoặc “Ngày làm việc (làm bù)”."})
    source_doc = nfc(source_doc)
    if not source_doc:
        raise ValidationError({"source_doc": "Cần ghi văn bản căn cứ (số, ngày của thông báo)."})
    override, _ = CalendarOverride.objects.update_or_create(
        date=day, defaults={"kind": kind, "source_doc": source_doc, "note": nfc(note)}
    )
    return override, recompute_after_calendar_change()


@transaction.atomic
def remove_calendar_override(*, day: datetime.date) -> dict[str, int]:
    deleted, _ = CalendarOverride.objects.filter(date=day).delete()
    if not deleted:
        raise ValidationError({"date": f"Không có ngày điều chỉnh nào vào {format_date(day)}."})
    return recompute_after_calendar_change()
