"""The daily reminder of commitments due soon or overdue, in the app and by e-mail: the kit's reminder
(:func:`danvan.workflow.inbox.send_reminders`) over this area's feed. Who is reminded is what the inbox
says a commitment waits for: the officer who follows it, else those who may update it in its unit.
Each fact (this commitment, this due date, overdue or due soon) is told once."""

from __future__ import annotations

import datetime

from danvan.dialogues.inbox import COMMITMENTS
from danvan.workflow import inbox


def send_reminders(today: datetime.date, *, due_soon_days: int = inbox.DUE_SOON_WORKING_DAYS) -> inbox.Reminded:
    return inbox.send_reminders(today, due_soon_days=due_soon_days, only=[COMMITMENTS.name])
