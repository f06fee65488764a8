"""Serving stored files after the view has checked access: inline, with the type sniffed at upload."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse

from danvan.core.models import StoredFile


def serve(stored: StoredFile) -> FileResponse:
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
    response["Content-Disposition"] = f'inline; filename="{Path(stored.file.name or "tep").name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
