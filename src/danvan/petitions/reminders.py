"""The daily reminder of cases due soon or overdue, in the app and by e-mail.

The kit's daily task (:func:`danvan.workflow.tasks.daily_reminders`; ``danvan send_reminders`` enqueues it,
a cron or systemd timer calls that once a day, and ``danvan db_worker`` runs the queue) reminds every
area's feed at once; this function reminds the cases alone. Who is reminded
is what the inbox says a case waits for (:func:`danvan.workflow.inbox.responsible`): its leader and
handlers, or — before they are set — the officers who hold the next step's right over its unit. Each
fact (this case, this due date, overdue or due soon) is notified once, so running it twice a day sends
nothing new.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from danvan.petitions.inbox import CASES
from danvan.workflow import inbox


@dataclass
class ReminderResult:
    cases: int = 0
    notifications: int = 0
    emails: int = 0


def send_reminders(today: datetime.date, *, due_soon_days: int = inbox.DUE_SOON_WORKING_DAYS) -> ReminderResult:
    result = inbox.send_reminders(today, due_soon_days=due_soon_days, only=[CASES.name])
    return ReminderResult(cases=result.records, notifications=result.notifications, emails=result.emails)
