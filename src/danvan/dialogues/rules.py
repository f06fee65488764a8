"""The rules of dialogues, voter contacts, commitments and mobilisation campaigns: pure functions, no database.

Legal and political basis (DOMAIN §5.2, §5.5, §1.6):

* **Quy định 11-QĐi/TW (18/02/2019)** of the Politburo: the head of a Party committee receives citizens,
  holds direct dialogues with them and handles their reflections and recommendations; what the head
  concluded is followed up and its result reported back to the people.
* **Luật Thực hiện dân chủ ở cơ sở 2022** (Luật 10/2022/QH15), **Điều 26**: the dialogue meeting
  (hội nghị đối thoại) is a form in which the commune consults the people; Điều 11–12: the commune
  makes public what it decided, "dialogue meetings" among the forms of publication.
* **Kết luận 114-KL/TW (14/07/2015)**: dân vận chính quyền — the authorities' heads dialogue with the
  people and keep their word.
* **Luật Tổ chức Quốc hội, Luật Tổ chức chính quyền địa phương**: deputies meet voters (tiếp xúc cử
  tri) before and after each session of the National Assembly and of the People's Councils.
* **Quyết định 23-QĐ/TW (30/07/2021)**, Quy chế công tác dân vận: mobilisation (vận động) of the people
  for the works of the community, through working groups, before any coercion.

A commitment is **overdue** when it is not done (nor cancelled) and its due date has passed: derived,
never stored (decision record 0015).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import models

QD11 = "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị (người đứng đầu tiếp dân, đối thoại trực tiếp với dân)"
LDCS26 = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật 10/2022/QH15), Điều 26 (hội nghị đối thoại)"
KL114 = "Kết luận 114-KL/TW ngày 14/07/2015 của Ban Bí thư (dân vận chính quyền)"
VOTERS = "Luật Tổ chức Quốc hội, Luật Tổ chức chính quyền địa phương (tiếp xúc cử tri trước và sau kỳ họp)"
QD23 = "Quyết định 23-QĐ/TW ngày 30/07/2021 của Bộ Chính trị (Quy chế công tác dân vận)"


class MeetingKind(models.TextChoices):
    DIALOGUE = "dialogue", "Đối thoại trực tiếp với nhân dân"
    VOTER_CONTACT = "voter_contact", "Tiếp xúc cử tri"


class Council(models.TextChoices):
    """Whose session a voter contact is about."""

    NATIONAL_ASSEMBLY = "quoc_hoi", "Quốc hội"
    PROVINCE = "hdnd_tinh", "HĐND tỉnh"
    COMMUNE = "hdnd_xa", "HĐND xã, phường"


class Timing(models.TextChoices):
    BEFORE = "before", "Trước kỳ họp"
    AFTER = "after", "Sau kỳ họp"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Đã lên kế hoạch"
    HELD = "held", "Đã tổ chức"
    CANCELLED = "cancelled", "Đã huỷ"


class Group(models.TextChoices):
    """The groups invited and counted at a meeting."""

    HOUSEHOLDS = "ho_dan", "Hộ dân"
    VOTERS = "cu_tri", "Cử tri"
    ELDERLY = "nguoi_cao_tuoi", "Người cao tuổi"
    WOMEN = "phu_nu", "Phụ nữ"
    YOUTH = "thanh_nien", "Thanh niên"
    VETERANS = "cuu_chien_binh", "Cựu chiến binh"
    FARMERS = "nong_dan", "Nông dân"
    TRADERS = "tieu_thuong", "Tiểu thương"
    ETHNIC = "dan_toc", "Đồng bào dân tộc thiểu số"
    OTHER = "khac", "Khác"


class Field(models.TextChoices):
    """The field of an issue citizens raise."""

    LAND = "dat_dai", "Đất đai, giải phóng mặt bằng"
    INFRASTRUCTURE = "ha_tang", "Giao thông, hạ tầng"
    ENVIRONMENT = "moi_truong", "Môi trường, vệ sinh"
    SOCIAL = "an_sinh", "Chính sách, an sinh xã hội"
    HEALTH_EDUCATION = "y_te_giao_duc", "Y tế, giáo dục"
    PROCEDURES = "thu_tuc", "Thủ tục hành chính"
    ECONOMY = "kinh_te", "Kinh tế, sản xuất, chợ"
    SECURITY = "an_ninh", "An ninh, trật tự"
    OTHER = "khac", "Khác"


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Đã thực hiện"
    CANCELLED = "cancelled", "Đã huỷ"


OPEN_COMMITMENTS = frozenset({CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS})


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Chậm so với hạn"


class CampaignStatus(models.TextChoices):
    PLANNED = "planned", "Đã lên kế hoạch"
    RUNNING = "running", "Đang vận động"
    FINISHED = "finished", "Đã hoàn thành"
    STOPPED = "stopped", "Đã dừng"


# --- the transition tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of a transition table: the action, its label, the states it leaves, the state it enters
    (``None``: a step that records without moving), which of the area's rights it needs, its basis."""

    action: str
    label: str
    sources: frozenset[str]
    target: str | None
    right: str  # "view" | "edit" | "decide"
    basis: str


