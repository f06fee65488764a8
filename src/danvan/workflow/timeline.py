"""A record's timeline: its events in order, labelled by its machine, dated by the business date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from danvan.core.models import Event
from danvan.workflow.machine import Machine


@dataclass(frozen=True)
class Entry:
    event: Event
    #: The business date (the decision's date), else the day it was recorded.
    day: datetime.date
    at: datetime.datetime
    action: str
    label: str
    from_label: str
    to_label: str
    actor: str
    note: str


def timeline(machine: Machine, obj: Any) -> list[Entry]:
    """Every step of ``obj``, in the order recorded; the page shows ``day``."""
    entries = []
    for event in Event.objects.for_object(obj).select_related("actor"):
        if event.actor is not None:
            actor = event.actor.get_full_name() or event.actor.username
        else:
            actor = f"Hệ thống ({event.system})" if event.system else "Hệ thống"
        entries.append(
            Entry(
                event=event,
                day=event.day,
                at=event.at,
                action=event.action,
                label=machine.step_label(event.action),
                from_label=machine.state_label(event.from_state) if event.from_state else "",
                to_label=machine.state_label(event.to_state) if event.to_state else "",
                actor=actor,
                note=event.note,
            )
        )
    return entries
