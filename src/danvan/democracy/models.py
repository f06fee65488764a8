"""Grassroots democracy records of a commune (Luật Thực hiện dân chủ ở cơ sở 2022, DOMAIN §5.5).

* :class:`Publication` — công khai thông tin (Điều 11–13), with its checks stored (due day, days late,
  posting and broadcast short) so that the statistics count them in SQL;
* :class:`QuarterList` — the quarterly list of what was published (danh mục thông tin công khai);
* :class:`CommunityDecision` — nhân dân bàn và quyết định (Điều 15–22), a workflow record;
* :class:`Consultation` — lấy ý kiến Nhân dân (Điều 25–26);
* :class:`InspectionBoard`, :class:`BoardMember`, :class:`BoardPlan`, :class:`BoardFinding` —
  Ban Thanh tra nhân dân (Điều 36–39);
* :class:`Convention` — hương ước, quy ước (NĐ 61/2023/NĐ-CP).

Every record belongs to a commune (``unit``); a hamlet, where it matters, is a second reference.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.accounts import roles
from danvan.accounts.scoping import UnitScopedQuerySet
from danvan.core.models import StoredFile
from danvan.core.text import format_date
from danvan.democracy import rules
from danvan.stats.keys import ProvinceKeyField


class DemocracyQuerySet(UnitScopedQuerySet):
    view_permission = roles.DEMOCRACY.view


def _unit() -> Any:
    return models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường")


def _hamlet(null: bool = True) -> Any:
    return models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        null=null,
        blank=null,
        verbose_name="thôn, tổ dân phố",
    )


def _by() -> Any:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )


class Publication(models.Model):
    """Công khai thông tin: one decision or document the commune published (Điều 11–13)."""

    unit = _unit()
    province_key = ProvinceKeyField()
    category = models.PositiveSmallIntegerField("nội dung công khai (Điều 11)", choices=rules.Category.choices)
    title = models.CharField("tên thông tin công khai", max_length=500)
    document_ref = models.CharField("số, ký hiệu văn bản", max_length=100, blank=True)
    decided_on = models.DateField("ngày ban hành văn bản")
    published_on = models.DateField("ngày công khai", db_index=True)
    forms = models.JSONField("hình thức công khai (Điều 12)", default=list)
    posted_from = models.DateField("niêm yết từ ngày", null=True, blank=True)
    posted_to = models.DateField("niêm yết đến ngày", null=True, blank=True)
    broadcast_days = models.PositiveSmallIntegerField("số ngày phát trên loa", default=0)
    law_deadline_days = models.PositiveSmallIntegerField(
        "thời hạn theo luật chuyên ngành (ngày làm việc)", null=True, blank=True
    )
    law_basis = models.CharField("căn cứ thời hạn chuyên ngành", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)
    # The checks (rules.check_publication), stored when the record is saved.
    permanent = models.BooleanField("niêm yết thường xuyên", default=False)
    due_on = models.DateField("hạn công khai")
    late_days = models.PositiveSmallIntegerField("số ngày làm việc trễ", default=0)
    posting_short = models.BooleanField("niêm yết chưa đủ thời gian", default=False)
    broadcast_short = models.BooleanField("phát loa chưa đủ", default=False)
    has_issue = models.BooleanField("có cảnh báo", default=False, db_index=True)
    warnings = models.JSONField("cảnh báo", default=list, blank=True)
    created_by = _by()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = "thông tin công khai"
        verbose_name_plural = "thông tin công khai"
        indexes = [models.Index(fields=["province_key", "unit", "published_on"], name="publication_stats")]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__gte=models.F("decided_on")), name="publication_after_decision"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def late(self) -> bool:
        return self.late_days > 0

    def form_labels(self) -> list[str]:
        labels = dict(rules.Form.choices)
        return [str(labels.get(f, f)) for f in self.forms]


class QuarterList(models.Model):
    """The list of what was published in a quarter, posted at the commune (Điều 13)."""

    unit = _unit()
    year = models.PositiveSmallIntegerField("năm")
    quarter = models.PositiveSmallIntegerField("quý")
    posted_on = models.DateField("ngày niêm yết danh mục")
    note = models.TextField("ghi chú", blank=True)
    created_by = _by()

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = "danh mục thông tin công khai quý"
        verbose_name_plural = "danh mục thông tin công khai quý"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="quarter_list_once"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="quarter_list_1_4"),
        ]

    def __str__(self) -> str:
        return f"Danh mục {rules.quarter_label(self.year, self.quarter)}"


class CommunityDecision(models.Model):
    """Nhân dân bàn và quyết định (Điều 15): one matter decided by a hamlet (or the whole commune), its
    record (biên bản, Điều 20.2), its result computed by the system (Điều 21), sent to UBND xã and MTTQ
    xã (Điều 20.3) and recognised (Điều 21.2)."""

    unit = _unit()
    province_key = ProvinceKeyField()
    hamlet = _hamlet()
    matter = models.PositiveSmallIntegerField("nội dung (Điều 15)", choices=rules.Matter.choices)
    content = models.TextField("nội dung bàn và quyết định")
    way = models.CharField("hình thức (Điều 17)", max_length=10, choices=rules.Way.choices)
    ballot_case = models.CharField(
        "trường hợp phát phiếu (Điều 19)", max_length=16, choices=rules.BallotCase.choices, blank=True
    )
    held_at = models.DateTimeField("thời gian")
    held_on = models.DateField("ngày", db_index=True)
    households = models.PositiveIntegerField("tổng số hộ gia đình")
    present = models.PositiveIntegerField("số đại diện hộ có mặt")
    absent = models.PositiveIntegerField("số đại diện hộ vắng mặt")
    participating = models.PositiveIntegerField("số hộ tham gia biểu quyết")
    votes_for = models.PositiveIntegerField("tán thành")
    votes_against = models.PositiveIntegerField("không tán thành")
    votes_blank = models.PositiveIntegerField("không có ý kiến")
    hamlets_total = models.PositiveSmallIntegerField("tổng số thôn, tổ dân phố", default=0)
    hamlets_agreeing = models.PositiveSmallIntegerField("số thôn, tổ dân phố tán thành", default=0)
    passed = models.BooleanField("thông qua")
    needed = models.PositiveIntegerField("số tán thành cần có")
    result_text = models.CharField("kết quả", max_length=500)
    decision_text = models.TextField("quyết định của cộng đồng")
    hamlet_head = models.CharField("trưởng thôn, tổ trưởng tổ dân phố", max_length=150)
    mttq_head = models.CharField("trưởng ban công tác Mặt trận", max_length=150)
    representative_1 = models.CharField("đại diện hộ gia đình (1)", max_length=150)
    representative_2 = models.CharField("đại diện hộ gia đình (2)", max_length=150)
    #: Who recognises it (Điều 21.2); named ``kind`` for the workflow's kind-limited actions.
    kind = models.CharField("cơ quan công nhận", max_length=8, choices=rules.Recogniser.choices)
    status = models.CharField(
        "trạng thái", max_length=16, choices=rules.DecisionStatus.choices, default=rules.DecisionStatus.RECORDED
    )
    sent_on = models.DateField("ngày gửi UBND, MTTQ xã", null=True, blank=True)
    recognised_on = models.DateField("ngày quyết định công nhận", null=True, blank=True)
    recognition_ref = models.CharField("số quyết định công nhận", max_length=100, blank=True)
    #: The due day of the step awaited (send: Điều 20.3; recognise: Điều 21.2), None when nothing waits.
    due_on = models.DateField("hạn", null=True, blank=True, db_index=True)
    due_explanation = models.CharField("cách tính hạn", max_length=500, blank=True)
    sent_late = models.BooleanField("gửi trễ", default=False)
    recognised_late = models.BooleanField("công nhận trễ", default=False)
    created_by = _by()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = "quyết định của cộng đồng"
        verbose_name_plural = "quyết định của cộng đồng"
        indexes = [models.Index(fields=["province_key", "unit", "held_on"], name="decision_stats")]
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_for__lte=models.F("households")), name="decision_votes_within_households"
            ),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(votes_for__gt=0) | Q(hamlets_agreeing__gt=0),
                name="decision_passed_has_votes",
            ),
        ]

    def __str__(self) -> str:
        where = self.hamlet.name if self.hamlet_id and self.hamlet else "toàn xã"
        return f"{self.get_matter_display()} — {where}, {format_date(self.held_on)}"

    @property
    def commune_wide(self) -> bool:
        return self.hamlet_id is None


class RecordFile(StoredFile):
    """A scan kept with a publication (the posting record) or a decision (the biên bản)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, null=True, blank=True, related_name="files")
    decision = models.ForeignKey(
        CommunityDecision, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )

    class Meta(StoredFile.Meta):
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        constraints = [
            models.CheckConstraint(
                condition=Q(publication__isnull=False, decision__isnull=True)
                | Q(publication__isnull=True, decision__isnull=False),
                name="record_file_one_owner",
            )
        ]

    def upload_dir(self) -> str:
        return "democracy/files"


