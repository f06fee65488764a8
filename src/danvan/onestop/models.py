"""The one-stop record: the procedure catalogue, service points, dossiers and what happens to them.

A dossier (hồ sơ thủ tục hành chính) is received at a service point for one procedure; its legal due
instant is computed from the receipt with working days or hours, the procedure's cut-off and the
intervals during which the office waited for the citizen, stored (``due_at``) and recomputed when the
calendar changes. Every finished dossier is early, on time or late (``timeliness``). The stored dates
(``received_on``, ``finished_on``…) are what the statistics count by; the instants are what the slips
print. Domain: DOMAIN §3 (NĐ 61/2018, NĐ 107/2021, NĐ 118/2025, NĐ 42/2022).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.accounts import roles
from danvan.accounts.scoping import UnitScopedQuerySet
from danvan.core.text import fold, format_datetime
from danvan.onestop import rules
from danvan.stats.keys import ProvinceKeyField


class OneStopQuerySet(UnitScopedQuerySet):
    """The area's records, read with the area's own right."""

    view_permission = roles.ONESTOP.view


class Settings(models.Model):
    """Per province: the rating scheme and how a finished dossier is compared with its due instant."""

    province = models.OneToOneField(
        "units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name="tỉnh, thành phố"
    )
    rating_scheme = models.CharField(
        "cách đánh giá hồ sơ", max_length=8, choices=rules.RatingScheme.choices, default=rules.RatingScheme.FIVE
    )
    timeliness_rule = models.CharField(
        "cách so với hạn", max_length=8, choices=rules.TimelinessRule.choices, default=rules.TimelinessRule.BY_DAY
    )

    class Meta:
        verbose_name = "thiết lập một cửa của tỉnh"
        verbose_name_plural = "thiết lập một cửa của tỉnh"

    def __str__(self) -> str:
        return f"Thiết lập một cửa — {self.province}"


class ServicePoint(models.Model):
    """Trung tâm Phục vụ hành chính công (tỉnh, xã) or an Điểm tiếp nhận và trả kết quả."""

    class Kind(models.TextChoices):
        PROVINCE_CENTRE = "province", "Trung tâm Phục vụ hành chính công tỉnh"
        COMMUNE_CENTRE = "commune", "Trung tâm Phục vụ hành chính công xã, phường, đặc khu"
        RECEPTION_POINT = "point", "Điểm tiếp nhận và trả kết quả"

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    name = models.CharField("tên", max_length=255)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=32, blank=True)
    active = models.BooleanField("đang hoạt động", default=True)

    objects = OneStopQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = "nơi tiếp nhận và trả kết quả"
        verbose_name_plural = "nơi tiếp nhận và trả kết quả"
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="service_point_unique_name")]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """Thủ tục hành chính as the province publishes it: one row of its catalogue."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="tỉnh công bố")
    code = models.CharField("mã thủ tục", max_length=32)
    name = models.CharField("tên thủ tục", max_length=500)
    name_folded = models.CharField(max_length=500, editable=False, db_index=True)
    field = models.CharField("lĩnh vực", max_length=150, db_index=True)
    level = models.CharField("cấp thực hiện", max_length=8, choices=rules.ProcedureLevel.choices)
    days = models.PositiveSmallIntegerField("thời hạn (ngày làm việc)", default=0)
    hours = models.PositiveSmallIntegerField("thời hạn (giờ làm việc)", default=0)
    cutoff = models.TimeField("giờ tiếp nhận cuối trong ngày", null=True, blank=True)
    fee = models.CharField("phí, lệ phí", max_length=255, blank=True)
    online_level = models.CharField(
        "mức dịch vụ công trực tuyến", max_length=8, choices=rules.OnlineLevel.choices, default=rules.OnlineLevel.NONE
    )
    one_stop = models.BooleanField("giải quyết theo cơ chế một cửa", default=True)
    #: Thành phần hồ sơ: a list of {"name", "originals", "copies"} (bản chính, bản sao/chứng thực).
    components = models.JSONField("thành phần hồ sơ", default=list, blank=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=500, blank=True)
    active = models.BooleanField("đang áp dụng", default=True)

    objects = OneStopQuerySet.as_manager()

    class Meta:
        ordering = ["field", "name"]
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="procedure_unique_code"),
            models.CheckConstraint(condition=Q(days__lte=365) & Q(hours__lte=2000), name="procedure_time_bounded"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def time_label(self) -> str:
        return rules.time_label(self.days, self.hours)


class Dossier(models.Model):
    """Hồ sơ thủ tục hành chính: received at a service point, processed, returned, rated."""

    code = models.CharField("mã hồ sơ", max_length=48, unique=True)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    service_point = models.ForeignKey(
        ServicePoint, on_delete=models.PROTECT, related_name="dossiers", verbose_name="nơi tiếp nhận"
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name="thủ tục")
    #: Copied from the procedure when received, so that the statistics group by it without a join.
    field = models.CharField("lĩnh vực", max_length=150)
    status = models.CharField("trạng thái", max_length=24, choices=rules.Status.choices, db_index=True)
    channel = models.CharField("hình thức nộp", max_length=8, choices=rules.Channel.choices)

    applicant_name = models.CharField("họ tên người nộp", max_length=150)
    applicant_id_number = models.CharField("số định danh cá nhân", max_length=12, blank=True)
    applicant_phone = models.CharField("điện thoại", max_length=20, blank=True)
    applicant_email = models.EmailField("thư điện tử", blank=True)
    applicant_address = models.CharField("địa chỉ", max_length=255, blank=True)
    owner_name = models.CharField("chủ hồ sơ", max_length=150, blank=True)
    owner_address = models.CharField("địa chỉ chủ hồ sơ", max_length=255, blank=True)
    sets = models.PositiveSmallIntegerField("số bộ hồ sơ", default=1)
    fee_method = models.CharField("hình thức thu phí", max_length=100, blank=True)
    result_place = models.CharField("nơi trả kết quả", max_length=255, blank=True)

    submitted_at = models.DateTimeField("thời điểm nộp", null=True, blank=True)
    received_at = models.DateTimeField("thời điểm tiếp nhận", null=True, blank=True)
    received_on = models.DateField("ngày tiếp nhận", null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cán bộ tiếp nhận",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cán bộ đang xử lý",
    )
    department = models.CharField("bộ phận đang xử lý", max_length=255, blank=True)
    #: The legal due instant (None while the clock is paused or before receipt) and its date.
    due_at = models.DateTimeField("hạn trả kết quả", null=True, blank=True)
    due_on = models.DateField("ngày hẹn trả", null=True, blank=True, db_index=True)
    #: Supplements requested during processing: only the first pauses the clock (DOMAIN §3.3).
    supplements = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    finished_at = models.DateTimeField("thời điểm có kết quả", null=True, blank=True)
    finished_on = models.DateField("ngày có kết quả", null=True, blank=True)
    timeliness = models.CharField(
        "kết quả so với hạn", max_length=8, choices=rules.Timeliness.choices, blank=True, default=""
    )
    returned_at = models.DateTimeField("thời điểm trả kết quả", null=True, blank=True)
    returned_on = models.DateField("ngày trả kết quả", null=True, blank=True)
    return_method = models.CharField(
        "hình thức trả", max_length=8, choices=rules.ReturnMethod.choices, blank=True, default=""
    )
    ended_on = models.DateField("ngày kết thúc khác", null=True, blank=True)  # refused, withdrawn, stopped
    end_reason = models.TextField("lý do", blank=True)
    #: The token printed in the QR code for the citizen's rating (the code alone is guessable).
    rating_token = models.CharField(max_length=32, unique=True)
    #: Imported from another one-stop system (the history), not received here.
    imported = models.BooleanField("nhập từ hệ thống khác", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OneStopQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["province_key", "unit", "received_on", "finished_on"], name="dossier_stats_units"),
            models.Index(
                fields=["province_key", "field", "channel", "timeliness", "unit", "received_on", "finished_on"],
                name="dossier_stats_cells",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(received_at__isnull=False), name="dossier_finished_received"
            ),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | Q(finished_at__isnull=False), name="dossier_returned_finished"
            ),
        ]

    def __str__(self) -> str:
        return f"Hồ sơ {self.code}"

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_STATES


