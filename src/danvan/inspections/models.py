"""The inspection record: plans, their teams, the visits made and the recommendations followed to closure.

A plan (kế hoạch kiểm tra, giám sát) belongs to the unit of the inspecting body (the Ban Tuyên giáo và
Dân vận Tỉnh ủy, an Đảng ủy xã…) and lists the units it visits, inside that body's unit. A visit and a
recommendation belong to the visited unit, so that the visited commune sees and answers what was found
there, and the inspecting body (whose unit covers it) follows it. Stored dates (``plan_date``,
``visited_on``, ``made_on``, ``ended_on``) are what the statistics count by.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.accounts import roles
from danvan.accounts.scoping import UnitScopedQuerySet
from danvan.core.models import StoredFile
from danvan.core.text import format_date
from danvan.inspections import rules
from danvan.stats.keys import ProvinceKeyField


class InspectionQuerySet(UnitScopedQuerySet):
    """The area's records, read with the area's own right."""

    view_permission = roles.INSPECTIONS.view


class ThroughPlanQuerySet(InspectionQuerySet):
    unit_path_lookup = "plan__unit__path"


class ThroughVisitQuerySet(InspectionQuerySet):
    unit_path_lookup = "visit__unit__path"


class ThroughRecommendationQuerySet(InspectionQuerySet):
    unit_path_lookup = "recommendation__unit__path"


class Plan(models.Model):
    """Kế hoạch kiểm tra, giám sát: who inspects, what, where, when; its conclusion once issued."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    body = models.ForeignKey(
        "units.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan kiểm tra",
    )
    body_name = models.CharField("cơ quan kiểm tra", max_length=255)
    #: The superior body printed above it (Tỉnh ủy Thái Nguyên above its Ban Tuyên giáo và Dân vận).
    parent_body_name = models.CharField("cơ quan cấp trên", max_length=255, blank=True)
    number = models.CharField("số kế hoạch", max_length=64)
    plan_date = models.DateField("ngày ban hành kế hoạch", db_index=True)
    title = models.CharField("tên kế hoạch", max_length=500)
    scopes = models.JSONField("nội dung kiểm tra", default=list)
    scope_other = models.CharField("nội dung khác", max_length=500, blank=True)
    purpose = models.TextField("mục đích, yêu cầu", blank=True)
    start_on = models.DateField("ngày bắt đầu")
    end_on = models.DateField("ngày kết thúc")
    units = models.ManyToManyField("units.Unit", related_name="+", verbose_name="đơn vị được kiểm tra")
    status = models.CharField("trạng thái", max_length=16, choices=rules.PlanStatus.choices, db_index=True)
    #: The conclusion is a Party document (HD 36-HD/VPTW) rather than a state one (NĐ 30/2020).
    party_document = models.BooleanField("văn bản của Đảng", default=True)
    conclusion_number = models.CharField("số thông báo kết luận", max_length=64, blank=True)
    conclusion_date = models.DateField("ngày ban hành kết luận", null=True, blank=True)
    conclusion_summary = models.TextField("nhận xét chung", blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=150, blank=True)
    recipients = models.TextField("nơi nhận", blank=True)
    ended_on = models.DateField("ngày hủy", null=True, blank=True)
    cancel_reason = models.TextField("lý do hủy", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-plan_date", "-pk"]
        verbose_name = "kế hoạch kiểm tra"
        verbose_name_plural = "kế hoạch kiểm tra"
        indexes = [models.Index(fields=["province_key", "unit", "plan_date"], name="insp_plan_stats")]
        constraints = [
            models.CheckConstraint(condition=Q(end_on__gte=models.F("start_on")), name="insp_plan_dates_in_order"),
            models.CheckConstraint(condition=Q(start_on__gte=models.F("plan_date")), name="insp_plan_starts_after"),
        ]

    def __str__(self) -> str:
        return f"Kế hoạch {self.number} — {self.title}"

    @property
    def scope_labels(self) -> list[str]:
        labels = dict(rules.Scope.choices)
        return [
            self.scope_other if s == rules.Scope.OTHER and self.scope_other else labels.get(s, s) for s in self.scopes
        ]

    @property
    def head(self) -> TeamMember | None:
        return next((m for m in self.members.all() if m.role == rules.MemberRole.HEAD), None)


class TeamMember(models.Model):
    """One member of the inspection team (đoàn kiểm tra): a user in scope, or a name with a position."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField("họ tên", max_length=150)
    position = models.CharField("chức vụ, đơn vị", max_length=255, blank=True)
    role = models.CharField("vai trò", max_length=12, choices=rules.MemberRole.choices)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ThroughPlanQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "thành viên đoàn kiểm tra"
        verbose_name_plural = "thành viên đoàn kiểm tra"
        constraints = [
            models.UniqueConstraint(fields=["plan"], condition=Q(role="head"), name="insp_team_one_head"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Visit(models.Model):
    """Buổi kiểm tra tại một đơn vị: what was checked, strengths, weaknesses, figures, evidence."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="visits")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    visited_on = models.DateField("ngày làm việc", db_index=True)
    #: The items checked, one per line (the rules, the models, the records).
    checked = models.JSONField("nội dung đã kiểm tra", default=list)
    places = models.CharField("địa điểm kiểm tra thực tế", max_length=500, blank=True)
    strengths = models.TextField("ưu điểm")
    weaknesses = models.TextField("hạn chế, tồn tại", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["visited_on", "pk"]
        verbose_name = "buổi kiểm tra"
        verbose_name_plural = "buổi kiểm tra"
        indexes = [models.Index(fields=["province_key", "unit", "visited_on"], name="insp_visit_stats")]

    def __str__(self) -> str:
        return f"Kiểm tra tại {self.unit} ngày {format_date(self.visited_on)}"


class Figure(models.Model):
    """A figure the team noted: "06 mô hình đăng ký", "03 mô hình được biểu dương, khen thưởng"."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField("chỉ tiêu", max_length=255)
    value = models.DecimalField("số liệu", max_digits=14, decimal_places=2)
    unit_label = models.CharField("đơn vị tính", max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ThroughVisitQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "số liệu ghi nhận"
        verbose_name_plural = "số liệu ghi nhận"

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class VisitEvidence(StoredFile):
    """Minh chứng của buổi kiểm tra: a photo, the minutes, a document."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("loại", max_length=10)

    objects = ThroughVisitQuerySet.as_manager()

    class Meta(StoredFile.Meta):
        verbose_name = "minh chứng buổi kiểm tra"
        verbose_name_plural = "minh chứng buổi kiểm tra"

    def upload_dir(self) -> str:
        return f"inspections/visits/{self.visit_id}"


class Recommendation(models.Model):
    """Kiến nghị sau kiểm tra: what the visited unit is to do, who answers for it, by when; followed to
    closure with evidence."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="recommendations")
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="recommendations")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    content = models.TextField("nội dung kiến nghị")
    responsible = models.CharField("cơ quan, tổ chức chịu trách nhiệm", max_length=255)
    responsible_org = models.ForeignKey(
        "units.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    made_on = models.DateField("ngày kiến nghị", db_index=True)
    due_on = models.DateField("thời hạn thực hiện", db_index=True)
    due_explanation = models.CharField("cách tính thời hạn", max_length=500, blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=rules.RecStatus.choices, db_index=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cán bộ theo dõi",
    )
    result = models.TextField("kết quả thực hiện", blank=True)
    document_no = models.CharField("số văn bản chứng minh", max_length=100, blank=True)
    #: The day it ended: closed (carried out), not accepted or withdrawn.
    ended_on = models.DateField("ngày kết thúc", null=True, blank=True, db_index=True)
    end_reason = models.TextField("lý do", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = "kiến nghị"
        verbose_name_plural = "kiến nghị"
        indexes = [
            models.Index(fields=["province_key", "unit", "made_on", "ended_on"], name="insp_rec_stats"),
            models.Index(fields=["status", "due_on"], name="insp_rec_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("made_on")), name="insp_rec_due_after_made"),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(ended_on__isnull=False), name="insp_rec_closed_dated"
            ),
        ]

    def __str__(self) -> str:
        text = self.content if len(self.content) <= 80 else self.content[:79] + "…"
        return f"Kiến nghị: {text}"

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_RECOMMENDATION


class RecommendationEvidence(StoredFile):
    """Minh chứng thực hiện kiến nghị."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("loại", max_length=10)

    objects = ThroughRecommendationQuerySet.as_manager()

    class Meta(StoredFile.Meta):
        verbose_name = "minh chứng thực hiện kiến nghị"
        verbose_name_plural = "minh chứng thực hiện kiến nghị"

    def upload_dir(self) -> str:
        return f"inspections/recommendations/{self.recommendation_id}"
