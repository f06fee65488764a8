"""Background exports: who asked for which list with which filters, how far it got, and the file."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models


class ExportJob(models.Model):
    """One Excel export too big for the request (xuất Excel chạy nền), visible only to its owner."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang xuất"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Không xuất được"

    #: A random id: the progress page and the file are named by it, and served only to the owner.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    list_name = models.CharField("danh sách", max_length=64)
    params = models.JSONField("điều kiện lọc", default=dict, blank=True)
    filename = models.CharField("tên tệp", max_length=200)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField("số dòng", default=0)
    done = models.PositiveIntegerField("đã ghi", default=0)
    error = models.TextField("lỗi", blank=True)
    created_at = models.DateTimeField("lúc yêu cầu", auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField("lúc xong", null=True, blank=True)

    class Meta:
        verbose_name = "lượt xuất Excel"
        verbose_name_plural = "các lượt xuất Excel"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def path(self) -> Path:
        """Under DATA_DIR, not MEDIA_ROOT: nothing may serve these files but the owner's download view."""
        return Path(settings.DATA_DIR) / "exports" / f"{self.pk}.xlsx"
