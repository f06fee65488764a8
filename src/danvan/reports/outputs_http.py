"""A report's file as an HTTP answer (the pages and the API share it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from danvan.core.text import fold
from danvan.reports.content import Content, Header
from danvan.reports.models import Report

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def render(content: Content | dict[str, Any], header: Header | dict[str, Any], fmt: str) -> bytes:
    """The report's file in ``fmt`` (docx, xlsx, pdf)."""
    from danvan.reports.outputs import docx, pdf, xlsx

    makers: dict[str, Any] = {"docx": docx, "xlsx": xlsx, "pdf": pdf}
    if fmt not in makers:
        raise ValueError(f"Định dạng “{fmt}” không có; chọn docx, xlsx hoặc pdf.")
    return bytes(makers[fmt](content, header))


def filename(report: Report) -> str:
    """ "bao-cao-so-05-bc-ubnd-6-thang-dau-nam-2026" (a draft: "du-thao-…")."""
    stem = f"bao-cao-so-{report.number}" if report.number else "du-thao-bao-cao"
    return f"{stem}-{report.unit.code}-{report.period_label}"


def _ascii(name: str) -> str:
    folded = fold(name)
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())[:120] or "bao-cao"


def file_response(content: Any, header: Any, fmt: str, *, name: str) -> HttpResponse:
    data = render(content, header, fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{_ascii(name)}.{fmt}"'
    return response
