"""Uploaded files: what the platform accepts, judged by content, not by name.

A photo (.jpg, .png, .webp) up to 5 MB or a document (.pdf, .docx, .xlsx, .doc, .xls) up to
10 MB; the content is sniffed with ``puremagic``, so a PDF renamed ``.jpg`` is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PHOTO_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp"})
DOCUMENT_EXTENSIONS = frozenset({".pdf", ".docx", ".xlsx", ".doc", ".xls"})
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def evidence_kind(filename: str, size: int, detected_extensions: list[str]) -> tuple[str, list[str]]:
    """("photo" | "document", errors) for an upload named ``filename`` whose content looks like ``detected``.

    The content, not the name, decides: a PDF renamed ``.jpg`` is refused.
    """
    name = filename.lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension in PHOTO_EXTENSIONS:
        kind, limit = "photo", MAX_PHOTO_BYTES
    elif extension in DOCUMENT_EXTENSIONS:
        kind, limit = "document", MAX_DOCUMENT_BYTES
    else:
        return "", ["Chỉ nhận ảnh (.jpg, .png, .webp) hoặc tài liệu (.pdf, .docx, .xlsx, .doc, .xls)."]
    errors = []
    equivalent = {".jpg": {".jpg", ".jpeg", ".jfif"}, ".jpeg": {".jpg", ".jpeg", ".jfif"}}.get(extension, {extension})
    if extension in {".doc", ".xls"}:
        equivalent = {".doc", ".xls", ".ppt", ".msi", ".msg"}  # the OLE2 container
    if not equivalent & {e.lower() for e in detected_extensions}:
        errors.append(f"Nội dung tệp không đúng với phần mở rộng “{extension}”: tệp bị đổi tên hoặc hỏng.")
    if size > limit:
        errors.append(f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.")
    if size == 0:
        errors.append("Tệp rỗng.")
    return kind, errors


@dataclass(frozen=True)
class Sniffed:
    kind: str
    content_type: str
    errors: list[str]


def sniff(upload: Any) -> Sniffed:
    """Read the head of an uploaded file and judge it (the file is rewound afterwards)."""
    import puremagic

    head = upload.read(8192)
    upload.seek(0)
    name = upload.name or ""
    try:
        detected = [m.extension for m in puremagic.magic_string(head, filename=name)]
    except puremagic.PureError:
        detected = []
    kind, errors = evidence_kind(name, upload.size or 0, detected)
    try:
        mime = puremagic.from_string(head, mime=True, filename=name)
    except puremagic.PureError:
        mime = "application/octet-stream"
    return Sniffed(kind, mime, errors)