class Consultation(models.Model):
    """Lấy ý kiến Nhân dân (Điều 25–26): what, how, when, who took part, the results, the response."""

    unit = _unit()
    province_key = ProvinceKeyField()
    subject = models.CharField("nội dung (Điều 25)", max_length=16, choices=rules.Subject.choices)
    title = models.CharField("tên nội dung lấy ý kiến", max_length=500)
    forms = models.JSONField("hình thức (Điều 26)", default=list)
    starts_on = models.DateField("từ ngày", db_index=True)
    ends_on = models.DateField("đến ngày")
    participants = models.PositiveIntegerField("số người, hộ tham gia", default=0)
    opinions = models.PositiveIntegerField("số ý kiến", default=0)
    results = models.TextField("kết quả lấy ý kiến", blank=True)
    response = models.TextField("tiếp thu, giải trình của cơ quan", blank=True)
    responded_on = models.DateField("ngày tiếp thu, giải trình", null=True, blank=True)
    created_by = _by()

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = "lấy ý kiến Nhân dân"
        verbose_name_plural = "lấy ý kiến Nhân dân"
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="consultation_in_order")
        ]

    def __str__(self) -> str:
        return self.title

    def form_labels(self) -> list[str]:
        labels = dict(rules.ConsultForm.choices)
        return [str(labels.get(f, f)) for f in self.forms]


