"""What a list page and its export need from the kit, and the pages of a background export.

An area's list view calls :func:`list_context` and renders its own template; its export view returns
:func:`export`. The progress page and the download are the kit's own (``/exports/<id>/``), for the user
who asked for the file only: anyone else gets 404, as for a record out of scope.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from danvan.accounts.decorators import SignedInRequest, signed_in
from danvan.core.exports import XLSX_TYPE
from danvan.lists import exports, jobs
from danvan.lists.models import ExportJob
from danvan.lists.spec import SORT_PARAM, BoundList, ScopedList


def list_context(spec: ScopedList, request: HttpRequest, **counts: list[Any]) -> dict[str, Any]:
    """The filter form, the sorted page and the result count; ``counts``: filter name → values whose
    counts the page shows (the queue tabs)."""
    listing = spec.bind(request.user, request.GET)
    page = Paginator(listing.queryset(), spec.page_size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "listing": listing,
        "form": listing.form,
        "page": page,
        "query": query.urlencode(),
        "counts": {name: listing.counts(name, values) for name, values in counts.items()},
    }


def export(spec: ScopedList, request: SignedInRequest) -> HttpResponse:
    """The filtered, sorted list as Excel: in the request up to the limit, else a background job."""
    listing: BoundList = spec.bind(request.user, request.GET)
    total = listing.queryset().count()
    if total <= exports.sync_limit():
        return exports.in_request(listing)
    job = jobs.start_export(spec, request.user, request.GET, total=total)
    return redirect("export_job", pk=job.pk)


def _job_for(request: SignedInRequest, pk: Any) -> ExportJob:
    job = ExportJob.objects.filter(pk=pk, owner=request.user, created_at__gte=exports.expired_before()).first()
    if job is None:
        raise Http404("Không có tệp xuất này.")
    return job


@signed_in  # the owner's own job: anyone else gets 404; the task applied the owner's scope
def export_job(request: SignedInRequest, pk: Any) -> HttpResponse:
    """The progress page; htmx asks for its ``status`` part every second until the file is ready."""
    job = jobs.give_up_if_lost(_job_for(request, pk))
    template = "lists/export_job.html#status" if request.headers.get("HX-Request") else "lists/export_job.html"
    return render(request, template, {"job": job, "lost": job.error == jobs.LOST})


@signed_in
def export_file(request: SignedInRequest, pk: Any) -> FileResponse:
    job = _job_for(request, pk)
    if job.status != ExportJob.Status.DONE or not job.path.exists():
        raise Http404("Tệp chưa sẵn sàng.")
    return FileResponse(job.path.open("rb"), as_attachment=True, filename=job.filename, content_type=XLSX_TYPE)


__all__ = ["SORT_PARAM", "export", "export_file", "export_job", "list_context"]
