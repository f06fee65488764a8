"""The background export (Django's tasks API; ``danvan db_worker`` runs the queue, started by ``make run``)."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from danvan.lists import exports


@task
def export_list(job_id: str) -> dict[str, Any]:
    job = exports.run_export(job_id)
    return {"status": job.status, "rows": job.done}