class InspectionBoard(models.Model):
    """Ban Thanh tra nhân dân of a commune for one term (Điều 36–39): directed by MTTQ xã."""

    unit = _unit()
    term_start = models.DateField("nhiệm kỳ từ")
    term_end = models.DateField("nhiệm kỳ đến")
    hamlet_term_note = models.CharField(
        "theo nhiệm kỳ trưởng thôn, tổ dân phố",
        max_length=255,
        blank=True,
        help_text="Nhiệm kỳ của Ban theo nhiệm kỳ của trưởng thôn, tổ trưởng tổ dân phố (Điều 36).",
    )
    complete = models.BooleanField("đã kiện toàn", default=False)
    established_ref = models.CharField("văn bản công nhận", max_length=150, blank=True)
    created_by = _by()

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        ordering = ["-term_start", "-pk"]
        verbose_name = "Ban Thanh tra nhân dân"
        verbose_name_plural = "Ban Thanh tra nhân dân"
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gt=models.F("term_start")), name="board_term_in_order")
        ]

    def __str__(self) -> str:
        return f"Ban Thanh tra nhân dân {self.unit.name}, nhiệm kỳ {self.term_start:%Y}–{self.term_end:%Y}"


class BoardMember(models.Model):
    board = models.ForeignKey(InspectionBoard, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("họ tên", max_length=150)
    hamlet = _hamlet(null=False)
    role = models.CharField("chức danh", max_length=8, choices=rules.BoardRole.choices, default=rules.BoardRole.MEMBER)
    elected_on = models.DateField("ngày bầu")
    is_official = models.BooleanField("là cán bộ, công chức, người hoạt động không chuyên trách cấp xã", default=False)

    class Meta:
        ordering = ["role", "name", "pk"]
        verbose_name = "thành viên Ban Thanh tra nhân dân"
        verbose_name_plural = "thành viên Ban Thanh tra nhân dân"
        constraints = [models.CheckConstraint(condition=Q(is_official=False), name="board_member_not_official")]

    def __str__(self) -> str:
        return self.name


class BoardPlan(models.Model):
    board = models.ForeignKey(InspectionBoard, on_delete=models.CASCADE, related_name="plans")
    span = models.CharField("kỳ kế hoạch", max_length=8, choices=rules.PlanSpan.choices)
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveSmallIntegerField("quý, 6 tháng số", default=0)
    content = models.TextField("nội dung kiểm tra, giám sát")

    class Meta:
        ordering = ["-year", "span", "number"]
        verbose_name = "kế hoạch của Ban Thanh tra nhân dân"
        verbose_name_plural = "kế hoạch của Ban Thanh tra nhân dân"

    def __str__(self) -> str:
        return f"Kế hoạch {self.get_span_display().lower()} {self.year}"

    @property
    def label(self) -> str:
        if self.span == rules.PlanSpan.QUARTER:
            return rules.quarter_label(self.year, self.number).capitalize()
        if self.span == rules.PlanSpan.HALF:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"Năm {self.year}"


class BoardFinding(models.Model):
    """What the board found and recommended, and the answer (Điều 37–38)."""

    board = models.ForeignKey(InspectionBoard, on_delete=models.CASCADE, related_name="findings")
    province_key = ProvinceKeyField(unit="board__unit")
    found_on = models.DateField("ngày kiến nghị", db_index=True)
    subject = models.CharField("nội dung kiểm tra, giám sát", max_length=500)
    finding = models.TextField("phát hiện")
    recommendation = models.TextField("kiến nghị")
    addressed_to = models.CharField("gửi cơ quan, người có thẩm quyền", max_length=255)
    status = models.CharField(
        "tình trạng", max_length=10, choices=rules.FindingStatus.choices, default=rules.FindingStatus.OPEN
    )
    answer = models.TextField("trả lời, kết quả xử lý", blank=True)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)

    class Meta:
        ordering = ["-found_on", "-pk"]
        verbose_name = "kiến nghị của Ban Thanh tra nhân dân"
        verbose_name_plural = "kiến nghị của Ban Thanh tra nhân dân"

    def __str__(self) -> str:
        return self.subject


class Convention(models.Model):
    """Hương ước, quy ước of a hamlet (NĐ 61/2023/NĐ-CP): adopted by the community, recognised by UBND xã,
    reviewed periodically."""

    unit = _unit()
    hamlet = _hamlet(null=False)
    kind = models.CharField("loại", max_length=10, choices=rules.ConventionKind.choices)
    title = models.CharField("tên", max_length=300)
    status = models.CharField("tình trạng", max_length=10, choices=rules.ConventionStatus.choices)
    adopted_on = models.DateField("ngày cộng đồng thông qua", null=True, blank=True)
    recognised_on = models.DateField("ngày công nhận", null=True, blank=True)
    recognition_ref = models.CharField("quyết định công nhận", max_length=100, blank=True)
    reviewed_on = models.DateField("ngày rà soát gần nhất", null=True, blank=True)
    next_review_on = models.DateField("hạn rà soát tiếp theo", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = _by()

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        ordering = ["hamlet__name", "title", "pk"]
        verbose_name = "hương ước, quy ước"
        verbose_name_plural = "hương ước, quy ước"

    def __str__(self) -> str:
        return self.title
