"""What every area shares: the calendar overrides and the append-only event timeline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from danvan.core.text import format_date, format_datetime


class CalendarOverride(models.Model):
    """Ngày nghỉ / ngày làm bù theo thông báo — an official change to the working-day calendar.

    Each year the government announces swaps for civil servants ("hoán đổi ngày
    làm việc", make-up Saturdays) and the Prime Minister fixes the Tết days
    (Bộ luật Lao động 2019, Điều 112.3). These rows take precedence over the
    national holidays computed by the ``holidays`` package.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "off", "Ngày nghỉ"
        WORKING_DAY = "work", "Ngày làm việc (làm bù)"

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=8, choices=Kind.choices)
    source_doc = models.CharField("văn bản căn cứ", max_length=255)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày điều chỉnh lịch làm việc"
        verbose_name_plural = "lịch làm việc: ngày điều chỉnh"

    def __str__(self) -> str:
        return f"{format_date(self.date)} — {self.get_kind_display()}"


class EventQuerySet(models.QuerySet["Event"]):
    def for_object(self, obj: models.Model) -> EventQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Event(models.Model):
    """Một bước trong dòng thời gian — one appended step of a record's timeline.

    Every workflow transition writes one row: who, when, from which state to
    which, and a note. History is appended, never edited: saving an existing
    row or deleting one raises.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField("thời điểm", db_index=True)
    action = models.CharField("hành động", max_length=64)
    from_state = models.CharField("từ trạng thái", max_length=64, blank=True)
    to_state = models.CharField("sang trạng thái", max_length=64, blank=True)
    note = models.TextField("ghi chú", blank=True)
    #: The business date of the step (the decision's date), which the timeline shows; ``at`` is when
    #: it was recorded. Empty for steps recorded on the day they happened.
    on = models.DateField("ngày (theo văn bản)", null=True, blank=True)
    #: Set when a system actor took the step (an import, the demo, a task): why.
    system = models.CharField("hệ thống thực hiện", max_length=120, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        verbose_name = "sự kiện"
        verbose_name_plural = "dòng thời gian"

    def __str__(self) -> str:
        return f"{format_datetime(self.at)} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Dòng thời gian chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Dòng thời gian chỉ được ghi thêm, không được xoá.")

    @property
    def day(self) -> Any:
        """The day the timeline shows: the business date, else the local day it was recorded."""
        from django.utils import timezone

        return self.on or timezone.localtime(self.at).date()


class Notification(models.Model):
    """Một thông báo trong ứng dụng — what the reminders and other areas tell a user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    #: Identifies the fact notified ("case-12-due-2026-11-23"): the same fact is notified once.
    key = models.CharField(max_length=120)
    message = models.CharField("nội dung", max_length=500)
    url = models.CharField("liên kết", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_fact")]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def __str__(self) -> str:
        return self.message


def stored_file_path(instance: StoredFile, filename: str) -> str:
    return f"{instance.upload_dir()}/{filename}"


class StoredFile(models.Model):
    """An uploaded file kept with a record: its title, size and the content type sniffed at upload
    (:mod:`danvan.core.uploads`). Served only after the owning record's access check."""

    title = models.CharField("tiêu đề", max_length=255)
    file = models.FileField("tệp", upload_to=stored_file_path)
    size = models.PositiveIntegerField("dung lượng (byte)")
    content_type = models.CharField(max_length=120)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def upload_dir(self) -> str:
        """Where the file is kept under MEDIA_ROOT; subclasses name their record's folder."""
        return f"{self._meta.app_label}/{self._meta.model_name}"


class RateCounter(models.Model):
    """One window of a rate limit: how many requests one client made for one purpose (core.ratelimit)."""

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "bộ đếm giới hạn truy cập"
        verbose_name_plural = "bộ đếm giới hạn truy cập"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class PersonalDataAccess(models.Model):
    """Nhật ký truy cập dữ liệu cá nhân — who took personal data out of the system, or erased it: when, whose,
    why, and which records.

    The controller keeps a record of how personal data is processed (Luật Bảo vệ dữ liệu cá nhân
    91/2025/QH15 and Nghị định 356/2025/NĐ-CP, in force 01/01/2026). Appended, never edited. Whose data is
    written masked (the last digits of an identifier) with the records' references, so that the log itself
    does not keep a full identity that an erasure removed from the records.
    """

    class Action(models.TextChoices):
        EXPORT = "export", "Trích xuất dữ liệu cá nhân của một người"
        ERASE = "erase", "Ẩn danh dữ liệu cá nhân của một người"
        LIST_EXPORT = "list_export", "Xuất Excel danh sách có dữ liệu cá nhân"

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: Set when a system actor acted (a management command): why.
    system = models.CharField("hệ thống thực hiện", max_length=120, blank=True)
    action = models.CharField("thao tác", max_length=16, choices=Action.choices)
    reason = models.TextField("lý do, mục đích", blank=True)
    subject = models.CharField("dữ liệu của ai (đã che)", max_length=255, blank=True)
    list_name = models.CharField("danh sách", max_length=64, blank=True)
    filters = models.JSONField("điều kiện lọc", default=dict, blank=True)
    rows = models.PositiveIntegerField("số bản ghi", default=0)
    #: The records concerned, as "app_label.model:pk".
    records = models.JSONField("bản ghi", default=list, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "lượt truy cập dữ liệu cá nhân"
        verbose_name_plural = "nhật ký truy cập dữ liệu cá nhân"

    def __str__(self) -> str:
        return f"{format_datetime(self.at)} {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Nhật ký truy cập dữ liệu cá nhân chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Nhật ký truy cập dữ liệu cá nhân chỉ được ghi thêm, không được xoá.")
