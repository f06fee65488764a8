"""Background tasks of the petitions area (Django's tasks API; django-tasks-db runs them)."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from danvan.petitions import backlog_grouping


@task
def group_backlog(run_id: str) -> dict[str, Any]:
    """A grouping run over a unit's backlog (issue 11): the proposals, with the progress on the run."""
    run = backlog_grouping.run_grouping(run_id)
    return {"status": run.status, "letters": run.letters}
