"""Starting a background export: the job row, then the task (kept apart from :mod:`exports`, which the
task itself runs)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.utils import timezone

from danvan.lists import exports
from danvan.lists.models import ExportJob
from danvan.lists.spec import ScopedList
from danvan.lists.tasks import export_list


def start_export(spec: ScopedList, user: Any, data: QueryDict | Mapping[str, Any], *, total: int) -> ExportJob:
    """Queue the export of ``spec`` as ``user`` sees it with the filters ``data``."""
    exports.purge_expired()
    job = ExportJob.objects.create(
        owner=user, list_name=spec.name, params=exports.params_of(data), filename=exports.filename_of(spec), total=total
    )
    # The job row is committed already (no request-wide transaction), so a worker finds it; with the
    # immediate backend (the tests) the file is built right here.
    export_list.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


#: A job still queued or running this long after it was asked for was lost (the worker was stopped or
#: killed mid-way): an export of 60.809 models takes about 15 s, so half an hour leaves a wide margin.
STALE_AFTER = datetime.timedelta(minutes=30)
LOST = "Bị gián đoạn: máy chủ xử lý nền đã dừng giữa chừng. Hãy xuất lại."


def give_up_if_lost(job: ExportJob) -> ExportJob:
    """Mark a lost job as failed, so that its page stops waiting and tells the owner to export again."""
    waiting = job.status in (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING)
    if waiting and job.created_at < timezone.now() - STALE_AFTER:
        updated = ExportJob.objects.filter(pk=job.pk, status=job.status).update(
            status=ExportJob.Status.FAILED,
            error=LOST,
            finished_at=timezone.now(),
        )
        if updated:
            job.refresh_from_db()
    return job
