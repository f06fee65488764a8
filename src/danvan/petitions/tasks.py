"""Background tasks of the petitions area (Django's tasks API; django-tasks-db runs them)."""

from __future__ import annotations

from typing import Any

from django.tasks import task
from django.utils import timezone

from danvan.petitions import backlog_grouping
from danvan.petitions.reminders import send_reminders


@task
def daily_reminders() -> dict[str, Any]:
    result = send_reminders(timezone.localdate())
    return {"cases": result.cases, "notifications": result.notifications, "emails": result.emails}


@task
def group_backlog(run_id: str) -> dict[str, Any]:
    """A grouping run over a unit's backlog (issue 11): the proposals, with the progress on the run."""
    run = backlog_grouping.run_grouping(run_id)
    return {"status": run.status, "letters": run.letters}