def _row(action: str, label: str, sources: Iterable[str], target: str | None, right: str, basis: str) -> Row:
    return Row(action, label, frozenset(sources), target, right, basis)


M, C, K = MeetingStatus, CommitmentStatus, CampaignStatus

MEETING_TABLE: tuple[Row, ...] = (
    _row("record", "Ghi kết quả buổi làm việc", {M.PLANNED}, M.HELD, "edit", f"{QD11}; {LDCS26}; {VOTERS}"),
    _row("cancel", "Huỷ buổi làm việc", {M.PLANNED}, M.CANCELLED, "edit", QD11),
)

COMMITMENT_TABLE: tuple[Row, ...] = (
    _row("start", "Bắt đầu thực hiện", {C.PLANNED}, C.IN_PROGRESS, "edit", QD11),
    _row("progress", "Báo cáo tiến độ", {C.IN_PROGRESS}, None, "edit", QD11),
    _row(
        "complete",
        "Báo cáo đã thực hiện",
        {C.PLANNED, C.IN_PROGRESS},
        C.DONE,
        "edit",
        f"{QD11}: kết quả giải quyết được báo cáo, thông tin lại cho nhân dân",
    ),
    _row(
        "cancel",
        "Huỷ cam kết",
        {C.PLANNED, C.IN_PROGRESS},
        C.CANCELLED,
        "decide",
        f"{QD11}: người đứng đầu quyết định và giải thích với nhân dân",
    ),
    _row(
        "publish",
        "Công khai cam kết",
        set(C.values),
        None,
        "decide",
        f"{LDCS26}; Luật 10/2022/QH15, Điều 11–12 (công khai thông tin)",
    ),
    _row("unpublish", "Thôi công khai", set(C.values), None, "decide", "Luật 10/2022/QH15, Điều 11–12"),
)

CAMPAIGN_TABLE: tuple[Row, ...] = (
    _row("start", "Bắt đầu vận động", {K.PLANNED}, K.RUNNING, "decide", f"{QD23}; {KL114}"),
    _row("progress", "Cập nhật kết quả vận động", {K.RUNNING}, None, "edit", QD23),
    _row("finish", "Kết thúc: đã hoàn thành", {K.RUNNING}, K.FINISHED, "decide", QD23),
    _row("stop", "Dừng vận động", {K.PLANNED, K.RUNNING}, K.STOPPED, "decide", QD23),
)


def table_target(table: Sequence[Row], state: str, action: str) -> str | bool | None:
    """Where ``action`` takes a record in ``state``: the new state, ``None`` (it stays), or ``False``
    when the table does not allow it."""
    for row in table:
        if row.action == action:
            return row.target if state in row.sources else False
    return False


