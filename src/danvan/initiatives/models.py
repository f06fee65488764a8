""" "Dân vận khéo" models (mô hình) and exemplars (điển hình), their reviews, results and evidence.

Reference lists (fields, review criteria, metrics) are edited by administrators
in the admin. Every record belongs to a unit; the life-cycle is in
:mod:`danvan.initiatives.rules` and moves only through the services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from danvan.accounts import roles
from danvan.accounts.scoping import UnitScopedQuerySet
from danvan.core.models import StoredFile
from danvan.core.text import format_date
from danvan.initiatives import rules
from danvan.stats.keys import ProvinceKeyField


def _choices(labels: dict[str, str]) -> list[tuple[str, str]]:
    return list(labels.items())


#: Sorted so that the migration's constraint is the same in every process.
RECOGNISED = sorted(s.value for s in rules.RECOGNISED_STATUSES)


class Field(models.Model):
    """Lĩnh vực — a field (no parent) or a sub-field (with parent) of the movement."""

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="subfields", verbose_name="thuộc lĩnh vực"
    )
    name = models.CharField("tên", max_length=150)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="initiative_field_unique_name")]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực và lĩnh vực con"

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent is not None else self.name


class Criterion(models.Model):
    """Tiêu chí đánh giá — a recognition criterion with its weight (DOMAIN §5.3)."""

    name = models.CharField("tiêu chí", max_length=200, unique=True)
    description = models.TextField("nội dung", blank=True)
    weight = models.DecimalField("trọng số", max_digits=5, decimal_places=2, default=20)
    max_score = models.PositiveSmallIntegerField("thang điểm", default=10)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "tiêu chí đánh giá"
        verbose_name_plural = "tiêu chí đánh giá"
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_scale_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Metric(models.Model):
    """Chỉ tiêu kết quả — a measured result with its unit (m² đất hiến, đồng, ngày công, km đường…)."""

    name = models.CharField("chỉ tiêu", max_length=150, unique=True)
    unit_label = models.CharField("đơn vị tính", max_length=32)
    aliases = models.JSONField("cách viết khác của đơn vị", default=list, blank=True)
    integral = models.BooleanField("chỉ nhận số nguyên", default=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chỉ tiêu kết quả"
        verbose_name_plural = "chỉ tiêu kết quả"

    def __str__(self) -> str:
        return f"{self.name} ({self.unit_label})"


class InitiativeQuerySet(UnitScopedQuerySet):
    view_permission = roles.INITIATIVES.view
    pass


#: The breakdown of the statistics (selectors.stats_for) and the dates of its measures (measures.INITIATIVES).
STATS_CELLS = ("kind", "field", "subfield", "level", "status")
STATS_DATES = ("registered_on", "recognised_on", "exemplary_on", "replicated_on")


class Initiative(models.Model):
    """Một mô hình, điển hình "Dân vận khéo" — the registration record of DOMAIN §5.3 and its life-cycle."""

    class Kind(models.TextChoices):
        MODEL = "model", "Mô hình (tập thể)"
        EXEMPLAR = "exemplar", "Điển hình (cá nhân)"

    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.MODEL)
    year = models.PositiveSmallIntegerField("năm đăng ký", db_index=True)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="initiatives", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    organization = models.ForeignKey(
        "units.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name="cơ quan, tổ chức",
    )
    owner_name = models.CharField("tập thể / cá nhân thực hiện", max_length=255)
    owner_position = models.CharField("chức vụ (cá nhân)", max_length=255, blank=True)
    owner_organization = models.CharField("cơ quan, đơn vị công tác (cá nhân)", max_length=255, blank=True)

    name = models.CharField("tên mô hình", max_length=300)
    name_folded = models.CharField(max_length=300, editable=False, db_index=True)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="+", verbose_name="lĩnh vực")
    subfield = models.ForeignKey(
        Field, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="lĩnh vực con"
    )
    problem = models.TextField("thực trạng, lý do", blank=True)
    goals = models.TextField("mục tiêu, tiêu chí đo lường", blank=True)
    content = models.TextField("nội dung, cách thức thực hiện", blank=True)
    area_people = models.TextField("địa bàn, đối tượng", blank=True)
    forces = models.TextField("lực lượng thực hiện", blank=True)
    resources = models.TextField("nguồn lực", blank=True)
    start_date = models.DateField("bắt đầu", null=True, blank=True)
    evaluation_date = models.DateField("thời điểm đánh giá", null=True, blank=True)
    milestones = models.TextField("các mốc thời gian", blank=True)
    outputs = models.TextField("sản phẩm đầu ra", blank=True)
    sustainability = models.TextField("khả năng duy trì, nhân rộng", blank=True)

    status = models.CharField(
        "trạng thái", max_length=20, choices=_choices(rules.STATUS_LABELS), default=rules.Status.DRAFT, db_index=True
    )
    registered_on = models.DateField("ngày đăng ký", null=True, blank=True, db_index=True)
    launched_on = models.DateField("ngày ra mắt", null=True, blank=True)
    proposed_on = models.DateField("ngày đề nghị công nhận", null=True, blank=True)
    level = models.CharField(
        "cấp công nhận", max_length=12, choices=_choices(rules.LEVEL_LABELS), blank=True, db_index=True
    )
    recognition_no = models.CharField("số quyết định công nhận", max_length=64, blank=True)
    recognised_on = models.DateField("ngày quyết định công nhận", null=True, blank=True, db_index=True)
    recognition_issuer = models.CharField("cơ quan công nhận", max_length=255, blank=True)
    rejection_reason = models.TextField("lý do không công nhận", blank=True)
    exemplary_on = models.DateField("ngày chọn điển hình", null=True, blank=True, db_index=True)
    replicated_on = models.DateField("ngày nhân rộng", null=True, blank=True, db_index=True)
    discontinued_on = models.DateField("ngày dừng", null=True, blank=True)
    discontinue_reason = models.TextField("lý do dừng", blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name="đăng ký lại từ",
    )

    # NĐ 152/2025/NĐ-CP: set by the petitions and discipline areas while a matter is open.
    proceedings_pending = models.BooleanField("đang bị khiếu nại, tố cáo, xem xét kỷ luật", default=False)
    proceedings_note = models.CharField("ghi chú vụ việc", max_length=255, blank=True)

    published = models.BooleanField("công khai trên trang thư viện", default=False)
    public_summary = models.TextField("tóm tắt công khai", blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["province_key"])

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = "mô hình, điển hình"
        verbose_name_plural = "mô hình, điển hình “Dân vận khéo”"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "name_folded"], name="initiative_unique_name_per_unit_year"
            ),
            models.UniqueConstraint(
                fields=["previous", "year"], condition=Q(previous__isnull=False), name="initiative_one_reregistration"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RECOGNISED, recognised_on__isnull=False) | ~Q(status__in=RECOGNISED),
                name="initiative_recognised_has_decision",
            ),
            models.CheckConstraint(condition=Q(year__gte=2009, year__lte=2100), name="initiative_year_range"),
        ]
        indexes = [
            models.Index(fields=["status", "year"]),
            # The statistics (measures.INITIATIVES) read these two without touching the table: the cells in
            # the order of their GROUP BY, led by the province key (a province is one range, the nation's
            # provinces come in order), so that SQLite groups as it reads instead of sorting the rows;
            # the sub-units by unit. Decision record 0006.
            models.Index(fields=["province_key", *STATS_CELLS, "unit", *STATS_DATES], name="initiative_stats_cells"),
            models.Index(fields=["province_key", "unit", *STATS_DATES], name="initiative_stats_units"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_recognised(self) -> bool:
        return self.status in rules.RECOGNISED_STATUSES


class ProgressReport(models.Model):
    """Sơ kết 6 tháng / tổng kết năm — a progress report, with the results measured in its period."""

    class Kind(models.TextChoices):
        HALF_YEAR = "half", "Sơ kết 6 tháng"
        ANNUAL = "annual", "Tổng kết năm"
        OTHER = "other", "Báo cáo khác"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField("loại báo cáo", max_length=8, choices=Kind.choices)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày", db_index=True)
    summary = models.TextField("kết quả, đánh giá")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["period_end", "pk"]
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="report_period_order")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_date(self.period_end)}"


class ResultValue(models.Model):
    """A measured result of one metric in one report (e.g. 9.000 m² đất hiến in 2026)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="results")
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField("giá trị", max_digits=18, decimal_places=2)
    period_end = models.DateField(db_index=True)
    province_key = ProvinceKeyField(unit="initiative__unit")

    class Meta:
        verbose_name = "kết quả đo được"
        verbose_name_plural = "kết quả đo được"
        indexes = [  # measures.RESULTS by province and metric, read without the table; decision record 0006
            models.Index(fields=["province_key", "metric", "period_end", "value"], name="result_stats_cells"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["report", "metric"], name="result_one_value_per_metric"),
            models.CheckConstraint(condition=Q(value__gte=0), name="result_value_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.metric.name}: {self.value}"


class ThroughInitiativeQuerySet(UnitScopedQuerySet):
    """Records reached through their model: scoped by the model's unit."""

    view_permission = roles.INITIATIVES.view
    unit_path_lookup = "initiative__unit__path"


class Review(models.Model):
    """Hội đồng thẩm định — the council that scores a proposed model; at most one open per model."""

    class Result(models.TextChoices):
        OPEN = "open", "Đang thẩm định"
        PASSED = "passed", "Đạt"
        FAILED = "failed", "Không đạt"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reviews")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="council_reviews", verbose_name="thành viên"
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField("kết quả", max_length=8, choices=Result.choices, default=Result.OPEN)
    total = models.DecimalField("điểm bình quân", max_digits=5, decimal_places=2, null=True, blank=True)
    minutes = models.TextField("biên bản", blank=True)

    objects = ThroughInitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = "hội đồng thẩm định"
        verbose_name_plural = "hội đồng thẩm định"
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(closed_at__isnull=True), name="review_one_open_per_initiative"
            )
        ]

    def __str__(self) -> str:
        return f"Thẩm định “{self.initiative}”"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField("điểm", max_digits=5, decimal_places=1)
    comment = models.TextField("nhận xét", blank=True)

    class Meta:
        verbose_name = "điểm chấm"
        verbose_name_plural = "điểm chấm"
        constraints = [
            models.UniqueConstraint(fields=["review", "member", "criterion"], name="score_once_per_member_criterion"),
            models.CheckConstraint(condition=Q(score__gte=0), name="score_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.score}"


class Commendation(models.Model):
    """Khen thưởng — a Giấy khen, Bằng khen or other form given to the model's owner."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="commendations")
    form = models.CharField("hình thức", max_length=12, choices=_choices(rules.COMMENDATION_FORM_LABELS))
    issuer_type = models.CharField("loại cơ quan khen", max_length=8, choices=_choices(rules.ISSUER_LABELS))
    issuer = models.CharField("cơ quan, người ký", max_length=255)
    decision_no = models.CharField("số quyết định", max_length=64)
    decision_date = models.DateField("ngày quyết định", db_index=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["decision_date", "pk"]
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"

    def __str__(self) -> str:
        return f"{self.get_form_display()} số {self.decision_no}"


class Replication(models.Model):
    """Nhân rộng — a unit where the model is copied."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="replications")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="nhân rộng tại")
    date = models.DateField("ngày")
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        constraints = [models.UniqueConstraint(fields=["initiative", "unit"], name="replication_once_per_unit")]
        verbose_name = "nơi nhân rộng"
        verbose_name_plural = "nơi nhân rộng"

    def __str__(self) -> str:
        return f"{self.initiative} → {self.unit}"


class Evidence(StoredFile):
    """Minh chứng — a photo or document attached to a model; public only when marked so."""

    class Kind(models.TextChoices):
        PHOTO = "photo", "Ảnh"
        DOCUMENT = "document", "Tài liệu"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    public = models.BooleanField("được công khai", default=False)

    objects = ThroughInitiativeQuerySet.as_manager()

    class Meta(StoredFile.Meta):
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def upload_dir(self) -> str:
        return f"initiatives/{self.initiative_id}"
