"""The one-stop rules: statuses, the due instant, early / on time / late, the apology slip, ratings.

Pure functions of data and time, no database. Legal basis beside each rule (DOMAIN §3, §4.2):
NĐ 61/2018/NĐ-CP (one-stop; Điều 19: late dossiers and the apology, as recalled [M]), NĐ 107/2021/NĐ-CP
(evaluation indices), NĐ 118/2025/NĐ-CP (one-stop from 01/07/2025, replacing them [M]), NĐ 42/2022/NĐ-CP
(online public services: toàn trình / một phần), NĐ 23/2015/NĐ-CP (chứng thực: the 15:00 cut-off [V3]).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models

from danvan.core.calendar import WorkCalendar
from danvan.core.text import format_date
from danvan.workflow.hours import DueAt, Interval, OfficeHours, due_at


class Status(models.TextChoices):
    """DOMAIN §3.3, with the names provincial one-stop systems use."""

    ONLINE = "online", "Chờ tiếp nhận trực tuyến"
    RECEPTION_SUPPLEMENT = "recv_supplement", "Yêu cầu bổ sung khi tiếp nhận"
    REFUSED = "refused", "Từ chối tiếp nhận"
    RECEIVED = "received", "Mới tiếp nhận"
    PROCESSING = "processing", "Đang xử lý"
    SUPPLEMENT = "supplement", "Chờ bổ sung hồ sơ"
    FINANCIAL = "financial", "Chờ thực hiện nghĩa vụ tài chính"
    STOPPED = "stopped", "Dừng xử lý"
    RESULT_READY = "result_ready", "Chờ trả kết quả"
    RETURNED = "returned", "Đã trả kết quả"
    RATED = "rated", "Đã đánh giá"
    WITHDRAWN = "withdrawn", "Rút hồ sơ"


#: Received and not yet finished: the clock runs (or is paused).
IN_PROGRESS = frozenset({Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.FINANCIAL})
#: Still waiting for a step by the office or the citizen.
OPEN_STATES = IN_PROGRESS | {Status.ONLINE, Status.RECEPTION_SUPPLEMENT, Status.RESULT_READY}
#: The result exists (finished_at is set).
FINISHED = frozenset({Status.RESULT_READY, Status.RETURNED, Status.RATED})
#: What the public status page shows of the steps; the internal hand-overs are not among them.
PUBLIC_STEPS = frozenset(
    {
        "open",
        "receive",
        "refuse",
        "ask_supplement_at_reception",
        "resubmit",
        "ask_supplement",
        "supplement_done",
        "ask_financial",
        "financial_done",
        "stop",
        "apologise",
        "result",
        "return_result",
        "withdraw",
        "rate",
    }
)


class Channel(models.TextChoices):
    DESK = "desk", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"
    POST = "post", "Bưu chính công ích"


class ReturnMethod(models.TextChoices):
    IN_PERSON = "desk", "Trực tiếp"
    POST = "post", "Qua bưu chính"
    ONLINE = "online", "Trực tuyến (kết quả điện tử)"


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", "Bổ sung, hoàn thiện hồ sơ"
    FINANCIAL = "financial", "Thực hiện nghĩa vụ tài chính"


class ProcedureLevel(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    COMMUNE = "commune", "Cấp xã"
    BOTH = "both", "Cấp tỉnh, cấp xã"


class OnlineLevel(models.TextChoices):
    """NĐ 42/2022/NĐ-CP: two levels of online public service (the old levels 4 and 3), or none."""

    FULL = "full", "Dịch vụ công trực tuyến toàn trình"
    PARTIAL = "partial", "Dịch vụ công trực tuyến một phần"
    NONE = "none", "Chỉ nộp trực tiếp"


class Timeliness(models.TextChoices):
    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Quá hạn"


class TimelinessRule(models.TextChoices):
    """DOMAIN §3.3: some systems compare days, others timestamps [?]; each province chooses."""

    BY_DAY = "day", "So theo ngày: cùng ngày hẹn là đúng hạn"
    BY_TIME = "time", "So theo thời điểm: không quá giờ hẹn là đúng hạn"


class RatingScheme(models.TextChoices):
    NINE = "nine", "Chín chỉ số (NĐ 61/2018, NĐ 107/2021)"
    FIVE = "five", "Năm mức hài lòng"


class RatingChannel(models.TextChoices):
    KIOSK = "kiosk", "Thiết bị đánh giá tại quầy"
    ONLINE = "online", "Trực tuyến (mã QR, đường liên kết)"
    PAPER = "paper", "Phiếu giấy (cán bộ nhập)"


def time_label(days: int, hours: int) -> str:
    """ "15 ngày làm việc", "4 giờ làm việc", "Trong ngày"."""
    parts = []
    if days:
        parts.append(f"{days} ngày làm việc")
    if hours:
        parts.append(f"{hours} giờ làm việc")
    return " ".join(parts) if parts else "Trong ngày"


# --- the due instant ------------------------------------------------------------------------------


def compute_due(
    received_at: datetime.datetime,
    *,
    days: int,
    hours: int,
    cutoff: datetime.time | None,
    pauses: Sequence[Interval],
    calendar: WorkCalendar,
    office: OfficeHours,
) -> DueAt:
    """The legal due instant: ``days`` working days (the day of receipt not counted, BLDS 2015 Điều 147)
    plus ``hours`` working hours from receipt, a receipt after the procedure's cut-off counted from the
    next working day (NĐ 23/2015/NĐ-CP for chứng thực), the paused intervals left out (DOMAIN §3.3, §6.3)."""
    return due_at(received_at, calendar, office, days=days, work_hours=hours, cutoff=cutoff, pauses=pauses)


def pauses_clock(kind: str, supplements_before: int) -> bool:
    """Does this wait stop the clock? A financial obligation always does (land procedures). A supplement
    requested during processing does the first time only: lateness caused by supplements requested
    after the first — not all at once — is the office's fault (DOMAIN §3.3, NĐ 61/2018 Điều 19 [M])."""
    if kind == PauseKind.FINANCIAL:
        return True
    return supplements_before == 0