# --- commitments: overdue, on time, the evidence -------------------------------------------------------


def is_overdue(status: str, due_on: datetime.date | None, today: datetime.date) -> bool:
    """Not done nor cancelled, and its due date has passed (the due day itself is still within time)."""
    return status in OPEN_COMMITMENTS and due_on is not None and due_on < today


def is_due_soon(status: str, due_on: datetime.date | None, today: datetime.date, limit: datetime.date) -> bool:
    return status in OPEN_COMMITMENTS and due_on is not None and today <= due_on <= limit


def timeliness(done_on: datetime.date, due_on: datetime.date) -> Timeliness:
    """Done on or before the due day: on time; after it: late."""
    return Timeliness.ON_TIME if done_on <= due_on else Timeliness.LATE


def commitment_errors(
    *, content: str, has_responsible_body: bool, due_on: datetime.date | None, made_on: datetime.date | None
) -> dict[str, str]:
    """What a commitment must say: its content, a responsible body (an organisation or its name) and a
    due date not before the day it was made."""
    errors: dict[str, str] = {}
    if not content.strip():
        errors["content"] = "Cần ghi nội dung cam kết, kết luận."
    if not has_responsible_body:
        errors["responsible_organization"] = "Cần ghi cơ quan, đơn vị chịu trách nhiệm thực hiện cam kết."
    if due_on is None:
        errors["due_on"] = "Cần ghi hạn thực hiện cam kết."
    elif made_on is not None and due_on < made_on:
        errors["due_on"] = "Hạn thực hiện không được trước ngày đưa ra cam kết."
    return errors


def evidence_errors(*, note: str, files: int, reference: str) -> dict[str, str]:
    """A completion is reported with evidence: a note of what was done, and at least one file or a link
    or document number (Quy định 11-QĐi/TW: the result is reported back, and can be checked)."""
    errors: dict[str, str] = {}
    if not note.strip():
        errors["note"] = "Cần ghi kết quả đã thực hiện."
    if files <= 0 and not reference.strip():
        errors["evidence"] = (
            "Cần minh chứng: đính kèm ít nhất một tệp, hoặc ghi số văn bản hay đường dẫn chứng minh kết quả."
        )
    return errors


def done_on_errors(done_on: datetime.date, *, made_on: datetime.date, today: datetime.date) -> dict[str, str]:
    if done_on > today:
        return {"on": "Ngày thực hiện không được ở tương lai."}
    if done_on < made_on:
        return {"on": "Ngày thực hiện không được trước ngày đưa ra cam kết."}
    return {}


# --- meetings: attendance and issues -------------------------------------------------------------------


def attendance_errors(counts: Mapping[str, int | None]) -> dict[str, str]:
    """Attendance by group: known groups, whole numbers not below zero, and at least one person."""
    errors: dict[str, str] = {}
    labels = dict(Group.choices)
    for group, count in counts.items():
        if group not in labels:
            errors["attendance"] = f"Nhóm “{group}” không có trong danh mục."
            continue
        if count is None:
            continue
        if not isinstance(count, int) or isinstance(count, bool):
            errors[f"attendance_{group}"] = f"Số người dự ({labels[group]}) phải là số nguyên."
        elif count < 0:
            errors[f"attendance_{group}"] = f"Số người dự ({labels[group]}) không được âm."
        elif count > 1_000_000:
            errors[f"attendance_{group}"] = f"Số người dự ({labels[group]}) quá lớn."
    if not errors and sum(c or 0 for c in counts.values()) <= 0:
        errors["attendance"] = "Cần ghi số người dự (ít nhất một nhóm)."
    return errors


@dataclass(frozen=True)
class IssueIn:
    """One issue raised at a meeting, as entered."""

    text: str
    field: str = Field.OTHER
    raised_by_name: str = ""
    raised_by_group: str = ""
    petition_ref: str = ""
    answer: str = ""


