"""Administrative units, their versions and lineage; the organisations in them and their staffing."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from danvan.core.scoping import UnitPathQuerySet
from danvan.core.text import fold, format_date
from danvan.units import rules
from danvan.units.rules import Kind, Level


def valid_on_q(day: datetime.date) -> Q:
    """The database form of :func:`danvan.units.rules.is_valid_on` (open ends are unbounded)."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class UnitQuerySet(MP_NodeQuerySet):
    def valid_on(self, day: datetime.date) -> UnitQuerySet:
        return self.filter(valid_on_q(day))

    def search(self, query: str) -> UnitQuerySet:
        """Accent-insensitive name search: every word must appear ("bac kan" finds "Bắc Kạn")."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(name_folded__contains=word)
        return qs

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path)


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):
    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model).order_by("path")


class Unit(MP_Node):
    """Đơn vị hành chính — an administrative unit: province, (historical) district, commune or hamlet.

    A node of the materialised-path tree: a subtree is one indexed range scan
    (``path LIKE 'prefix%'``). The row holds today's attributes; earlier names
    and kinds are :class:`UnitVersion` rows of the same unit. Predecessors and
    successors (mergers, splits) are :class:`UnitLineage` rows. The official
    ``code`` is unique only at a given date, so it is never a key.
    """

    code = models.CharField("mã", max_length=16, blank=True, db_index=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=255)
    name_folded = models.CharField(max_length=512, editable=False, db_index=True)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    level = models.CharField("cấp", max_length=16, choices=Level.choices, db_index=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=500, blank=True)
    remote_area = models.BooleanField(
        "vùng sâu, vùng xa",
        default=False,
        help_text="Một số thời hạn giải quyết được kéo dài ở vùng sâu, vùng xa, vùng khó khăn.",
    )
    # Where the row came from, for idempotent loading ("vn2025:w:01912"); empty for hand-made units.
    source_ref = models.CharField(max_length=64, blank=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild", "name_folded"])

    objects = UnitManager()

    steplen = 4

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        indexes = [models.Index(fields=["level", "code"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A derived search column, kept with the row it derives from.
        self.name_folded = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    def is_valid_on(self, day: datetime.date) -> bool:
        return rules.is_valid_on(self.valid_from, self.valid_to, day)

    @property
    def is_historical(self) -> bool:
        return self.valid_to is not None and self.valid_to < datetime.date.today()

    def version_on(self, day: datetime.date) -> UnitVersion | None:
        """The earlier attribute version in force on ``day``, or None if today's attributes apply."""
        for version in self.versions.all():
            if (version.valid_from is None or version.valid_from <= day) and version.valid_to >= day:
                return version
        return None


class UnitVersion(models.Model):
    """An earlier name or kind of a unit (a rename or reclassification keeps the unit's identity)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến")
    legal_basis = models.CharField("căn cứ thay đổi", max_length=500, blank=True)

    class Meta:
        ordering = ["unit", "valid_to"]
        verbose_name = "phiên bản tên, loại đơn vị"
        verbose_name_plural = "phiên bản tên, loại đơn vị"

    def __str__(self) -> str:
        return f"{self.name} (đến {format_date(self.valid_to)})"


class LineageKind(models.TextChoices):
    MERGE = "merge", "Sáp nhập"
    SPLIT_PART = "split_part", "Chia tách (một phần)"
    RENAME = "rename", "Đổi tên"
    RECLASSIFY = "reclassify", "Chuyển loại"
    TRANSFER = "transfer", "Chuyển nguyên trạng"


class UnitLineage(models.Model):
    """Kế thừa — the predecessor → successor link created by a merger, split, rename or transfer.

    Many-to-many: a new commune is usually formed from several old ones, and an
    old commune may be split among several new ones.
    """

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessor_links")
    kind = models.CharField("hình thức", max_length=16, choices=LineageKind.choices)
    effective_date = models.DateField("ngày hiệu lực")
    legal_basis = models.CharField("căn cứ pháp lý", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quan hệ kế thừa đơn vị"
        verbose_name_plural = "quan hệ kế thừa đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_lineage_unique"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="unit_lineage_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"


class OrganizationKind(models.TextChoices):
    PARTY_COMMITTEE = "dang_uy", "Cấp ủy Đảng (Tỉnh ủy, Đảng ủy)"
    PROPAGANDA_MOBILISATION = "ban_tgdv", "Ban Tuyên giáo và Dân vận"
    MOBILISATION_BOARD = "ban_dan_van", "Ban Dân vận (trước năm 2025)"
    PEOPLES_COMMITTEE = "ubnd", "Ủy ban nhân dân"
    PEOPLES_COUNCIL = "hdnd", "Hội đồng nhân dân"
    FATHERLAND_FRONT = "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam"
    MASS_ORGANISATION = "doan_the", "Đoàn thể chính trị - xã hội"
    DEPARTMENT = "so_phong", "Cơ quan chuyên môn (sở, phòng)"
    PUBLIC_SERVICE_UNIT = "dvsn", "Đơn vị sự nghiệp công lập"
    ASSOCIATION = "hoi", "Tổ chức hội"
    PUBLIC_SERVICE_CENTRE = "tt_phvhcc", "Trung tâm Phục vụ hành chính công"
    OTHER = "khac", "Tổ chức khác"


class OrganizationQuerySet(UnitPathQuerySet):
    def valid_on(self, day: datetime.date) -> OrganizationQuerySet:
        return self.filter(valid_on_q(day))


class Organization(models.Model):
    """Cơ quan, tổ chức — a body in a unit: party committee, Ban Tuyên giáo và Dân vận, UBND, MTTQ, a sở…"""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="organizations")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    name = models.CharField("tên", max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField("loại", max_length=16, choices=OrganizationKind.choices)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["name_folded"])

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "kind", "name"]
        verbose_name = "cơ quan, tổ chức"
        verbose_name_plural = "cơ quan, tổ chức"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organization_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    def is_valid_on(self, day: datetime.date) -> bool:
        return rules.is_valid_on(self.valid_from, self.valid_to, day)


class OrganizationLineage(models.Model):
    """An organisation's predecessor, e.g. Ban Dân vận + Ban Tuyên giáo → Ban Tuyên giáo và Dân vận (2025)."""

    predecessor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="predecessor_links")
    kind = models.CharField("hình thức", max_length=16, choices=LineageKind.choices)
    effective_date = models.DateField("ngày hiệu lực")
    legal_basis = models.CharField("căn cứ", max_length=500, blank=True)

    class Meta:
        verbose_name = "quan hệ kế thừa tổ chức"
        verbose_name_plural = "quan hệ kế thừa tổ chức"
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="organization_lineage_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="organization_lineage_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class StaffingQuerySet(UnitPathQuerySet):
    unit_path_lookup = "organization__unit__path"


class Staffing(models.Model):
    """Biên chế — the staff of an organisation in a year: công chức, viên chức, hợp đồng."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="staffing")
    year = models.PositiveSmallIntegerField("năm")
    civil_servants = models.PositiveIntegerField("công chức", default=0)
    public_employees = models.PositiveIntegerField("viên chức", default=0)
    contract_workers = models.PositiveIntegerField("hợp đồng lao động", default=0)
    history = HistoricalRecords()

    objects = StaffingQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-year"]
        verbose_name = "biên chế"
        verbose_name_plural = "biên chế"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="staffing_one_per_year"),
            models.CheckConstraint(condition=Q(year__gte=1945) & Q(year__lte=2200), name="staffing_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.year}"

    @property
    def total(self) -> int:
        return self.civil_servants + self.public_employees + self.contract_workers