def classify(finished_at: datetime.datetime, due: datetime.datetime, rule: str = TimelinessRule.BY_DAY) -> Timeliness:
    """Early, on time or late (DOMAIN §3.3): finished at least one calendar day before the due day is
    early; on the due day, on time (by day) or not after the due instant (by time); otherwise late."""
    if finished_at.date() < due.date():
        return Timeliness.EARLY
    if rule == TimelinessRule.BY_TIME:
        return Timeliness.ON_TIME if finished_at <= due else Timeliness.LATE
    return Timeliness.ON_TIME if finished_at.date() == due.date() else Timeliness.LATE


def apology_refusal(
    *,
    now: datetime.datetime,
    due: datetime.datetime | None,
    new_due: datetime.datetime | None,
    already: bool,
    reason: str,
) -> dict[str, str]:
    """Why an apology slip may not be issued, by field (empty: it may). NĐ 61/2018 Điều 19 [M]: the office
    that will be late says so no later than one day before the due date, with the reason and one new
    date, set only once."""
    errors: dict[str, str] = {}
    if already:
        errors["status"] = "Hồ sơ đã có phiếu xin lỗi và hẹn lại; ngày hẹn mới chỉ được đặt một lần."
        return errors
    if due is None:
        errors["status"] = "Hồ sơ đang tạm dừng tính hạn, chưa có ngày hẹn để xin lỗi và hẹn lại."
        return errors
    if now.date() >= due.date():
        errors["status"] = (
            f"Phiếu xin lỗi phải phát hành trước ngày hẹn trả ({format_date(due.date())}); "
            "hôm nay đã là ngày hẹn hoặc đã quá hạn."
        )
    if not reason.strip():
        errors["reason"] = "Cần ghi lý do chậm trả kết quả."
    if new_due is None:
        errors["new_due"] = "Cần ghi ngày hẹn trả mới."
    elif new_due <= due:
        errors["new_due"] = f"Ngày hẹn trả mới phải sau ngày hẹn cũ ({format_date(due.date())})."
    return errors


def warn_due_tomorrow(today: datetime.date, due: datetime.date | None, calendar: WorkCalendar) -> bool:
    """The page warns on the last working day before the due date: the day the apology must go out."""
    if due is None or due <= today:
        return False
    day = today + datetime.timedelta(days=1)
    while day < due and not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day == due


# --- ratings (DOMAIN §4.2) ------------------------------------------------------------------------

FIVE_LEVELS: dict[int, str] = {
    1: "Rất không hài lòng",
    2: "Không hài lòng",
    3: "Bình thường",
    4: "Hài lòng",
    5: "Rất hài lòng",
}

