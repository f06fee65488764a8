"""Reception sessions and the reception book, letters (đơn thư) and cases (vụ việc) with their clocks.

A letter is what arrives; a case is one handling track for one matter, to which
repeats, co-signed copies and the same letter sent to several bodies attach
(the seeds count "189 đơn, thư với 167 vụ việc"). The case stores its current
due date, so "overdue" is an indexed filter; :mod:`.services` recomputes it on
every transition and whenever the calendar changes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from danvan.accounts import roles
from danvan.accounts.scoping import UnitScopedQuerySet
from danvan.core.models import StoredFile
from danvan.core.text import format_date, format_datetime
from danvan.petitions import rules
from danvan.petitions.deadlines import RECEIVER_LABELS
from danvan.stats.keys import ProvinceKeyField
from danvan.units.rules import Level


class PetitionsQuerySet(UnitScopedQuerySet):
    """The area's records, read with the area's own right."""

    view_permission = roles.PETITIONS.view


class Subject(models.Model):
    """Lĩnh vực của đơn thư — administrator-edited (đất đai, giải phóng mặt bằng, chế độ chính sách…)."""

    name = models.CharField("lĩnh vực", max_length=150, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "lĩnh vực đơn thư"
        verbose_name_plural = "lĩnh vực đơn thư"

    def __str__(self) -> str:
        return self.name


class ReceptionSession(models.Model):
    """Một buổi tiếp công dân: thường xuyên, định kỳ (lãnh đạo tiếp) hoặc đột xuất; trực tiếp hoặc trực tuyến."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "Thường xuyên"
        PERIODIC = "periodic", "Định kỳ (lãnh đạo tiếp)"
        AD_HOC = "ad_hoc", "Đột xuất"

    class Form(models.TextChoices):
        IN_PERSON = "in_person", "Trực tiếp"
        ONLINE = "online", "Trực tuyến"

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    date = models.DateField("ngày tiếp", db_index=True)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    form = models.CharField("hình thức", max_length=10, choices=Form.choices, default=Form.IN_PERSON)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="cán bộ tiếp"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="lãnh đạo chủ trì",
    )
    leader_role = models.CharField(
        "chức danh lãnh đạo", max_length=20, choices=list(RECEIVER_LABELS.items()), blank=True
    )
    conclusion = models.TextField("thông báo kết luận tiếp công dân", blank=True)

    objects = PetitionsQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "buổi tiếp công dân"
        verbose_name_plural = "buổi tiếp công dân"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="periodic") | Q(leader__isnull=False), name="periodic_session_has_leader"
            )
        ]
        indexes = [  # measures.SESSIONS by province and kind, read without the table; decision record 0006
            models.Index(fields=["province_key", "kind", "form", "date"], name="session_stats_cells"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_date(self.date)}"


class CaseQuerySet(PetitionsQuerySet):
    def open(self) -> CaseQuerySet:
        return self.filter(status__in=[s.value for s in rules.OPEN_STATUSES])


#: The breakdowns of the statistics (selectors.stats_for) and the columns their measures read (measures.py).
CASE_CELLS = ("kind", "outcome", "route", "resolution")
CASE_MEASURED = (
    "received_on", "accepted_on", "ended_on", "resolved_on", "due_at_decision", "status", "due_on",
    "decided_on", "money_recovered", "land_recovered", "discipline_proposed",
)  # fmt: skip
LETTER_CELLS = ("kind", "subject")
LETTER_MEASURED = ("received_on", "channel", "co_signers", "duplicate_of", "eligible")


class Case(models.Model):
    """Vụ việc — one handling track; the statuses of DOMAIN §1.4 in :mod:`.rules`."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    province_key = ProvinceKeyField()
    number = models.CharField("số vụ việc", max_length=32)
    kind = models.CharField("loại", max_length=8, choices=list(rules.KIND_LABELS.items()))
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+", verbose_name="lĩnh vực")
    summary = models.TextField("tóm tắt nội dung")
    status = models.CharField(
        "trạng thái", max_length=12, choices=list(rules.STATUS_LABELS.items()), default=rules.Status.RECEIVED,
        db_index=True,
    )  # fmt: skip
    resolution_round = models.PositiveSmallIntegerField("lần giải quyết", default=1)
    first_instance = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="second_instances"
    )
    received_on = models.DateField("ngày nhận", db_index=True)
    accepted_on = models.DateField("ngày thụ lý", null=True, blank=True)
    decided_on = models.DateField("ngày quyết định, kết luận", null=True, blank=True)
    #: The handling route taken at triage (hướng dẫn, chuyển đơn, lưu đơn…) and when the case left the desk.
    route = models.CharField("hướng xử lý", max_length=16, blank=True, db_index=True)
    ended_on = models.DateField("ngày kết thúc xử lý", null=True, blank=True, db_index=True)
    #: The day the case counts as resolved ("đã giải quyết"): its decision, or the withdrawal or
    #: mediation that ended it (DOMAIN §1.7); how, in ``resolution``.
    resolved_on = models.DateField("ngày giải quyết xong", null=True, blank=True, db_index=True)
    resolution = models.CharField(
        "hình thức giải quyết", max_length=12, choices=list(rules.RESOLUTION_LABELS.items()), blank=True
    )
    complexity = models.PositiveSmallIntegerField(
        "mức độ phức tạp", default=0, help_text="0 thông thường, 1 phức tạp, 2 đặc biệt phức tạp (ghi bằng văn bản)"
    )
    complexity_reason = models.TextField("căn cứ xác định phức tạp", blank=True)
    outcome = models.CharField("kết quả", max_length=8, choices=[(o.value, o.value) for o in rules.Outcome], blank=True)
    crowd = models.BooleanField("đông người", default=False)
    over_level = models.BooleanField("vượt cấp", default=False)
    anonymous = models.BooleanField("nặc danh, mạo danh", default=False)
    protracted = models.BooleanField("kéo dài (tái khiếu sau quyết định)", default=False)
    handlers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="handled_cases", blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The clock: the current stage's due date, the rule used and how it was computed.
    due_on = models.DateField("hạn", null=True, blank=True, db_index=True)
    due_rule = models.CharField("quy định thời hạn", max_length=32, blank=True)
    due_explanation = models.TextField("cách tính hạn", blank=True)
    reply_due_on = models.DateField("hạn trả lời công dân", null=True, blank=True)
    #: The resolution due date when the decision was issued: "on time" is judged against it.
    due_at_decision = models.DateField("hạn giải quyết tại thời điểm quyết định", null=True, blank=True)
    money_recovered = models.DecimalField("tiền thu hồi, trả lại (đồng)", max_digits=16, decimal_places=0, default=0)
    land_recovered = models.DecimalField("đất thu hồi, trả lại (m²)", max_digits=14, decimal_places=2, default=0)
    discipline_proposed = models.PositiveSmallIntegerField("số người kiến nghị xử lý kỷ luật", default=0)
    tracking_code = models.CharField("mã tra cứu", max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["due_explanation", "province_key"])

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "vụ việc"
        verbose_name_plural = "vụ việc"
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="case_number_unique_per_unit"),
            models.CheckConstraint(condition=Q(complexity__lte=2), name="case_complexity_range"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # The statistics (measures.CASES) read these two without touching the table: the cells in the
            # order of their GROUP BY led by the province key (SQLite then groups as it reads), the
            # sub-units by unit. Decision record 0006.
            models.Index(fields=["province_key", *CASE_CELLS, "unit", *CASE_MEASURED], name="case_stats_cells"),
            models.Index(fields=["province_key", "unit", "received_on", "resolved_on"], name="case_stats_units"),
        ]

    def __str__(self) -> str:
        return f"Vụ việc {self.number}"

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.status in rules.OPEN_STATUSES and self.due_on is not None and self.due_on < timezone.localdate()


class Letter(models.Model):
    """Đơn thư — a received letter; the sender's identity is sealed for a denunciation."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị nhận")
    province_key = ProvinceKeyField()
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="letters")
    reception_session = models.ForeignKey(
        ReceptionSession, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    received_on = models.DateField("ngày nhận", db_index=True)
    channel = models.CharField("nguồn đơn", max_length=12, choices=list(rules.CHANNEL_LABELS.items()))
    forwarded_by = models.CharField("cơ quan chuyển đến", max_length=255, blank=True)
    kind = models.CharField("loại đơn", max_length=8, choices=list(rules.KIND_LABELS.items()))
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+", verbose_name="lĩnh vực")
    content = models.TextField("nội dung")
    # Sender (sealed for a denunciation: Luật Tố cáo 2018, Điều 47.2.b).
    sender_name = models.CharField("họ tên người gửi", max_length=255, blank=True)
    sender_id_number = models.CharField("số định danh cá nhân", max_length=20, blank=True)
    sender_address = models.CharField("địa chỉ", max_length=255, blank=True)
    sender_phone = models.CharField("điện thoại", max_length=20, blank=True)
    sender_email = models.EmailField("thư điện tử", blank=True)
    co_signers = models.PositiveIntegerField("số người cùng ký", default=1)
    representatives = models.PositiveSmallIntegerField("số người đại diện (đoàn đông người)", default=0)
    anonymous = models.BooleanField("nặc danh", default=False)
    impersonated = models.BooleanField("mạo danh", default=False)
    conditions_met = models.JSONField("điều kiện xử lý đạt", default=list, blank=True)
    eligible = models.BooleanField("đủ điều kiện xử lý", default=True)
    ineligible_reason = models.TextField("lý do không đủ điều kiện", blank=True)
    in_competence = models.BooleanField("thuộc thẩm quyền", default=True)
    competent_sector = models.CharField("cơ quan có thẩm quyền", max_length=255, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates", verbose_name="đơn trùng với"
    )
    #: A suggestion, not a decision: the earlier letter this one looks like, left for an officer who may see
    #: it to join or to set aside (a letter from a public channel, or one an officer may not join by himself).
    similar_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="gợi ý trùng với"
    )
    has_original_papers = models.BooleanField("có giấy tờ gốc", default=False)
    # Where the matter is (Open311 feedback carries a location and a photo link).
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("kinh độ", max_digits=9, decimal_places=6, null=True, blank=True)
    address_string = models.CharField("địa điểm", max_length=255, blank=True)
    media_url = models.URLField("ảnh, tư liệu (liên kết)", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PetitionsQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "đơn thư"
        verbose_name_plural = "đơn thư"
        indexes = [  # the statistics (measures.LETTERS), as for cases; decision record 0006
            models.Index(fields=["province_key", *LETTER_CELLS, "unit", *LETTER_MEASURED], name="letter_stats_cells"),
            models.Index(fields=["province_key", "unit", "received_on"], name="letter_stats_units"),
        ]

    def __str__(self) -> str:
        return f"Đơn {self.get_kind_display().lower()} ngày {format_date(self.received_on)}"

    @property
    def sealed(self) -> bool:
        return rules.is_sealed(self.kind)


class Pause(models.Model):
    """Tạm đình chỉ: the clock stops on ``start`` and restarts from ``end`` (the decision to continue)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField("từ ngày")
    end = models.DateField("tiếp tục từ ngày", null=True, blank=True)
    decision_no = models.CharField("số quyết định", max_length=64)
    reason = models.TextField("lý do")

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(end__isnull=True), name="one_open_pause_per_case"),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="pause_order"),
        ]

    def __str__(self) -> str:
        return f"Tạm đình chỉ từ {format_date(self.start)}"


class Extension(models.Model):
    """Gia hạn giải quyết — a written decision (NĐ 31/2019, Mẫu 01 for denunciations)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("số ngày")
    decision_no = models.CharField("số quyết định", max_length=64)
    decided_on = models.DateField("ngày quyết định")

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"Gia hạn {self.days} ngày"


class IdentityReveal(models.Model):
    """Every time a denouncer's identity is shown: who, when, why (Luật Tố cáo 2018, Điều 47)."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="reveals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField("lý do xem", max_length=255)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} xem danh tính {format_datetime(self.at)}"


class DocumentTemplate(models.Model):
    """An editable template of a document the case produces (TT 05/2021/TT-TTCP forms), rendered to DOCX.

    ``body`` is plain text with placeholders in braces ({so_vu_viec}, {nguoi_gui}…; the admin page
    lists them); paragraphs are separated by blank lines.
    """

    class Kind(models.TextChoices):
        PROPOSAL = "de_xuat_thu_ly", "Phiếu đề xuất thụ lý đơn (Mẫu 01, TT 05/2021)"
        ACCEPTANCE = "thong_bao_thu_ly", "Thông báo thụ lý"
        GUIDANCE = "huong_dan", "Phiếu hướng dẫn"
        TRANSFER = "chuyen_don", "Phiếu chuyển đơn (Mẫu 03, TT 05/2021)"

    kind = models.CharField("loại văn bản", max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField("tên loại, trích yếu", max_length=255)
    abbreviation = models.CharField("ký hiệu (Phụ lục III NĐ 30/2020)", max_length=16)
    body = models.TextField("nội dung")
    recipients = models.TextField("nơi nhận", default="- Như trên;\n- Lưu: VT, hồ sơ.")
    signer_title = models.CharField("chức danh người ký", max_length=120, default="CHỦ TỊCH")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản xử lý đơn"

    def __str__(self) -> str:
        return self.get_kind_display()


class AttachmentQuerySet(PetitionsQuerySet):
    unit_path_lookup = "letter__unit__path"


class Attachment(StoredFile):
    """Tài liệu kèm theo đơn — a scanned letter, papers, photos; served only to users in the case's scope."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")

    objects = AttachmentQuerySet.as_manager()

    class Meta(StoredFile.Meta):
        verbose_name = "tài liệu kèm đơn"
        verbose_name_plural = "tài liệu kèm đơn"

    def upload_dir(self) -> str:
        return f"letters/{self.letter_id}"


class Suggestion(models.Model):
    """What DanVan suggested when a letter was entered, and what the officer decided, so that the
    suggestions can be measured against the officers' decisions (issue 11; decision record 0012).

    The suggested cases are kept by id with their score and reason; a reader is shown only those he may
    see (a sealed case only to its handlers and leader)."""

    class Decision(models.TextChoices):
        JOINED = "joined", "Gộp vào vụ việc đã có"
        NEW = "new", "Xác nhận là vụ việc mới"
        PENDING = "pending", "Chờ cán bộ quyết định"
        NONE = "none", "Không có gợi ý trùng"

    letter = models.OneToOneField(Letter, on_delete=models.CASCADE, related_name="suggestion")
    #: [{"case": id, "letter": id, "score": 0.87, "reason": "cùng người gửi; …"}], best first.
    cases = models.JSONField("vụ việc được gợi ý", default=list, blank=True)
    decision = models.CharField("quyết định về gợi ý trùng", max_length=8, choices=Decision.choices)
    chosen_case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="gộp vào vụ việc"
    )
    kind_suggested = models.CharField(
        "loại đơn gợi ý", max_length=8, choices=list(rules.KIND_LABELS.items()), blank=True
    )
    subject_suggested = models.ForeignKey(
        Subject, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="lĩnh vực gợi ý"
    )
    body_suggested = models.CharField("cơ quan có thẩm quyền gợi ý", max_length=255, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("lúc quyết định", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gợi ý khi tiếp nhận đơn"
        verbose_name_plural = "gợi ý khi tiếp nhận đơn"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.letter_id}: {self.get_decision_display()}"


class RoutingRule(models.Model):
    """Bảng định tuyến: the body competent for a kind of letter in a field, received at a level (or under
    one unit), edited by administrators. The most specific active rule wins (unit, then level, subject and
    kind). A suggestion only: the officer decides (DOMAIN §1.2, competence axis: TT 07/2014 Điều 6.3)."""

    kind = models.CharField(
        "loại đơn", max_length=8, choices=list(rules.KIND_LABELS.items()), blank=True, help_text="Để trống: mọi loại."
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="lĩnh vực",
        help_text="Để trống: mọi lĩnh vực.",
    )  # fmt: skip
    level = models.CharField(
        "cấp nhận đơn", max_length=10, choices=Level.choices, blank=True, help_text="Để trống: mọi cấp."
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name="chỉ áp dụng trong đơn vị", help_text="Để trống: cả nước.",
    )  # fmt: skip
    body = models.CharField("cơ quan có thẩm quyền", max_length=255)
    handling = models.CharField("hướng xử lý", max_length=120, blank=True, help_text="Ví dụ: Thụ lý; Chuyển đơn.")
    basis = models.CharField("căn cứ", max_length=255, blank=True)
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "quy tắc định tuyến đơn"
        verbose_name_plural = "bảng định tuyến đơn"
        ordering = ["kind", "subject", "level", "pk"]

    def __str__(self) -> str:
        return self.body


class GroupingRun(models.Model):
    """Đề xuất gộp đơn — one pass of the matcher over the backlog of a unit (the letters that are in no case
    yet, brought from an earlier register), whose proposals its owner reviews and then applies (issue 11)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang so sánh"
        READY = "ready", "Chờ xem xét"
        APPLIED = "applied", "Đã áp dụng"
        FAILED = "failed", "Không đề xuất được"

    #: A random id: the progress and review pages are named by it, and shown only to the owner.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: The root of the scope: the backlog letters under this unit that the owner may see.
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.QUEUED)
    #: Steps of the work: each letter is compared (the first half), then looked up among the cases (the second).
    total = models.PositiveIntegerField("số bước", default=0)
    done = models.PositiveIntegerField("đã xong", default=0)
    error = models.TextField("lỗi", blank=True)
    created_at = models.DateTimeField("lúc yêu cầu", auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField("lúc đề xuất xong", null=True, blank=True)
    applied_at = models.DateTimeField("lúc áp dụng", null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="người áp dụng",
    )  # fmt: skip

    objects = PetitionsQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "lượt đề xuất gộp đơn"
        verbose_name_plural = "các lượt đề xuất gộp đơn"

    def __str__(self) -> str:
        return f"Đề xuất gộp đơn {format_datetime(self.created_at)} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status in (self.Status.READY, self.Status.APPLIED):
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def letters(self) -> int:
        """How many letters the run compares (each is two steps)."""
        return self.total // 2

    @property
    def comparing(self) -> bool:
        """Still in the first half: the letters compared with one another (then: with the cases)."""
        return self.done < self.letters or not self.total

    @property
    def letters_done(self) -> int:
        """The letters through the current half."""
        return self.done if self.comparing else self.done - self.letters


class GroupProposal(models.Model):
    """One proposed matter of a grouping run: its letters become one case, or join ``case``."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Chờ xem xét"
        ACCEPTED = "accepted", "Đồng ý gộp"
        REJECTED = "rejected", "Không gộp: mỗi đơn một vụ việc"

    run = models.ForeignKey(GroupingRun, on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveIntegerField("thứ tự")
    letters = models.ManyToManyField(Letter, related_name="+", verbose_name="đơn thư")
    #: An existing case the letters are about: they join it instead of opening a new one.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="vụ việc đã có"
    )
    #: The weakest link the proposal rests on (0–1): the lowest score that holds its letters together.
    score = models.FloatField("điểm", null=True, blank=True)
    #: Why, in Vietnamese, one line per link ("Đơn #12 – đơn #15: cùng người gửi; … (điểm 91/100)").
    reasons = models.JSONField("lý do", default=list, blank=True)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.PROPOSED)

    class Meta:
        ordering = ["run", "position"]
        verbose_name = "nhóm đơn được đề xuất"
        verbose_name_plural = "nhóm đơn được đề xuất"
        indexes = [models.Index(fields=["run", "position"])]

    def __str__(self) -> str:
        return f"Nhóm {self.position}"
