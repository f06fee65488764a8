"""Serving stored files after the view has checked access: inline, with the type sniffed at upload."""

from __future__ import annotations

from pathlib import Path

from django.db.models.fields.files import FieldFile
from django.http import FileResponse


def serve(stored: FieldFile, content_type: str) -> FileResponse:
    response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{Path(stored.name or "tep").name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
