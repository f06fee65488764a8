"""Background tasks of the petitions area (Django's tasks API; django-tasks-db runs them)."""

from __future__ import annotations

from typing import Any

from django.tasks import task
from django.utils import timezone

from danvan.petitions.reminders import send_reminders


@task
def daily_reminders() -> dict[str, Any]:
    result = send_reminders(timezone.localdate())
    return {"cases": result.cases, "notifications": result.notifications, "emails": result.emails}
