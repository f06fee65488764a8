"""Starting a background export: the job row, then the task (kept apart from :mod:`exports`, which the
task itself runs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import QueryDict

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
