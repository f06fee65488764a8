"""What the dialogues area tells the officers' inbox (:mod:`danvan.workflow.inbox`): a planned meeting
waits for its record; an open commitment waits for the officer who follows it (or anyone in scope
while nobody is named), is due by its due date, and is reminded by the daily reminder
(:mod:`.reminders`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.accounts import roles
from danvan.accounts.working_unit import working_unit
from danvan.core.text import format_date
from danvan.dialogues import rules, selectors, services
from danvan.dialogues.models import Commitment, Meeting
from danvan.workflow.inbox import Feed, register


def _assigned(right: str, user: Any) -> Q | None:
    if right == roles.DIALOGUES.edit:
        return Q(responsible_user=user) | Q(responsible_user__isnull=True)
    return None


def _starts(who: Any) -> list[tuple[str, str]]:
    if working_unit(who, permission=roles.DIALOGUES.edit) is None:
        return []
    return [("Lên kế hoạch đối thoại, tiếp xúc cử tri", reverse("dialogues_meeting_plan"))]


def _commitment_title(c: Commitment) -> str:
    return f"Cam kết: {c.content[:90]} — {c.responsible_label} (hạn {format_date(c.due_on)})"


COMMITMENTS = register(
    Feed(
        machine=services.COMMITMENT,
        visible=selectors.commitments_for,
        url=lambda c: reverse("dialogues_commitment", args=[c.pk]),
        act_url=lambda c, action: reverse("dialogues_commitment_act", args=[c.pk, action]),
        list_url=lambda queue: f"{reverse('dialogues_commitment_list')}?queue={queue}",
        title=_commitment_title,
        assigned=_assigned,
        involved=lambda user: Q(responsible_user=user) | Q(created_by=user),
        due_field="due_on",
        open_states=frozenset(rules.OPEN_COMMITMENTS),
        describe=lambda c: f"Cam kết “{c.content[:60]}” ({c.unit.name})",
    )
)


def _meeting_title(m: Meeting) -> str:
    return f"{m.kind_label}: {m.topic} ({format_date(m.planned_on)})"


MEETINGS = register(
    Feed(
        machine=services.MEETING,
        visible=selectors.meetings_for,
        url=lambda m: reverse("dialogues_meeting", args=[m.pk]),
        act_url=lambda m, action: reverse("dialogues_meeting_act", args=[m.pk, action]),
        list_url=None,
        title=_meeting_title,
        involved=lambda user: Q(host=user) | Q(created_by=user),
        starts=_starts,
    )
)
