"""Measuring citizen satisfaction in the SIPAS manner (DOMAIN §4.1).

A :class:`Questionnaire` (phiếu khảo sát) of a unit — a province usually — holds the service elements
(yếu tố dịch vụ), each with its criteria (tiêu chí, the "nhận định" items) and its own five-point
"hài lòng" item, an overall "hài lòng" item, and the expectation questions (sự mong đợi). Once
published, its structure is fixed: the answers refer to its items. A :class:`Campaign` (đợt khảo sát)
surveys the people served in a unit with a stratified sample plan (:class:`SamplePlanRow`: commune ×
procedure, a quota), on paper or online through a link or QR code. Each :class:`Response` (phiếu trả
lời) holds one :class:`Answer` per item and the expectation choices.

The counted tables (answers, responses, expectation choices) carry the commune, the date answered and
the province key (decision record 0006), copied from the response when it is written, so that the
statistics group them without a join.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.accounts import roles
from danvan.accounts.scoping import UnitScopedQuerySet
from danvan.satisfaction import rules
from danvan.stats.keys import ProvinceKeyField


class SatisfactionQuerySet(UnitScopedQuerySet):
    """The area's records, read with the area's own right."""

    view_permission = roles.SATISFACTION.view


class Questionnaire(models.Model):
    """Phiếu khảo sát: elements → criteria → five-point items, plus expectation questions."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        PUBLISHED = "published", "Đã ban hành"

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    name = models.CharField("tên phiếu", max_length=255)
    year = models.PositiveSmallIntegerField("năm")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("thời điểm ban hành", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SatisfactionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name", "pk"]
        verbose_name = "phiếu khảo sát"
        verbose_name_plural = "phiếu khảo sát"

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class ServiceElement(models.Model):
    """Yếu tố dịch vụ (the five of the 2017 method: Tiếp cận dịch vụ, Thủ tục hành chính…)."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="elements")
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên yếu tố", max_length=255)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "yếu tố dịch vụ"
        verbose_name_plural = "yếu tố dịch vụ"

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One five-point question of a questionnaire: a criterion of an element (the "nhận định" — this is
    the Criterion of the method), the element's own "hài lòng" question, or the overall one."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    element = models.ForeignKey(ServiceElement, on_delete=models.CASCADE, null=True, blank=True, related_name="items")
    kind = models.CharField("loại câu hỏi", max_length=10, choices=rules.ItemKind.choices)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = models.CharField("nội dung", max_length=500)

    class Meta:
        ordering = ["element__order", "kind", "order", "pk"]
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=rules.ItemKind.OVERALL, element__isnull=True)
                | (~Q(kind=rules.ItemKind.OVERALL) & Q(element__isnull=False)),
                name="satisfaction_item_element",
            ),
            models.UniqueConstraint(
                fields=["element"], condition=Q(kind=rules.ItemKind.ELEMENT), name="satisfaction_one_element_item"
            ),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=Q(kind=rules.ItemKind.OVERALL),
                name="satisfaction_one_overall_item",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def label(self) -> str:
        """How a message names the item: "Tiêu chí 2.3 “…”", "Câu hài lòng chung"."""
        return rules.item_label(self.kind, self.element.order if self.element else None, self.order, self.text)


class ExpectationQuestion(models.Model):
    """Sự mong đợi: a question with options, of which the respondent ticks up to ``max_choices``."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="expectations")
    order = models.PositiveSmallIntegerField("thứ tự")
    text = models.CharField("nội dung", max_length=500)
    #: The options, in order (a list of strings).
    options = models.JSONField("các lựa chọn", default=list)
    max_choices = models.PositiveSmallIntegerField("chọn tối đa", default=3)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "câu hỏi về sự mong đợi"
        verbose_name_plural = "câu hỏi về sự mong đợi"

    def __str__(self) -> str:
        return self.text

    @property
    def options_text(self) -> str:
        """The options one a line, as the builder edits them."""
        return "\n".join(self.options)


class Campaign(models.Model):
    """Đợt khảo sát: one questionnaire, one unit, a period, a sample plan and a public link."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Đang chuẩn bị"
        OPEN = "open", "Đang khảo sát"
        CLOSED = "closed", "Đã kết thúc"

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="campaigns", verbose_name="phiếu khảo sát"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    name = models.CharField("tên đợt khảo sát", max_length=255)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PLANNED)
    #: The secret of the public form's link and QR code (the id alone is guessable).
    token = models.CharField(max_length=32, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SatisfactionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = "đợt khảo sát"
        verbose_name_plural = "đợt khảo sát"
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_in_order"),
        ]

    def __str__(self) -> str:
        return self.name


class SamplePlanRow(models.Model):
    """One stratum of the sample plan: a commune and a procedure (named by its code, as text), a quota."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="plan")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường")
    procedure_code = models.CharField("mã thủ tục", max_length=32)
    procedure_name = models.CharField("tên thủ tục", max_length=500)
    quota = models.PositiveIntegerField("số phiếu cần thu")

    class Meta:
        ordering = ["unit__path", "procedure_code"]
        verbose_name = "dòng kế hoạch chọn mẫu"
        verbose_name_plural = "kế hoạch chọn mẫu"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "procedure_code"], name="sample_plan_unique_stratum"),
            models.CheckConstraint(condition=Q(quota__gte=1), name="sample_plan_quota_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.procedure_code}: {self.quota}"


class Response(models.Model):
    """Phiếu trả lời: one respondent's answers, for one commune and one procedure."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường")
    province_key = ProvinceKeyField()
    procedure_code = models.CharField("mã thủ tục", max_length=32)
    channel = models.CharField("hình thức", max_length=8, choices=rules.Channel.choices)
    answered_on = models.DateField("ngày trả lời")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = SatisfactionQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "phiếu trả lời"
        verbose_name_plural = "phiếu trả lời"
        indexes = [
            models.Index(fields=["province_key", "unit", "answered_on", "channel"], name="response_stats_units"),
            models.Index(fields=["campaign", "unit", "procedure_code"], name="response_strata"),
        ]

    def __str__(self) -> str:
        return f"Phiếu {self.pk} — {self.unit}"


class Answer(models.Model):
    """The answer to one item: 1–5, or none ("không ý kiến", blank: not a valid answer)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField("mức", null=True, blank=True)
    #: Copied from the item and the response, for the statistics.
    kind = models.CharField(max_length=10, choices=rules.ItemKind.choices)
    element = models.ForeignKey(ServiceElement, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    province_key = ProvinceKeyField()
    answered_on = models.DateField()

    objects = SatisfactionQuerySet.as_manager()

    class Meta:
        verbose_name = "câu trả lời"
        verbose_name_plural = "câu trả lời"
        indexes = [
            models.Index(fields=["province_key", "unit", "answered_on", "kind", "value"], name="answer_stats_units"),
            models.Index(
                fields=["province_key", "kind", "item", "unit", "answered_on", "value"], name="answer_stats_cells"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_one_per_item"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=1) & Q(value__lte=5)), name="answer_value_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value or 'không ý kiến'}"


class ExpectationChoice(models.Model):
    """One option ticked in an expectation question."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="expectations")
    question = models.ForeignKey(ExpectationQuestion, on_delete=models.PROTECT, related_name="choices")
    option = models.PositiveSmallIntegerField("lựa chọn (thứ tự, từ 0)")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    province_key = ProvinceKeyField()
    answered_on = models.DateField()

    objects = SatisfactionQuerySet.as_manager()

    class Meta:
        verbose_name = "lựa chọn về sự mong đợi"
        verbose_name_plural = "lựa chọn về sự mong đợi"
        indexes = [
            models.Index(fields=["province_key", "question", "option", "unit", "answered_on"], name="expect_stats")
        ]
        constraints = [
            models.UniqueConstraint(fields=["response", "question", "option"], name="expectation_choice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option}"


class IndexTarget(models.Model):
    """Chỉ tiêu: the index a unit aims at in a period ("trên 80%", NQ 76/NQ-CP)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    value = models.DecimalField("chỉ tiêu (%)", max_digits=5, decimal_places=2)
    comparison = models.CharField(
        "so sánh", max_length=8, choices=rules.Comparison.choices, default=rules.Comparison.ABOVE
    )
    legal_basis = models.CharField("căn cứ", max_length=500, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    objects = SatisfactionQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "-starts_on"]
        verbose_name = "chỉ tiêu hài lòng"
        verbose_name_plural = "chỉ tiêu hài lòng"
        constraints = [
            models.UniqueConstraint(fields=["unit", "starts_on", "ends_on"], name="index_target_unique_period"),
            models.CheckConstraint(condition=Q(value__gte=0) & Q(value__lte=100), name="index_target_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {rules.Comparison(self.comparison).label} {self.value}%"
