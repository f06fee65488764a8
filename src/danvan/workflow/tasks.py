"""The kit's background task: the daily reminder over every area's inbox feed (Django's tasks API;
django-tasks-db runs it beside the server after ``make run``)."""

from __future__ import annotations

from typing import Any

from django.tasks import task
from django.utils import timezone

from danvan.workflow import inbox


@task
def daily_reminders() -> dict[str, Any]:
    """Remind, once per fact, the people every open record due soon or overdue waits for — cases,
    dossiers, commitments, decisions, recommendations: every feed that has a due date."""
    result = inbox.send_reminders(timezone.localdate())
    return {"records": result.records, "notifications": result.notifications, "emails": result.emails,
            "by_feed": result.by_feed}  # fmt: skip


def summary(result: inbox.Reminded) -> str:
    """ "Đã nhắc 3 việc (2 vụ việc, 1 cam kết): 4 thông báo, 2 thư điện tử." — what each feed calls its records."""
    nouns = {feed.name: feed.machine.noun for feed in inbox.feeds()}
    parts = ", ".join(f"{count} {nouns.get(name, name)}" for name, count in sorted(result.by_feed.items()))
    what = f"{result.records} việc ({parts})" if parts else "0 việc"
    if len(result.by_feed) == 1:
        name, count = next(iter(result.by_feed.items()))
        what = f"{count} {nouns.get(name, name)}"
    return f"Đã nhắc {what}: {result.notifications} thông báo, {result.emails} thư điện tử."
