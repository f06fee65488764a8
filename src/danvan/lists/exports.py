"""Excel export of a scoped list: written row by row, in the request or as a background task.

openpyxl's write-only workbook writes each row to a temporary file as it comes, so memory stays flat
whatever the number of rows. The sheet is the kit's (:func:`danvan.core.exports.write_xlsx`): numbers stay
numbers, dates are Excel dates shown d/m/yyyy (1/12/2026, as on the pages), and text that Excel would read
as a formula (starting with =, +, -, @, a tab or a carriage return: "CSV injection") is written as text
with a quote prefix, so it shows as typed and is never evaluated.

Up to ``DANVAN_EXPORT_SYNC_ROWS`` rows (3.000 by default) the file is built in the request; above that the
page creates an :class:`ExportJob`, the task :func:`danvan.lists.tasks.export_list` builds the file under
``DATA_DIR/exports`` and the progress page polls it. A job and its file are deleted after a day.

A list whose spec says it holds personal data (``ScopedList.personal_data``) writes one row of the access
log (:class:`danvan.core.models.PersonalDataAccess`) for every file built, in the request or in the
background: who, when, which list, the filters asked for, how many rows.
"""

from __future__ import annotations

import datetime
import logging
import tempfile
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.utils import timezone

from danvan.core.actors import SystemActor
from danvan.core.exports import XLSX_TYPE, write_xlsx
from danvan.core.models import PersonalDataAccess
from danvan.core.text import format_date
from danvan.lists import registry
from danvan.lists.models import ExportJob
from danvan.lists.spec import BoundList, ScopedList

log = logging.getLogger(__name__)

#: How long a finished export stays downloadable.
KEEP_FOR = datetime.timedelta(days=1)
#: The progress is written every this many rows.
PROGRESS_EVERY = 500


def sync_limit() -> int:
    return int(settings.DANVAN_EXPORT_SYNC_ROWS)


def filename_of(spec: ScopedList) -> str:
    return f"{spec.filename}-{timezone.localdate():%Y%m%d}.xlsx"


def notes_of(listing: BoundList) -> list[str]:
    notes = [f"Trích xuất ngày {format_date(timezone.localdate())}"]
    used = listing.form.described() if listing.spec.describe_filters else []
    if used:
        notes.append("Điều kiện lọc: " + "; ".join(used))
    return notes


def log_export(spec: ScopedList, user: Any, params: Mapping[str, Any], rows: int) -> PersonalDataAccess | None:
    """The access-log row of one export of a list holding personal data (nothing for another list).

    Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 and Nghị định 356/2025/NĐ-CP: the controller records how the
    personal data it holds is processed; a file that leaves the system is the disclosure to record."""
    if not spec.personal_data:
        return None
    system = user.reason[:120] if isinstance(user, SystemActor) else ""
    actor = None if isinstance(user, SystemActor) or getattr(user, "pk", None) is None else user
    return PersonalDataAccess.objects.create(
        actor=actor,
        system=system,
        action=PersonalDataAccess.Action.LIST_EXPORT,
        list_name=spec.name,
        filters={str(k): str(v) for k, v in params.items()},
        rows=rows,
    )


def in_request(listing: BoundList) -> HttpResponse:
    """The file, written row by row to a temporary file and answered from it. The request path is
    bounded by :func:`sync_limit` (about 150 KB at 3.000 rows); a longer list goes to a background job."""
    with tempfile.TemporaryFile() as buffer:
        written = write_xlsx(
            buffer, title=listing.spec.title, header=listing.header, rows=listing.rows(), notes=notes_of(listing)
        )
        buffer.seek(0)
        response = HttpResponse(buffer.read(), content_type=XLSX_TYPE)
    log_export(listing.spec, listing.user, params_of(listing.form.data) if listing.form.is_bound else {}, written)
    response["Content-Disposition"] = f'attachment; filename="{filename_of(listing.spec)}"'
    return response


def params_of(data: QueryDict | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(data, QueryDict):
        return {k: v[-1] for k, v in data.lists() if v and v[-1] != ""}
    return {k: v for k, v in data.items() if v not in (None, "")}


def _progress(job: ExportJob, done: int) -> None:
    ExportJob.objects.filter(pk=job.pk).update(done=done)


def run_export(job_id: str) -> ExportJob:
    """Build a queued job's file, as its owner may see the list today (the scope is read again now)."""
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if job.status != ExportJob.Status.QUEUED:
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    listing = registry.get(job.list_name).bind(job.owner, job.params)
    job.total = listing.queryset().count()
    ExportJob.objects.filter(pk=job.pk).update(total=job.total)
    path = job.path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    try:
        written = write_xlsx(
            partial,
            title=listing.spec.title,
            header=listing.header,
            rows=listing.rows(),
            notes=notes_of(listing),
            progress=lambda n: _progress(job, n),
            progress_every=PROGRESS_EVERY,
        )
        partial.replace(path)
    except Exception as exc:
        log.exception("export %s failed", job.pk)
        partial.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=f"{type(exc).__name__}: {exc}", finished_at=timezone.now()
        )
    else:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.DONE, done=written, total=written, finished_at=timezone.now()
        )
        log_export(listing.spec, job.owner, job.params, written)
    job.refresh_from_db()
    return job


def expired_before() -> datetime.datetime:
    return timezone.now() - KEEP_FOR


def purge_expired() -> int:
    """Delete the jobs older than a day and their files."""
    old = list(ExportJob.objects.filter(created_at__lt=expired_before()))
    for job in old:
        job.path.unlink(missing_ok=True)
        job.path.with_suffix(".part").unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[j.pk for j in old]).delete()
    return len(old)
