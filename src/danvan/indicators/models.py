"""Indicators, their targets and their values.

An **indicator** (chỉ tiêu, chỉ số: "Tỷ lệ hộ nghèo", "Số xã đạt chuẩn nông thôn mới", "Chỉ số hài lòng
của người dân") has a code, a unit of measure, a direction, a source — entered by hand, or computed from
an area's statistics (a figure "lĩnh_vực.số_liệu" of a registered report section) — and the rule by which
it aggregates up the tree (:mod:`.rules`). An indicator may belong to a unit that set it (a province's
own resolution): it applies there, below, and in the units merged into it; one without a unit applies
everywhere.

A **target** (chỉ tiêu kế hoạch, mục tiêu) is set for a unit and a period, with its comparison and its
mandatory basis: the plan or resolution it comes from ("Đề án 06", "Nghị quyết Đại hội Đảng bộ tỉnh lần
thứ XX").

A **value** (số liệu thực hiện) is what a unit achieved in a period: the value — with the numerator and
denominator of a rate, or the weight of an average — its source ("Báo cáo của UBND xã", "Điều tra hộ
nghèo 2026") and who entered it when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from danvan.accounts import roles
from danvan.accounts.scoping import UnitScopedQuerySet
from danvan.core.periods import Period, PeriodKind
from danvan.indicators import rules

PERIOD_KINDS = [(k.value, k.value) for k in PeriodKind]


class IndicatorsQuerySet(UnitScopedQuerySet):
    """Targets and values, read with the area's own right."""

    view_permission = roles.INDICATORS.view


class Indicator(models.Model):
    """Chỉ tiêu, chỉ số — what is measured, how, and how it rolls up the tree."""

    code = models.CharField("mã chỉ tiêu", max_length=32, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=255)
    #: Indicators of one group are told in one sentence of the report ("19 xã đạt chuẩn nông thôn mới;
    #: bình quân mỗi xã đạt 12,5 tiêu chí").
    group = models.CharField("nhóm", max_length=150, blank=True)
    measure_unit = models.CharField("đơn vị tính", max_length=16, choices=rules.MeasureUnit.choices)
    decimals = models.PositiveSmallIntegerField("số chữ số thập phân", default=2)
    direction = models.CharField("chiều đánh giá", max_length=8, choices=rules.Direction.choices)
    source = models.CharField("nguồn số liệu", max_length=10, choices=rules.Source.choices, default=rules.Source.MANUAL)
    #: A computed indicator: one figure of a report section ("petitions.letters"), or a rate of two.
    figure = models.CharField("số liệu thống kê", max_length=100, blank=True)
    numerator_figure = models.CharField("số liệu tử số", max_length=100, blank=True)
    denominator_figure = models.CharField("số liệu mẫu số", max_length=100, blank=True)
    aggregation = models.CharField("cách tổng hợp", max_length=10, choices=rules.Aggregation.choices)
    numerator_label = models.CharField("tên tử số", max_length=150, blank=True)
    denominator_label = models.CharField("tên mẫu số", max_length=150, blank=True)
    weight_label = models.CharField("tên trọng số", max_length=150, blank=True)
    #: The indicator's own sentence in the report (blanks {ten}, {gia_tri}…); empty: the section's.
    sentence = models.TextField("câu trong báo cáo", blank=True)
    description = models.TextField("mô tả, cách tính", blank=True)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="đơn vị ban hành"
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang theo dõi", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [
            models.CheckConstraint(condition=Q(decimals__lte=rules.MAX_DECIMALS), name="indicator_decimals"),
            models.CheckConstraint(
                condition=Q(source=rules.Source.MANUAL, figure="", numerator_figure="", denominator_figure="")
                | (
                    Q(source=rules.Source.COMPUTED)
                    & (~Q(figure="") | (~Q(numerator_figure="") & ~Q(denominator_figure="")))
                ),
                name="indicator_computed_has_figure",
            ),
            models.CheckConstraint(
                condition=~Q(aggregation=rules.Aggregation.RATE) | Q(measure_unit=rules.MeasureUnit.PERCENT),
                name="indicator_rate_in_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def spec(self) -> rules.Spec:
        return rules.Spec(
            measure_unit=self.measure_unit, aggregation=self.aggregation, direction=self.direction,
            decimals=self.decimals, numerator_label=self.numerator_label, denominator_label=self.denominator_label,
            weight_label=self.weight_label,
        )  # fmt: skip

    @property
    def is_computed(self) -> bool:
        return self.source == rules.Source.COMPUTED

    @property
    def unit_label(self) -> str:
        return rules.MeasureUnit(self.measure_unit).label

    def show(self, value: object) -> str:
        from decimal import Decimal

        return rules.show(Decimal(str(value)) if value is not None else None, self.spec)


class _PeriodMixin(models.Model):
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    kind = models.CharField("loại kỳ", max_length=8, choices=PERIOD_KINDS, default=PeriodKind.CUSTOM.value)

    class Meta:
        abstract = True

    @property
    def period(self) -> Period:
        return Period(self.start, self.end, PeriodKind(self.kind))


class Target(_PeriodMixin):
    """Chỉ tiêu kế hoạch — the level a unit must reach in a period, and the plan that sets it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    comparison = models.CharField("so sánh", max_length=4, choices=rules.Comparison.choices)
    value = models.DecimalField("giá trị chỉ tiêu", max_digits=20, decimal_places=4)
    basis = models.CharField("căn cứ", max_length=500, help_text="Kế hoạch, nghị quyết, đề án đặt ra chỉ tiêu")
    note = models.TextField("ghi chú", blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField("thời điểm đặt", auto_now=True)

    objects = IndicatorsQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "unit__path", "start"]
        verbose_name = "chỉ tiêu kế hoạch"
        verbose_name_plural = "chỉ tiêu kế hoạch"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "start", "end"], name="target_one_per_period"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="target_period_order"),
            models.CheckConstraint(condition=~Q(basis=""), name="target_has_basis"),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.unit.name} · {self.period.label}"

    @property
    def words(self) -> str:
        """ "dưới 6%", "trên 80%"."""
        return rules.target_words(self.comparison, self.value, self.indicator.spec)


class Value(_PeriodMixin):
    """Số liệu thực hiện — a unit's figure of an indicator for a period, with its source."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4)
    numerator = models.DecimalField("tử số", null=True, blank=True, max_digits=20, decimal_places=4)
    denominator = models.DecimalField("mẫu số", null=True, blank=True, max_digits=20, decimal_places=4)
    weight = models.DecimalField("trọng số", null=True, blank=True, max_digits=20, decimal_places=4)
    source = models.CharField("nguồn số liệu", max_length=500)
    note = models.TextField("ghi chú", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField("thời điểm nhập", auto_now=True)

    objects = IndicatorsQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "unit__path", "start"]
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        indexes = [models.Index(fields=["indicator", "start", "end"], name="indicator_value_period")]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "start", "end"], name="value_one_per_period"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="value_period_order"),
            models.CheckConstraint(condition=Q(value__gte=0), name="value_not_negative"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0), name="value_denominator"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(denominator__isnull=True) | Q(numerator__lte=F("denominator")),
                name="value_numerator_le_denominator",
            ),
            models.CheckConstraint(condition=Q(weight__isnull=True) | Q(weight__gt=0), name="value_weight"),
            models.CheckConstraint(condition=~Q(source=""), name="value_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.unit.name} · {self.period.label}: {self.shown}"

    @property
    def shown(self) -> str:
        """ "5,03%", "19 xã"."""
        return self.indicator.show(self.value)