class Pause(models.Model):
    """An interval in which the office waits for the citizen: the clock does not run (DOMAIN §6.3)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("loại", max_length=12, choices=rules.PauseKind.choices)
    started_at = models.DateTimeField("từ")
    ended_at = models.DateTimeField("đến", null=True, blank=True)
    reason = models.TextField("lý do", blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = "thời gian tạm dừng tính hạn"
        verbose_name_plural = "thời gian tạm dừng tính hạn"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")), name="pause_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} từ {format_datetime(self.started_at)}"


class Handover(models.Model):
    """One line of the control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ): who handed the dossier
    to whom, when, and with which result."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="handovers")
    handed_at = models.DateTimeField("thời điểm giao")
    from_department = models.CharField("bên giao", max_length=255)
    to_department = models.CharField("bên nhận", max_length=255)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người nhận",
    )
    note = models.TextField("kết quả, ghi chú", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["handed_at", "pk"]
        verbose_name = "bước giao nhận hồ sơ"
        verbose_name_plural = "bước giao nhận hồ sơ"

    def __str__(self) -> str:
        return f"{self.from_department} → {self.to_department}"


class Apology(models.Model):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: one per dossier, issued before the due date, one new date."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="apology")
    issued_at = models.DateTimeField("thời điểm phát hành")
    reason = models.TextField("lý do chậm")
    new_due_at = models.DateTimeField("ngày hẹn trả mới")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    province_key = ProvinceKeyField(unit="dossier__unit")

    class Meta:
        verbose_name = "phiếu xin lỗi và hẹn lại"
        verbose_name_plural = "phiếu xin lỗi và hẹn lại"

    def __str__(self) -> str:
        return f"Phiếu xin lỗi — hồ sơ {self.dossier.code}"


class Rating(models.Model):
    """Đánh giá mức độ hài lòng of one returned dossier: the nine indices (DOMAIN §4.2) or five levels."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    province_key = ProvinceKeyField(unit="dossier__unit")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    scheme = models.CharField("cách đánh giá", max_length=8, choices=rules.RatingScheme.choices)
    channel = models.CharField("kênh đánh giá", max_length=8, choices=rules.RatingChannel.choices)
    #: The nine indices' points (0–2 each), in order; empty for the five-level scheme.
    indices = models.JSONField("điểm các chỉ số", default=list, blank=True)
    #: The overall level 1–5 (Rất không hài lòng … Rất hài lòng); for the nine indices, from index 9.
    level = models.PositiveSmallIntegerField("mức hài lòng")
    satisfied = models.BooleanField("hài lòng")
    officer_points = models.PositiveSmallIntegerField("điểm đánh giá cán bộ", null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cán bộ được đánh giá",
    )
    comment = models.TextField("ý kiến", blank=True)
    rated_on = models.DateField("ngày đánh giá", db_index=True)
    rated_at = models.DateTimeField("thời điểm đánh giá")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OneStopQuerySet.as_manager()

    class Meta:
        verbose_name = "đánh giá hồ sơ"
        verbose_name_plural = "đánh giá hồ sơ"
        indexes = [models.Index(fields=["province_key", "unit", "rated_on"], name="rating_stats_units")]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1) & Q(level__lte=5), name="rating_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"Đánh giá hồ sơ {self.dossier.code}: {self.level}/5"
