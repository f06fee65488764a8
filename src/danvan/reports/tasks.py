"""The background generation of a report (Django's tasks API; ``danvan db_worker``, started by ``make run``)."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from danvan.reports import generation


@task
def generate_report(report_id: int) -> dict[str, Any]:
    report = generation.generate(report_id)
    return {"status": report.status, "sections": report.progress_total}
