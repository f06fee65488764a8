"""Periodic reports: the issuers' templates, the administrators' wording, and the reports themselves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.officialdoc import Format
from danvan.units.models import Unit


class Template(models.Model):
    """How an issuer heads and signs its reports (DOMAIN §7: "Keep per-issuer templates"): the header
    blocks, the number's symbol, the place, the recipients and the signature block. One unit may have
    several (the People's Committee's and the Party committee's Ban Tuyên giáo và Dân vận)."""

    class Fmt(models.TextChoices):
        STATE = Format.STATE.value, "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
        PARTY = Format.PARTY.value, "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"
        FRONT = "front", "Văn bản của Mặt trận Tổ quốc"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    name = models.CharField("tên mẫu", max_length=150)
    fmt = models.CharField("thể thức", max_length=8, choices=Fmt.choices, default=Fmt.STATE)
    parent = models.CharField("cơ quan chủ quản / cấp ủy cấp trên", max_length=200, blank=True)
    issuer = models.CharField("tên cơ quan ban hành", max_length=200)
    #: After the number: "BC-UBND" (state: "05/BC-UBND"), "BC/BTGDVTU" (Party: "25-BC/BTGDVTU").
    symbol = models.CharField("ký hiệu", max_length=40)
    place = models.CharField("địa danh", max_length=100)
    subject = models.CharField(
        "trích yếu",
        max_length=300,
        default="Kết quả công tác dân vận chính quyền {ky}",
        help_text="“{ky}” được thay bằng tên kỳ báo cáo, như “6 tháng đầu năm 2026”.",
    )
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", default="Như trên\nLưu: VT")
    on_behalf = models.CharField("thẩm quyền ký (TM., KT., TL.…)", max_length=200, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=150)
    signer_name = models.CharField("họ tên người ký", max_length=150, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "mẫu báo cáo"
        verbose_name_plural = "các mẫu báo cáo"
        ordering = ["unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="report_template_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit.name})"


class Wording(models.Model):
    """An administrator's wording of one sentence of a section (the area's is the default)."""

    key = models.CharField("mẫu câu", max_length=100, unique=True)
    text = models.TextField("câu")
    zero = models.TextField("câu khi không phát sinh", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "mẫu câu báo cáo"
        verbose_name_plural = "các mẫu câu báo cáo"
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class Report(models.Model):
    """One periodic report of a unit: generated in the background, edited as a draft, then issued with
    its number and frozen — it reopens with the issued figures whatever the records do later."""

    class Status(models.TextChoices):
        GENERATING = "generating", "Đang tổng hợp"
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Đã ban hành"
        FAILED = "failed", "Tổng hợp không thành công"
        CANCELLED = "cancelled", "Đã hủy"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    template = models.ForeignKey(
        Template, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports", verbose_name="mẫu"
    )
    #: The period as the API names it (year, h1, q3, m5, 9m, custom…), and its dates.
    period_code = models.CharField("kỳ", max_length=16)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    period_label = models.CharField("tên kỳ", max_length=100)
    tree_then = models.BooleanField("theo cây đơn vị của kỳ báo cáo", default=False)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.GENERATING)
    content = models.JSONField("nội dung", default=dict, blank=True)
    header = models.JSONField("thể thức", default=dict, blank=True)
    progress_done = models.PositiveSmallIntegerField("đã tổng hợp", default=0)
    progress_total = models.PositiveSmallIntegerField("số phần", default=0)
    progress_label = models.CharField("đang tổng hợp", max_length=200, blank=True)
    error = models.TextField("lỗi", blank=True)
    #: Given on issue: the year's sequence of the issuer's symbol, and the number as written ("05/BC-UBND").
    year = models.PositiveSmallIntegerField("năm ban hành", null=True, blank=True)
    sequence = models.PositiveIntegerField("số thứ tự", null=True, blank=True)
    symbol = models.CharField("ký hiệu", max_length=40, blank=True)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    generated_at = models.DateTimeField("tổng hợp lúc", null=True, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "các báo cáo"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["unit", "-created_at"], name="report_unit_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="report_report_period_order"
            ),
            # One number per issuer's symbol and year.
            models.UniqueConstraint(
                fields=["unit", "symbol", "year", "sequence"],
                condition=Q(status="issued"),
                name="report_issued_number_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | (Q(year__isnull=False) & Q(sequence__isnull=False) & ~Q(number="")),
                name="report_issued_has_number",
            ),
        ]

    def __str__(self) -> str:
        name = f"Báo cáo {self.period_label} — {self.unit.name}"
        return f"{name} (số {self.number})" if self.number else name

    @property
    def percent(self) -> int:
        if self.status != self.Status.GENERATING:
            return 100
        return min(99, self.progress_done * 100 // self.progress_total) if self.progress_total else 0