#: The nine indices of NĐ 61/2018 Chương V as amended by NĐ 107/2021 (DOMAIN §4.2 [V3]): indices 1–7
#: score 2 / 1 / 0; 8 and 9 are satisfaction answers (Rất hài lòng 2, Hài lòng 1, Không hài lòng 0).
NINE_INDICES: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("Tổng thời gian giải quyết so với quy định", ("Dài hơn", "Bằng", "Ngắn hơn")),
    ("Thời gian xử lý của từng cơ quan, đơn vị so với quy định", ("Dài hơn", "Bằng", "Ngắn hơn")),
    ("Số lần liên hệ để hoàn thiện hồ sơ", ("Nhiều hơn 1 lần", "1 lần", "Không phải liên hệ")),
    ("Số cơ quan, tổ chức phải liên hệ", ("Nhiều hơn 1", "Chỉ bộ phận một cửa", "Không phải liên hệ")),
    ("Thực hiện theo cơ chế một cửa", ("Dưới mức quy định", "Đạt 100% thủ tục đủ điều kiện", "Đạt mức quy định")),
    ("Công khai thủ tục hành chính", ("Không công khai", "Một hình thức", "Niêm yết và điện tử")),
    (
        "Thái độ của cán bộ, công chức",
        ("Có phản ánh sách nhiễu", "Đúng hạn, không phản ánh", "Trước hạn, không phản ánh"),
    ),
    ("Mức độ thuận tiện của dịch vụ", ("Không hài lòng", "Hài lòng", "Rất hài lòng")),
    ("Đánh giá chung về dịch vụ", ("Không hài lòng", "Hài lòng", "Rất hài lòng")),
)
#: Indices 1, 2, 3, 4 and 7 rate the officers ("Tổng điểm đánh giá CBCC", DOMAIN §4.2).
OFFICER_INDICES = (0, 1, 2, 3, 6)


@dataclass(frozen=True)
class RatingValues:
    level: int
    satisfied: bool
    indices: tuple[int, ...] = ()
    officer_points: int | None = None


def rating_values(scheme: str, *, level: int | None = None, indices: Sequence[int] | None = None) -> RatingValues:
    """A rating checked against its scheme, or ``ValueError`` naming the field in Vietnamese.

    Five levels: 1–5, satisfied at "Hài lòng" or "Rất hài lòng" (DOMAIN §4.1). Nine indices: each 0–2;
    the overall level comes from index 9 (2 → Rất hài lòng, 1 → Hài lòng, 0 → Không hài lòng)."""
    if scheme == RatingScheme.FIVE:
        if indices:
            raise ValueError("indices: cách đánh giá năm mức không có chỉ số thành phần.")
        if not isinstance(level, int) or isinstance(level, bool) or level not in FIVE_LEVELS:
            raise ValueError(f"level: mức hài lòng phải từ 1 đến 5, không phải “{level}”.")
        return RatingValues(level=level, satisfied=level >= 4)
    if scheme == RatingScheme.NINE:
        points = list(indices or ())
        if len(points) != len(NINE_INDICES):
            raise ValueError(f"indices: cần đủ {len(NINE_INDICES)} chỉ số, mỗi chỉ số 0, 1 hoặc 2 điểm.")
        for number, value in enumerate(points, start=1):
            if not isinstance(value, int) or isinstance(value, bool) or value not in (0, 1, 2):
                raise ValueError(f"indices: chỉ số {number} phải là 0, 1 hoặc 2 điểm, không phải “{value}”.")
        overall = {2: 5, 1: 4, 0: 2}[points[8]]
        officer = sum(points[i] for i in OFFICER_INDICES)
        return RatingValues(level=overall, satisfied=overall >= 4, indices=tuple(points), officer_points=officer)
    raise ValueError(f"scheme: cách đánh giá “{scheme}” không tồn tại.")


# --- codes ---------------------------------------------------------------------------------------


def dossier_code(unit_code: str, day: datetime.date, number: int) -> str:
    """ "H56.01912-261201-0007": the unit, the day of receipt, the day's number (the shape of the
    codes provincial systems print, e.g. ``000.00.06.H56-231027-0361``)."""
    return f"{unit_code or 'DV'}-{day:%y%m%d}-{number:04d}"