def issue_errors(issues: Sequence[IssueIn], *, answered_declared: int | None = None) -> dict[str, str]:
    """Each issue has its text and a known field and group; "answered on the spot" cannot exceed raised."""
    errors: dict[str, str] = {}
    fields, groups = set(Field.values), set(Group.values)
    for n, issue in enumerate(issues, start=1):
        if not issue.text.strip():
            errors[f"issues-{n}-text"] = f"Ý kiến {n}: cần ghi nội dung ý kiến, kiến nghị."
        if issue.field not in fields:
            errors[f"issues-{n}-field"] = f"Ý kiến {n}: lĩnh vực “{issue.field}” không có trong danh mục."
        if issue.raised_by_group and issue.raised_by_group not in groups:
            errors[f"issues-{n}-raised_by_group"] = (
                f"Ý kiến {n}: nhóm “{issue.raised_by_group}” không có trong danh mục."
            )
    if answered_declared is not None:
        raised = len(issues)
        if answered_declared < 0:
            errors["issues_answered"] = "Số ý kiến đã trả lời tại chỗ không được âm."
        elif answered_declared > raised:
            errors["issues_answered"] = (
                f"Số ý kiến đã trả lời tại chỗ ({answered_declared}) nhiều hơn số ý kiến nêu ra ({raised})."
            )
    return errors


def meeting_errors(
    *,
    kind: str,
    topic: str,
    planned_on: datetime.date | None,
    has_host: bool,
    council: str,
    timing: str,
    invited_groups: Sequence[str],
) -> dict[str, str]:
    """A meeting's plan: its kind, topic, date and host; a voter contact names the council and whether it
    is before or after the session."""
    errors: dict[str, str] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = "Chọn loại: đối thoại trực tiếp hoặc tiếp xúc cử tri."
    if not topic.strip():
        errors["topic"] = "Cần ghi chủ đề, nội dung buổi làm việc."
    if planned_on is None:
        errors["planned_on"] = "Cần ghi ngày tổ chức."
    if not has_host:
        errors["host_name"] = "Cần ghi người chủ trì (chọn lãnh đạo hoặc ghi họ tên, chức vụ)."
    if kind == MeetingKind.VOTER_CONTACT:
        if council not in Council.values:
            errors["council"] = "Tiếp xúc cử tri: chọn kỳ họp của Quốc hội, HĐND tỉnh hay HĐND xã."
        if timing not in Timing.values:
            errors["timing"] = "Tiếp xúc cử tri: chọn trước hay sau kỳ họp."
    unknown = [g for g in invited_groups if g not in Group.values]
    if unknown:
        errors["invited_groups"] = f"Nhóm mời “{unknown[0]}” không có trong danh mục."
    return errors


# --- campaigns ---------------------------------------------------------------------------------------


def progress_errors(*, reached: int, agreeing: int, target: int | None) -> dict[str, str]:
    """Households reached and agreeing: not negative, agreeing ≤ reached ≤ the households to reach."""
    errors: dict[str, str] = {}
    if reached < 0:
        errors["reached"] = "Số hộ đã tiếp cận không được âm."
    if agreeing < 0:
        errors["agreeing"] = "Số hộ đồng thuận không được âm."
    if not errors and agreeing > reached:
        errors["agreeing"] = f"Số hộ đồng thuận ({agreeing}) nhiều hơn số hộ đã tiếp cận ({reached})."
    if not errors and target is not None and reached > target:
        errors["reached"] = f"Số hộ đã tiếp cận ({reached}) nhiều hơn số hộ cần vận động ({target})."
    return errors


def kept_label(kept: int, total: int) -> str:
    """ "Đã thực hiện 1/2 cam kết"."""
    from danvan.core.text import format_number

    return f"Đã thực hiện {format_number(kept)}/{format_number(total)} cam kết"
