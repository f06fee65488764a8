"""Dialogues, voter contacts, commitments and mobilisation campaigns.

A **meeting** (buổi đối thoại trực tiếp, or tiếp xúc cử tri before or after a session) is planned, then
recorded: who came (by group), what citizens raised and what was answered on the spot, and the
commitments the leader made. A **commitment** (kết luận, cam kết) is followed to the day it is kept,
with its progress updates and evidence; the leader chooses which are published on the public page.
A **campaign** (cuộc vận động: relocating a market, clearing a site) has its working groups, the
households reached and agreeing over time, and its linked meetings and commitments.

Links to other areas (a petition case) are plain reference text: areas never import each other.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.accounts import roles
from danvan.accounts.scoping import UnitScopedQuerySet
from danvan.core.models import StoredFile
from danvan.core.text import format_date
from danvan.dialogues import rules
from danvan.stats.keys import ProvinceKeyField


class DialoguesQuerySet(UnitScopedQuerySet):
    """The area's records, read with the area's own right."""

    view_permission = roles.DIALOGUES.view


class Campaign(models.Model):
    """Cuộc vận động nhân dân: a goal that needs the people's agreement, worked by tổ công tác."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    name = models.CharField("tên cuộc vận động", max_length=255)
    goal = models.TextField("mục tiêu")
    status = models.CharField(
        "trạng thái", max_length=12, choices=rules.CampaignStatus.choices, default=rules.CampaignStatus.PLANNED
    )
    planned_start = models.DateField("ngày dự kiến bắt đầu", null=True, blank=True)
    started_on = models.DateField("ngày bắt đầu", null=True, blank=True)
    ended_on = models.DateField("ngày kết thúc", null=True, blank=True)
    households_target = models.PositiveIntegerField("số hộ cần vận động", null=True, blank=True)
    #: The latest progress entry's figures (the entries keep the history).
    households_reached = models.PositiveIntegerField("số hộ đã tiếp cận", default=0)
    households_agreeing = models.PositiveIntegerField("số hộ đồng thuận", default=0)
    result = models.TextField("kết quả", blank=True)
    stop_reason = models.TextField("lý do dừng", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DialoguesQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = "cuộc vận động"
        verbose_name_plural = "cuộc vận động"
        indexes = [models.Index(fields=["province_key", "unit", "started_on", "ended_on"], name="campaign_stats")]
        constraints = [
            models.CheckConstraint(
                condition=Q(households_agreeing__lte=models.F("households_reached")),
                name="campaign_agreeing_le_reached",
            )
        ]

    def __str__(self) -> str:
        return self.name


class WorkingGroup(models.Model):
    """Tổ công tác: its leader, members and tasks."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField("tên tổ", max_length=150)
    leader = models.CharField("tổ trưởng", max_length=150, blank=True)
    members = models.TextField("thành viên", blank=True)
    tasks = models.TextField("nhiệm vụ", blank=True)
    households = models.PositiveIntegerField("số hộ phụ trách", null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "tổ công tác"
        verbose_name_plural = "tổ công tác"

    def __str__(self) -> str:
        return self.name


class CampaignProgress(models.Model):
    """The households reached and agreeing on a day."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField("ngày")
    reached = models.PositiveIntegerField("số hộ đã tiếp cận")
    agreeing = models.PositiveIntegerField("số hộ đồng thuận")
    note = models.TextField("ghi chú", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = "kết quả vận động theo ngày"
        verbose_name_plural = "kết quả vận động theo ngày"
        constraints = [
            models.CheckConstraint(condition=Q(agreeing__lte=models.F("reached")), name="progress_agreeing_le_reached")
        ]

    def __str__(self) -> str:
        return f"{format_date(self.on)}: {self.agreeing}/{self.reached}"


class Meeting(models.Model):
    """Một buổi đối thoại trực tiếp, or một buổi tiếp xúc cử tri."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    kind = models.CharField("loại", max_length=16, choices=rules.MeetingKind.choices)
    council = models.CharField("kỳ họp của", max_length=12, choices=rules.Council.choices, blank=True)
    timing = models.CharField("trước / sau kỳ họp", max_length=8, choices=rules.Timing.choices, blank=True)
    session = models.CharField("kỳ họp", max_length=255, blank=True)
    topic = models.CharField("chủ đề", max_length=500)
    planned_on = models.DateField("ngày tổ chức", db_index=True)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="lãnh đạo chủ trì",
    )
    host_name = models.CharField("người chủ trì", max_length=150, blank=True)
    host_position = models.CharField("chức vụ", max_length=255, blank=True)
    invited_groups = models.JSONField("thành phần mời", default=list, blank=True)
    notice = models.TextField("thông báo, giấy mời", blank=True)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name="cuộc vận động"
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=rules.MeetingStatus.choices, default=rules.MeetingStatus.PLANNED
    )
    held_on = models.DateField("ngày đã tổ chức", null=True, blank=True)
    summary = models.TextField("tóm tắt kết quả", blank=True)
    attendance_total = models.PositiveIntegerField("tổng số người dự", default=0)
    issues_raised = models.PositiveIntegerField("số ý kiến", default=0)
    issues_answered = models.PositiveIntegerField("số ý kiến trả lời tại chỗ", default=0)
    cancelled_on = models.DateField("ngày huỷ", null=True, blank=True)
    cancel_reason = models.TextField("lý do huỷ", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DialoguesQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_on", "-pk"]
        verbose_name = "buổi đối thoại, tiếp xúc cử tri"
        verbose_name_plural = "buổi đối thoại, tiếp xúc cử tri"
        indexes = [models.Index(fields=["province_key", "kind", "unit", "held_on"], name="meeting_stats")]
        constraints = [
            models.CheckConstraint(
                condition=Q(issues_answered__lte=models.F("issues_raised")), name="meeting_answered_le_raised"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic}"

    @property
    def host_label(self) -> str:
        name = self.host_name or (self.host.get_full_name() if self.host else "")
        return f"{name}, {self.host_position}" if self.host_position else name

    @property
    def kind_label(self) -> str:
        if self.kind == rules.MeetingKind.VOTER_CONTACT and self.council:
            return f"Tiếp xúc cử tri {self.get_timing_display().lower()} {self.get_council_display()}"
        return self.get_kind_display()

    @property
    def invited_labels(self) -> list[str]:
        labels = dict(rules.Group.choices)
        return [labels.get(g, g) for g in self.invited_groups]


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    group = models.CharField("thành phần", max_length=16, choices=rules.Group.choices)
    count = models.PositiveIntegerField("số người")

    class Meta:
        ordering = ["pk"]
        verbose_name = "thành phần dự"
        verbose_name_plural = "thành phần dự"
        constraints = [models.UniqueConstraint(fields=["meeting", "group"], name="attendance_once_per_group")]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.count}"


class Issue(models.Model):
    """An issue a citizen raised: the text, the field, who raised it (the name is never public), the petition
    case it is linked to (its number, as text), and the answer given on the spot."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="issues")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    province_key = ProvinceKeyField()
    raised_on = models.DateField("ngày nêu")
    text = models.TextField("nội dung ý kiến")
    field = models.CharField("lĩnh vực", max_length=16, choices=rules.Field.choices, default=rules.Field.OTHER)
    raised_by_name = models.CharField("người nêu", max_length=150, blank=True)
    raised_by_group = models.CharField("thuộc nhóm", max_length=16, choices=rules.Group.choices, blank=True)
    petition_ref = models.CharField("số vụ việc đơn thư liên quan", max_length=64, blank=True)
    answer = models.TextField("trả lời tại chỗ", blank=True)
    answered = models.BooleanField("đã trả lời tại chỗ", default=False)

    objects = DialoguesQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = "ý kiến, kiến nghị"
        verbose_name_plural = "ý kiến, kiến nghị"
        indexes = [models.Index(fields=["province_key", "field", "unit", "raised_on"], name="issue_stats")]

    def __str__(self) -> str:
        return self.text[:80]


class Commitment(models.Model):
    """Kết luận, cam kết của lãnh đạo: what, by whom, by when; followed to the day it is kept."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name="buổi làm việc",
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name="cuộc vận động",
    )
    issue = models.ForeignKey(Issue, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments")
    content = models.TextField("nội dung cam kết")
    to_whom = models.CharField("cam kết với", max_length=255, blank=True)
    responsible_organization = models.ForeignKey(
        "units.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan chịu trách nhiệm",
    )
    responsible_text = models.CharField("cơ quan chịu trách nhiệm (ghi tên)", max_length=255, blank=True)
    responsible_person = models.CharField("người chịu trách nhiệm", max_length=150, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cán bộ theo dõi",
    )
    made_on = models.DateField("ngày cam kết")
    due_on = models.DateField("hạn thực hiện", db_index=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=rules.CommitmentStatus.choices, default=rules.CommitmentStatus.PLANNED
    )
    started_on = models.DateField("ngày bắt đầu", null=True, blank=True)
    done_on = models.DateField("ngày thực hiện xong", null=True, blank=True)
    timeliness = models.CharField("so với hạn", max_length=8, choices=rules.Timeliness.choices, blank=True, default="")
    result = models.TextField("kết quả thực hiện", blank=True)
    cancelled_on = models.DateField("ngày huỷ", null=True, blank=True)
    cancel_reason = models.TextField("lý do huỷ", blank=True)
    published = models.BooleanField("công khai", default=False)
    published_on = models.DateField("ngày công khai", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DialoguesQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "cam kết"
        verbose_name_plural = "cam kết"
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["province_key", "unit", "made_on", "done_on"], name="commitment_stats"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_organization__isnull=False) | ~Q(responsible_text=""),
                name="commitment_has_responsible_body",
            ),
            models.CheckConstraint(condition=Q(due_on__gte=models.F("made_on")), name="commitment_due_after_made"),
            models.CheckConstraint(
                condition=~Q(status=rules.CommitmentStatus.DONE) | Q(done_on__isnull=False),
                name="commitment_done_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def responsible_label(self) -> str:
        body = self.responsible_organization.name if self.responsible_organization else self.responsible_text
        return f"{body} ({self.responsible_person})" if self.responsible_person else body

    def overdue_on(self, today: datetime.date) -> bool:
        return rules.is_overdue(self.status, self.due_on, today)

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.overdue_on(timezone.localdate())

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_COMMITMENTS


class CommitmentUpdate(models.Model):
    """A progress report or the report of completion, with its evidence."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", "Tiến độ"
        COMPLETION = "completion", "Hoàn thành"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    on = models.DateField("ngày")
    note = models.TextField("nội dung")
    reference = models.CharField("số văn bản, đường dẫn minh chứng", max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = "báo cáo thực hiện cam kết"
        verbose_name_plural = "báo cáo thực hiện cam kết"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_date(self.on)}"


class EvidenceQuerySet(DialoguesQuerySet):
    unit_path_lookup = "commitment__unit__path"


class Evidence(StoredFile):
    """A file that shows what was done: a photo, a decision, minutes."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="evidence")
    update = models.ForeignKey(
        CommitmentUpdate, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta(StoredFile.Meta):
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def upload_dir(self) -> str:
        return f"commitments/{self.commitment_id}"
