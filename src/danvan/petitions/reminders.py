"""The daily reminder: cases due soon or overdue, to their handlers and leader, in the app and by e-mail.

Run by the task :func:`danvan.petitions.tasks.daily_reminders` (``danvan send_reminders`` enqueues it;
a cron or systemd timer calls that once a day, and ``danvan db_worker`` runs the queue). Each fact
(this case, this due date, this state) is notified once, so running it twice a day sends nothing new.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.urls import reverse

from danvan.accounts import access, roles
from danvan.core.calendar import add_working_days
from danvan.core.selectors import current_calendar
from danvan.core.services import notify
from danvan.core.text import format_date
from danvan.petitions.models import Case
from danvan.petitions.selectors import DUE_SOON_WORKING_DAYS


@dataclass
class ReminderResult:
    cases: int = 0
    notifications: int = 0
    emails: int = 0


def _may_see(case: Case, user: object) -> bool:
    return access.can(user, roles.PETITIONS.view, case)


def send_reminders(today: datetime.date, *, due_soon_days: int = DUE_SOON_WORKING_DAYS) -> ReminderResult:
    limit = add_working_days(today, due_soon_days, current_calendar())
    result = ReminderResult()
    cases = (
        Case.objects.open()
        .filter(due_on__isnull=False, due_on__lte=limit)
        .select_related("unit", "leader")
        .prefetch_related("handlers")
    )
    for case in cases:
        assert case.due_on is not None
        overdue = case.due_on < today
        state = "overdue" if overdue else "due"
        what = "đã quá hạn" if overdue else "sắp đến hạn"
        message = f"Vụ việc {case.number} ({case.unit.name}) {what}: hạn {format_date(case.due_on)}."
        url = reverse("case_detail", args=[case.pk])
        people = {u.pk: u for u in case.handlers.all()}
        if case.leader is not None:
            people[case.leader.pk] = case.leader
        if not people:
            continue
        result.cases += 1
        key = f"case-{case.pk}-{state}-{case.due_on.isoformat()}"
        told = notify(
            users=people.values(),
            may_see=functools.partial(_may_see, case),
            key=key, message=message, url=url, email=True, body=case.due_explanation,
        )  # fmt: skip
        result.notifications += len(told)
        result.emails += sum(1 for user in told if user.email)
    return result
